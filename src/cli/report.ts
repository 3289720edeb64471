/**
 * `npm run report -- <run, experiment or sensitivity folder> [--out FILE] [--pair A,B ...]
 * [--sensitivity FOLDER] [--where A,B] [--quiet]`: one self-contained HTML report for a
 * seminar, with its charts as SVG and PNG files beside it. `npm run report -- <run A> <run B>
 * [--out FILE]`: one report that sets two runs side by side.
 */
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { buildReport, planReport, writeReportFiles } from '../report/index.js';
import { InputError, optionProblem, runCommand } from './common.js';

const HELP_AFTER = `
What it writes:
  One HTML file (default <folder>/report.html) that holds everything: the charts inline as
  SVG, the fonts and styles inline. It opens in any browser without a network connection, and
  prints to A4 or Letter (each section on a new page, no chart split across pages). Beside it,
  every chart as an SVG and a PNG file for slides and papers, in a folder of its own named after
  the report: charts/ for report.html, <name>-charts/ for <name>.html (week-3.html ->
  week-3-charts/). The folder's ledger (.entente.json) records the report's files: the same
  report again replaces them (its stale charts removed); a file the ledger does not list (your
  own notes or slides, even in the charts folder) is never replaced or deleted, and an --out
  file that report did not write is refused. A report in its run folder belongs to the run:
  simulating the same run again keeps it; simulate --overwrite with another run removes it.

For a run folder (npm run simulate): the scenario's description and teaching note, the key
  figures, trust over time (the region and chosen pairs), trust matrices at the start, middle
  and end (these need the run's pairs.csv: simulate with --pairs), the trust network, tension
  and events on one timeline, the nine outcomes, the state that sent most as transmitter and
  receiver, explanations of the pairs whose trust moved most (and those chosen with --pair)
  with waterfall charts, and what it takes to reproduce the run.

For an experiment folder (npm run experiment): the experiment's and each scenario's
  description and teaching note, the key figures, trust over time with bands per hypothesis,
  the hypotheses' trajectories on the same dice, paired differences with intervals per
  scenario and condition, a sweep map when two conditions vary together, the comparison table
  (which hypothesis leads per scenario, parameter set and metric, with intervals), and what it
  takes to reproduce the experiment. It reads the aggregated results (summary.csv, steps.csv,
  comparison.json), so even a large experiment's report takes seconds. "Where each hypothesis
  wins" maps, for the key metrics, the mean paired difference over two conditions (--where A,B;
  default: the first two that vary), each cell given to the hypothesis that does better there
  or called equivalent within the metric's margin.
  With --sensitivity <folder>, the report adds that sensitivity folder's "Which conditions
  matter" (Sobol bars or a Morris chart per metric) and draws the where-each-wins maps from its
  design points, by default over the two conditions with the largest indices.

For two run folders (npm run report -- <run A> <run B>): both runs side by side, named on the
  cover with their scenario, hypothesis, seed and steps, and whether they drew the same dice
  (the same scenario file, by SHA-256, and the same seed); regional trust over time of both on
  one chart; the key figures of both (final.json's end state, series.csv's counts) with the
  difference B - A, trust in trust points; and the directed pair whose final trust differs
  most, its trust over time in both and its explanation in each. Runs with different states
  are compared on regional figures only. Default file: compare-<B's folder name>.html in run
  A's folder (recorded as derived from run A: simulating A again with another run removes
  it); --out puts it anywhere else. Only --out and --quiet apply.

For a sensitivity folder (npm run sensitivity): the conditions varied, which of them matter
  for each metric (Sobol first-order and total indices, or Morris mu* and sigma, with
  intervals and sentences from the numbers), where each hypothesis wins over the two that
  matter most (or --where A,B), and the files it was made from.

Every name and description taken from a scenario or an experiment file is escaped: a file
cannot put markup or script into a report. Bad input (a missing folder, a folder that is
neither a run nor an experiment, a run file damaged or changed since simulate wrote it, an
unknown state id in --pair) exits with code 2 and writes nothing.

Examples:
  npm run report -- out/asean-admm/habits-first-seed1
  npm run report -- out/asean-admm/habits-first-seed1 --pair PHL,CHN --pair IDN,MYS
  npm run report -- out/trust-vs-habits-quick --out seminar/week3.html
  npm run report -- out/trust-vs-habits-quick --sensitivity out/trust-vs-habits-quick-sobol --where willingness,untrustworthyShare
  npm run report -- out/trust-vs-habits-quick-sobol
  npm run report -- out/asean-admm/trust-first-seed1 out/asean-admm/habits-first-seed1
  npm run report -- out/trust-vs-habits-quick --sensitivity out/trust-vs-habits-quick-sobol --handout
`;

interface ReportCliOptions {
  out?: string;
  pair?: string[];
  sensitivity?: string;
  where?: string;
  handout?: boolean;
  quiet?: boolean;
}

export function buildProgram(): Command {
  return new Command('report')
    .description('Write a self-contained HTML report of a run, experiment or sensitivity folder, with its charts as SVG and PNG files.')
    .argument('<folder>', 'a run folder (npm run simulate), an experiment folder (npm run experiment) or a sensitivity folder (npm run sensitivity)')
    .argument('[other]', 'a second run folder: one report that sets the two runs side by side (default file: <folder>/compare-<other\'s name>.html)')
    .option('--out <file>', 'the report file, ending in .html (default: <folder>/report.html); charts go beside it, to charts/ for report.html and <name>-charts/ otherwise')
    .option('--pair <A,B...>', "pairs to show and explain, A's trust in B, each as two state ids: --pair A,B C,D or --pair A,B --pair C,D (run folders only)")
    .option('--sensitivity <folder>', "add a sensitivity folder's sections (which conditions matter; where each hypothesis wins over its points) to an experiment folder's report")
    .option('--where <A,B>', 'the two conditions of the where-each-wins maps (default: the two with the largest indices with --sensitivity, else the first two varied)')
    .option('--handout', 'also write the handout of an experiment folder: handout.html beside the report (one or two A4 pages: the two views, the question, the answer with its caveat, a chart per key finding, three questions for discussion)')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)');
}

/** Parses --pair values ("A,B"); problems for malformed ones. */
export function parsePairs(values: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  const bad: InputError[] = [];
  for (const v of values) {
    const ids = v.split(',').map((s) => s.trim());
    if (ids.length !== 2 || ids.some((s) => s === '')) bad.push(optionProblem('--pair', `expected two state ids separated by a comma, e.g. --pair IDN,MYS; got "${v}"`));
    else out.push([ids[0], ids[1]]);
  }
  if (bad.length > 0) throw new InputError(bad.flatMap((e) => e.problems));
  return out;
}

/** Parses --where ("A,B"): two condition names. */
export function parseWhere(value: string | undefined): [string, string] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim());
  if (names.length !== 2 || names.some((s) => s === '')) throw optionProblem('--where', `expected two conditions separated by a comma, e.g. --where willingness,untrustworthyShare; got "${value}"`);
  return [names[0], names[1]];
}

/** Plans, builds and writes a report; returns what it wrote. Bad input throws a ProblemError (nothing written). */
export async function runReport(dir: string | readonly [string, string], o: ReportCliOptions, argv: readonly string[]): Promise<{ file: string; chartsDir: string; charts: number; seconds: number; handout?: string }> {
  const started = performance.now();
  const pairs = parsePairs(o.pair ?? []);
  const where = parseWhere(o.where);
  const plan = planReport(dir, { out: o.out, pairs, sensitivity: o.sensitivity, where, handout: o.handout === true, command: ['npm run report --', ...argv].join(' ') });
  const report = await buildReport(plan);
  writeReportFiles(plan, report);
  return { file: plan.file, chartsDir: plan.chartsDir, charts: report.charts.length / 2, seconds: (performance.now() - started) / 1000, ...(plan.handout !== undefined ? { handout: plan.handout } : {}) };
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    // Commander refuses a third folder ("too many arguments").
    const [dir, other] = program.args;
    const o = program.opts<ReportCliOptions>();
    const r = await runReport(other === undefined ? dir : [dir, other], o, argv.slice(2));
    if (!o.quiet) {
      const show = (p: string) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p));
      process.stdout.write(`Report written to ${show(r.file)} (${r.charts} chart${r.charts === 1 ? '' : 's'}, also as SVG and PNG in ${show(r.chartsDir)}/) in ${r.seconds.toFixed(1)} s.\n`);
      if (r.handout !== undefined) process.stdout.write(`Handout written to ${show(r.handout)} (one or two A4 pages; open it in a browser and print).\n`);
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
