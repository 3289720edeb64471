/**
 * A run folder's file contents -> checked values. Every problem is collected with its file and
 * line (at most MAX_PROBLEMS_PER_FILE a file, then a count): a damaged file is told, never read
 * as something it is not. Numbers must be finite where numbers are written.
 */
import type { z } from 'zod';
import { formatPath } from '../../io/document.js';
import type { Problem } from '../../io/problem.js';
import { MONTH_PATTERN } from '../../model/calendar.js';
import { EventRow } from './schema.js';

/** At most this many problems in one file are listed (a corrupt file would give thousands). */
export const MAX_PROBLEMS_PER_FILE = 10;

/** One row of series.csv: step, date (YYYY-MM) and every other column by name. */
export interface SeriesRow {
  step: number;
  date: string;
  values: Record<string, number>;
}

/** Collects one file's problems, listing the first few. */
export class FileProblems {
  private found = 0;
  constructor(readonly file: string, private readonly problems: Problem[]) {}
  add(line: number, message: string, path = ''): void {
    if (this.found++ < MAX_PROBLEMS_PER_FILE) this.problems.push({ file: this.file, path, line, column: line > 0 ? 1 : 0, message });
  }
  get count(): number { return this.found; }
  /** Adds the count of the problems not listed; whether the file had none. */
  close(): boolean {
    if (this.found > MAX_PROBLEMS_PER_FILE) this.problems.push({ file: this.file, path: '', line: 0, column: 0, message: `and ${this.found - MAX_PROBLEMS_PER_FILE} more problems` });
    return this.found === 0;
  }
}

/** The lines of a text that ends in a newline (a last line without one is kept). */
function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** A JSON file checked against its schema; null (with problems) when it is not valid. */
export function parseJsonFile<S extends z.ZodType>(text: string, file: string, schema: S, what: string, problems: Problem[]): z.output<S> | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    problems.push({ file, path: '', line: 0, column: 0, message: `is not valid JSON (${e instanceof Error ? e.message : String(e)}); expected ${what}` });
    return null;
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues.slice(0, MAX_PROBLEMS_PER_FILE)) {
    problems.push({ file, path: formatPath(issue.path), line: 0, column: 0, message: `${issue.message.replace(/^Invalid input: /, '')} (expected ${what})` });
  }
  return null;
}

/** series.csv: the initial state (step 0), then one row per step, steps 1, 2... with their months, every other cell a finite number. */
export function parseSeries(text: string, file: string, problems: Problem[]): { columns: string[]; rows: SeriesRow[] } | null {
  const bad = new FileProblems(file, problems);
  const all = lines(text);
  const header = (all[0] ?? '').split(',');
  if (header[0] !== 'step' || header[1] !== 'date') {
    bad.add(1, 'expected a header starting "step,date"');
    bad.close();
    return null;
  }
  const columns = header.slice(2);
  const rows: SeriesRow[] = [];
  for (let k = 1; k < all.length; k++) {
    const cells = all[k].split(',');
    const shown = `"${all[k].slice(0, 40)}${all[k].length > 40 ? '...' : ''}"`;
    if (cells.length !== header.length) { bad.add(k + 1, `expected ${header.length} cells, got ${cells.length}: ${shown}`); continue; }
    if (cells[0] !== String(k - 1) || !MONTH_PATTERN.test(cells[1])) { bad.add(k + 1, `expected step ${k - 1} and its date (YYYY-MM), got ${shown}`); continue; }
    const values: Record<string, number> = {};
    for (let c = 2; c < cells.length; c++) {
      const v = cells[c] === '' ? Number.NaN : Number(cells[c]);
      if (!Number.isFinite(v)) { bad.add(k + 1, `${header[c]}: expected a finite number, got "${cells[c].slice(0, 20)}"`); break; }
      values[header[c]] = v;
    }
    rows.push({ step: k - 1, date: cells[1], values });
  }
  if (bad.count === 0 && rows.length === 0) bad.add(0, 'has no steps');
  return bad.close() ? { columns, rows } : null;
}

/** pairs.csv: every directed pair's trust at every step (0 the initial state; `steps` counts it), as `[step * n * n + i * n + j]`. */
export function parsePairs(text: string, file: string, ids: readonly string[], steps: number, problems: Problem[]): Float64Array | null {
  const bad = new FileProblems(file, problems);
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Float64Array(steps * n * n).fill(Number.NaN);
  const all = lines(text);
  if (all[0] !== 'step,date,from,to,trust') {
    bad.add(1, 'expected the header "step,date,from,to,trust"');
    bad.close();
    return null;
  }
  for (let k = 1; k < all.length; k++) {
    const cells = all[k].split(',');
    const t = Number(cells[0]), i = index.get(cells[2]), j = index.get(cells[3]), v = Number(cells[4]);
    if (cells.length !== 5 || !Number.isInteger(t) || t < 0 || t >= steps || i === undefined || j === undefined || !(v > 0 && v < 1)) {
      bad.add(k + 1, `expected step,date,from,to,trust with a step of the run, two state ids and a probability, got "${all[k].slice(0, 60)}"`);
      continue;
    }
    out[t * n * n + i * n + j] = v;
  }
  for (let p = 0; p < out.length && bad.count === 0; p++) {
    const i = Math.floor(p / n) % n, j = p % n;
    if (i !== j && Number.isNaN(out[p])) bad.add(0, `has no row for step ${Math.floor(p / (n * n))}, ${ids[i]} -> ${ids[j]}`);
  }
  return bad.close() ? out : null;
}

/**
 * events.jsonl: one event a line, each valid for its kind, in step order, at steps of the run,
 * naming states of the run; a trust row's trust before and after its forgetting and its event
 * (trust - delta - drift) are probabilities.
 */
export function parseEvents(text: string, file: string, ids: ReadonlySet<string>, steps: number, problems: Problem[]): EventRow[] | null {
  const bad = new FileProblems(file, problems);
  const out: EventRow[] = [];
  let lastStep = 0;
  const all = lines(text);
  for (let k = 0; k < all.length; k++) {
    const line = k + 1;
    let data: unknown;
    try { data = JSON.parse(all[k]); } catch { bad.add(line, 'expected one JSON object per line'); continue; }
    const parsed = EventRow.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      bad.add(line, `${issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''}${issue.message.replace(/^Invalid input: /, '')}`);
      continue;
    }
    const e = parsed.data;
    // Step 0 is the initial state, before any activity: events happen at steps 1 .. steps - 1.
    if (e.step < 1 || e.step >= steps) { bad.add(line, `step: expected a step from 1 to ${steps - 1} (step 0 is the initial state, before any event), got ${e.step}`); continue; }
    if (e.step < lastStep) { bad.add(line, `step: ${e.step} comes after step ${lastStep}; events must be in the order they happened`); continue; }
    lastStep = e.step;
    if (e.observer !== undefined) {
      const unknown = [e.observer, e.subject!].find((id) => !ids.has(id));
      if (unknown !== undefined) { bad.add(line, `observer, subject: expected state ids of final.json, got "${unknown}"`); continue; }
      const p1 = e.trust! - e.delta!, p0 = p1 - e.drift!;
      if (!(p1 > 0 && p1 < 1 && p0 > 0 && p0 < 1)) { bad.add(line, 'trust - delta - drift: expected probabilities strictly between 0 and 1'); continue; }
    }
    out.push(e);
  }
  return bad.close() ? out : null;
}
