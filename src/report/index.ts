/**
 * Seminar reports: one self-contained HTML file from a run folder or an experiment folder, with
 * its charts inline and beside it as SVG and PNG files.
 *
 * `planReport` reads and checks everything (throwing `{ problems }` for bad input, before
 * anything is written); `buildReport` draws the charts and the page; `writeReport` writes them
 * as one unit.
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
import { formatProblem, type Problem } from '../io/document.js';
import { ChartSet } from './charts.js';
import { experimentReport, readExperimentInput, type ExperimentInput } from './experiment.js';
import { renderPage } from './page.js';
import { folderKind } from './read.js';
import { readRunInput, runReport, type RunInput } from './run.js';
import { outputProblems, writeReport } from './write.js';

export { escapeHtml, html, raw, Html } from './html.js';
export { CONTENT_SECURITY_POLICY } from './page.js';
export { GENERATOR, outputProblems } from './write.js';
export { ttfToWoff } from './fonts.js';
export { readSteps, folderKind } from './read.js';
export { sweepAxes } from './experiment.js';

export interface ReportOptions {
  /** The HTML file (default `<dir>/report.html`); the charts go to `charts/` beside it. */
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

/** Bad input, each problem with the file or option at fault. */
export class ReportInputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

const isProblems = (e: unknown): e is { problems: Problem[] } => typeof e === 'object' && e !== null && Array.isArray((e as { problems?: unknown }).problems);

/** Reads and checks a folder and the options; throws ReportInputError, having written nothing. */
export function planReport(dir: string, opts: ReportOptions = {}): ReportPlan {
  const problems: Problem[] = [];
  const kind = folderKind(dir);
  const file = resolve(opts.out ?? join(dir, 'report.html'));
  const chartsDir = join(dirname(file), 'charts');
  if (opts.out !== undefined && !/\.html?$/i.test(opts.out)) {
    problems.push({ file: '<command line>', path: '--out', line: 0, column: 0, message: `expected a file name ending in .html, got "${opts.out}"` });
  }
  for (const m of outputProblems(file, chartsDir)) problems.push({ file: '<command line>', path: '--out', line: 0, column: 0, message: m });
  if ('problems' in kind) throw new ReportInputError([...kind.problems, ...problems]);
  const pairs = opts.pairs ?? [];
  if (kind.kind === 'experiment' && pairs.length > 0) {
    problems.push({ file: '<command line>', path: '--pair', line: 0, column: 0, message: `${dir} is an experiment folder; --pair applies to a run folder (an experiment keeps no pair's trust)` });
  }
  const command = opts.command ?? `npm run report -- ${dir}`;
  const plan: ReportPlan = { dir, kind: kind.kind, file, chartsDir, command };
  try {
    if (kind.kind === 'run') plan.run = readRunInput(dir, pairs);
    else plan.experiment = readExperimentInput(dir);
  } catch (e) {
    if (isProblems(e)) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0) throw new ReportInputError(problems);
  return plan;
}

/** Draws every chart and the page. */
export async function buildReport(plan: ReportPlan): Promise<BuiltReport> {
  const charts = new ChartSet();
  const href = relative(dirname(plan.file), plan.chartsDir).split('\\').join('/') || 'charts';
  const ctx = { chartsHref: href, reportCommand: plan.command };
  const built = plan.kind === 'run' ? runReport(plan.run!, charts, ctx) : experimentReport(plan.experiment!, charts, ctx);
  const made = `Made by Entente's npm run report from ${plan.dir} (${plan.kind === 'run' ? 'a run folder' : 'an experiment folder'}); charts also as SVG and PNG files in ${basename(plan.chartsDir)}/ beside this file.`;
  const html = renderPage({ title: built.title, cover: built.cover, sections: built.sections, madeBy: made });
  return { html, title: built.title, charts: await charts.files() };
}

/** Writes the report's HTML file and chart files as one unit. */
export function writeReportFiles(plan: ReportPlan, report: BuiltReport): void {
  writeReport(plan.file, report.html, plan.chartsDir, report.charts);
}

/** Plans, builds and writes a report; returns where it went. */
export async function makeReport(dir: string, opts: ReportOptions = {}): Promise<{ file: string; chartsDir: string; charts: number; title: string }> {
  const plan = planReport(dir, opts);
  const report = await buildReport(plan);
  writeReportFiles(plan, report);
  return { file: plan.file, chartsDir: plan.chartsDir, charts: report.charts.length / 2, title: report.title };
}
