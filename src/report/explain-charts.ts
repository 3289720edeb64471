/**
 * Where an explanation's waterfall chart goes, and writing it through the one owner of output
 * folders: by default beside the run (`explain-A-B.svg` and `.png`, with `-<from>-to-<to>` for a
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
    names = [`${stem}.svg`, `${stem}.png`];
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
  const [{ renderPng, renderSvg }, { waterfallChart }] = await Promise.all([import('../charts/render.js'), import('../charts/waterfall.js')]);
  const svg = renderSvg(waterfallChart(e, { top }));
  const written = commitOutput(charts.plan, charts.files.map((c) => [basename(c.file), c.format === 'svg' ? svg : renderPng(svg)] as const));
  return written.ok ? { ok: true, value: charts.files.map((c) => c.file) } : written;
}
