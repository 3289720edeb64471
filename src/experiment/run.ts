/**
 * Running an experiment from its file: the plan, the output folder (folder.ts), the runs on the
 * worker pool, the analysis and the manifest. Nothing here installs signal handlers or prints:
 * a stop comes through `signal`, and what happens is told through `onProgress`.
 */
import { join } from 'node:path';
import { writeFileAtomic, writeProblem } from '../io/output.js';
import { ProblemError } from '../io/problem.js';
import { analyse, type Comparison } from './analysis.js';
import { finishExperiment, openExperiment, placeExperiment } from './folder.js';
import { BATCH_SIZE } from './layout.js';
import { MANIFEST_FILE, manifest } from './manifest.js';
import { planInfo, runsOf, shardBatches, type PlanInfo, type Shard } from './plan-info.js';
import { loadPlan, type Plan } from './plan.js';
import { defaultWorkers, maxWorkers, runBatches } from './runner.js';
import type { DamagedBatch } from './store.js';

export interface ExperimentOptions {
  /** Output folder. Default `out/<experiment name>[-<N>-replications][-shard-K-of-N]`. */
  out?: string;
  /** Replications instead of the file's. */
  replications?: number;
  /** Worker threads (0: in this thread). Default one per core; at most `maxWorkers()`. */
  workers?: number;
  /** Run only this shard. */
  shard?: Shard | null;
  /** Finish an interrupted experiment in `out`. */
  resume?: boolean;
  /** Replace another (or an unfinished, or this finished) experiment's results in `out`. */
  overwrite?: boolean;
  /** Stops between batches, or between blocks of the analysis; the result is then `interrupted`. */
  signal?: AbortSignal;
  onProgress?: (e: ExperimentEvent) => void;
  /** The command line, for the manifest. */
  command?: string;
}

export type ExperimentEvent =
  | { kind: 'start'; info: PlanInfo; dir: string; total: number; already: number; workers: number; replacing: boolean }
  | { kind: 'damaged'; batches: DamagedBatch[] }
  | { kind: 'notice'; message: string }
  | { kind: 'runs'; done: number }
  | { kind: 'analysing'; blocksDone: number; blocks: number };

export interface ExperimentResult {
  dir: string;
  info: PlanInfo;
  /** `done`: it was already finished in `dir`, and nothing was run. */
  status: 'finished' | 'interrupted' | 'done';
  /** Runs of this shard (all runs without a shard), runs done before this session, and in it. */
  total: number;
  already: number;
  ran: number;
  /** The comparisons, when the analysis was written in this session. */
  comparisons: Comparison[] | null;
  runSeconds: number;
}

/** The default output folder of an experiment. */
export function defaultOut(plan: Plan, replications: number | undefined, shard: Shard | null): string {
  return join('out', `${slug(plan.experiment.name)}${replications === undefined ? '' : `-${replications}-replications`}${shard === null ? '' : `-shard-${shard.k}-of-${shard.n}`}`);
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'experiment';
}

/** The plan of an experiment file with its options, or its problems thrown as a ProblemError. */
export function experimentPlan(file: string, o: Pick<ExperimentOptions, 'replications' | 'shard'> = {}): { plan: Plan; info: PlanInfo } {
  const loaded = loadPlan(file, { replications: o.replications });
  if (!loaded.ok) throw new ProblemError(loaded.problems);
  return { plan: loaded.value, info: planInfo(loaded.value, BATCH_SIZE, o.shard ?? null) };
}

/**
 * Runs an experiment into its folder, or finishes it (`resume`), or recognises it as done.
 * Bad input (the files, the options, the folder) is a ProblemError thrown before anything is
 * written; so is a failed write, naming the file and the cause.
 */
export async function runExperiment(file: string, o: ExperimentOptions = {}): Promise<ExperimentResult> {
  const { plan, info } = experimentPlan(file, o);
  const dir = o.out ?? defaultOut(plan, o.replications, info.shard);
  const r = await runPlan(plan, info, dir, o, {
    blocks: info.scenarios.length * info.sets.length,
    analyse: (where, onBlock) => analyse(where, info, { signal: o.signal, onBlock }),
  });
  const { analysed, ...rest } = r;
  return { ...rest, comparisons: analysed };
}

/** How `runPlan` turns the finished runs into results (an experiment's comparisons, a sensitivity analysis). */
export interface PlanAnalysis<T> {
  /** Blocks the analysis reports progress in. */
  blocks: number;
  /** Writes the result files into `where`; null when the signal stopped it (then nothing was written). */
  analyse: (where: string, onBlock: (done: number, total: number) => void) => Promise<T | null>;
  /** Finish an unfinished run of this plan in the folder without being asked (`resume`), and start afresh otherwise. */
  finish?: boolean;
  /** Added to the manifest (e.g. the sensitivity design). */
  manifest?: Record<string, unknown>;
}

export type PlanRunResult<T> = Omit<ExperimentResult, 'comparisons'> & { analysed: T | null };

/**
 * The core of every command that runs a plan into a folder: the folder's rules (folder.ts), the
 * batches still to do on the worker pool, the analysis (without a shard), the manifest, and the
 * swap of a staged replacement. A stop (the signal) between batches or blocks leaves what is done.
 */
export async function runPlan<T>(plan: Plan, info: PlanInfo, dir: string, o: ExperimentOptions, how: PlanAnalysis<T>): Promise<PlanRunResult<T>> {
  const place = placeExperiment(dir, info, { resume: o.resume, overwrite: o.overwrite, finish: how.finish });
  const mine = shardBatches(info.batches, info.shard);
  const total = runsOf(info, mine);
  const base = { dir, info, total, analysed: null, runSeconds: 0 };
  if (place.kind === 'done') return { ...base, status: 'done', already: total, ran: 0 };
  const started = Date.now();
  let workers = o.workers ?? defaultWorkers();
  if (workers > maxWorkers()) {
    o.onProgress?.({ kind: 'notice', message: `${workers} workers asked for; using ${maxWorkers()}, twice the ${defaultWorkers()} cores (more only add memory, about 43 MB each)` });
    workers = maxWorkers();
  }
  const todo = mine.filter((b) => !place.done.has(b));
  const already = total - runsOf(info, todo);
  o.onProgress?.({ kind: 'start', info, dir, total, already, workers, replacing: place.staged });
  if (place.damaged.length > 0) o.onProgress?.({ kind: 'damaged', batches: place.damaged });
  const where = place.where;
  try {
    openExperiment(place, info);
    const r = await runBatches(plan, {
      dir: where, info, todo, workers, signal: o.signal,
      onProgress: (n) => o.onProgress?.({ kind: 'runs', done: n }),
      onNotice: (message) => o.onProgress?.({ kind: 'notice', message }),
    });
    const runSeconds = (Date.now() - started) / 1000;
    const result = { ...base, already, ran: r.completed, runSeconds };
    if (r.aborted) return { ...result, status: 'interrupted' };
    const extra = { ...how.manifest, command: o.command ?? '', workers, shard: info.shard, wallSeconds: runSeconds };
    let analysed: T | null = null;
    if (info.shard === null) {
      o.onProgress?.({ kind: 'analysing', blocksDone: 0, blocks: how.blocks });
      analysed = await how.analyse(where, (d, n) => o.onProgress?.({ kind: 'analysing', blocksDone: d, blocks: n }));
      if (analysed === null) return { ...result, status: 'interrupted' };
      extra.wallSeconds = (Date.now() - started) / 1000;
    }
    writeFileAtomic(join(where, MANIFEST_FILE), manifest(info, extra));
    finishExperiment(place);
    return { ...result, status: 'finished', analysed };
  } catch (e) {
    if (e instanceof ProblemError || (e as NodeJS.ErrnoException).code === undefined) throw e;
    throw new ProblemError([writeProblem(e, where)]);
  }
}
