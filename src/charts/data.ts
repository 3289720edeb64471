/**
 * Typed rows for the charts: of one run (run-data.ts, derived from the one read of a run folder)
 * and of an experiment's results (experiment-data.ts); CSV parsing (csv.ts); calendar months
 * (src/model/calendar.ts).
 */
export { parseCsv, csvRecords } from './csv.js';
export { runData, runDataOf } from './run-data.js';
export type { RunData, RunManifest, SeriesRow, PairRow, EventRow, FinalData } from './run-data.js';
export { parseStepsCsv, parseSummaryCsv, parseComparisonJson, readExperimentDir } from './experiment-data.js';
export type { StepRow, SummaryRow, ComparisonRow, Comparison, ExperimentData } from './experiment-data.js';
export { monthDate, monthLabel } from '../model/calendar.js';
