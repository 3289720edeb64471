/** The experiment report's full comparison table: every scenario, parameter set and metric. */
import { hypothesisColor, mix, type Comparison, type ComparisonRow } from '../../charts/index.js';
import { sideOf, verdictOfRow } from '../../charts/comparison.js';
import { decimalsFor, sx } from '../common.js';
import { html, join as joinHtml, raw, table, type Html, type HtmlValue } from '../html.js';
import type { Section } from '../page.js';
import { isNeutral, metricWords, rowsOf, type ExperimentContext } from './context.js';

function compareCell(c: Comparison, r: ComparisonRow | undefined, d: number): HtmlValue {
  if (r === undefined) return '–';
  if (!Number.isFinite(r.meanDiff)) return html`<span class="d">–</span><span class="ci">no paired values</span>`;
  // Neither direction better: the difference without a mark.
  if (isNeutral(r.metric)) return html`<span class="d">${sx(r.meanDiff, d)}</span><span class="ci">[${sx(r.ciLow, d)}, ${sx(r.ciHigh, d)}]</span>`;
  const side = sideOf(c, r);
  const mark = side === 'a' ? ' A' : side === 'b' ? ' B' : r.verdict !== undefined && verdictOfRow(r) === 'equivalent' ? ' =' : '';
  return html`<span class="d">${sx(r.meanDiff, d)}${mark}</span><span class="ci">[${sx(r.ciLow, d)}, ${sx(r.ciHigh, d)}]</span>`;
}

function leadClass(c: Comparison, r: ComparisonRow | undefined): string {
  const side = r === undefined || isNeutral(r.metric) ? 'none' : sideOf(c, r);
  return side === 'a' ? 'lead-a' : side === 'b' ? 'lead-b' : '';
}

/** Cells (scenarios x parameter sets) up to which the full table is printed in the report; beyond, it stays in the files. */
export const INLINE_TABLE_CELLS = 40;

/** The appendix: the full table when it is short, else the counts per scenario and where the cell-by-cell table is; none with a single hypothesis. */
export function comparisonTableSection(x: ExperimentContext): Section | null {
  const { plan, c0, S, P } = x;
  if (c0 === undefined) return null;
  if (S * P <= INLINE_TABLE_CELLS) return fullTable(x);
  const metrics = plan.metrics.filter((m) => c0.rows.some((r) => r.metric === m));
  const rows = metrics.map((m) => [metricWords(m), ...plan.scenarios.map((s) => {
    const k = verdictTally(c0, m, s.name);
    return html`${k.a} / ${k.b} / ${k.equivalent} / ${k.undecided}${k.noValues > 0 ? html`<span class="ci-line">${k.noValues} without values</span>` : ''}`;
  })]);
  const href = x.ctx.dataHref ?? '.';
  return {
    id: 'comparison-table',
    title: 'Appendix: the comparison, cell by cell',
    body: joinHtml([
      html`<p>The experiment compared ${S * P} cells (${S} scenario${S === 1 ? '' : 's'} × ${P} parameter sets) on ${metrics.length} measures: too many to print. Per scenario and measure, the cells where ${c0.a} leads / ${c0.b} leads / the two are equivalent / undecided:</p>`,
      table(['measure', ...plan.scenarios.map((s) => s.name)], rows, { cls: 'compare' }),
      html`<p>Every cell, with each hypothesis's mean, the paired difference and its interval, win shares, effect size, p-values (raw and adjusted), the verdict and the replications an undecided cell would need: <a href="${href}/comparison.txt"><code>comparison.txt</code></a> (a table to read) and <a href="${href}/comparison.json"><code>comparison.json</code></a> (for code), in the experiment folder.</p>`,
    ]),
  };
}

function verdictTally(c: Comparison, metric: string, scenario: string): { a: number; b: number; equivalent: number; undecided: number; noValues: number } {
  const rows = c.rows.filter((r) => r.metric === metric && r.scenario === scenario);
  const valued = rows.filter((r) => r.n > 0 && Number.isFinite(r.meanDiff));
  const a = valued.filter((r) => sideOf(c, r) === 'a').length, b = valued.filter((r) => sideOf(c, r) === 'b').length;
  const equivalent = valued.filter((r) => verdictOfRow(r) === 'equivalent').length;
  return { a, b, equivalent, undecided: valued.length - a - b - equivalent, noValues: rows.length - valued.length };
}

function fullTable({ plan, c0, A, B, R, level, setLabel }: ExperimentContext): Section | null {
  if (c0 === undefined) return null;
  const metrics = plan.metrics.filter((m) => c0.rows.some((r) => r.metric === m));
  // At most seven metrics a table (what fits across a printed page), in tables of even size.
  const count = Math.ceil(metrics.length / 7);
  const size = Math.ceil(metrics.length / Math.max(1, count));
  const chunks: string[][] = [];
  for (let k = 0; k < metrics.length; k += size) chunks.push(metrics.slice(k, k + size));
  const byKey = new Map(c0.rows.map((r) => [`${r.scenario}\u0000${r.set}\u0000${r.metric}`, r]));
  const colorA = mix(hypothesisColor(A), '#FFFFFF', 0.8), colorB = mix(hypothesisColor(B), '#FFFFFF', 0.8);
  const tables: Html[] = [
    html`<p>Every scenario, parameter set and metric: the mean paired difference A − B (A = ${A}, B = ${B}) over ${R} seed${R === 1 ? '' : 's'}, and below it its ${level}% bootstrap interval. <span class="swatch" style="background:${colorA}"></span>A or <span class="swatch" style="background:${colorB}"></span>B after the number, in bold on a shaded cell: that hypothesis leads (it does better, the whole interval lies beyond the metric's margin of practical equivalence, and the test adjusted for the many cells agrees); “=” after the number: the two are equivalent (the whole interval lies within the margin); nothing: undecided. Under each metric: whether higher or lower is better (“neither better” for the agreement network's measures, which describe how the network grows: no hypothesis leads on them). The same numbers, with each hypothesis's mean, win shares, effect sizes, p-values (raw and adjusted) and the replications an undecided cell would need, are in <code>comparison.txt</code> and <code>comparison.json</code>.</p>`,
  ];
  plan.scenarios.forEach((s) => {
    tables.push(html`<h3>${s.name}</h3>`);
    for (const chunk of chunks) {
      const digits = new Map(chunk.map((m) => {
        const rows = rowsOf(c0, s.name, m);
        return [m, decimalsFor(Math.max(...rows.flatMap((r) => [Math.abs(r.meanDiff), Math.abs(r.ciLow), Math.abs(r.ciHigh)]).filter(Number.isFinite), 0))];
      }));
      const head = [html`condition`, ...chunk.map((m) => html`${metricWords(m)}<span class="better">${isNeutral(m) ? 'neither better' : `${rowsOf(c0, s.name, m)[0]?.better ?? 'higher'} better`}</span>`)];
      const body = plan.sets.map((_, set) => html`<tr><td>${setLabel(set)}</td>${chunk.map((m) => {
        const r = byKey.get(`${s.name}\u0000${set}\u0000${m}`);
        const cls = leadClass(c0, r);
        return html`<td class="num${cls ? ` ${cls}` : ''}">${compareCell(c0, r, digits.get(m)!)}</td>`;
      })}</tr>`);
      tables.push(html`<table class="compare"><thead><tr>${head.map((h, k) => html`<th${raw(k > 0 ? ' class="num"' : '')}>${h}</th>`)}</tr></thead><tbody>${body}</tbody></table>`);
    }
  });
  return { id: 'comparison-table', title: 'The comparison table', body: joinHtml(tables) };
}
