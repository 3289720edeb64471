/**
 * Interrupted experiments, resumed (src/experiment/run.ts, src/experiment/store.ts): whatever
 * the points at which a run is stopped, however many times in a row, and whatever a power loss
 * or damage leaves behind (a torn last line in the done log, a done line that never reached the
 * disk, garbage in the places of runs not yet recorded as done, a flipped byte in a batch
 * recorded as done), resuming gives the same bytes as an uninterrupted run, and never redoes a
 * batch the log records as done whose checksums hold.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readPlanInfo } from '../../src/experiment/plan-info.js';
import { runExperiment } from '../../src/experiment/run.js';
import { RESULT_FILES } from '../../src/experiment/analysis.js';
import { RECORD_WIDTH, TRACE_WIDTH } from '../../src/experiment/metrics.js';
import { runCoords, traceAt, traceOffsets, type Layout } from '../../src/experiment/plan.js';
import { batchRange, DATA_DIR, verifiedDone, type PlanInfo } from '../../src/experiment/store.js';

const readDone = (dir: string, info: PlanInfo) => verifiedDone(dir, info).done;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA_FILES = ['records.f64', 'traces.f32'];

let tmp: string;
let file: string;
let reference: string;
let info: PlanInfo;
let layout: Layout;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-resume-'));
  file = join(tmp, 'resume.yaml');
  // 2 scenarios x 2 sets x 20 replications x 2 hypotheses = 160 runs: 7 batches (the last one short).
  writeFileSync(file, [
    'name: Resume test',
    'description: Small enough to run many times, with several batches.',
    `scenarios: [${join(ROOT, 'scenarios', 'minimal-pair.yaml')}, ${join(ROOT, 'scenarios', 'senior-partner.yaml')}]`,
    'hypotheses: [trust-first, habits-first]',
    'variations: { grid: { tension: [0.1, 0.5] } }',
    'replications: 20',
    'baseSeed: 5',
    'steps: 24',
    'analysis: { resamples: 200 }',
    '',
  ].join('\n'));
  reference = join(tmp, 'reference');
  const r = await runExperiment(file, { out: reference, workers: 0 });
  expect(r.status).toBe('finished');
  info = readPlanInfo(reference)!;
  expect(info.batches).toBe(7);
  layout = { scenarios: info.scenarios, sets: info.sets, replications: info.replications, hypotheses: info.hypotheses };
});
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

const bytes = (dir: string, f: string) => readFileSync(join(dir, f));
const runsIn = (batches: Iterable<number>) => [...batches].reduce((a, b) => a + batchRange(info, b)[1] - batchRange(info, b)[0], 0);

/** Overwrites the places of a batch's records and traces with pseudo-random bytes. */
function scribble(dir: string, batch: number, seed: number): void {
  const [start, end] = batchRange(info, batch);
  let x = seed >>> 0 || 1;
  const noise = (n: number) => Buffer.from(Array.from({ length: n }, () => { x = (Math.imul(x, 1103515245) + 12345) >>> 0; return x >>> 24; }));
  const write = (name: string, at: number, n: number) => {
    const fd = openSync(join(dir, DATA_DIR, name), 'r+');
    try { writeSync(fd, noise(n), 0, n, at); } finally { closeSync(fd); }
  };
  write('records.f64', start * RECORD_WIDTH * 8, (end - start) * RECORD_WIDTH * 8);
  let length = 0;
  for (let r = start; r < end; r++) length += info.scenarios[runCoords(layout, r).scenario].steps * TRACE_WIDTH;
  write('traces.f32', traceAt(layout, traceOffsets(layout), start) * 4, length * 4);
}

const interruption = fc.record({
  /** Stop once this many runs are done in the session (it stops between batches). */
  after: fc.integer({ min: 1, max: 160 }),
  /** A done line lost: the batch's numbers reached the disk, its line in the log did not. */
  lostLine: fc.boolean(),
  /** Garbage in the places of a batch not recorded as done. */
  garbage: fc.option(fc.nat(), { nil: undefined }),
  /** A partial line at the end of the done log. */
  torn: fc.option(fc.nat(), { nil: undefined }),
  /** One byte flipped in a batch recorded as done (in the records or the traces). */
  flip: fc.option(fc.tuple(fc.nat(), fc.boolean(), fc.nat()), { nil: undefined }),
});

/** Flips one byte of a batch's place in one data file. */
function flip(dir: string, batch: number, traces: boolean, at: number): void {
  const [start, end] = batchRange(info, batch);
  let from: number, length: number;
  if (traces) {
    from = traceAt(layout, traceOffsets(layout), start) * 4;
    length = (end < info.runs ? traceAt(layout, traceOffsets(layout), end) * 4 : traceOffsets(layout).at(-1)! * 4) - from;
  } else {
    from = start * RECORD_WIDTH * 8;
    length = (end - start) * RECORD_WIDTH * 8;
  }
  const file = join(dir, DATA_DIR, traces ? 'traces.f32' : 'records.f64');
  const fd = openSync(file, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, from + (at % length));
    b[0] ^= 0x10;
    writeSync(fd, b, 0, 1, from + (at % length));
  } finally { closeSync(fd); }
}

let count = 0;

describe('an interrupted experiment, resumed', () => {
  fcTest.prop([fc.array(interruption, { minLength: 1, maxLength: 3 })], { numRuns: 20 })(
    'gives the same files as an uninterrupted run, and runs only what is not recorded as done',
    async (interruptions) => {
      const dir = join(tmp, `run-${count++}`);
      const done = new Set<number>(); // batches the done log should list
      const log = join(dir, DATA_DIR, 'done.log');
      for (const [k, it] of interruptions.entries()) {
        const todo = Array.from({ length: info.batches }, (_, b) => b).filter((b) => !done.has(b));
        const abort = new AbortController();
        let ran = 0;
        const r = await runExperiment(file, {
          out: dir, workers: 0, resume: k > 0, signal: abort.signal,
          onProgress: (e) => { if (e.kind !== 'runs') return; ran = e.done; if (e.done >= it.after) abort.abort(); },
        });
        // In the main thread batches finish in order: the session did the first of its batches.
        let finished = 0;
        while (finished < todo.length && runsIn(todo.slice(0, finished + 1)) <= ran) finished++;
        expect(runsIn(todo.slice(0, finished))).toBe(ran);
        todo.slice(0, finished).forEach((b) => done.add(b));
        // Not all done: interrupted. All done: finished, or stopped before the analysis.
        if (done.size !== info.batches) expect(r.status).toBe('interrupted');
        expect([...readDone(dir, info)].sort((a, b) => a - b)).toEqual([...done].sort((a, b) => a - b));
        // What a power loss could leave behind.
        if (it.lostLine && done.size > 0) {
          const lines = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
          const last = lines.pop()!;
          writeFileSync(log, lines.map((l) => `${l}\n`).join(''));
          // An earlier line for the same batch (it was run again after damage) still vouches for it.
          if (!lines.some((l) => l.split(' ')[0] === last.split(' ')[0])) done.delete(Number(last.split(' ')[0]) / info.batchSize);
        }
        if (it.flip !== undefined && done.size > 0) {
          const b = [...done].sort((x, y) => x - y)[it.flip[0] % done.size];
          flip(dir, b, it.flip[1], it.flip[2]);
          done.delete(b);
        }
        const undone = Array.from({ length: info.batches }, (_, b) => b).filter((b) => !done.has(b));
        if (it.garbage !== undefined && undone.length > 0) scribble(dir, undone[it.garbage % undone.length], it.garbage);
        if (it.torn !== undefined) {
          const [start, end] = batchRange(info, undone[0] ?? 0);
          const line = `${start} ${end}\n`;
          appendFileSync(log, line.slice(0, 1 + (it.torn % (line.length - 1))));
        }
        expect([...readDone(dir, info)].sort((a, b) => a - b)).toEqual([...done].sort((a, b) => a - b));
      }
      let ran = 0;
      const r = await runExperiment(file, { out: dir, workers: 0, resume: true, onProgress: (e) => { if (e.kind === 'runs') ran = e.done; } });
      expect(r.status).toBe(done.size === info.batches ? 'done' : 'finished');
      expect(ran).toBe(info.runs - runsIn(done));
      for (const f of RESULT_FILES) expect(bytes(dir, f).equals(bytes(reference, f)), f).toBe(true);
      for (const f of DATA_FILES) expect(bytes(join(dir, DATA_DIR), f).equals(bytes(join(reference, DATA_DIR), f)), f).toBe(true);
      rmSync(dir, { recursive: true, force: true });
    });
});
