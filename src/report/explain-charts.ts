/**
 * Where an explanation's charts go, and writing them through the one owner of output folders: by
 * default beside the run (the chronological waterfall `explain-A-B.svg` and `.png`, the
 * contributions by kind `explain-A-B-by-kind.svg` and `.png`, with `-<from>-to-<to>` for a
 * part of the run), recorded in the run folder's ledger as derived from the run (so simulating
 * the same run again keeps it, and replacing the run with --overwrite removes it); or one file
 * named by `out`. A file the ledger does not say explain wrote is never replaced.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { commitOutput, planOutput, safeComponent, samePath, type OutputPlan } from '../io/output.js';
import type { LoadResult } from '../io/problem.js';
import { runEntryKey } from '../run/folder/index.js';
import type { PairExplanation } from '../explain/explain.js';

/** The writer named in the ledger for explanation charts. */
export const EXPLAIN_WRITER = 'explain';

export interface ExplainCharts {
  plan: OutputPlan;
  /** Chart files (absolute) and their formats. */
  files: { file: string; format: 'svg' | 'png' }[];
}

/** Checks where the chart files of `e` go (nothing written): beside the run in `runDir`, or `out`. */
export function planExplainCharts(runDir: string, e: PairExplanation, lastStep: number, out?: string): LoadResult<ExplainCharts> {
  let folder: string, names: string[];
  if (out !== undefined) {
    folder = dirname(resolve(out));
    names = [basename(out)];
  } else {
    const range = e.from.step === 0 && e.to.step === lastStep ? '' : `-${e.from.date}-to-${e.to.date}`;
    const stem = `explain-${safeComponent(e.observer.id)}-${safeComponent(e.subject.id)}${range}`;
    folder = resolve(runDir);
    // The chronological waterfall, and the contributions by kind as bars from zero.
    names = [`${stem}.svg`, `${stem}.png`, `${stem}-by-kind.svg`, `${stem}-by-kind.png`];
  }
  const derivedFrom = samePath(folder, runDir) ? runEntryKey(runDir) : undefined;
  const plan = planOutput(folder, {
    writer: EXPLAIN_WRITER, id: names.join(','), label: `${e.observer.id}'s trust in ${e.subject.id}, ${e.from.date} to ${e.to.date}`,
    files: names, derivedFrom, shared: true,
  });
  if (!plan.ok) return plan;
  return { ok: true, value: { plan: plan.value, files: names.map((n) => ({ file: join(folder, n), format: extname(n).toLowerCase() === '.png' ? 'png' : 'svg' })) } };
}

/** Draws the waterfall and writes the planned chart files; the problem of a failed write otherwise. */
export async function writeExplainCharts(charts: ExplainCharts, e: PairExplanation, top: number): Promise<LoadResult<string[]>> {
  // The renderer (Observable Plot, resvg) is loaded only when a chart is wanted.
  const [{ renderSvg }, { renderPng }, { waterfallChart }, { contributionsChart }] = await Promise.all([import('../charts/render.js'), import('../charts/png.js'), import('../charts/waterfall.js'), import('../charts/contributions.js')]);
  const svg = renderSvg(waterfallChart(e, { top }));
  const byKind = renderSvg(contributionsChart(e));
  const written = commitOutput(charts.plan, charts.files.map((c) => {
    const chart = basename(c.file).includes('-by-kind.') ? byKind : svg;
    return [basename(c.file), c.format === 'svg' ? chart : renderPng(chart)] as const;
  }));
  return written.ok ? { ok: true, value: charts.files.map((c) => c.file) } : written;
}
