/**
 * Turns an experiment folder's data into its results: `runs.csv`, `summary.csv`, `steps.csv`,
 * `comparison.json` and `comparison.txt` (the rows are built in rows.ts, their verdicts decided
 * in decide.ts once every cell is in, as the p-values are adjusted across cells). A pure function of
 * plan.json and the data files: the same bytes however the runs were spread over workers,
 * interruptions or shards.
 *
 * Each file is written under a temporary name (`.NAME.tmp-PID`) and renamed into place once
 * all are complete; a stop (the signal) or a failed write removes the temporaries, so the
 * folder never holds half of a result file. Memory is bounded by one (scenario, parameter set)
 * at a time, and one trace metric at a time.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { syncFolder, temporaryName } from '../io/output.js';
import { TRACE_WIDTH } from './metrics.js';
import type { PlanInfo } from './plan-info.js';
import { traceOffsets } from './layout.js';
import { comparisonRows, comparisonText, hypothesisPairs, runRows, RUNS_HEADER, stepRows, STEPS_HEADER, summaryRows, SUMMARY_HEADER, type Comparison, type PendingRow } from './rows.js';
import { decideComparison } from './decide.js';
import { onFile, readRecords, readTraces, writeAll } from './store.js';

export { comparisonText, type Comparison, type ComparisonRow } from './rows.js';

export const RESULT_FILES = ['runs.csv', 'summary.csv', 'steps.csv', 'comparison.json', 'comparison.txt'] as const;

/** Streams lines to a temporary file; `commit` renames it into place. */
class TemporaryFile {
  readonly tmp: string;
  private fd: number | null;
  private buf: string[] = [];
  private size = 0;
  constructor(readonly file: string) {
    this.tmp = temporaryName(file);
    this.fd = openSync(this.tmp, 'w');
  }
  lines(ls: readonly string[]): void {
    for (const s of ls) {
      this.buf.push(s, '\n');
      this.size += s.length + 1;
    }
    if (this.size > 1 << 20) this.drain();
  }
  private drain(): void {
    onFile(this.file, () => writeAll(this.fd!, this.buf.join('')));
    this.buf = [];
    this.size = 0;
  }
  /** Writes what is buffered and syncs it; the file is then complete under its temporary name. */
  close(): void {
    this.drain();
    onFile(this.file, () => fsyncSync(this.fd!));
    closeSync(this.fd!);
    this.fd = null;
  }
  discard(): void {
    if (this.fd !== null) { try { closeSync(this.fd); } catch { /* already failed */ } this.fd = null; }
    rmSync(this.tmp, { force: true });
  }
}

export interface AnalyseOptions {
  /** Stops between blocks (Ctrl-C): no result file is written, the data stay as they are. */
  signal?: AbortSignal;
  /** Called after each (scenario, parameter set) with the blocks done and the total. */
  onBlock?: (done: number, total: number) => void;
}

/**
 * Writes every result file into `dir`; resolves to the comparisons, or to null when the signal
 * stopped it (then nothing was written).
 */
export async function analyse(dir: string, info: PlanInfo, o: AnalyseOptions = {}): Promise<Comparison[] | null> {
  const H = info.hypotheses.length, R = info.replications, P = info.sets.length;
  const pairs = hypothesisPairs(info);
  // The comparisons are decided once every cell is in: the p-values are adjusted across cells.
  const pending: PendingRow[][] = pairs.map(() => []);
  const files: TemporaryFile[] = [];
  const open = (name: string) => { const f = new TemporaryFile(join(dir, name)); files.push(f); return f; };
  try {
    const runs = open('runs.csv'), summary = open('summary.csv'), steps = open('steps.csv');
    runs.lines([RUNS_HEADER(info)]);
    summary.lines([SUMMARY_HEADER(info)]);
    steps.lines([STEPS_HEADER]);
    const offsets = traceOffsets({ scenarios: info.scenarios, sets: info.sets, replications: R, hypotheses: info.hypotheses });
    const total = info.scenarios.length * P;
    for (let s = 0; s < info.scenarios.length; s++) {
      for (let p = 0; p < P; p++) {
        // Between blocks, let a Ctrl-C (or a kill) be handled.
        await new Promise((r) => setImmediate(r));
        if (o.signal?.aborted) return null;
        const block = { scenario: s, set: p, records: readRecords(dir, (s * P + p) * R * H, R * H) };
        runs.lines(runRows(info, block));
        summary.lines(summaryRows(info, block));
        comparisonRows(info, block).forEach((rows, c) => pending[c].push(...rows));
        const perRun = info.scenarios[s].steps * TRACE_WIDTH;
        const base = offsets[s] + p * R * H * perRun;
        steps.lines(stepRows(info, s, p, (run, count) => readTraces(dir, base + run * perRun, count * perRun)));
        o.onBlock?.(s * P + p + 1, total);
      }
    }
    await new Promise((r) => setImmediate(r));
    if (o.signal?.aborted) return null;
    const comparisons: Comparison[] = pairs.map(([a, b], c) => ({
      a: info.hypotheses[a], b: info.hypotheses[b], level: info.analysis.level,
      rows: decideComparison(pending[c], info.hypotheses[a], info.hypotheses[b], info.analysis.level),
    }));
    // JSON has no infinities: an effect size of +-Infinity (every paired difference the same, and
    // not zero) is written as the string "Infinity" or "-Infinity"; NaN (undefined) as null.
    const finiteJson = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) ? (v > 0 ? 'Infinity' : '-Infinity') : v);
    open('comparison.json').lines([JSON.stringify({ comparisons }, finiteJson, 2)]);
    open('comparison.txt').lines([comparisonText(info, comparisons)]);
    for (const f of files) f.close();
    for (const f of files) renameSync(f.tmp, f.file);
    files.length = 0;
    syncFolder(dir);
    return comparisons;
  } finally {
    for (const f of files) f.discard();
  }
}

