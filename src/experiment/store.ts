/**
 * An experiment's results on disk, written as runs finish and safe against interruption.
 *
 * - `data/records.f64`: every run's record at a fixed place (run x RECORD_WIDTH doubles).
 * - `data/traces.f32`: every run's per-step trace at a fixed place (see layout.traceOffsets).
 * - `data/done.log`: one line `start end records-sha256 traces-sha256` per finished batch,
 *   appended only after the batch's numbers are on disk (data files are synced before the lines
 *   that name them are written and synced). A torn last line is ignored (and cut off before new
 *   lines are appended); a batch not in the log is simply run again.
 *
 * The checksums are of the batch's bytes in each data file: a resume verifies every batch it
 * would keep and runs a damaged one again; a merge refuses a damaged shard, naming the file.
 * Because every run has its own place, the files hold the same bytes whatever the number of
 * workers, the order in which batches finish, the interruptions, or the shards they came from.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../io/hash.js';
import type { BatchResult } from './batch.js';
import { traceAt, traceOffsets, traceSpan, type Layout } from './layout.js';
import { RECORD_WIDTH, TRACE_WIDTH } from './metrics.js';
import { batchRange, type PlanInfo } from './plan-info.js';

export { batchRange, PLAN_FILE, planInfo, shardBatches, type PlanInfo } from './plan-info.js';

export const DATA_DIR = 'data';
export const RECORDS_FILE = 'records.f64';
export const TRACES_FILE = 'traces.f32';
export const DONE_FILE = 'done.log';

/** What the store needs of the plan. */
export type StoreLayout = Layout & Pick<PlanInfo, 'runs' | 'batchSize'>;

/** A done log's line for a batch: its runs and the checksums of its bytes in each data file. */
export interface DoneEntry { start: number; end: number; records: string; traces: string }

function bytesOf(a: Float64Array | Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** The done log's batches (whole, well-formed lines only; the last line for a batch wins). */
export function readDoneLog(dir: string, info: Pick<PlanInfo, 'runs' | 'batchSize'>): Map<number, DoneEntry> {
  const file = join(dir, DATA_DIR, DONE_FILE);
  const done = new Map<number, DoneEntry>();
  if (!existsSync(file)) return done;
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.pop(); // the part after the last newline is either empty or torn
  for (const line of lines) {
    const m = /^(\d+) (\d+) ([0-9a-f]{64}) ([0-9a-f]{64})$/.exec(line);
    if (m === null) continue;
    const start = Number(m[1]), end = Number(m[2]);
    if (start % info.batchSize !== 0) continue;
    const b = start / info.batchSize;
    if (b >= Math.ceil(info.runs / info.batchSize) || batchRange(info, b)[1] !== end) continue;
    done.set(b, { start, end, records: m[3], traces: m[4] });
  }
  return done;
}

/** A batch whose bytes on disk are not the ones its done line vouches for. */
export interface DamagedBatch { batch: number; file: string }

/**
 * Finished batches: in the done log and with their bytes in both data files matching the
 * logged checksums. `damaged` names the batches the log lists whose bytes differ (or are cut
 * off), with the first file found wrong.
 */
export function verifiedDone(dir: string, info: StoreLayout): { done: Set<number>; damaged: DamagedBatch[] } {
  const done = new Set<number>();
  const damaged: DamagedBatch[] = [];
  const log = readDoneLog(dir, info);
  if (log.size === 0) return { done, damaged };
  const offsets = traceOffsets(info);
  const records = join(dir, DATA_DIR, RECORDS_FILE), traces = join(dir, DATA_DIR, TRACES_FILE);
  for (const [b, e] of [...log].sort((x, y) => x[0] - y[0])) {
    const rec = readRange(records, e.start * RECORD_WIDTH * 8, (e.end - e.start) * RECORD_WIDTH * 8);
    if (rec === null || sha256(rec) !== e.records) { damaged.push({ batch: b, file: records }); continue; }
    const [from, to] = traceSpan(info, offsets, e.start, e.end);
    const tr = readRange(traces, from * 4, (to - from) * 4);
    if (tr === null || sha256(tr) !== e.traces) { damaged.push({ batch: b, file: traces }); continue; }
    done.add(b);
  }
  return { done, damaged };
}

/** `length` bytes of a file from `position`, or null when the file is missing or shorter. */
function readRange(file: string, position: number, length: number): Buffer | null {
  let fd: number;
  try { fd = openSync(file, 'r'); } catch { return null; }
  try {
    const buf = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, position + got);
      if (n === 0) return null;
      got += n;
    }
    return buf;
  } finally { closeSync(fd); }
}

/** Runs `f`; a failing system call is made to name `file` (a write error's own message names none). */
export function onFile<T>(file: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err !== null && typeof err === 'object' && err.code !== undefined && err.path === undefined) err.path = file;
    throw e;
  }
}

/** Writes every byte of `data` (at `position` when given), however many calls it takes. */
export function writeAll(fd: number, data: Uint8Array | string, position?: number): void {
  const buf = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let done = 0;
  while (done < buf.length) {
    const n = writeSync(fd, buf, done, buf.length - done, position === undefined ? null : position + done);
    if (n <= 0) throw Object.assign(new Error('no space left on the device'), { code: 'ENOSPC' });
    done += n;
  }
}

/** The done line of a batch of results. */
export function doneLine(r: Pick<BatchResult, 'start' | 'end' | 'records' | 'traces'>): string {
  return `${r.start} ${r.end} ${sha256(bytesOf(r.records))} ${sha256(bytesOf(r.traces))}\n`;
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
    this.records = open(RECORDS_FILE);
    this.traces = open(TRACES_FILE);
    // A torn last line (a power loss while it was written) is cut off, so that the next line
    // appended does not run into it and the batch it records is not lost.
    const log = join(dir, DATA_DIR, DONE_FILE);
    if (existsSync(log)) {
      const text = readFileSync(log);
      const whole = text.lastIndexOf(0x0a) + 1;
      if (whole < text.length) truncateSync(log, whole);
    }
    this.done = openSync(log, 'a');
    this.offsets = traceOffsets(plan);
  }

  /** Puts a batch's numbers in their places; its done line (with their checksums) is written at the next flush. */
  write(r: BatchResult): void {
    onFile(this.file(RECORDS_FILE), () => writeAll(this.records, bytesOf(r.records), r.start * RECORD_WIDTH * 8));
    onFile(this.file(TRACES_FILE), () => writeAll(this.traces, bytesOf(r.traces), traceAt(this.plan, this.offsets, r.start) * 4));
    this.pending.push(doneLine(r));
  }

  private file(name: string): string {
    return join(this.dir, DATA_DIR, name);
  }

  /** Makes written batches durable, then records them as done. */
  flush(): void {
    if (this.pending.length === 0) return;
    onFile(this.file(RECORDS_FILE), () => fsyncSync(this.records));
    onFile(this.file(TRACES_FILE), () => fsyncSync(this.traces));
    onFile(this.file(DONE_FILE), () => { writeAll(this.done, this.pending.join('')); fsyncSync(this.done); });
    this.pending = [];
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.records);
      closeSync(this.traces);
      closeSync(this.done);
    }
  }
}

/** Reads `count` records from run `start` of an experiment folder. */
export function readRecords(dir: string, start: number, count: number): Float64Array {
  const out = new Float64Array(count * RECORD_WIDTH);
  readAt(join(dir, DATA_DIR, RECORDS_FILE), Buffer.from(out.buffer), start * RECORD_WIDTH * 8);
  return out;
}

/** Reads `length` trace numbers from position `at` (in numbers). */
export function readTraces(dir: string, at: number, length: number): Float32Array {
  const out = new Float32Array(length);
  readAt(join(dir, DATA_DIR, TRACES_FILE), Buffer.from(out.buffer), at * 4);
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
