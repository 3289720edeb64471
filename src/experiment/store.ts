/**
 * An experiment's results on disk, written as runs finish and safe against interruption.
 *
 * - `data/records.f64`: every run's record at a fixed place (run x RECORD_WIDTH doubles).
 * - `data/traces.f32`: every run's per-step trace at a fixed place (see plan.traceOffsets).
 * - `data/done.log`: one line `start end` per finished batch, appended only after the batch's
 *   numbers are on disk (data files are synced before the lines that name them are written
 *   and synced). A torn last line is ignored (and cut off before new lines are appended); a
 *   batch not in the log is simply run again.
 *
 * Because every run has its own place, the files hold the same bytes whatever the number of
 * workers, the order in which batches finish, the interruptions, or the shards they came from.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RECORD_WIDTH, TRACE_WIDTH } from './metrics.js';
import type { BatchResult } from './batch.js';
import { traceAt, traceOffsets, type Layout, type Plan, type PlanScenario } from './plan.js';

export const DATA_DIR = 'data';
export const PLAN_FILE = 'plan.json';

/** What the analysis and a merge need of the plan; written to plan.json. */
export interface PlanInfo {
  format: 'entente-experiment/1';
  key: string;
  name: string;
  description: string;
  experimentFile: string;
  experimentSha256: string;
  scenarios: (Omit<PlanScenario, 'scenario'> & { start: string; stepMonths: number; ids: string[] })[];
  sets: Record<string, number>[];
  conditionNames: string[];
  hypotheses: string[];
  replications: number;
  runs: number;
  batches: number;
  batchSize: number;
  baseSeed: string | number;
  metrics: string[];
  thresholds: { confidence: number; recovery: number };
  analysis: { resamples: number; level: number };
  shard: { k: number; n: number } | null;
}

export function planInfo(p: Plan, batchSize: number, shard: { k: number; n: number } | null): PlanInfo {
  return {
    format: 'entente-experiment/1',
    key: p.key, name: p.experiment.name, description: p.experiment.description,
    experimentFile: p.experimentFile, experimentSha256: p.experimentSha256,
    scenarios: p.scenarios.map((s) => ({
      file: s.file, name: s.name, sha256: s.sha256, steps: s.steps,
      start: s.scenario.calendar.start, stepMonths: s.scenario.calendar.stepMonths, ids: s.scenario.states.map((st) => st.id),
    })),
    sets: p.sets, conditionNames: p.conditionNames, hypotheses: p.hypotheses, replications: p.replications,
    runs: p.runs, batches: p.batches, batchSize, baseSeed: p.experiment.baseSeed,
    metrics: p.metrics.map((m) => m.name), thresholds: p.experiment.thresholds, analysis: p.experiment.analysis, shard,
  };
}

/** Batches that belong to shard k of n (1-based k): batch b when b mod n = k - 1. */
export function shardBatches(batches: number, shard: { k: number; n: number } | null): number[] {
  const out: number[] = [];
  for (let b = 0; b < batches; b++) if (shard === null || b % shard.n === shard.k - 1) out.push(b);
  return out;
}

export function batchRange(info: Pick<PlanInfo, 'runs' | 'batchSize'>, b: number): [number, number] {
  return [b * info.batchSize, Math.min(info.runs, (b + 1) * info.batchSize)];
}

/** Finished batches listed in a done log (whole lines only). */
export function readDone(dir: string, info: Pick<PlanInfo, 'runs' | 'batchSize'> & Layout): Set<number> {
  const file = join(dir, DATA_DIR, 'done.log');
  const done = new Set<number>();
  if (!existsSync(file)) return done;
  // A batch counts as done only if its numbers are inside the data files (a file cut short by
  // damage loses the batches it no longer holds; they are run again).
  const size = (name: string) => { try { return statSync(join(dir, DATA_DIR, name)).size; } catch { return 0; } };
  const recordBytes = size('records.f64'), traceBytes = size('traces.f32');
  const offsets = traceOffsets(info);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.pop(); // the part after the last newline is either empty or torn
  for (const line of lines) {
    const m = /^(\d+) (\d+)$/.exec(line);
    if (m === null) continue;
    const start = Number(m[1]);
    if (start % info.batchSize !== 0) continue;
    const b = start / info.batchSize;
    const end = Number(m[2]);
    if (batchRange(info, b)[1] !== end) continue;
    const traceEnd = end < info.runs ? traceAt(info, offsets, end) : offsets[offsets.length - 1];
    if (end * RECORD_WIDTH * 8 <= recordBytes && traceEnd * 4 <= traceBytes) done.add(b);
  }
  return done;
}

export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  const fd = openSync(tmp, 'r');
  try { fsyncSync(fd); } finally { closeSync(fd); }
  renameSync(tmp, file);
  syncDir(dirname(file));
}

/** Makes a folder's entries (new files, renames) durable; a no-op where folders cannot be synced. */
export function syncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems cannot sync a folder; the files themselves are synced.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Writes every byte of `data` (at `position` when given), however many calls it takes. */
export function writeAll(fd: number, data: Uint8Array | string, position?: number): void {
  const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let done = 0;
  while (done < buf.length) {
    const n = writeSync(fd, buf, done, buf.length - done, position === undefined ? null : position + done);
    if (n <= 0) throw new Error('could not write the results to disk (no space left?)');
    done += n;
  }
}

/** Open data files of an experiment folder, for writing batches as they come. */
export class Store {
  private readonly records: number;
  private readonly traces: number;
  private readonly done: number;
  private pending: string[] = [];
  private readonly offsets: number[];

  constructor(readonly dir: string, private readonly plan: Layout) {
    mkdirSync(join(dir, DATA_DIR), { recursive: true });
    const open = (name: string) => openSync(join(dir, DATA_DIR, name), existsSync(join(dir, DATA_DIR, name)) ? 'r+' : 'w+');
    this.records = open('records.f64');
    this.traces = open('traces.f32');
    // A torn last line (a power loss while it was written) is cut off, so that the next line
    // appended does not run into it and the batch it records is not lost.
    const log = join(dir, DATA_DIR, 'done.log');
    if (existsSync(log)) {
      const text = readFileSync(log);
      const whole = text.lastIndexOf(0x0a) + 1;
      if (whole < text.length) truncateSync(log, whole);
    }
    this.done = openSync(log, 'a');
    this.offsets = traceOffsets(plan);
  }

  /** Puts a batch's numbers in their places; its done line is written at the next flush. */
  write(r: BatchResult): void {
    writeAll(this.records, new Uint8Array(r.records.buffer, r.records.byteOffset, r.records.byteLength), r.start * RECORD_WIDTH * 8);
    writeAll(this.traces, new Uint8Array(r.traces.buffer, r.traces.byteOffset, r.traces.byteLength), traceAt(this.plan, this.offsets, r.start) * 4);
    this.pending.push(`${r.start} ${r.end}\n`);
  }

  /** Makes written batches durable, then records them as done. */
  flush(): void {
    if (this.pending.length === 0) return;
    fsyncSync(this.records);
    fsyncSync(this.traces);
    writeAll(this.done, this.pending.join(''));
    fsyncSync(this.done);
    this.pending = [];
  }

  close(): void {
    this.flush();
    closeSync(this.records);
    closeSync(this.traces);
    closeSync(this.done);
  }
}

/** Reads `count` records from run `start` of an experiment folder. */
export function readRecords(dir: string, start: number, count: number): Float64Array {
  const out = new Float64Array(count * RECORD_WIDTH);
  readAt(join(dir, DATA_DIR, 'records.f64'), Buffer.from(out.buffer), start * RECORD_WIDTH * 8);
  return out;
}

/** Reads `length` trace numbers from position `at` (in numbers). */
export function readTraces(dir: string, at: number, length: number): Float32Array {
  const out = new Float32Array(length);
  readAt(join(dir, DATA_DIR, 'traces.f32'), Buffer.from(out.buffer), at * 4);
  return out;
}

function readAt(file: string, into: Buffer, position: number): void {
  const fd = openSync(file, 'r');
  try {
    let got = 0;
    while (got < into.length) {
      const n = readSync(fd, into, got, into.length - got, position + got);
      if (n === 0) throw new Error(`${file} is shorter than its done log says (damaged?); results are missing: run the experiment again into a new folder`);
      got += n;
    }
  } finally { closeSync(fd); }
}

export { TRACE_WIDTH };
