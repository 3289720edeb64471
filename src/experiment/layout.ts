/**
 * Where every run of an experiment lives: run numbers and their coordinates, and the places of
 * runs' traces in the traces file. Runs are numbered scenario-major: run = ((scenario * sets +
 * set) * replications + rep) * hypotheses + hypothesis, so the hypotheses of one replication sit
 * side by side and share one seed (common random numbers).
 */
import { TRACE_WIDTH } from './metrics.js';

/** Runs handed to a worker at a time; part of the plan so that shards do not depend on workers. */
export const BATCH_SIZE = 25;

/** What the layout of the data files depends on. */
export interface Layout {
  scenarios: readonly { steps: number }[];
  sets: readonly unknown[];
  replications: number;
  hypotheses: readonly unknown[];
}

export interface RunCoords { scenario: number; set: number; replication: number; hypothesis: number }

export function runCoords(p: Omit<Layout, 'scenarios'>, run: number): RunCoords {
  const H = p.hypotheses.length, R = p.replications, P = p.sets.length;
  const hypothesis = run % H;
  const rest = (run - hypothesis) / H;
  const replication = rest % R;
  const rest2 = (rest - replication) / R;
  return { scenario: Math.floor(rest2 / P), set: rest2 % P, replication, hypothesis };
}

export function runIndex(p: Omit<Layout, 'scenarios'>, c: RunCoords): number {
  return ((c.scenario * p.sets.length + c.set) * p.replications + c.replication) * p.hypotheses.length + c.hypothesis;
}

/** Where a run's trace starts in the traces file, in numbers (not bytes). */
export function traceOffsets(p: Layout): number[] {
  const perScenario = p.sets.length * p.replications * p.hypotheses.length;
  const offsets: number[] = [];
  let at = 0;
  for (const s of p.scenarios) { offsets.push(at); at += perScenario * s.steps * TRACE_WIDTH; }
  offsets.push(at);
  return offsets;
}

export function traceAt(p: Layout, offsets: number[], run: number): number {
  const perScenario = p.sets.length * p.replications * p.hypotheses.length;
  const s = Math.floor(run / perScenario);
  return offsets[s] + (run - s * perScenario) * p.scenarios[s].steps * TRACE_WIDTH;
}

/** Where the traces of runs [start, end) lie in the traces file, in numbers: [from, to). */
export function traceSpan(p: Layout & { runs: number }, offsets: number[], start: number, end: number): [number, number] {
  return [traceAt(p, offsets, start), end < p.runs ? traceAt(p, offsets, end) : offsets[offsets.length - 1]];
}
