/**
 * `npm start`: the first thing a newcomer runs. Runs the project's experiment
 * (experiments/trust-vs-habits.yaml: every teaching scenario, as written and under fifteen
 * conditions, under both hypotheses on the same dice) at a size that takes about a minute and a half on a
 * two-core machine, then writes its seminar report and says where it is.
 */
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { inspectFolder } from '../experiment/folder.js';
import { experimentPlan, runExperiment } from '../experiment/run.js';
import { defaultWorkers, maxWorkers } from '../experiment/runner.js';
import { makeReport } from '../report/index.js';
import { InputError, optionProblem, runCommand } from './common.js';
import { parseOptions } from './experiment.js';
import { progressReporter } from './experiment-output.js';
import { interruptSignal, testInterrupt } from './interrupt.js';

export const DEFAULT_EXPERIMENT = 'experiments/trust-vs-habits.yaml';
export const DEFAULT_OUT = join('out', 'trust-vs-habits-quick');
/**
 * Replications per scenario, condition and hypothesis. Measured on the two-core machine this
 * was written on: 40 replications (13,200 runs) took 34 s in all (30 s of runs on two workers,
 * then the analysis and the report), so 70 (23,100 runs) came to about a minute on an otherwise
 * idle machine (52 s measured with model 0.2); model 0.3 takes 84 s (trust-first stances and
 * declarations, partner statistics).
 */
export const QUICK_REPLICATIONS = 70;

interface StartOptions {
  replications?: string;
  workers?: string;
  out?: string;
  overwrite?: boolean;
}

const show = (p: string) => {
  const r = relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
};

async function main(argv: string[]): Promise<void> {
  const program = new Command('start')
    .description(`Run the project's experiment (${DEFAULT_EXPERIMENT}) at a quick size, about a minute and a half on two cores, and write its seminar report.`)
    .option('--replications <n>', `replications per scenario, condition and hypothesis (default ${QUICK_REPLICATIONS}; the file's own is 100)`)
    .option('--workers <n>', `worker threads (default: one per core, here ${defaultWorkers()}; at most ${maxWorkers()}, twice the cores)`)
    .option('--out <dir>', `output folder (default ${DEFAULT_OUT})`)
    .option('--overwrite', 'replace another experiment\'s results in --out (they stay until the new ones are complete)')
    .addHelpText('after', `
What it does:
  1. Runs ${DEFAULT_EXPERIMENT}: the eleven teaching scenarios, each as written and under fourteen
     conditions (tension, equivocation, receptivity, cultural and language distance, seniority,
     untrustworthy states, each set low and high), under trust-first and habits-first on the
     same seeds, ${QUICK_REPLICATIONS} replications each (23,100 runs), on worker threads.
  2. Compares the hypotheses run by run, with bootstrap intervals (summary.csv, steps.csv,
     comparison.json, comparison.txt in the output folder).
  3. Writes the seminar report, report.html, with its charts in charts/ beside it: open it in a
     browser, or print it.
  Interrupted (Ctrl-C), it keeps the runs done; npm start again finishes them.
  Run again after it finished, it runs nothing and only writes the report again. In its own
  folder (${DEFAULT_OUT}) it replaces an earlier npm start's results of other code or options,
  keeping them until the new ones are complete; another --out holding another experiment's
  results is refused without --overwrite.

Then:
  npm run experiment -- ${DEFAULT_EXPERIMENT}        the full experiment (100 replications)
  npm run simulate -- scenarios/asean-admm.yaml --pairs   one run, with every pair's trust
  npm run report -- <run or experiment folder>         the report of any results
  npm run simulate -- --help, npm run experiment -- --help, npm run report -- --help
`);
  await runCommand(program, argv, async () => {
    const o = program.opts<StartOptions>();
    const started = performance.now();
    const replications = o.replications ?? String(QUICK_REPLICATIONS);
    if (!/^\d+$/.test(replications) || Number(replications) < 1 || Number(replications) > 1000000) {
      throw optionProblem('--replications', `expected a whole number from 1 to 1000000, got "${replications}"`);
    }
    const { workers } = parseOptions({ workers: o.workers });
    const dir = o.out ?? DEFAULT_OUT;
    const { info } = experimentPlan(DEFAULT_EXPERIMENT, { replications: Number(replications) });
    // The same experiment in the folder is finished (or found done); an earlier npm start's results
    // of other code or options are replaced in npm start's own folder only (kept until the new
    // ones are complete); another experiment elsewhere needs --overwrite.
    const there = inspectFolder(dir, info);
    const resume = there.kind === 'same';
    const overwrite = o.overwrite === true || (there.kind === 'other' && o.out === undefined && there.name === info.name);
    const P = info.sets.length, S = info.scenarios.length;
    const args = [DEFAULT_EXPERIMENT, '--replications', replications, '--out', dir, ...(o.workers !== undefined ? ['--workers', o.workers] : [])];
    let progress = progressReporter(0, 0, true);
    const hook = testInterrupt();
    const stop = interruptSignal('npm start again finishes the runs');
    let r;
    try {
      r = await runExperiment(DEFAULT_EXPERIMENT, {
        replications: Number(replications), workers, out: dir, resume, overwrite: overwrite && !resume, signal: stop.signal, command: args.join(' '),
        onProgress: (e) => {
          hook(e);
          if (e.kind === 'start') {
            console.log(`Entente: does trust come first, or habits of cooperation?`);
            console.log(`Running ${DEFAULT_EXPERIMENT}: ${S} teaching scenarios x ${P} condition settings x ${replications} replications x ${info.hypotheses.length} hypotheses (${info.hypotheses.join(', ')}, on the same seeds) = ${info.runs.toLocaleString('en')} runs on ${e.workers} worker${e.workers === 1 ? '' : 's'}${e.already > 0 ? `, finishing an interrupted start (${e.already.toLocaleString('en')} runs already done)` : ''}.`);
            console.log(`Results go to ${show(dir)}/${o.replications === undefined ? ' (about a minute and a half on two cores)' : ''}${e.replacing ? '; the earlier results there are kept until these are complete' : ''}.`);
            progress = progressReporter(e.total, e.already, false);
          } else if (e.kind === 'runs') progress.update(e.done);
          else if (e.kind === 'analysing' && e.blocksDone === 0) progress.stop();
          else if (e.kind === 'notice') process.stderr.write(`warning: ${e.message}\n`);
          else if (e.kind === 'damaged') process.stderr.write(`${e.batches.length} batch(es) of runs did not match their checksums; running them again\n`);
        },
      });
    } finally {
      progress.stop();
      stop.dispose();
    }
    if (r.status === 'interrupted') {
      console.log(`Interrupted: the runs done so far are kept in ${show(dir)}; npm start again finishes them.`);
      process.exit(130);
    }
    if (r.status === 'done') {
      console.log(`Entente: ${DEFAULT_EXPERIMENT} (${info.runs.toLocaleString('en')} runs) is already done in ${show(dir)}/: nothing to run. Writing its report...`);
    } else {
      const ran = (performance.now() - started) / 1000;
      console.log(`Experiment done in ${ran.toFixed(0)} s. Writing the report...`);
    }
    // Bad input to the report is a ProblemError, which runCommand reports with exit 2.
    const report = await makeReport(dir, { command: `npm run report -- ${dir}` });
    const total = (performance.now() - started) / 1000;
    console.log('');
    console.log(`Report: ${show(report.file)}  (open it in a browser; it prints to A4 or Letter)`);
    console.log(`Charts: ${show(report.chartsDir)}/  (${report.charts} chart${report.charts === 1 ? '' : 's'}, each as SVG and PNG)`);
    console.log(`Tables: ${show(join(dir, 'comparison.txt'))}, summary.csv, steps.csv, runs.csv`);
    console.log(`Done in ${total.toFixed(0)} s.`);
    console.log('');
    console.log(`Next: the full experiment (100 replications):  npm run experiment -- ${DEFAULT_EXPERIMENT}`);
    console.log('      one run of a scenario, and its report:  npm run simulate -- scenarios/asean-admm.yaml --pairs  then  npm run report -- <its folder>');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
