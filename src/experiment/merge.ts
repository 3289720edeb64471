/**
 * Combining the shards of an experiment (`--shard K/N`) into the results a single machine would
 * have written: the same data files, runs.csv, summary.csv, steps.csv and comparisons. Every
 * batch is copied from a shard whose checksums vouch for it; a damaged shard is refused, naming
 * its file. The output folder follows the experiment's rules (folder.ts); it may be none of the
 * shards, nor lie inside one, nor hold one.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isInside, samePath, writeFileAtomic, writeProblem } from '../io/output.js';
import { fileProblem, optionProblem, ProblemError, type Problem } from '../io/problem.js';
import { analyse, type Comparison } from './analysis.js';
import { finishExperiment, openExperiment, placeExperiment } from './folder.js';
import { traceOffsets, traceSpan } from './layout.js';
import { MANIFEST_FILE, manifest } from './manifest.js';
import { RECORD_WIDTH } from './metrics.js';
import { batchRange, PLAN_FILE, readPlanInfo, runsOf, type PlanInfo } from './plan-info.js';
import { slug } from './run.js';
import { analyseSensitivity, type SensitivityReport } from './sensitivity/files.js';
import { sensitivityOut } from './sensitivity/run.js';
import { DATA_DIR, DONE_FILE, doneLine, onFile, readRecords, readTraces, RECORDS_FILE, TRACES_FILE, verifiedDone, writeAll } from './store.js';

export interface MergeOptions {
  /** Output folder. Default `out/<experiment name>` (a sensitivity analysis: `out/<name>-<method>-<samples>`). */
  out?: string;
  /** Replace another experiment's results in `out`. */
  overwrite?: boolean;
  /** Stops during the analysis; the merge is then `interrupted`, and the same merge again finishes it. */
  signal?: AbortSignal;
  /** The command line, for the manifest. */
  command?: string;
}

export interface MergeResult {
  dir: string; info: PlanInfo; status: 'finished' | 'interrupted' | 'done'; shards: number;
  /** An experiment's comparisons, when written in this merge. */
  comparisons: Comparison[] | null;
  /** A sensitivity analysis's report (npm run sensitivity --shard), when written in this merge. */
  sensitivity?: SensitivityReport | null;
}

/** Merges shard folders; bad input (folders, damage, missing runs, the output folder) is a ProblemError. */
export async function mergeShards(dirs: string[], o: MergeOptions = {}): Promise<MergeResult> {
  const problems: Problem[] = [];
  const shards: { dir: string; info: PlanInfo; done: Set<number> }[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) { problems.push(fileProblem(dir, 'no such folder')); continue; }
    const info = readPlanInfo(dir);
    if (info === null) { problems.push(fileProblem(dir, `not an experiment folder (no valid ${PLAN_FILE})`)); continue; }
    const v = verifiedDone(dir, info);
    for (const d of v.damaged) {
      const [start, end] = batchRange(info, d.batch);
      problems.push(fileProblem(d.file, `is damaged: the numbers of runs ${start} to ${end - 1} do not match the checksums in ${join(dir, DATA_DIR, DONE_FILE)}; run that shard again with --resume (it reruns what is damaged), then merge`));
    }
    shards.push({ dir, info, done: v.done });
  }
  const first = shards[0];
  for (const s of shards.slice(1)) {
    if (s.info.key !== first.info.key) problems.push(fileProblem(s.dir, `comes from another experiment than ${first.dir} (other files or another Entente version)`));
  }
  if (problems.length > 0) throw new ProblemError(problems);
  const info: PlanInfo = { ...first.info, shard: null };
  // Which shard holds each batch (the first that finished it).
  const owner = new Array<number>(info.batches).fill(-1);
  shards.forEach((s, k) => { for (const b of s.done) if (owner[b] < 0) owner[b] = k; });
  const missing = owner.flatMap((x, b) => (x < 0 ? [b] : []));
  if (missing.length > 0) {
    const given = [...new Set(shards.map((s) => s.info.shard).filter((x) => x !== null).map((x) => `${x!.k}/${x!.n}`))];
    throw new ProblemError([fileProblem('<shards>', `${runsOf(info, missing)} of ${info.runs} runs are in none of the folders given (shards given: ${given.join(', ') || 'none'}); finish or add the missing shards (resume an unfinished one with --resume)`)]);
  }
  const dir = o.out ?? (info.sensitivity === undefined ? join('out', slug(info.name)) : sensitivityOut(info.name, info.sensitivity, null));
  for (const s of shards) {
    // Identity, not spelling: a trailing slash, a relative path or a link name the same folder.
    if (samePath(dir, s.dir)) throw new ProblemError([optionProblem('--out', `"${dir}" is the shard folder "${s.dir}"; choose another folder`)]);
    if (isInside(dir, s.dir)) throw new ProblemError([optionProblem('--out', `"${dir}" lies inside the shard folder "${s.dir}"; choose a folder outside the shards`)]);
    if (isInside(s.dir, dir)) throw new ProblemError([optionProblem('--out', `"${dir}" holds the shard folder "${s.dir}"; choose a folder outside the shards`)]);
  }
  // An interrupted merge is finished by the same merge again: its copy is the same every time.
  const place = placeExperiment(dir, info, { overwrite: o.overwrite, finish: true });
  if (place.kind === 'done') return { dir, info, status: 'done', shards: shards.length, comparisons: null };
  const started = Date.now();
  const where = place.where;
  try {
    openExperiment(place, info);
    copyBatches(where, info, (b) => shards[owner[b]].dir);
    // A sensitivity plan's results are its indices, not the experiment's files (thousands of sets).
    const sensitivity = info.sensitivity === undefined ? undefined : await analyseSensitivity(where, info, { signal: o.signal });
    const comparisons = info.sensitivity === undefined ? await analyse(where, info, { signal: o.signal }) : null;
    if (sensitivity === null || (info.sensitivity === undefined && comparisons === null)) return { dir, info, status: 'interrupted', shards: shards.length, comparisons: null };
    writeFileAtomic(join(where, MANIFEST_FILE), manifest(info, {
      ...(info.sensitivity === undefined ? {} : { sensitivity: info.sensitivity }),
      command: o.command ?? '', mergedFrom: shards.map((s) => ({ dir: s.dir, shard: s.info.shard })), wallSeconds: (Date.now() - started) / 1000,
    }));
    finishExperiment(place);
    return { dir, info, status: 'finished', shards: shards.length, comparisons, ...(sensitivity === undefined ? {} : { sensitivity }) };
  } catch (e) {
    if (e instanceof ProblemError || (e as NodeJS.ErrnoException).code === undefined) throw e;
    throw new ProblemError([writeProblem(e, where)]);
  }
}

/** Copies every batch from the shard that holds it into fresh data files, then writes the done log. */
function copyBatches(where: string, info: PlanInfo, from: (batch: number) => string): void {
  mkdirSync(join(where, DATA_DIR), { recursive: true });
  const layout = { scenarios: info.scenarios, sets: info.sets, replications: info.replications, hypotheses: info.hypotheses, runs: info.runs };
  const offsets = traceOffsets(layout);
  const records = openSync(join(where, DATA_DIR, RECORDS_FILE), 'w');
  const traces = openSync(join(where, DATA_DIR, TRACES_FILE), 'w');
  const done: string[] = [];
  try {
    for (let b = 0; b < info.batches; b++) {
      const [start, end] = batchRange(info, b);
      const rec = readRecords(from(b), start, end - start);
      onFile(join(where, DATA_DIR, RECORDS_FILE), () => writeAll(records, new Uint8Array(rec.buffer), start * RECORD_WIDTH * 8));
      const [at, to] = traceSpan(layout, offsets, start, end);
      const tr = readTraces(from(b), at, to - at);
      onFile(join(where, DATA_DIR, TRACES_FILE), () => writeAll(traces, new Uint8Array(tr.buffer), at * 4));
      done.push(doneLine({ start, end, records: rec, traces: tr }));
    }
    // The numbers are durable before the log that says they are there.
    fsyncSync(records);
    fsyncSync(traces);
  } finally {
    closeSync(records);
    closeSync(traces);
  }
  writeFileAtomic(join(where, DATA_DIR, DONE_FILE), done.join(''));
}
