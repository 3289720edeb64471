/**
 * Why did A's trust in B move? `explainPair` decomposes the change in one directed pair's trust
 * over a range of steps, exactly, into the events that moved it and the forgetting between them
 * (in probability, each event by the change it made when it happened; and in log-odds). It
 * reads a run either from a run folder (`readRunDir`) or from a `simulate()` result in memory
 * (`runFromResult`).
 */
export { explainPair, queryProblems, ATTRIBUTION, DEFAULT_PERIODS, DEFAULT_TOP } from './explain.js';
export type { ExplainQuery, PairExplanation, ContributionGroup, ContributionKind, EventContribution, Endpoint, Period, SmallerContributions } from './explain.js';
export { readRunDir, explainRun, runScenario } from './read-run.js';
export { runFromResult, buildRows } from './run.js';
export type { ExplainRun, TrustRow, NoteRow, RowOutcome, LogEntry } from './run.js';
