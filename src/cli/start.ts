/**
 * `npm start`: the first thing a newcomer runs. Runs the project's experiment
 * (experiments/trust-vs-habits.yaml: both hypotheses over a Latin hypercube of the essay's
 * conditions on four teaching scenarios, on the same dice), then the Sobol sensitivity analysis
 * of the same conditions, at a size that takes about a minute on a two-core machine (`--full`:
 * the file's own sizes), then writes one seminar report of both and says where it is.
 */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { inspectFolder, placeExperiment } from '../experiment/folder.js';
import { ProblemError } from '../io/problem.js';
import type { ExperimentEvent } from '../experiment/run.js';
import { experimentPlan, runExperiment } from '../experiment/run.js';
import { defaultWorkers, maxWorkers } from '../experiment/runner.js';
import { sensitivityPlan } from '../experiment/sensitivity/plan.js';
import { runSensitivity } from '../experiment/sensitivity/run.js';
import { makeReport } from '../report/index.js';
import { InputError, optionProblem, runCommand } from './common.js';
import { parseOptions } from './experiment.js';
import { progressReporter } from './experiment-output.js';
import { interruptSignal, testInterrupt } from './interrupt.js';
import { summaryTable } from './sensitivity.js';

export const DEFAULT_EXPERIMENT = 'experiments/trust-vs-habits.yaml';
export const DEFAULT_OUT = join('out', 'trust-vs-habits-quick');
export const FULL_OUT = join('out', 'trust-vs-habits-full');
/**
 * The quick size: replications of each design point of the experiment, and the Sobol base
 * samples and replications of the sensitivity analysis. Chosen so that both take about a
 * minute on the two-core machine this was written on (measured figures in the README).
 */
export const QUICK = { replications: 10, samples: 32, sensitivityReplications: 2 } as const;

interface StartOptions {
  replications?: string;
  samples?: string;
  sensitivityReplications?: string;
  full?: boolean;
  workers?: string;
  out?: string;
  sensitivityOut?: string;
  overwrite?: boolean;
}

const show = (p: string) => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

const whole = (option: string, v: string | undefined, min: number, problems: InputError[]): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > 1000000) { problems.push(optionProblem(option, `expected a whole number from ${min} to 1000000, got "${v}"`)); return undefined; }
  return Number(v);
};

/** Prints the progress of one stage (the experiment or the sensitivity analysis). */
function stagePrinter(title: (e: Extract<ExperimentEvent, { kind: 'start' }>) => string) {
  let progress = progressReporter(0, 0, true);
  const hook = testInterrupt();
  return {
    onProgress: (e: ExperimentEvent) => {
      hook(e);
      if (e.kind === 'start') {
        console.log(title(e));
        progress = progressReporter(e.total, e.already, false);
      } else if (e.kind === 'runs') progress.update(e.done);
      else if (e.kind === 'analysing' && e.blocksDone === 0) progress.stop();
      else if (e.kind === 'notice') process.stderr.write(`warning: ${e.message}\n`);
      else if (e.kind === 'damaged') process.stderr.write(`${e.batches.length} batch(es) of runs did not match their checksums; running them again\n`);
    },
    stop: () => progress.stop(),
  };
}

export async function main(argv: string[]): Promise<void> {
  const program = new Command('start')
    .description(`Run the project's experiment (${DEFAULT_EXPERIMENT}) and its Sobol sensitivity analysis at a quick size, about a minute on two cores (--full: the file's own sizes), and write one seminar report of both.`)
    .option('--replications <n>', `replications of each point of the experiment's Latin hypercube and hypothesis (default ${QUICK.replications}; --full: the file's)`)
    .option('--samples <n>', `Sobol base samples of the sensitivity analysis (default ${QUICK.samples}; --full: the file's)`)
    .option('--sensitivity-replications <n>', `replications of each point of the sensitivity analysis (default ${QUICK.sensitivityReplications}; --full: the file's)`)
    .option('--full', 'the file\'s own sizes (the full experiment and analysis: about 5 minutes on two cores)')
    .option('--workers <n>', `worker threads (default: one per core, here ${defaultWorkers()}; at most ${maxWorkers()}, twice the cores)`)
    .option('--out <dir>', `the experiment's folder (default ${DEFAULT_OUT}; --full: ${FULL_OUT})`)
    .option('--sensitivity-out <dir>', 'the sensitivity analysis\'s folder (default: <the experiment\'s folder>-sobol)')
    .option('--overwrite', 'replace other results in --out or --sensitivity-out (they stay until the new ones are complete)')
    .addHelpText('after', `
What it does:
  1. Runs ${DEFAULT_EXPERIMENT}: four teaching scenarios over a Latin hypercube of the
     conditions the essay names (share of untrustworthy states, tension, equivocation,
     receptivity, language and cultural distance, seniority, group closeness, willingness),
     under trust-first and habits-first on the same seeds (common random numbers across the
     hypotheses and the points), on worker threads.
  2. Compares the hypotheses run by run: paired differences with intervals, p-values adjusted
     for the many cells (Benjamini-Hochberg), and a verdict per cell and metric (leads,
     equivalent within the metric's margin, or undecided) in comparison.json and comparison.txt.
  3. Runs the Sobol sensitivity analysis of the same conditions (the file's sensitivity block):
     which conditions move each metric and the difference trust-first - habits-first.
  4. Writes the seminar report, report.html in the experiment's folder, with charts in charts/
     beside it: open it in a browser, or print it.
  Interrupted (Ctrl-C), it keeps the runs done; npm start again finishes them.
  Run again after it finished, it runs nothing and only writes the report again. In its own
  folders it replaces an earlier npm start's results of other code or options, keeping them
  until the new ones are complete; another --out holding other results is refused without
  --overwrite.

Then:
  npm start -- --full                                    the full size (about 5 minutes)
  npm run experiment -- ${DEFAULT_EXPERIMENT}        the full experiment alone
  npm run sensitivity -- ${DEFAULT_EXPERIMENT}       the full sensitivity analysis alone
  npm run simulate -- scenarios/fpda.yaml --pairs        one run, with every pair's trust
  npm run report -- <run, experiment or sensitivity folder>   the report of any results
`);
  await runCommand(program, argv, async () => {
    const o = program.opts<StartOptions>();
    const started = performance.now();
    const problems: InputError[] = [];
    const full = o.full === true;
    const sizes = {
      replications: whole('--replications', o.replications, 1, problems) ?? (full ? undefined : QUICK.replications),
      samples: whole('--samples', o.samples, 2, problems) ?? (full ? undefined : QUICK.samples),
      sensitivityReplications: whole('--sensitivity-replications', o.sensitivityReplications, 1, problems) ?? (full ? undefined : QUICK.sensitivityReplications),
    };
    if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
    const { workers } = parseOptions({ workers: o.workers });
    const ownOut = full ? FULL_OUT : DEFAULT_OUT;
    const dir = o.out ?? ownOut;
    const sdir = o.sensitivityOut ?? `${dir}-sobol`;
    const { info } = experimentPlan(DEFAULT_EXPERIMENT, { replications: sizes.replications });
    const choices = { method: 'sobol' as const, samples: sizes.samples, replications: sizes.sensitivityReplications };
    const sinfo = sensitivityPlan(DEFAULT_EXPERIMENT, choices).info;
    // The same results in a folder are finished (or found done); an earlier npm start's results
    // of other code or options are replaced in npm start's own default folders only (kept until
    // the new ones are complete: out/trust-vs-habits-quick[-sobol], out/trust-vs-habits-full[-sobol],
    // which no other command writes by default); other results anywhere else need --overwrite.
    const decide = (folder: string, own: boolean, i: typeof info) => {
      const there = inspectFolder(folder, i);
      const resume = there.kind === 'same';
      const overwrite = o.overwrite === true || (there.kind === 'other' && own && there.name === i.name);
      return { resume, overwrite: overwrite && !resume };
    };
    // Both folders are checked before anything runs, so that a refused sensitivity folder does
    // not come after minutes of experiment runs.
    const eChoice = decide(dir, o.out === undefined, info);
    const sChoice = decide(sdir, o.out === undefined && o.sensitivityOut === undefined, sinfo);
    placeExperiment(dir, info, { ...eChoice, finish: true });
    try {
      placeExperiment(sdir, sinfo, { overwrite: sChoice.overwrite, finish: true });
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      throw new ProblemError(e.problems.map((p) => ({ ...p, path: p.path === '--out' ? '--sensitivity-out' : p.path, message: p.message.replace('another --out', 'another --sensitivity-out') })));
    }
    const startCommand = argv.length > 2 ? `npm start -- ${argv.slice(2).join(' ')}` : 'npm start';
    const quickWords = full ? '' : ' (quick size)';
    const stop = interruptSignal('npm start again finishes the runs');
    let r, s;
    const one = stagePrinter((e) => {
      const S = info.scenarios.length, P = info.sets.length;
      return [
        'Entente: does trust come first, or habits of cooperation?',
        `1. The experiment${quickWords}: ${DEFAULT_EXPERIMENT}: ${S} teaching scenarios x ${P} points of a Latin hypercube of ${info.conditionNames.length} conditions x ${info.replications} replications x ${info.hypotheses.length} hypotheses (${info.hypotheses.join(', ')}, on the same seeds) = ${info.runs.toLocaleString('en')} runs on ${e.workers} worker${e.workers === 1 ? '' : 's'}${e.already > 0 ? `, finishing an interrupted start (${e.already.toLocaleString('en')} runs already done)` : ''}.`,
        `   Results go to ${show(dir)}/${e.replacing ? '; the earlier results there are kept until these are complete' : ''}.`,
      ].join('\n');
    });
    try {
      r = await runExperiment(DEFAULT_EXPERIMENT, {
        replications: sizes.replications, workers, out: dir, ...eChoice, signal: stop.signal,
        command: startCommand, onProgress: one.onProgress,
      });
      one.stop();
      if (r.status === 'interrupted') {
        console.log(`Interrupted: the runs done so far are kept in ${show(dir)}; npm start again finishes them.`);
        process.exit(130);
      }
      if (r.status === 'done') console.log(`   ${DEFAULT_EXPERIMENT} (${info.runs.toLocaleString('en')} runs) is already done in ${show(dir)}/: nothing to run.`);
      const s0 = sinfo.sensitivity!;
      const two = stagePrinter((e) => [
        `2. Which conditions matter${quickWords}: Sobol indices from ${s0.samples} base samples x (${s0.factors.length} conditions + 2) = ${sinfo.sets.length.toLocaleString('en')} points x ${sinfo.replications} replications x ${sinfo.hypotheses.length} hypotheses x ${sinfo.scenarios.length} scenarios = ${sinfo.runs.toLocaleString('en')} runs${e.already > 0 ? ` (${e.already.toLocaleString('en')} already done)` : ''}.`,
        `   Results go to ${show(sdir)}/${e.replacing ? '; the earlier results there are kept until these are complete' : ''}.`,
      ].join('\n'));
      s = await runSensitivity(DEFAULT_EXPERIMENT, {
        ...choices, workers, out: sdir, overwrite: sChoice.overwrite, signal: stop.signal,
        command: startCommand, onProgress: two.onProgress,
      });
      two.stop();
    } finally {
      stop.dispose();
    }
    if (s.status === 'interrupted') {
      console.log(`Interrupted: the runs done so far are kept in ${show(sdir)}; npm start again finishes them.`);
      process.exit(130);
    }
    if (s.status === 'done') console.log(`   The sensitivity analysis (${sinfo.runs.toLocaleString('en')} runs) is already done in ${show(sdir)}/: nothing to run.`);
    else if (s.report !== null) process.stdout.write(summaryTable(s.report));
    const s1 = sinfo.sensitivity!;
    if (s1.samples < 128 || sinfo.replications < 4) {
      console.log(`   A quick analysis: ${s1.samples} base samples and ${sinfo.replications} replication${sinfo.replications === 1 ? '' : 's'} a point give rough indices (wide intervals; the noise of few replications inflates the totals, which can exceed 1). For a ranking to rely on: npm start -- --full.`);
    }
    console.log(`Runs done in ${((performance.now() - started) / 1000).toFixed(0)} s. Writing the report...`);
    // Bad input to the report is a ProblemError, which runCommand reports with exit 2.
    const report = await makeReport(dir, { command: `npm run report -- ${dir} --sensitivity ${sdir} --handout`, sensitivity: sdir, handout: true });
    const total = (performance.now() - started) / 1000;
    console.log('');
    console.log(`Report: ${show(report.file)}  (open it in a browser; it prints to A4 or Letter)`);
    if (report.handout !== undefined) console.log(`Handout: ${show(report.handout)}  (one or two A4 pages to hand out: the two views, the answer, questions for discussion)`);
    console.log(`Charts: ${show(report.chartsDir)}/  (${report.charts} chart${report.charts === 1 ? '' : 's'}, each as SVG and PNG)`);
    console.log(`Tables: ${show(join(dir, 'comparison.txt'))}, summary.csv, steps.csv, runs.csv; ${show(join(sdir, 'sensitivity.csv'))}, points.csv`);
    console.log(`Done in ${total.toFixed(0)} s.`);
    console.log('');
    if (!full) console.log('Next: the full size (about 5 minutes on two cores):  npm start -- --full');
    console.log('      one run of a scenario, and its report:  npm run simulate -- scenarios/fpda.yaml --pairs  then  npm run report -- <its folder>');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
