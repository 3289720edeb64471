/**
 * Typed rows for the charts from an experiment's results (`steps.csv`, `summary.csv`,
 * `comparison.json`), as the experiment writes them. Every `parse*` function takes file contents
 * and is pure; `readExperimentDir` reads the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Comparison as AnalysisComparison, ComparisonRow as AnalysisRow } from '../experiment/analysis.js';
import { csvRecords, num } from './csv.js';

const readIf = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);

/** One row of an experiment's steps.csv: a metric's per-step aggregate across replications. */
export interface StepRow {
  scenario: string;
  set: number;
  hypothesis: string;
  step: number;
  date: string;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
  p10: number;
  p90: number;
}

/** One row of summary.csv; condition columns (between `set` and `hypothesis`) go into `params`. */
export interface SummaryRow {
  scenario: string;
  set: number;
  params: Record<string, number>;
  hypothesis: string;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  ciLow: number;
  ciHigh: number;
  median?: number;
  reached?: number;
}

/**
 * One row of comparison.json (hypothesis a minus b on the same seeds), as the experiment's
 * analysis writes it; the fields a chart can do without are optional, so hand-made rows serve too.
 */
type Optional = 'better' | 'meanA' | 'meanB' | 'leads' | 'margin' | 'pValue' | 'pAdjusted' | 'verdict' | 'replicationsNeeded';
/** (Folders analysed before the verdicts have no margin, pValue, pAdjusted, verdict nor replicationsNeeded: see `sideOf`.) */
export type ComparisonRow = Omit<AnalysisRow, Optional> & Partial<Pick<AnalysisRow, Optional>>;

export type Comparison = Omit<AnalysisComparison, 'level' | 'rows'> & {
  /** Confidence level of the intervals (e.g. 0.95). */
  level?: number;
  rows: ComparisonRow[];
};

export function parseStepsCsv(text: string): StepRow[] {
  return csvRecords(text).map((r) => ({
    scenario: r.scenario, set: num(r.set), hypothesis: r.hypothesis, step: num(r.step), date: r.date, metric: r.metric,
    n: num(r.n), mean: num(r.mean), sd: num(r.sd), ciLow: num(r.ciLow), ciHigh: num(r.ciHigh), p10: num(r.p10), p90: num(r.p90),
  }));
}

const SUMMARY_FIXED = new Set(['scenario', 'set', 'hypothesis', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'median', 'reached']);

export function parseSummaryCsv(text: string): SummaryRow[] {
  return csvRecords(text).map((r) => {
    const params: Record<string, number> = {};
    for (const [k, v] of Object.entries(r)) if (!SUMMARY_FIXED.has(k) && v !== '') params[k] = num(v);
    const row: SummaryRow = {
      scenario: r.scenario, set: num(r.set), params, hypothesis: r.hypothesis, metric: r.metric,
      n: num(r.n), mean: num(r.mean), sd: num(r.sd), ciLow: num(r.ciLow), ciHigh: num(r.ciHigh),
    };
    if ('median' in r) row.median = num(r.median);
    if ('reached' in r) row.reached = num(r.reached);
    return row;
  });
}

/**
 * comparison.json: either one comparison `{ a, b, rows }` or `{ comparisons: [...] }` (one per
 * pair of hypotheses). Always returns a list.
 */
export function parseComparisonJson(text: string): Comparison[] {
  const json = JSON.parse(text) as { comparisons?: Comparison[] } & Partial<Comparison>;
  const list = Array.isArray(json.comparisons) ? json.comparisons : [json as Comparison];
  return list.map((c) => ({
    a: c.a,
    b: c.b,
    level: c.level,
    rows: (c.rows ?? []).map((r) => ({ ...r, params: r.params ?? {} })),
  }));
}

export interface ExperimentData {
  steps: StepRow[];
  summary: SummaryRow[];
  comparisons: Comparison[];
}

/** Reads an experiment's result files (each optional). */
export function readExperimentDir(dir: string): ExperimentData {
  const steps = readIf(join(dir, 'steps.csv'));
  const summary = readIf(join(dir, 'summary.csv'));
  const comparison = readIf(join(dir, 'comparison.json'));
  return {
    steps: steps === null ? [] : parseStepsCsv(steps),
    summary: summary === null ? [] : parseSummaryCsv(summary),
    comparisons: comparison === null ? [] : parseComparisonJson(comparison),
  };
}

