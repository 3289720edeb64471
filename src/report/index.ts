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
import { basename, dirname, join, relative, resolve } from 'node:path';
import { optionProblem, ProblemError, type Problem } from '../io/problem.js';
import { ChartSet } from './charts.js';
import { experimentReport, readExperimentInput, type ExperimentInput } from './experiment/index.js';
import { renderPage } from './page.js';
import { folderKind } from './read.js';
import { readRunInput, runReport, type RunInput } from './run/index.js';
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
}

export interface ReportPlan {
  dir: string;
  kind: 'run' | 'experiment';
  file: string;
  chartsDir: string;
  command: string;
  run?: RunInput;
  experiment?: ExperimentInput;
}

export interface BuiltReport {
  html: string;
  title: string;
  charts: { name: string; data: string | Uint8Array }[];
}


/** Reads and checks a folder and the options; throws a ProblemError, having written nothing. */
export function planReport(dir: string, opts: ReportOptions = {}): ReportPlan {
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
  const command = opts.command ?? `npm run report -- ${dir}`;
  const plan: ReportPlan = { dir, kind: kind.kind, file, chartsDir, command };
  if (kind.kind === 'run') {
    const input = readRunInput(dir, pairs);
    if (input.ok) plan.run = input.value; else problems.push(...input.problems);
  } else {
    const input = readExperimentInput(dir);
    if (input.ok) plan.experiment = input.value; else problems.push(...input.problems);
  }
  if (problems.length > 0) throw new ProblemError(problems);
  return plan;
}

/** Draws every chart and the page. */
export async function buildReport(plan: ReportPlan): Promise<BuiltReport> {
  const charts = new ChartSet();
  const href = relative(dirname(plan.file), plan.chartsDir).split('\\').join('/') || chartsFolderName(plan.file);
  const ctx = { chartsHref: href, reportCommand: plan.command };
  const built = plan.kind === 'run' ? runReport(plan.run!, charts, ctx) : experimentReport(plan.experiment!, charts, ctx);
  const made = `Made by Entente's npm run report from ${plan.dir} (${plan.kind === 'run' ? 'a run folder' : 'an experiment folder'}); charts also as SVG and PNG files in ${basename(plan.chartsDir)}/ beside this file.`;
  const html = renderPage({ title: built.title, cover: built.cover, sections: built.sections, madeBy: made });
  return { html, title: built.title, charts: await charts.files() };
}

/** Writes the report's HTML file and chart files as one result; throws a ProblemError (nothing replaced) when it cannot. */
export function writeReportFiles(plan: ReportPlan, report: BuiltReport): void {
  const written = writeReport(plan.file, plan.dir, report.html, report.charts);
  if (!written.ok) throw new ProblemError(written.problems);
}

/** Plans, builds and writes a report; returns where it went. */
export async function makeReport(dir: string, opts: ReportOptions = {}): Promise<{ file: string; chartsDir: string; charts: number; title: string }> {
  const plan = planReport(dir, opts);
  const report = await buildReport(plan);
  writeReportFiles(plan, report);
  return { file: plan.file, chartsDir: plan.chartsDir, charts: report.charts.length / 2, title: report.title };
}
