/**
 * `npm run experiment -- <experiment file> [options]`: parses the options, runs the experiment
 * (src/experiment/run.ts) or replays one of its runs (src/experiment/replay.ts), and prints.
 * Ctrl-C (or SIGTERM) aborts the library's signal: it stops after the batches in flight, or
 * between blocks of the analysis; a second one stops at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { RESULT_FILES } from '../experiment/analysis.js';
import { danglingLinkProblem } from '../experiment/folder.js';
import { MANIFEST_FILE } from '../experiment/manifest.js';
import { replayRun as replay } from '../experiment/replay.js';
import { runExperiment as run, type ExperimentEvent, type ExperimentResult } from '../experiment/run.js';
import { defaultWorkers, maxWorkers } from '../experiment/runner.js';
import type { Shard } from '../experiment/plan-info.js';
import { InputError, optionProblem, runCommand } from './common.js';
import { runDirProblem, summary, writeRunDir } from './simulate.js';
import type { RunResult } from '../run/simulate.js';

export { readPlanInfo } from '../experiment/plan-info.js';
export { slug } from '../experiment/run.js';

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
    .option('--overwrite', 'replace the results of another (or an unfinished, or this finished) experiment in --out; the old results stay until the new ones are complete')
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
    let stopped = false;
    return {
      update: (done) => bar.update(already + done, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0) }),
      stop: () => { if (!stopped) { stopped = true; bar.stop(); } },
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

/**
 * A test hook, read here and nowhere below the command line: `ENTENTE_TEST_INTERRUPT=runs:N`
 * sends this process SIGINT once N runs are done in this session, `analysis:N` once N blocks of
 * the analysis are done (0: as it starts), `kill-analysis:N` kills it (SIGKILL) there instead.
 * It makes the interruption tests interrupt at a known point.
 */
export function testInterrupt(): (e: ExperimentEvent) => void {
  const m = /^(runs|analysis|kill-analysis):(\d+)$/.exec(process.env.ENTENTE_TEST_INTERRUPT ?? '');
  if (m === null) return () => undefined;
  const at = Number(m[2]);
  let sent = false;
  return (e) => {
    if (sent) return;
    const hit = (m[1] === 'runs' && e.kind === 'runs' && e.done >= at) || (m[1] !== 'runs' && e.kind === 'analysing' && e.blocksDone >= at);
    if (!hit) return;
    sent = true;
    process.kill(process.pid, m[1] === 'kill-analysis' ? 'SIGKILL' : 'SIGINT');
  };
}

/**
 * Ctrl-C and SIGTERM abort the returned signal: the library stops at its next safe point. A
 * second one stops at once (what the done log lists is on disk, so nothing finished is lost).
 */
export function interruptSignal(again: string): { signal: AbortSignal; dispose: () => void } {
  const abort = new AbortController();
  const onSignal = () => {
    if (abort.signal.aborted) { process.stderr.write(`stopped at once; ${again}\n`); process.exit(130); }
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: abort.signal, dispose: () => { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}

/** Prints what the experiment does as it goes (stderr), unless quiet. */
export function experimentPrinter(quiet: boolean): { onProgress: (e: ExperimentEvent) => void; stop: () => void } {
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  let progress = progressReporter(0, 0, true);
  let started = Date.now();
  let ran = 0;
  let analysing = false;
  return {
    onProgress: (e) => {
      if (e.kind === 'start') {
        const { info } = e;
        started = Date.now();
        say(`${info.name}: ${info.runs} runs (${info.scenarios.length} scenario${info.scenarios.length === 1 ? '' : 's'} x ${info.sets.length} parameter set${info.sets.length === 1 ? '' : 's'} x ${info.replications} replications x ${info.hypotheses.length} hypotheses)`
          + `${info.shard ? `; shard ${info.shard.k}/${info.shard.n}: ${e.total} runs` : ''}${e.already > 0 ? `; ${e.already} already done` : ''}; ${e.workers} worker${e.workers === 1 ? '' : 's'}; writing to ${e.dir}`
          + `${e.replacing ? ' (the results there are kept until these are complete)' : ''}`);
        progress = progressReporter(e.total, e.already, quiet);
      } else if (e.kind === 'damaged') {
        say(`${e.batches.length} batch${e.batches.length === 1 ? '' : 'es'} of runs recorded as done did not match ${e.batches.length === 1 ? 'its checksums' : 'their checksums'} (${[...new Set(e.batches.map((b) => b.file))].join(', ')}); running ${e.batches.length === 1 ? 'it' : 'them'} again`);
      } else if (e.kind === 'notice') {
        say(`warning: ${e.message}`);
      } else if (e.kind === 'runs') {
        ran = e.done;
        progress.update(e.done);
      } else if (e.kind === 'analysing' && !analysing) {
        analysing = true;
        progress.stop();
        say(`${ran} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; analysing...`);
      }
    },
    stop: () => progress.stop(),
  };
}

/** What the command prints at the end; returns the exit code. */
export function reportResult(r: ExperimentResult, file: string, quiet: boolean): number {
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  if (r.status === 'done') {
    say(`"${r.dir}" already holds this experiment, finished (${r.total} runs): nothing to run. Its results are there; add --overwrite to run it again.`);
    return 0;
  }
  if (r.status === 'interrupted') {
    say(`interrupted: ${r.already + r.ran} of ${r.total} runs are saved in ${r.dir}; finish with:\n  npm run experiment -- ${file} --out ${r.dir} --resume`);
    return 130;
  }
  if (r.info.shard !== null) {
    say(`shard ${r.info.shard.k}/${r.info.shard.n} done in ${r.runSeconds.toFixed(1)} s; when every shard is done, combine them with:\n  npm run merge -- <shard folders...> --out <folder>`);
    return 0;
  }
  if (!quiet) {
    process.stdout.write(readFileSync(join(r.dir, 'comparison.txt'), 'utf8'));
    process.stdout.write(`results in ${r.dir}: ${RESULT_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
  }
  return 0;
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
  for (const [name, given] of [['--shard', o.shard], ['--resume', o.resume], ['--overwrite', o.overwrite], ['--workers', o.workers]] as const) {
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
  const problem = danglingLinkProblem(r.dir) ?? runDirProblem(r.dir);
  if (problem !== null) throw optionProblem('--out', problem);
  writeRunDir(r.dir, r.result, r.manifest, { events: true, pairs: true });
  return { dir: r.dir, result: r.result };
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
