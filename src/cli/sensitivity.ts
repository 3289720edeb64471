/**
 * `npm run sensitivity -- <experiment file> [options]`: parses the options, runs the global
 * sensitivity analysis (src/experiment/sensitivity/run.ts) and prints the most influential
 * factors. Ctrl-C stops after the batches in flight (done runs are kept: the same command again
 * finishes it); a second Ctrl-C stops at once.
 */
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import type { ExperimentEvent } from '../experiment/run.js';
import { METRIC_NAMES } from '../experiment/metrics.js';
import { defaultWorkers, maxWorkers } from '../experiment/runner.js';
import type { Shard } from '../experiment/plan-info.js';
import { SENSITIVITY_FILES, type SensitivityReport } from '../experiment/sensitivity/files.js';
import { runSensitivity as run, type SensitivityOptions } from '../experiment/sensitivity/run.js';
import { MANIFEST_FILE } from '../experiment/manifest.js';
import { InputError, optionProblem, runCommand, table } from './common.js';
import { experimentPrinter } from './experiment-output.js';
import { interruptSignal, testInterrupt } from './interrupt.js';

export interface SensitivityCliOptions {
  method?: string; samples?: string; levels?: string; secondOrder?: boolean; metric?: string; difference?: string;
  replications?: string; workers?: string; out?: string; overwrite?: boolean; shard?: string; seed?: string; resamples?: string; quiet?: boolean;
}

export function buildProgram(): Command {
  return new Command('sensitivity')
    .description('Global sensitivity analysis of an experiment\'s conditions: which of the\n'
      + 'ranges in its variations (conditions and parameters.<name>) move each metric,\n'
      + 'under each hypothesis and for the paired difference of two. Factors: the\n'
      + 'latinHypercube ranges, or each grid or list condition\'s min..max (a single\n'
      + 'value is held fixed); whole-number parameters are rounded as the Latin\n'
      + 'hypercube rounds them. Every design point is run under every hypothesis with\n'
      + 'the replications, on seeds common to all points and hypotheses, through the\n'
      + 'experiment machinery (workers, resume, shards, npm run merge). Writes\n'
      + 'sensitivity.json, sensitivity.csv, points.csv, plan.json, manifest.json and\n'
      + 'data/ to the output folder, and prints the most influential factors.')
    .argument('<experiment>', 'experiment file (YAML or JSON) with variations, e.g. experiments/trust-vs-habits.yaml')
    .option('--method <m>', 'sobol (first-order and total indices; default) or morris (elementary effects, cheaper screening); default: the file\'s sensitivity.method')
    .option('--samples <n>', 'sobol: base samples N, N(k+2) points for k factors; morris: trajectories r, r(k+1) points (default: the file\'s sensitivity.samples, else 64 for sobol, 10 for morris)')
    .option('--levels <p>', 'morris: levels of each factor\'s grid, an even number (default 4)')
    .option('--second-order', 'sobol: also second-order indices of every two factors (N(2k+2) points)')
    .option('--metric <a,b>', 'metrics to analyse (default: the file\'s sensitivity.metrics, else every metric of the experiment)')
    .option('--difference <A,B>', 'the two hypotheses whose paired difference A - B is analysed (default: the first two)')
    .option('--replications <n>', 'replications of every point and hypothesis (default: the file\'s)')
    .option('--workers <n>', `worker threads (default one per core, here ${defaultWorkers()}; at most ${maxWorkers()}); 0 runs in the main thread`)
    .option('--out <dir>', 'output folder (default: out/<experiment name>-<method>-<samples>[-shard-K-of-N])')
    .option('--overwrite', 'replace the results of another (or this finished) analysis or experiment in --out')
    .option('--shard <K/N>', 'run only shard K of N of the runs; combine the shards with npm run merge')
    .option('--seed <s>', 'seed of the design (default: <baseSeed>|sensitivity|<method>)')
    .option('--resamples <n>', 'bootstrap resamples of the intervals (default: the file\'s analysis.resamples)')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExamples:\n'
      + '  npm run sensitivity -- experiments/trust-vs-habits.yaml --samples 32 --replications 4\n'
      + '  npm run sensitivity -- experiments/trust-vs-habits.yaml --method morris --samples 10 --metric partnerBelief,brier\n'
      + '  npm run sensitivity -- experiments/trust-vs-habits.yaml --shard 1/2 --out out/s1   # then --shard 2/2 --out out/s2\n'
      + '  npm run merge -- out/s1 out/s2 --out out/s\n'
      + '\nRunning the same command again after Ctrl-C finishes the analysis (done runs are kept); a finished one is\n'
      + 'recognised and nothing is run again. Exit codes: 0 done, 2 bad input (nothing written), 130 interrupted, 1 other errors.');
}

const whole = (o: string, v: string | undefined, min: number, max: number, problems: InputError[]): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) { problems.push(optionProblem(o, `expected a whole number from ${min} to ${max}, got "${v}"`)); return undefined; }
  return Number(v);
};

/** The library's options from the command line's; every bad one reported at once. */
export function parseOptions(o: SensitivityCliOptions): SensitivityOptions {
  const problems: InputError[] = [];
  let method: 'sobol' | 'morris' | undefined;
  if (o.method !== undefined) {
    if (o.method === 'sobol' || o.method === 'morris') method = o.method;
    else problems.push(optionProblem('--method', `expected sobol or morris, got "${o.method}"`));
  }
  const samples = whole('--samples', o.samples, 2, 100000, problems);
  const levels = whole('--levels', o.levels, 2, 100, problems);
  if (levels !== undefined && levels % 2 !== 0) problems.push(optionProblem('--levels', `expected an even number of levels (so that a step is a whole number of levels), got ${levels}`));
  if (o.levels !== undefined && method === 'sobol') problems.push(optionProblem('--levels', 'applies to --method morris only'));
  if (o.secondOrder === true && method === 'morris') problems.push(optionProblem('--second-order', 'applies to --method sobol only'));
  const replications = whole('--replications', o.replications, 1, 1000000, problems);
  const workers = whole('--workers', o.workers, 0, 1000000, problems);
  const resamples = whole('--resamples', o.resamples, 100, 100000, problems);
  let metrics: string[] | undefined;
  if (o.metric !== undefined) {
    metrics = o.metric.split(',').map((m) => m.trim());
    const bad = metrics.filter((m) => !METRIC_NAMES.includes(m));
    if (bad.length > 0 || metrics.length === 0) problems.push(optionProblem('--metric', `unknown metric${bad.length === 1 ? '' : 's'} ${bad.map((b) => `"${b}"`).join(', ')}; expected a comma-separated list of ${METRIC_NAMES.join(', ')}`));
  }
  let difference: [string, string] | undefined;
  if (o.difference !== undefined) {
    const parts = o.difference.split(',').map((h) => h.trim());
    if (parts.length !== 2 || parts.some((h) => h === '')) problems.push(optionProblem('--difference', `expected two hypotheses A,B, e.g. trust-first,habits-first, got "${o.difference}"`));
    else difference = [parts[0], parts[1]];
  }
  let shard: Shard | null = null;
  if (o.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(o.shard.trim());
    if (m === null || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) problems.push(optionProblem('--shard', `expected K/N with 1 <= K <= N, e.g. 2/8, got "${o.shard}"`));
    else shard = { k: Number(m[1]), n: Number(m[2]) };
  }
  if (o.seed !== undefined && o.seed.trim() === '') problems.push(optionProblem('--seed', 'expected a seed (any text), got nothing'));
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
  return { method, samples, levels, secondOrder: o.secondOrder, metrics, difference, replications, workers, resamples, shard, seed: o.seed, out: o.out, overwrite: o.overwrite };
}

/** The summary table: per metric, the target analysed most (the difference, else the first hypothesis), the top factors. */
export function summaryTable(r: SensitivityReport, top = 3): string {
  const scenario = r.scenarios.length > 1 ? 'all' : r.scenarios[0];
  const targets = [...new Set(r.results.map((x) => x.target))];
  const target = targets[targets.length - 1];
  const by = r.method === 'sobol' ? 'total' : 'muStar';
  const rows = r.results.filter((x) => x.scenario === scenario && x.target === target).map((x) => {
    if (x.skipped !== null) return [x.metric, `(skipped: ${x.skipped})`];
    const v = (r.method === 'sobol' ? x.total : x.muStar)!;
    const order = v.map((_, j) => j).sort((a, b) => v[b] - v[a] || a - b).slice(0, top);
    return [x.metric, order.map((j) => `${r.factors[j].name} ${v[j].toPrecision(2)}`).join(', ')];
  });
  return `${r.method} ${by} by factor, ${target}, scenario ${scenario} (${r.points} points x ${r.replications} replications x ${r.hypotheses.length} hypotheses):\n`
    + table(['metric', `top factors by ${by}`], rows.map((row) => [row[0], row[1]])) + '\n';
}

/** The command without its process: runs, prints, and returns the folder and the exit code. */
export async function runSensitivity(file: string, o: SensitivityCliOptions, argv: string[], hooks: { signal?: AbortSignal; onProgress?: (e: ExperimentEvent) => void } = {}): Promise<{ dir: string; code: number }> {
  const parsed = parseOptions(o);
  const quiet = o.quiet === true;
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  const printer = experimentPrinter(quiet);
  try {
    const r = await run(file, { ...parsed, signal: hooks.signal, command: argv.join(' '), onProgress: (e) => { printer.onProgress(e); hooks.onProgress?.(e); } });
    printer.stop();
    if (r.status === 'interrupted') {
      say(`interrupted: ${r.already + r.ran} of ${r.total} runs are saved in ${r.dir}; the same command again finishes the analysis:\n  npm run sensitivity -- ${argv.join(' ')}`);
      return { dir: r.dir, code: 130 };
    }
    if (r.status === 'done') say(`"${r.dir}" already holds this analysis, finished (${r.total} runs): nothing to run${r.report === null ? '' : ' (its missing analysis files were written again)'}. Add --overwrite to run it again.`);
    else if (r.info.shard !== null) say(`shard ${r.info.shard.k}/${r.info.shard.n} done in ${r.runSeconds.toFixed(1)} s; when every shard is done, combine them with:\n  npm run merge -- <shard folders...> --out <folder>`);
    if (r.report !== null && !quiet) {
      process.stdout.write(summaryTable(r.report));
      process.stdout.write(`results in ${r.dir}: ${SENSITIVITY_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
    }
    return { dir: r.dir, code: 0 };
  } finally {
    printer.stop();
  }
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    const [file] = program.args;
    const o = program.opts<SensitivityCliOptions>();
    const stop = interruptSignal('run the same command again to finish');
    const hook = testInterrupt();
    try {
      const r = await runSensitivity(file, o, argv.slice(2), { signal: stop.signal, onProgress: hook });
      if (r.code !== 0) process.exit(r.code);
    } finally {
      stop.dispose();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
