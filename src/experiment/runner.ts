/**
 * Runs an experiment's plan on a pool of worker threads (piscina), writing each batch to the
 * store as it finishes. Memory stays bounded: a few batches are in flight at a time, and
 * results go to disk, not to memory.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { BatchContext, BatchResult } from './batch.js';
import { BatchRunner } from './batch.js';
import type { Plan } from './plan.js';
import { batchRange, type PlanInfo } from './plan-info.js';
import { Store } from './store.js';
import { workerCode } from './worker-bundle.js';

export interface RunOptions {
  dir: string;
  info: PlanInfo;
  /** Batches still to run. */
  todo: number[];
  /** Worker threads; 0 runs in this thread (for tests and debugging). At most `maxWorkers()`. */
  workers: number;
  /** Called after each batch with the number of runs finished so far in this session. */
  onProgress?: (runsDone: number) => void;
  /** Something the user should know (the workers load the slow path). Default: written to stderr. */
  onNotice?: (message: string) => void;
  /** Aborts the run between batches (Ctrl-C); finished batches stay recorded. */
  signal?: AbortSignal;
}

/** One worker per core. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The most worker threads an experiment starts: twice the cores. The runs are pure computation,
 * so threads beyond the cores only wait their turn, and each holds about 43 MB.
 */
export function maxWorkers(): number {
  return 2 * defaultWorkers();
}

export function batchContext(plan: Plan): BatchContext {
  return {
    scenarios: plan.scenarios.map((s) => ({ name: s.name, steps: s.steps, scenario: s.scenario })),
    sets: plan.sets, hypotheses: plan.hypotheses, replications: plan.replications,
    baseSeed: plan.experiment.baseSeed, seeds: plan.experiment.seeds, thresholds: plan.experiment.thresholds,
  };
}

const FLUSH_MS = 1000;

/** Runs the batches in `todo`; resolves when all are done or the signal aborted the run. */
export async function runBatches(plan: Plan, o: RunOptions): Promise<{ completed: number; aborted: boolean }> {
  const store = new Store(o.dir, plan);
  let runsDone = 0;
  let lastFlush = Date.now();
  const accept = (r: BatchResult) => {
    store.write(r);
    runsDone += r.end - r.start;
    if (Date.now() - lastFlush >= FLUSH_MS) { store.flush(); lastFlush = Date.now(); }
    o.onProgress?.(runsDone);
  };
  try {
    if (o.workers === 0) {
      const runner = new BatchRunner(batchContext(plan));
      for (const b of o.todo) {
        if (o.signal?.aborted) return { completed: runsDone, aborted: true };
        const [start, end] = batchRange(o.info, b);
        accept(runner.run(start, end));
        await new Promise((r) => setImmediate(r));
      }
      return { completed: runsDone, aborted: o.signal?.aborted === true };
    }
    const code = workerCode();
    if (code.slowPath !== null) (o.onNotice ?? ((m: string) => process.stderr.write(`${m}\n`)))(code.slowPath);
    const workers = Math.min(o.workers, maxWorkers());
    const pool = new Piscina({
      filename: code.url,
      workerData: batchContext(plan),
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: 60_000,
    });
    try {
      let next = 0;
      let failed: unknown = null;
      const inFlight = new Set<Promise<void>>();
      const limit = workers * 3;
      while (next < o.todo.length || inFlight.size > 0) {
        while (failed === null && !o.signal?.aborted && next < o.todo.length && inFlight.size < limit) {
          const [start, end] = batchRange(o.info, o.todo[next++]);
          const p: Promise<void> = pool.run({ start, end }).then(
            (r: BatchResult) => { accept(r); },
            (e: unknown) => { failed ??= e; },
          ).finally(() => { inFlight.delete(p); });
          inFlight.add(p);
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight);
      }
      if (failed !== null) throw failed;
      return { completed: runsDone, aborted: o.signal?.aborted === true || next < o.todo.length };
    } finally {
      await pool.destroy();
    }
  } finally {
    store.close();
  }
}
