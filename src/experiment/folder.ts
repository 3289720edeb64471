/**
 * Where an experiment writes, through the output-folder rules of src/io/output.ts: the
 * experiment is the `experiment` writer's one result in its folder (exclusive), identified by
 * its plan key and shard, with plan.json, manifest.json, data/ and the result files.
 *
 * What a run does with the folder it is given:
 * - new or empty (or holding only other commands' results): the experiment is written in place;
 * - the same experiment, finished (manifest written, every batch's checksum right): nothing is
 *   run again (`done`), unless `overwrite`;
 * - the same experiment, unfinished: `resume` finishes it in place; otherwise it is refused;
 * - another experiment, or `overwrite` of the same: refused without `overwrite`; with it, the
 *   new experiment is written in `.entente-staging/` inside the folder, the old results staying
 *   as they are, and swapped in only once the new ones are complete (manifest included). An
 *   interrupted replacement is finished with `resume` (or started again with `overwrite`).
 */
import { existsSync, lstatSync, mkdirSync, readlinkSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { optionProblem, ProblemError } from '../io/problem.js';
import { beginOutput, finishOutput, planOutput, readLedger, removeStaleTemporaries, syncFolder, writeFileAtomic, type LedgerEntry, type OutputPlan } from '../io/output.js';
import { RESULT_FILES } from './analysis.js';
import { MANIFEST_FILE } from './manifest.js';
import { experimentId, PLAN_FILE, readPlanInfo, shardBatches, type PlanInfo } from './plan-info.js';
import { DATA_DIR, verifiedDone, type DamagedBatch } from './store.js';
import { SENSITIVITY_FILES } from './sensitivity/files.js';

export const WRITER = 'experiment';
export const STAGING_DIR = '.entente-staging';
const STAGING = `${STAGING_DIR}/`;

/** The files an experiment's result lists in the ledger (a shard has no result files). */
export function experimentFiles(info: Pick<PlanInfo, 'shard' | 'sensitivity'>): string[] {
  return [PLAN_FILE, MANIFEST_FILE, `${DATA_DIR}/`, ...(info.shard !== null ? [] : info.sensitivity !== undefined ? SENSITIVITY_FILES : RESULT_FILES)];
}

export type Placement =
  | { kind: 'done'; dir: string }
  | {
    kind: 'write';
    dir: string;
    /** Where the experiment's files are written: `dir`, or its staging folder. */
    where: string;
    staged: boolean;
    /** A staged experiment started afresh: the staging folder is emptied first. */
    freshStaging: boolean;
    /** Batches already done (checksums verified) and batches found damaged (run again). */
    done: Set<number>;
    damaged: DamagedBatch[];
    /** The ledger's plan while writing (in place: the result itself; staged: the staging entry). */
    output: OutputPlan;
    /** The ledger entry of the complete result. */
    entry: LedgerEntry;
  };

const fail = (option: string, message: string): never => { throw new ProblemError([optionProblem(option, message)]); };

function describe(info: PlanInfo): string {
  return `"${info.name}", ${info.runs} runs${info.shard ? `, shard ${info.shard.k}/${info.shard.n}` : ''}`;
}

/** Decides where and how an experiment is written into `dir` (nothing is written); bad cases are ProblemErrors. */
/**
 * Where an experiment's files go. `resume` finishes an interrupted run of this experiment and
 * refuses a folder without one; `finish` (a merge, whose copy from checksummed shards is the same
 * every time) finishes one if the folder holds it and starts afresh otherwise.
 */
export function placeExperiment(dir: string, info: PlanInfo, o: { resume?: boolean; overwrite?: boolean; finish?: boolean }): Placement {
  if (o.resume && o.overwrite) fail('--overwrite', 'cannot be used with --resume');
  const dangling = danglingLinkProblem(dir);
  if (dangling !== null) fail('--out', dangling);
  if (existsSync(dir) && !statSync(dir).isDirectory()) fail('--out', `"${dir}" is a file, not a folder; choose a new or empty folder`);
  const ledger = existsSync(dir) ? readLedger(dir) : { ok: true as const, value: null };
  if (!ledger.ok) throw new ProblemError(ledger.problems);
  const id = experimentId(info);
  const entries = (ledger.value?.entries ?? []).filter((e) => e.writer === WRITER);
  const mine = entries.find((e) => e.id === id);
  const entry: LedgerEntry = { writer: WRITER, id, label: `${info.name}, ${info.runs} runs${info.shard ? `, shard ${info.shard.k}/${info.shard.n}` : ''}`, files: experimentFiles(info) };
  const request = (files: string[], overwrite: boolean) => {
    const r = planOutput(dir, { ...entry, files, exclusive: true, overwrite });
    if (!r.ok) throw new ProblemError(r.problems);
    return r.value;
  };
  const mineInPlace = mine !== undefined && mine.files.includes(PLAN_FILE);
  const staged = (fresh: boolean): Placement => {
    const staging = join(dir, STAGING_DIR);
    const output = request(mineInPlace ? [...mine!.files.filter((f) => f !== STAGING), STAGING] : [STAGING], true);
    const same = !fresh && readPlanInfo(staging)?.key === info.key;
    const v = same ? verifiedDone(staging, info) : { done: new Set<number>(), damaged: [] };
    return { kind: 'write', dir, where: staging, staged: true, freshStaging: fresh, done: v.done, damaged: v.damaged, output, entry };
  };

  if (mine?.files.includes(STAGING)) {
    if (o.resume || (o.finish && !o.overwrite)) return staged(false);
    if (o.overwrite) return staged(true);
    fail('--out', `"${dir}" holds an interrupted replacement of its results by this experiment (in ${STAGING_DIR}, the earlier results untouched); add --resume to finish it, --overwrite to start it again, or choose another --out`);
  }
  if (mineInPlace) {
    const v = verifiedDone(dir, info);
    const finished = existsSync(join(dir, MANIFEST_FILE)) && shardBatches(info.batches, info.shard).every((b) => v.done.has(b));
    if (finished && !o.overwrite) return { kind: 'done', dir };
    if (o.overwrite) return staged(true);
    if (!o.resume && !o.finish) fail('--out', `"${dir}" holds an unfinished run of this experiment; add --resume to finish it, --overwrite to start again, or choose another --out`);
    return { kind: 'write', dir, where: dir, staged: false, freshStaging: false, done: v.done, damaged: v.damaged, output: request(entry.files, false), entry };
  }
  const other = entries[0];
  const otherInfo = other === undefined ? null : readPlanInfo(dir);
  if (o.resume) {
    if (other === undefined) fail('--resume', `there is no interrupted experiment in "${dir}" to resume; run without --resume`);
    if (otherInfo !== null && otherInfo.key === info.key) fail('--resume', `the experiment in "${dir}" is ${otherInfo.shard === null ? 'not a shard' : `shard ${otherInfo.shard.k}/${otherInfo.shard.n}`}; resume it with the same --shard`);
    fail('--resume', `the experiment in "${dir}" was started from other files or another model version (the experiment file, a scenario or Entente changed); run without --resume, or into another --out`);
  }
  if (other !== undefined && !o.overwrite) {
    fail('--out', `"${dir}" holds the results of another experiment (${otherInfo === null ? other.label ?? 'unknown' : describe(otherInfo)}, from other files, options or Entente version); choose another --out, or add --overwrite to replace them`);
  }
  const output = request(entry.files, o.overwrite === true);
  if (output.replaced.length > 0) return staged(true);
  return { kind: 'write', dir, where: dir, staged: false, freshStaging: false, done: new Set(), damaged: [], output, entry };
}

/** Why `dir` cannot be written because it is a link to nothing, or null. */
export function danglingLinkProblem(dir: string): string | null {
  let link;
  try { link = lstatSync(dir); } catch { return null; }
  return link.isSymbolicLink() && !existsSync(dir) ? `"${dir}" is a link to "${readlinkSync(dir)}", which does not exist; choose another folder or make the link's target` : null;
}

/** Removes temporary files a stopped run left in the experiment's folders. */
function cleanTemporaries(p: Extract<Placement, { kind: 'write' }>): void {
  for (const d of new Set([p.dir, p.where, join(p.where, DATA_DIR)])) removeStaleTemporaries(d);
}

/**
 * Completes the output: a staged experiment's files take the old ones' places (the data folder
 * first, the manifest last), then the ledger lists the new result alone and what the replaced
 * one left is removed.
 */
export function finishExperiment(p: Extract<Placement, { kind: 'write' }>): void {
  if (p.staged) {
    const from = (f: string) => join(p.where, f), to = (f: string) => join(p.dir, f);
    if (existsSync(from(DATA_DIR))) {
      if (existsSync(to(DATA_DIR))) renameSync(to(DATA_DIR), from('.old-data'));
      renameSync(from(DATA_DIR), to(DATA_DIR));
    }
    for (const f of [PLAN_FILE, ...RESULT_FILES, ...SENSITIVITY_FILES, MANIFEST_FILE]) {
      if (existsSync(from(f))) renameSync(from(f), to(f));
    }
    syncFolder(p.dir);
  }
  finishOutput({ dir: p.dir, entry: p.entry, kept: p.output.kept, replaced: [...p.output.replaced, ...(p.staged ? [p.output.entry] : [])] });
}

/** Makes the folder the experiment writes in (a staging folder started afresh is emptied: it is the experiment's own). */
function makeFolder(p: Extract<Placement, { kind: 'write' }>): void {
  if (p.freshStaging) rmSync(p.where, { recursive: true, force: true });
  mkdirSync(p.where, { recursive: true });
}

/**
 * Opens a placed experiment for writing (a run or a merge): its folder made, temporaries a
 * stopped process left removed, ownership recorded in the ledger first, and plan.json written.
 */
export function openExperiment(p: Extract<Placement, { kind: 'write' }>, info: PlanInfo): void {
  makeFolder(p);
  cleanTemporaries(p);
  beginOutput(p.output);
  writeFileAtomic(join(p.where, PLAN_FILE), JSON.stringify(info, null, 2) + '\n');
}

/** What an experiment folder holds, as far as this experiment is concerned (nothing is written). */
export function inspectFolder(dir: string, info: PlanInfo): { kind: 'none' | 'same' | 'other'; name?: string } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { kind: 'none' };
  const ledger = readLedger(dir);
  if (!ledger.ok || ledger.value === null) return { kind: 'none' };
  const entries = ledger.value.entries.filter((e) => e.writer === WRITER);
  if (entries.some((e) => e.id === experimentId(info))) return { kind: 'same' };
  if (entries.length === 0) return { kind: 'none' };
  return { kind: 'other', name: readPlanInfo(dir)?.name };
}
