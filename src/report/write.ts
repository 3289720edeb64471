/**
 * Where a report goes and writing it, through the one owner of output folders
 * (src/io/output.ts): the HTML file and its chart files are one result in the folder's ledger
 * (writer `report`, identity the HTML file's name), recorded as derived from the run when the
 * report sits in its run folder. Each report has its own charts folder, named after its file
 * (`report.html` -> `charts/`, `week-3.html` -> `week-3-charts/`), so two reports in one folder
 * never share chart files; its slides (16:9, no caption) are in the charts folder's `slides/`,
 * part of the same result. A file the ledger does not list (the user's own slides in a charts
 * folder, notes beside the report) is never replaced or deleted.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { runEntryKey } from '../run/folder/index.js';
import { SLIDES_FOLDER, safeId, type ChartFile } from './charts.js';
import { commitOutput, planOutput, samePath, type OutputPlan } from '../io/output.js';
import { optionProblem, type LoadResult, type Problem } from '../io/problem.js';

/** The mark in every report's head. */
export const GENERATOR = 'Entente npm run report';
/** The writer named in the ledger for reports. */
export const REPORT_WRITER = 'report';

/** The charts folder of a report file, beside it: `charts` for `report.html`, `<stem>-charts` otherwise. */
export function chartsFolderName(file: string): string {
  const name = basename(file);
  return name === 'report.html' ? 'charts' : `${basename(name, extname(name))}-charts`;
}

/** The ledger entry a report asks for, with its chart files named. */
function request(file: string, source: string, charts: readonly string[]): Parameters<typeof planOutput>[1] {
  const folder = chartsFolderName(file);
  return {
    writer: REPORT_WRITER, id: basename(file), label: `a report (${basename(file)})`,
    files: [basename(file), ...charts.map((c) => `${folder}/${c}`)],
    derivedFrom: samePath(dirname(file), source) ? runEntryKey(source) : undefined,
    shared: true,
  };
}

/** Why a report cannot go to `file` (made from the folder `source`), checked before anything is drawn. */
export function reportOutputProblems(file: string, source: string): Problem[] {
  if (existsSync(file) && statSync(file).isDirectory()) {
    return [optionProblem('--out', `"${file}" is a folder; give the report's file name, e.g. ${join(file, 'report.html')}`)];
  }
  const plan = planOutput(dirname(file), request(file, source, []));
  return plan.ok ? [] : plan.problems;
}

/**
 * The chart files with their companions (slides); slides whose report named no slug
 * (`slides/--<id>.png`) are named by the folder reported on (an experiment's folder is named
 * after the experiment).
 */
function namedSlides(source: string, files: readonly ChartFile[]): { name: string; data: string | Uint8Array }[] {
  const prefix = `${SLIDES_FOLDER}/--`;
  const charts = files.flatMap(({ companions, ...f }) => [f, ...(companions ?? [])]);
  const slug = safeId(basename(resolve(source)));
  return charts.map((c) => (c.name.startsWith(prefix) ? { ...c, name: `${SLIDES_FOLDER}/${slug}--${c.name.slice(prefix.length)}` } : c));
}

/** Writes the HTML file and its chart files (with their slides) as one result; the problems (nothing replaced) when it cannot. */
export function writeReport(file: string, source: string, text: string, files: readonly ChartFile[]): LoadResult<OutputPlan> {
  const charts = namedSlides(source, files);
  const plan = planOutput(dirname(file), request(file, source, charts.map((c) => c.name)));
  if (!plan.ok) return plan;
  const folder = chartsFolderName(file);
  // The page last: until it is in place, the folder holds the earlier report.
  const written = commitOutput(plan.value, [...charts.map((c) => [`${folder}/${c.name}`, c.data] as const), [basename(file), text] as const]);
  return written.ok ? plan : written;
}
