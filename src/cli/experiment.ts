/**
 * `npm run experiment -- <experiment file> [options]`: runs a batch of simulations over
 * scenarios, hypotheses, parameter sets and replications, on worker threads, and analyses it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { formatProblem } from '../io/document.js';
import { analyse, RESULT_FILES } from '../experiment/analysis.js';
import { loadPlan, runCoords, runScenario, runSeed, type Plan } from '../experiment/plan.js';
import { defaultWorkers, runBatches } from '../experiment/runner.js';
import { DATA_DIR, PLAN_FILE, planInfo, readDone, shardBatches, writeFileAtomic, type PlanInfo } from '../experiment/store.js';
import { BATCH_SIZE, codeHash } from '../experiment/plan.js';
import { RNG_ALGORITHM } from '../core/rng.js';
import { MODEL_VERSION } from '../version.js';
import { gitCommit, InputError, optionProblem, runCommand } from './common.js';
import { runDirProblem, summary, writeRunDir } from './simulate.js';
import { simulate, type RunResult } from '../run/simulate.js';

export const MANIFEST_FILE = 'manifest.json';
/** Every file an experiment folder may hold (the report's too); anything else makes the folder someone else's. */
export const EXPERIMENT_FILES = [PLAN_FILE, MANIFEST_FILE, DATA_DIR, ...RESULT_FILES, 'report.html', 'charts', '.entente.json'];

interface ExperimentCliOptions {
  workers?: string;
  replications?: string;
  out?: string;
  resume?: boolean;
  overwrite?: boolean;
  replay?: string;
  shard?: string;
  quiet?: boolean;
}

export function buildProgram(): Command {
  return new Command('experiment')
    .description('Run an experiment: every scenario x parameter set x replication x hypothesis, on worker threads.\n'
      + 'Each run\'s seed comes from (base seed, scenario, parameter set, replication), the same for every\n'
      + 'hypothesis, so hypotheses are compared on the same dice. Results are the same bytes whatever the\n'
      + 'number of workers. Writes runs.csv, summary.csv, steps.csv, comparison.json, comparison.txt and\n'
      + 'manifest.json to the output folder, and prints the comparison.')
    .argument('<experiment>', 'experiment file (YAML or JSON), e.g. experiments/trust-vs-habits.yaml')
    .option('--workers <n>', `worker threads (default: one per core, here ${defaultWorkers()}); 0 runs in the main thread`)
    .option('--replications <n>', 'replications instead of the file\'s (e.g. 10 for a quick look)')
    .option('--out <dir>', 'output folder (default: out/<experiment name>[-<N>-replications][-shard-K-of-N])')
    .option('--resume', 'finish an interrupted experiment in --out without redoing finished runs')
    .option('--overwrite', 'replace the results of another (or an unfinished) experiment in --out')
    .option('--shard <K/N>', 'run only shard K of N (a fixed 1/N of the runs); combine shards with npm run merge')
    .option('--replay <run>', 'instead of the experiment, write run number <run> (see runs.csv) as a run folder, with its event log and every pair\'s trust, for npm run explain and npm run report')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n'
      + '  npm run experiment -- experiments/trust-vs-habits.yaml\n'
      + '  npm run experiment -- experiments/trust-vs-habits.yaml --workers 2 --out out/tvh\n'
      + '  npm run experiment -- experiments/trust-vs-habits.yaml --out out/tvh --resume   # after Ctrl-C\n'
      + '  npm run experiment -- experiments/trust-vs-habits.yaml --shard 3/8 --out out/tvh-3\n'
      + '  npm run merge -- out/tvh-1 out/tvh-2 ... --out out/tvh\n'
      + '  npm run experiment -- experiments/trust-vs-habits.yaml --replay 1234 --out out/run-1234\n'
      + '\nExit codes: 0 done, 2 bad input (nothing written), 130 interrupted (resume with --resume), 1 other errors.');
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'experiment';
}

/** Why `dir` cannot hold an experiment's results, or null. */
export function folderProblem(dir: string): string | null {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) return `"${dir}" is a file, not a folder; choose a new or empty folder`;
  const allowed = new Set(EXPERIMENT_FILES);
  const foreign = readdirSync(dir).filter((f) => !allowed.has(f) && !/\.tmp-\d+$/.test(f));
  if (foreign.length === 0) return null;
  const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
  return `the folder "${dir}" holds files that are not results of an experiment (${shown}); choose a new or empty folder`;
}

export function readPlanInfo(dir: string): PlanInfo | null {
  const file = join(dir, PLAN_FILE);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as PlanInfo;
    return info.format === 'entente-experiment/1' ? info : null;
  } catch {
    return null;
  }
}

function parseShard(text: string | undefined, problems: InputError[]): { k: number; n: number } | null {
  if (text === undefined) return null;
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
    problems.push(optionProblem('--shard', `expected K/N with 1 <= K <= N, e.g. 2/8, got "${text}"`));
    return null;
  }
  return { k: Number(m[1]), n: Number(m[2]) };
}

/** Progress on stderr: a bar on a terminal, a line every 10 seconds otherwise, nothing when quiet. */
export function progressReporter(total: number, already: number, quiet: boolean): { update: (done: number) => void; stop: () => void } {
  if (quiet || total === 0) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'runs {bar} {value}/{total} | {rate} runs/s | {eta_formatted} left',
      hideCursor: true, etaBuffer: 200, stream: process.stderr,
    });
    bar.start(total, already, { rate: '-' });
    return {
      update: (done) => bar.update(already + done, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0) }),
      stop: () => bar.stop(),
    };
  }
  let last = started;
  return {
    update: (done) => {
      const now = Date.now();
      if (now - last < 10_000 && already + done < total) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const left = rate > 0 ? Math.round((total - already - done) / rate) : NaN;
      process.stderr.write(`runs ${already + done}/${total} (${Math.floor(((already + done) / total) * 100)}%), ${rate.toFixed(0)} runs/s, ${Number.isFinite(left) ? `${left} s left` : 'time left unknown'}\n`);
    },
    stop: () => undefined,
  };
}

export type { ExperimentCliOptions };

export interface Prepared {
  plan: Plan;
  info: PlanInfo;
  dir: string;
  todo: number[];
  shardRuns: number;
  workers: number;
}

/** Checks everything (options, files, output folder) before anything is written. */
export function prepare(file: string, o: ExperimentCliOptions): Prepared {
  const problems: InputError[] = [];
  let workers = defaultWorkers();
  if (o.workers !== undefined) {
    if (!/^\d+$/.test(o.workers) || Number(o.workers) > 256) problems.push(optionProblem('--workers', `expected a whole number from 0 to 256, got "${o.workers}"`));
    else workers = Number(o.workers);
  }
  const shard = parseShard(o.shard, problems);
  let replications: number | undefined;
  if (o.replications !== undefined) {
    if (!/^\d+$/.test(o.replications) || Number(o.replications) < 1 || Number(o.replications) > 1000000) problems.push(optionProblem('--replications', `expected a whole number from 1 to 1000000, got "${o.replications}"`));
    else replications = Number(o.replications);
  }
  const loaded = loadPlan(file, { replications });
  const fileProblems = loaded.ok ? [] : loaded.problems;
  if (problems.length > 0 || !loaded.ok) throw new InputError([...problems.flatMap((p) => p.problems), ...fileProblems]);
  const plan = loaded.value;
  const info = planInfo(plan, BATCH_SIZE, shard);
  const dir = o.out ?? join('out', `${slug(plan.experiment.name)}${replications === undefined ? '' : `-${replications}-replications`}${shard === null ? '' : `-shard-${shard.k}-of-${shard.n}`}`);
  if (o.resume && o.overwrite) problems.push(optionProblem('--overwrite', 'cannot be used with --resume'));
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
  const fp = folderProblem(dir);
  if (fp !== null) throw optionProblem('--out', fp);
  const earlier = readPlanInfo(dir);
  const mine = shardBatches(info.batches, shard);
  if (o.resume) {
    if (earlier === null) throw optionProblem('--resume', `there is no interrupted experiment in "${dir}" to resume; run without --resume`);
    if (earlier.key !== info.key) throw optionProblem('--resume', `the experiment in "${dir}" was started from other files or another model version (the experiment file, a scenario or Entente changed); run without --resume, or into another --out`);
    if (JSON.stringify(earlier.shard) !== JSON.stringify(shard)) throw optionProblem('--resume', `the experiment in "${dir}" is ${earlier.shard === null ? 'not a shard' : `shard ${earlier.shard.k}/${earlier.shard.n}`}; resume it with the same --shard`);
    const done = readDone(dir, info);
    const todo = mine.filter((b) => !done.has(b));
    return { plan, info, dir, todo, shardRuns: runsOf(info, mine), workers };
  }
  if (earlier !== null && !o.overwrite) {
    // Results already in the folder are never replaced by accident: an unfinished run of this
    // experiment is resumed, another experiment's results are kept unless --overwrite is given.
    if (earlier.key === info.key && JSON.stringify(earlier.shard) === JSON.stringify(shard)) {
      const done = readDone(dir, info);
      if (mine.some((b) => !done.has(b))) {
        throw optionProblem('--out', `"${dir}" holds an unfinished run of this experiment; add --resume to finish it, --overwrite to start again, or choose another --out`);
      }
    } else {
      throw optionProblem('--out', `"${dir}" holds the results of another experiment ("${earlier.name}", ${earlier.runs} runs${earlier.shard ? `, shard ${earlier.shard.k}/${earlier.shard.n}` : ''}, from other files, options or Entente version); choose another --out, or add --overwrite to replace them`);
    }
  }
  return { plan, info, dir, todo: mine, shardRuns: runsOf(info, mine), workers };
}

function runsOf(info: PlanInfo, batches: number[]): number {
  let n = 0;
  for (const b of batches) n += Math.min(info.runs, (b + 1) * info.batchSize) - b * info.batchSize;
  return n;
}

/** Installed versions of the libraries that decide or carry the numbers, for the manifest. */
function libraryVersions(names: string[]): Record<string, string> {
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  return Object.fromEntries(names.map((n) => {
    try {
      return [n, (JSON.parse(readFileSync(join(modules, n, 'package.json'), 'utf8')) as { version: string }).version];
    } catch {
      return [n, 'unknown'];
    }
  }));
}

export function manifest(info: PlanInfo, extra: Record<string, unknown>): string {
  return JSON.stringify({
    experiment: info.name,
    experimentFile: info.experimentFile,
    experimentSha256: info.experimentSha256,
    scenarios: info.scenarios.map((s) => ({ file: s.file, name: s.name, sha256: s.sha256, steps: s.steps })),
    hypotheses: info.hypotheses,
    parameterSets: info.sets,
    replications: info.replications,
    runs: info.runs,
    baseSeed: info.baseSeed,
    seeds: 'run seed = first 48 bits of SHA-256("entente|experiment|<baseSeed>|<scenario name>|set<k>|rep<r>"), the same for every hypothesis',
    rngAlgorithm: RNG_ALGORITHM,
    planKey: info.key,
    codeSha256: codeHash(),
    modelVersion: MODEL_VERSION,
    gitCommit: gitCommit(),
    node: process.version,
    libraries: libraryVersions(['seedrandom', 'zod', 'yaml', 'piscina', 'simple-statistics', 'mathjs', 'esbuild']),
    ...extra,
  }, null, 2) + '\n';
}

/** Runs the experiment; returns the folder and whether it finished. */
export async function runExperiment(file: string, o: ExperimentCliOptions, argv: string[],
  hooks: { signal?: AbortSignal; onProgress?: (runsDone: number) => void } = {}): Promise<{ dir: string; finished: boolean }> {
  const p = prepare(file, o);
  const { plan, info, dir } = p;
  const started = Date.now();
  if (!o.resume) {
    // A fresh start: earlier results of an experiment in this folder (checked above) are replaced.
    for (const f of EXPERIMENT_FILES) rmSync(join(dir, f), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, PLAN_FILE), JSON.stringify(info, null, 2) + '\n');
  for (const f of [MANIFEST_FILE, ...RESULT_FILES]) rmSync(join(dir, f), { force: true });

  const quiet = o.quiet === true;
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  const total = p.shardRuns;
  const already = total - runsOf(info, p.todo);
  say(`${info.name}: ${info.runs} runs (${info.scenarios.length} scenario${info.scenarios.length === 1 ? '' : 's'} x ${info.sets.length} parameter set${info.sets.length === 1 ? '' : 's'} x ${info.replications} replications x ${info.hypotheses.length} hypotheses)`
    + `${info.shard ? `; shard ${info.shard.k}/${info.shard.n}: ${total} runs` : ''}${already > 0 ? `; ${already} already done` : ''}; ${p.workers} worker${p.workers === 1 ? '' : 's'}; writing to ${dir}`);
  const progress = progressReporter(total, already, quiet);
  const abort = new AbortController();
  // The first Ctrl-C stops after the batches in flight; a second one stops at once (what is in
  // the done log is on disk, so nothing finished is lost either way).
  const onSignal = () => {
    if (abort.signal.aborted) { process.stderr.write('stopped at once; resume with --resume\n'); process.exit(130); }
    abort.abort();
  };
  if (hooks.signal?.aborted) abort.abort();
  hooks.signal?.addEventListener('abort', onSignal);
  // Until the results are written, Ctrl-C (or a kill) stops between batches, keeping what is done.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await runAndAnalyse(file, o, argv, p, progress, abort.signal, hooks, started, already, say);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function runAndAnalyse(file: string, o: ExperimentCliOptions, argv: string[], p: Prepared,
  progress: { update: (done: number) => void; stop: () => void }, signal: AbortSignal,
  hooks: { onProgress?: (runsDone: number) => void }, started: number, already: number, say: (s: string) => void): Promise<{ dir: string; finished: boolean }> {
  const { plan, info, dir } = p;
  const quiet = o.quiet === true;
  const total = p.shardRuns;
  let result;
  try {
    result = await runBatches(plan, { dir, info, todo: p.todo, workers: p.workers, onProgress: (n) => { progress.update(n); hooks.onProgress?.(n); }, signal });
  } finally {
    progress.stop();
  }
  if (result.aborted) {
    say(`interrupted: ${already + result.completed} of ${total} runs are saved in ${dir}; finish with:\n  npm run experiment -- ${file} --out ${dir} --resume`);
    return { dir, finished: false };
  }
  const runSeconds = (Date.now() - started) / 1000;
  const extra = { command: argv.join(' '), workers: p.workers, shard: info.shard, wallSeconds: runSeconds };
  if (info.shard !== null) {
    writeFileAtomic(join(dir, MANIFEST_FILE), manifest(info, extra));
    say(`shard ${info.shard.k}/${info.shard.n} done in ${runSeconds.toFixed(1)} s; when every shard is done, combine them with:\n  npm run merge -- <shard folders...> --out <folder>`);
    return { dir, finished: true };
  }
  say(`${total - already} runs in ${runSeconds.toFixed(1)} s; analysing...`);
  const comparisons = analyse(dir, info);
  writeFileAtomic(join(dir, MANIFEST_FILE), manifest(info, { ...extra, wallSeconds: (Date.now() - started) / 1000 }));
  if (!quiet) {
    process.stdout.write(readFileSync(join(dir, 'comparison.txt'), 'utf8'));
    process.stdout.write(`results in ${dir}: ${RESULT_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
  }
  void comparisons;
  return { dir, finished: true };
}

/**
 * Writes one run of the experiment as a run folder (as `npm run simulate` does), with its event
 * log and every pair's trust: the same numbers as its row of runs.csv, and everything explain
 * and report need.
 */
export function replayRun(file: string, o: ExperimentCliOptions, argv: string[]): { dir: string; result: RunResult } {
  const problems: InputError[] = [];
  let replications: number | undefined;
  if (o.replications !== undefined) {
    if (!/^\d+$/.test(o.replications) || Number(o.replications) < 1) problems.push(optionProblem('--replications', `expected a whole number from 1, got "${o.replications}"`));
    else replications = Number(o.replications);
  }
  const loaded = loadPlan(file, { replications });
  const fileProblems = loaded.ok ? [] : loaded.problems;
  const runText = o.replay ?? '';
  if (!/^\d+$/.test(runText)) problems.push(optionProblem('--replay', `expected a run number (the run column of runs.csv), got "${runText}"`));
  else if (loaded.ok && Number(runText) >= loaded.value.runs) problems.push(optionProblem('--replay', `expected a run number from 0 to ${loaded.value.runs - 1}, got ${runText}`));
  for (const [name, given] of [['--shard', o.shard], ['--resume', o.resume], ['--overwrite', o.overwrite], ['--workers', o.workers]] as const) {
    if (given !== undefined) problems.push(optionProblem(name, 'does not apply to --replay'));
  }
  if (problems.length > 0 || !loaded.ok) throw new InputError([...problems.flatMap((p) => p.problems), ...fileProblems]);
  const plan = loaded.value;
  const run = Number(runText);
  const c = runCoords(plan, run);
  const sc = plan.scenarios[c.scenario];
  const seed = runSeed(plan.experiment.baseSeed, sc.name, c.set, c.replication);
  const dir = o.out ?? join('out', `${slug(plan.experiment.name)}-run-${run}`);
  const problem = runDirProblem(dir);
  if (problem !== null) throw optionProblem('--out', problem);
  const result = simulate(runScenario(plan, c), { seed, hypothesis: plan.hypotheses[c.hypothesis], steps: sc.steps, pairs: true, events: true });
  writeRunDir(dir, result, {
    scenario: { name: sc.name, file: relative(process.cwd(), resolve(dirname(file), sc.file)), sha256: sc.sha256 },
    seed, hypothesis: result.hypothesis, steps: sc.steps,
    experiment: { file, sha256: plan.experimentSha256, run, scenario: c.scenario, set: c.set, parameters: plan.sets[c.set], replication: c.replication },
    modelVersion: MODEL_VERSION, gitCommit: gitCommit(), node: process.version, rng: result.rngAlgorithm,
    command: ['experiment', ...argv].join(' '),
    files: ['series.csv', 'events.jsonl', 'final.json', 'pairs.csv'],
  }, { events: true, pairs: true });
  return { dir, result };
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    const [file] = program.args;
    const o = program.opts<ExperimentCliOptions>();
    if (o.replay !== undefined) {
      const { dir, result } = replayRun(file, o, argv.slice(2));
      if (!o.quiet) process.stdout.write(`${summary(result, dir)}\n`);
      return;
    }
    const r = await runExperiment(file, o, argv.slice(2));
    if (!r.finished) process.exit(130);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
export { formatProblem };
