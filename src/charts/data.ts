/**
 * Typed rows for the charts, read from a run's folder (`run.json`, `series.csv`, `pairs.csv`,
 * `events.jsonl`, `final.json`) or an experiment's results (`steps.csv`, `summary.csv`,
 * `comparison.json`). Every `parse*` function takes file contents and is pure; `readRunDir` and
 * `readExperimentDir` read the files. `runData` builds the same rows from an in-process run.
 */
import type { Comparison as AnalysisComparison, ComparisonRow as AnalysisRow } from '../experiment/analysis.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventsJsonl, finalJson, pairsCsv, seriesCsv, type RunResult } from '../index.js';

// --- CSV -----------------------------------------------------------------------------------

/** Splits CSV text (RFC 4180 quoting) into rows of cells; a trailing newline adds no row. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV text as objects keyed by the header row. */
export function csvRecords(text: string): Record<string, string>[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0];
  return rows.slice(1).filter((r) => r.length > 1 || r[0] !== '').map((r) => {
    const o: Record<string, string> = {};
    header.forEach((h, k) => (o[h] = r[k] ?? ''));
    return o;
  });
}

/** A CSV number; an empty cell is NaN. */
const num = (s: string | undefined): number => (s === undefined || s === '' ? Number.NaN : Number(s));

// --- One run -------------------------------------------------------------------------------

/** run.json. */
export interface RunManifest {
  scenario: { name: string; file?: string; sha256?: string };
  seed: string | number;
  hypothesis: string;
  steps?: number;
  modelVersion?: string;
  [key: string]: unknown;
}

/** One row of series.csv: step, date (YYYY-MM) and every other column by name. */
export interface SeriesRow {
  step: number;
  date: string;
  values: Record<string, number>;
}

/** One row of pairs.csv: `from`'s trust in `to` at a step. */
export interface PairRow {
  step: number;
  date: string;
  from: string;
  to: string;
  trust: number;
}

/** One line of events.jsonl (fields by kind; see docs/MODEL.md section 10). */
export interface EventRow {
  step: number;
  date: string;
  kind: string;
  from?: string | null;
  to?: string | null;
  activity?: string;
  heeded?: boolean;
  misread?: boolean;
  deceived?: boolean;
  suspicious?: boolean;
  observer?: string;
  subject?: string;
  drift?: number;
  delta?: number;
  trust?: number;
  between?: [string, string];
  escalated?: boolean;
  tension?: number;
  state?: string;
  group?: string;
  pressure?: number;
  forum?: string;
  members?: number;
  trustee?: string;
  truster?: string;
  relied?: boolean;
  honoured?: boolean;
}

/** final.json. */
export interface FinalData {
  states: string[];
  step: number;
  date: string;
  /** trust[i][j]: i's trust in j. */
  trust: number[][];
  tension: number[][];
  habit: number[][];
  understanding: number[][];
  agreements: [string, string][];
  outcomes: Record<string, number>;
  perState: { id: string; gains: number; losses: number; defections: number; capability: number; budget: number }[];
}

/** Everything a run folder holds, as typed rows (missing optional files give empty arrays). */
export interface RunData {
  manifest: RunManifest | null;
  series: SeriesRow[];
  pairs: PairRow[];
  events: EventRow[];
  final: FinalData;
}

export function parseSeriesCsv(text: string): SeriesRow[] {
  const rows = parseCsv(text);
  if (rows.length === 0) return [];
  const header = rows[0];
  const stepCol = header.indexOf('step');
  const dateCol = header.indexOf('date');
  if (stepCol < 0 || dateCol < 0) throw new Error('series.csv: no step or date column');
  return rows.slice(1).filter((r) => r.length === header.length).map((r) => {
    const values: Record<string, number> = {};
    header.forEach((h, k) => {
      if (k !== stepCol && k !== dateCol) values[h] = num(r[k]);
    });
    return { step: num(r[stepCol]), date: r[dateCol], values };
  });
}

export function parsePairsCsv(text: string): PairRow[] {
  return csvRecords(text).map((r) => ({ step: num(r.step), date: r.date, from: r.from, to: r.to, trust: num(r.trust) }));
}

export function parseEventsJsonl(text: string): EventRow[] {
  const out: EventRow[] = [];
  for (const line of text.split('\n')) if (line.trim() !== '') out.push(JSON.parse(line) as EventRow);
  return out;
}

export function parseFinalJson(text: string): FinalData {
  return JSON.parse(text) as FinalData;
}

export function parseRunJson(text: string): RunManifest {
  return JSON.parse(text) as RunManifest;
}

const readIf = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);

/** Reads a run folder written by `npm run simulate` (pairs.csv and events.jsonl are optional). */
export function readRunDir(dir: string): RunData {
  const final = readIf(join(dir, 'final.json'));
  const series = readIf(join(dir, 'series.csv'));
  if (final === null || series === null) throw new Error(`${dir}: not a run folder (no final.json or series.csv)`);
  const manifest = readIf(join(dir, 'run.json'));
  const pairs = readIf(join(dir, 'pairs.csv'));
  const events = readIf(join(dir, 'events.jsonl'));
  return {
    manifest: manifest === null ? null : parseRunJson(manifest),
    series: parseSeriesCsv(series),
    pairs: pairs === null ? [] : parsePairsCsv(pairs),
    events: events === null ? [] : parseEventsJsonl(events),
    final: parseFinalJson(final),
  };
}

/** The same rows from an in-process run (`simulate(...)`), through the file formats themselves. */
export function runData(r: RunResult, scenarioName?: string): RunData {
  return {
    manifest: { scenario: { name: scenarioName ?? r.world.name ?? '' }, seed: r.seed, hypothesis: r.hypothesis, steps: r.series.rows },
    series: parseSeriesCsv(seriesCsv(r)),
    pairs: parsePairsCsv(pairsCsv(r)),
    events: parseEventsJsonl(eventsJsonl(r)),
    final: parseFinalJson(finalJson(r)),
  };
}

// --- Experiments ---------------------------------------------------------------------------

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
export type ComparisonRow = Omit<AnalysisRow, 'better' | 'meanA' | 'meanB' | 'leads'> & Partial<Pick<AnalysisRow, 'better' | 'meanA' | 'meanB' | 'leads'>>;

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

// --- Dates ---------------------------------------------------------------------------------

/** A YYYY-MM calendar month as a UTC Date (first of the month). */
export function monthDate(date: string): Date {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, 1));
}

/** "March 2014" for "2014-03". */
export function monthLabel(date: string): string {
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const [y, m] = date.split('-').map(Number);
  return Number.isFinite(m) && m >= 1 && m <= 12 ? `${names[m - 1]} ${y}` : date;
}
