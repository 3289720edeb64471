/**
 * `npm run experiment -- <experiment file> [options]`: parses the options, runs the experiment
 * (src/experiment/run.ts) or replays one of its runs (src/experiment/replay.ts), and prints.
 * Ctrl-C (or SIGTERM) aborts the library's signal: it stops after the batches in flight, or
 * between blocks of the analysis; a second one stops at once.
 */
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { danglingLinkProblem } from '../experiment/folder.js';
import { replayRun as replay } from '../experiment/replay.js';
import { runExperiment as run, type ExperimentEvent } from '../experiment/run.js';
import { defaultWorkers, maxWorkers } from '../experiment/runner.js';
import type { Shard } from '../experiment/plan-info.js';
import { InputError, optionProblem, runCommand } from './common.js';
import { experimentPrinter, reportResult } from './experiment-output.js';
import { interruptSignal, testInterrupt } from './interrupt.js';
import { summary } from './simulate.js';
import type { RunResult } from '../run/simulate.js';
import { writeRunFolder } from '../run/folder/index.js';

export { readPlanInfo } from '../experiment/plan-info.js';
export { slug } from '../experiment/run.js';
export { experimentPrinter, progressReporter, reportResult } from './experiment-output.js';
export { interruptSignal, testInterrupt } from './interrupt.js';

export interface ExperimentCliOptions {
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
    .option('--workers <n>', `worker threads (default: one per core, here ${defaultWorkers()}; at most twice the cores, here ${maxWorkers()}: more are capped, with a warning); 0 runs in the main thread`)
    .option('--replications <n>', 'replications instead of the file\'s (e.g. 10 for a quick look)')
    .option('--out <dir>', 'output folder (default: out/<experiment name>[-<N>-replications][-shard-K-of-N])')
    .option('--resume', 'finish an interrupted experiment in --out without redoing finished runs (batches whose checksums fail are run again)')
    .option('--overwrite', 'replace the results of another (or an unfinished, or this finished) experiment in --out; the old results stay until the new ones are complete; with --replay, replace another run in --out')
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
      + '\nA finished experiment run again into its --out is recognised: nothing is run again (exit 0).\n'
      + 'Ctrl-C stops after the batches in flight (or between blocks of the analysis); a second Ctrl-C at once.\n'
      + '\nExit codes: 0 done, 2 bad input (nothing written), 130 interrupted (resume with --resume), 1 other errors.');
}

/** Parsed numeric options; every bad one reported. */
export function parseOptions(o: ExperimentCliOptions): { workers?: number; replications?: number; shard: Shard | null } {
  const problems: InputError[] = [];
  let workers: number | undefined;
  if (o.workers !== undefined) {
    if (!/^\d+$/.test(o.workers)) problems.push(optionProblem('--workers', `expected a whole number from 0 (in the main thread) up, got "${o.workers}"`));
    else workers = Number(o.workers);
  }
  let shard: Shard | null = null;
  if (o.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(o.shard.trim());
    if (m === null || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) problems.push(optionProblem('--shard', `expected K/N with 1 <= K <= N, e.g. 2/8, got "${o.shard}"`));
    else shard = { k: Number(m[1]), n: Number(m[2]) };
  }
  let replications: number | undefined;
  if (o.replications !== undefined) {
    if (!/^\d+$/.test(o.replications) || Number(o.replications) < 1 || Number(o.replications) > 1000000) problems.push(optionProblem('--replications', `expected a whole number from 1 to 1000000, got "${o.replications}"`));
    else replications = Number(o.replications);
  }
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
  return { workers, replications, shard };
}


/**
 * The command without its process: runs the experiment with these command-line options and
 * prints as the command does; returns the folder and whether it is finished.
 */
export async function runExperiment(file: string, o: ExperimentCliOptions, argv: string[], hooks: { signal?: AbortSignal; onProgress?: (e: ExperimentEvent) => void } = {}): Promise<{ dir: string; finished: boolean; code: number }> {
  const parsed = parseOptions(o);
  const quiet = o.quiet === true;
  const printer = experimentPrinter(quiet);
  try {
    const r = await run(file, {
      ...parsed, out: o.out, resume: o.resume, overwrite: o.overwrite, signal: hooks.signal, command: argv.join(' '),
      onProgress: (e) => { printer.onProgress(e); hooks.onProgress?.(e); },
    });
    printer.stop();
    const code = reportResult(r, file, quiet);
    return { dir: r.dir, finished: r.status !== 'interrupted', code };
  } finally {
    printer.stop();
  }
}

/**
 * Writes one run of the experiment as a run folder (as `npm run simulate` does), with its event
 * log and every pair's trust: the same numbers as its row of runs.csv.
 */
export function replayRun(file: string, o: ExperimentCliOptions, argv: string[]): { dir: string; result: RunResult } {
  const problems: InputError[] = [];
  const runText = o.replay ?? '';
  if (!/^\d+$/.test(runText)) problems.push(optionProblem('--replay', `expected a run number (the run column of runs.csv), got "${runText}"`));
  for (const [name, given] of [['--shard', o.shard], ['--resume', o.resume], ['--workers', o.workers]] as const) {
    if (given !== undefined) problems.push(optionProblem(name, 'does not apply to --replay'));
  }
  let replications: number | undefined;
  try {
    replications = parseOptions({ replications: o.replications }).replications;
  } catch (e) {
    if (e instanceof InputError) problems.push(e); else throw e;
  }
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
  const r = replay(file, { run: Number(runText), replications, out: o.out, command: ['experiment', ...argv].join(' ') });
  const problem = danglingLinkProblem(r.dir);
  if (problem !== null) throw optionProblem('--out', problem);
  // As simulate does: another run in the folder is replaced only with --overwrite.
  const { files: _files, ...manifest } = r.manifest;
  const written = writeRunFolder(r.dir, r.result, manifest, { events: true, pairs: true, overwrite: o.overwrite === true });
  if (!written.ok) throw new InputError(written.problems);
  return { dir: r.dir, result: r.result };
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    const [file] = program.args;
    const o = program.opts<ExperimentCliOptions>();
    if (o.replay !== undefined) {
      const { dir, result } = replayRun(file, o, argv.slice(2));
      if (!o.quiet) process.stdout.write(`${summary(result, dir)}\n`);
      return;
    }
    const stop = interruptSignal('resume with --resume');
    const hook = testInterrupt();
    try {
      const r = await runExperiment(file, o, argv.slice(2), { signal: stop.signal, onProgress: hook });
      if (r.code !== 0) process.exit(r.code);
    } finally {
      stop.dispose();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
