/**
 * Seminar reports: one self-contained HTML file from a run folder or an experiment folder, with
 * its charts inline and beside it as SVG and PNG files.
 *
 * `planReport` reads and checks everything (throwing a `ProblemError` for bad input, before
 * anything is written); `buildReport` draws the charts and the page; `writeReportFiles` writes
 * them as one result through the output ledger.
 *
 * @example
 * ```ts
 * import { planReport, buildReport, writeReportFiles } from './src/report/index.js';
 * const plan = planReport('out/asean-admm/habits-first-seed1');
 * const report = await buildReport(plan);
 * writeReportFiles(plan, report);
 * ```
 */
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { optionProblem, ProblemError, type Problem } from '../io/problem.js';
import { ChartSet } from './charts.js';
import { compareFile, compareReport, readCompareInput, type CompareInput } from './compare/index.js';
import { experimentReport, readExperimentInput, whereAxes, type ExperimentInput } from './experiment/index.js';
import { handoutPage } from './handout.js';
import { renderPage } from './page.js';
import { folderKind } from './read.js';
import { readRunInput, runReport, type RunInput } from './run/index.js';
import { readSensitivityInput, sensitivityReport, type SensitivityInput } from './sensitivity/index.js';
import { chartsFolderName, reportOutputProblems, writeReport } from './write.js';

export { escapeHtml, html, raw, Html } from './html.js';
export { CONTENT_SECURITY_POLICY } from './page.js';
export { GENERATOR, chartsFolderName, reportOutputProblems } from './write.js';
export { ttfToWoff } from './fonts.js';
export { readSteps, folderKind } from './read.js';
export { sweepAxes } from './experiment/index.js';

export interface ReportOptions {
  /** The HTML file (default `<dir>/report.html`); the charts go beside it, to `charts/` for `report.html` and `<name>-charts/` for any other name. */
  out?: string;
  /** Pairs (from, to) for a run report: shown over time and explained. */
  pairs?: [string, string][];
  /** The command line that asked for the report, shown under "Reproduce". */
  command?: string;
  /** A sensitivity folder whose sections an experiment report includes (`--sensitivity`). */
  sensitivity?: string;
  /**
   * The two conditions of the "where each hypothesis wins" map (`--where A,B`); default: the
   * two with the largest indices of the paired difference when there is a sensitivity folder,
   * else the experiment's first two varied conditions.
   */
  where?: [string, string];
  /** Also write the handout of an experiment folder (`--handout`): `handout.html` beside the report (`<stem>-handout.html` beside another name). */
  handout?: boolean;
}

/** The handout's file beside a report file: `handout.html` beside `report.html`, `<stem>-handout.html` beside any other name. */
export function handoutFile(reportFile: string): string {
  const name = basename(reportFile);
  return join(dirname(reportFile), name === 'report.html' ? 'handout.html' : `${basename(name, extname(name))}-handout.html`);
}

export interface ReportPlan {
  /** The folder reported on (run A for a report of two runs: the report is recorded as derived from it when it sits in its folder). */
  dir: string;
  kind: 'run' | 'experiment' | 'sensitivity' | 'compare';
  file: string;
  chartsDir: string;
  command: string;
  run?: RunInput;
  /** The two runs of a report comparing them. */
  compare?: CompareInput;
  experiment?: ExperimentInput;
  /** The sensitivity folder reported on, or included in the experiment's report. */
  sensitivity?: SensitivityInput;
  where?: [string, string];
  /** The handout's file, when one is asked for. */
  handout?: string;
}

export interface BuiltReport {
  html: string;
  title: string;
  charts: { name: string; data: string | Uint8Array }[];
  handout?: { html: string; title: string; charts: { name: string; data: string | Uint8Array }[] };
}


/**
 * Reads and checks a folder (or two run folders, to compare them) and the options; throws a
 * ProblemError, having written nothing.
 */
export function planReport(dir: string | readonly [string, string], opts: ReportOptions = {}): ReportPlan {
  if (typeof dir !== 'string') return planCompare(dir[0], dir[1], opts);
  const problems: Problem[] = [];
  const kind = folderKind(dir);
  const file = resolve(opts.out ?? join(dir, 'report.html'));
  const chartsDir = join(dirname(file), chartsFolderName(file));
  if (opts.out !== undefined && !/\.html?$/i.test(opts.out)) {
    problems.push(optionProblem('--out', `expected a file name ending in .html, got "${opts.out}"`));
  } else {
    problems.push(...reportOutputProblems(file, dir));
  }
  if ('problems' in kind) throw new ProblemError([...kind.problems, ...problems]);
  const pairs = opts.pairs ?? [];
  if (kind.kind === 'experiment' && pairs.length > 0) {
    problems.push(optionProblem('--pair', `${dir} is an experiment folder; --pair applies to a run folder (an experiment keeps no pair's trust)`));
  }
  if (kind.kind === 'sensitivity' && pairs.length > 0) {
    problems.push(optionProblem('--pair', `${dir} is a sensitivity folder; --pair applies to a run folder`));
  }
  if (opts.handout === true && kind.kind !== 'experiment') {
    problems.push(optionProblem('--handout', `writes the handout of an experiment folder, and ${dir} is ${kind.kind === 'run' ? 'a run folder' : 'a sensitivity folder (give its experiment folder, with --sensitivity ' + dir + ')'}`));
  } else if (opts.handout === true) {
    problems.push(...reportOutputProblems(handoutFile(file), dir));
  }
  if (opts.sensitivity !== undefined && kind.kind !== 'experiment') {
    problems.push(optionProblem('--sensitivity', `adds a sensitivity folder's sections to an experiment folder's report, and ${dir} is ${kind.kind === 'run' ? 'a run folder' : 'a sensitivity folder (report it on its own: npm run report -- <folder>)'}`));
  }
  const command = opts.command ?? `npm run report -- ${dir}`;
  const plan: ReportPlan = { dir, kind: kind.kind, file, chartsDir, command };
  if (opts.where !== undefined) plan.where = opts.where;
  if (opts.handout === true) plan.handout = handoutFile(file);
  if (kind.kind === 'run') {
    const input = readRunInput(dir, pairs);
    if (input.ok) plan.run = input.value; else problems.push(...input.problems);
    if (opts.where !== undefined) problems.push(optionProblem('--where', `${dir} is a run folder; --where applies to an experiment or a sensitivity folder`));
  } else if (kind.kind === 'sensitivity') {
    const input = readSensitivityInput(dir);
    if (input.ok) plan.sensitivity = input.value; else problems.push(...input.problems);
  } else {
    const input = readExperimentInput(dir);
    if (input.ok) plan.experiment = input.value; else problems.push(...input.problems);
    if (opts.sensitivity !== undefined) {
      const sens = readSensitivityInput(opts.sensitivity);
      if (sens.ok) plan.sensitivity = sens.value;
      else problems.push(...sens.problems.map((p) => (p.file === opts.sensitivity ? optionProblem('--sensitivity', `${opts.sensitivity} ${p.message}`) : p)));
    }
  }
  // --where must name two conditions the map can use: checked now, so that nothing is written for a typo.
  if (opts.where !== undefined && kind.kind !== 'run' && problems.length === 0) {
    const c0 = plan.experiment?.comparisons[0];
    const source = plan.sensitivity !== undefined ? { kind: 'points' as const, input: plan.sensitivity } : c0 !== undefined ? { kind: 'comparison' as const, comparison: c0 } : null;
    const axes = source === null ? null : whereAxes(source, opts.where);
    if (axes !== null && 'reason' in axes) problems.push(optionProblem('--where', axes.reason));
  }
  if (problems.length > 0) throw new ProblemError(problems);
  return plan;
}

/**
 * The plan of a report of two run folders: by default `compare-<B's folder name>.html` in run
 * A's folder (recorded in A's ledger as derived from run A: simulating A again with another
 * run removes it), else `--out`. Options that belong to one run or an experiment are refused.
 */
function planCompare(dirA: string, dirB: string, opts: ReportOptions): ReportPlan {
  const problems: Problem[] = [];
  const file = resolve(opts.out ?? compareFile(dirA, dirB));
  const chartsDir = join(dirname(file), chartsFolderName(file));
  const input = readCompareInput(dirA, dirB);
  if (!input.ok) problems.push(...input.problems);
  if (opts.out !== undefined && !/\.html?$/i.test(opts.out)) problems.push(optionProblem('--out', `expected a file name ending in .html, got "${opts.out}"`));
  else if (input.ok) problems.push(...reportOutputProblems(file, dirA));
  const refuse = (option: string, what: string) => problems.push(optionProblem(option, `${what}; a report of two runs takes only --out (the pair shown is the one that differs most)`));
  if ((opts.pairs ?? []).length > 0) refuse('--pair', 'chooses pairs in the report of one run');
  if (opts.handout === true) refuse('--handout', "writes an experiment's handout");
  if (opts.sensitivity !== undefined) refuse('--sensitivity', "adds to an experiment's report");
  if (opts.where !== undefined) refuse('--where', "applies to an experiment's or a sensitivity folder's report");
  if (problems.length > 0 || !input.ok) throw new ProblemError(problems);
  return { dir: dirA, kind: 'compare', file, chartsDir, command: opts.command ?? `npm run report -- ${dirA} ${dirB}`, compare: input.value };
}

/** Draws every chart and the page. */
export async function buildReport(plan: ReportPlan): Promise<BuiltReport> {
  const charts = new ChartSet();
  const href = relative(dirname(plan.file), plan.chartsDir).split('\\').join('/') || chartsFolderName(plan.file);
  const ctx = { chartsHref: href, reportCommand: plan.command, dataHref: relative(dirname(plan.file), resolve(plan.dir)).split('\\').join('/') || '.' };
  const built = plan.kind === 'run' ? runReport(plan.run!, charts, ctx)
    : plan.kind === 'compare' ? compareReport(plan.compare!, charts, ctx)
    : plan.kind === 'sensitivity' ? sensitivityReport(plan.sensitivity!, charts, ctx, plan.where)
    : experimentReport(plan.experiment!, charts, ctx, { sensitivity: plan.sensitivity, where: plan.where });
  const kindWords = plan.kind === 'compare' ? `two run folders, A and B, the second ${plan.compare!.b.dir}` : plan.kind === 'run' ? 'a run folder' : plan.kind === 'sensitivity' ? 'a sensitivity folder' : plan.sensitivity !== undefined ? `an experiment folder, with the sensitivity folder ${plan.sensitivity.dir}` : 'an experiment folder';
  const made = `Made by Entente's npm run report from ${plan.dir} (${kindWords}); charts also as SVG and PNG files in ${basename(plan.chartsDir)}/ beside this file.`;
  const html = renderPage({ title: built.title, cover: built.cover, sections: built.sections, madeBy: made });
  const out: BuiltReport = { html, title: built.title, charts: await charts.files() };
  if (plan.handout !== undefined && plan.experiment !== undefined) {
    const hCharts = new ChartSet();
    const h = handoutPage(plan.experiment, hCharts, { chartsHref: chartsFolderName(plan.handout), reportCommand: plan.command }, plan.sensitivity);
    out.handout = { html: h.html, title: h.title, charts: await hCharts.files() };
  }
  return out;
}

/** Writes the report's HTML file and chart files as one result; throws a ProblemError (nothing replaced) when it cannot. */
export function writeReportFiles(plan: ReportPlan, report: BuiltReport): void {
  const written = writeReport(plan.file, plan.dir, report.html, report.charts);
  if (!written.ok) throw new ProblemError(written.problems);
  if (plan.handout !== undefined && report.handout !== undefined) {
    const h = writeReport(plan.handout, plan.dir, report.handout.html, report.handout.charts);
    if (!h.ok) throw new ProblemError(h.problems);
  }
}

/** Plans, builds and writes a report (of a folder, or of two run folders compared); returns where it went. */
export async function makeReport(dir: string | readonly [string, string], opts: ReportOptions = {}): Promise<{ file: string; chartsDir: string; charts: number; title: string; handout?: string }> {
  const plan = planReport(dir, opts);
  const report = await buildReport(plan);
  writeReportFiles(plan, report);
  return { file: plan.file, chartsDir: plan.chartsDir, charts: report.charts.length / 2, title: report.title, ...(plan.handout !== undefined ? { handout: plan.handout } : {}) };
}
