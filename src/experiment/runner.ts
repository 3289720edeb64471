/**
 * Runs an experiment's plan on a pool of worker threads (piscina), writing each batch to the
 * store as it finishes. Memory stays bounded: a few batches are in flight at a time, and
 * results go to disk, not to memory.
 */
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { Piscina } from 'piscina';
import type { BatchContext, BatchResult } from './batch.js';
import { BatchRunner } from './batch.js';
import { codeHash, type Plan } from './plan.js';
import { batchRange, type PlanInfo, Store } from './store.js';

export interface RunOptions {
  dir: string;
  info: PlanInfo;
  /** Batches still to run. */
  todo: number[];
  /** Worker threads; 0 runs in this thread (for tests and debugging). */
  workers: number;
  /** Called after each batch with the number of runs finished so far in this session. */
  onProgress?: (runsDone: number) => void;
  /** Aborts the run between batches (Ctrl-C); finished batches stay recorded. */
  signal?: AbortSignal;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export function batchContext(plan: Plan): BatchContext {
  return {
    scenarios: plan.scenarios.map((s) => ({ name: s.name, steps: s.steps, scenario: s.scenario })),
    sets: plan.sets, hypotheses: plan.hypotheses, replications: plan.replications,
    baseSeed: plan.experiment.baseSeed, thresholds: plan.experiment.thresholds,
  };
}

/**
 * The worker's code. Run from TypeScript sources (through tsx), worker threads would load it
 * through tsx's CommonJS hook, which runs the model about half as fast as the main thread does;
 * so the worker is bundled once with esbuild (the compiler tsx itself uses) into an ES module
 * under node_modules/.cache, named by the hash of its sources, and the pool loads that. The
 * bundle is the same code: results do not depend on it (the tests compare workers with the
 * main thread, byte for byte).
 */
function workerUrl(): string {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return new URL('./worker.js', import.meta.url).href;
  const source = join(dirname(here), 'worker.ts');
  try {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const out = join(root, 'node_modules', '.cache', 'entente', `experiment-worker-${codeHash().slice(0, 16)}.mjs`);
    if (!existsSync(out)) {
      mkdirSync(dirname(out), { recursive: true });
      const tmp = `${out}.tmp-${process.pid}`;
      buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: tmp, logLevel: 'silent' });
      renameSync(tmp, out);
    }
    return pathToFileURL(out).href;
  } catch {
    return pathToFileURL(source).href; // still correct, only slower
  }
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
      return { completed: runsDone, aborted: false };
    }
    const pool = new Piscina({
      filename: workerUrl(),
      workerData: batchContext(plan),
      minThreads: o.workers,
      maxThreads: o.workers,
      idleTimeout: 60_000,
    });
    try {
      let next = 0;
      let failed: unknown = null;
      const inFlight = new Set<Promise<void>>();
      const limit = o.workers * 3;
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
      return { completed: runsDone, aborted: o.signal?.aborted === true };
    } finally {
      await pool.destroy();
    }
  } finally {
    store.close();
  }
}
