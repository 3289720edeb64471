/** Chart 6b: the paired differences with their confidence intervals per scenario and condition (a forest plot). */
import * as Plot from '@observablehq/plot';
import type { Comparison, ComparisonRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, paramsLabel, signed, unique } from './common.js';
import { hypothesisColor, INK, TYPE } from './palette.js';
import { textWidth, truncateText } from './font.js';
import { metricWords, advantage, winsWords, leaderName, sideOf, verdictOfRow } from './comparison-common.js';

export interface DifferencesOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  metric?: string;
}

/** Label of a comparison row: the scenario (when several) and its parameter set. */
function conditionLabel(r: ComparisonRow, manyScenarios: boolean): string {
  const p = paramsLabel(r.params);
  return manyScenarios ? `${r.scenario}: ${p}` : p;
}

export function differencesChart(c: Comparison, opts: DifferencesOptions = {}): ChartSpec {
  const metric = opts.metric ?? c.rows[0]?.metric;
  const rows = c.rows.filter((r) => r.metric === metric);
  if (rows.length === 0) throw new Error(`differencesChart: no rows for metric ${metric}`);
  const manyScenarios = unique(rows.map((r) => r.scenario)).length > 1;
  const level = c.level ?? 0.95;
  const better = rows[0].better ?? 'higher';
  const maxLabel = 330;
  const data = rows.map((r) => {
    const full = conditionLabel(r, manyScenarios);
    return { ...r, label: truncateText(full, maxLabel, TYPE.axis), full, color: sideOf(c, r) === 'none' ? '#777777' : hypothesisColor(leaderName(c, r)) };
  });
  // Two conditions could truncate to the same label: keep them apart.
  const seen = new Map<string, number>();
  for (const d of data) {
    const k = (seen.get(d.label) ?? 0) + 1;
    seen.set(d.label, k);
    if (k > 1) d.label = `${d.label} (${k})`;
  }

  // Caption.
  const leadA = rows.filter((r) => sideOf(c, r) === 'a');
  const leadB = rows.filter((r) => sideOf(c, r) === 'b');
  const none = rows.length - leadA.length - leadB.length;
  // The practical-equivalence margin, when the rows carry verdicts (comparison.json since the margins).
  const margin = rows[0].verdict !== undefined && typeof rows[0].margin === 'number' ? rows[0].margin : null;
  const equivalent = rows.filter((r) => verdictOfRow(r) === 'equivalent').length;
  const sentences: string[] = [];
  sentences.push(`Each row is one ${manyScenarios ? 'scenario and ' : ''}condition: the dot is the mean over paired runs (same seeds) of ${c.a} minus ${c.b} in ${metricWords(metric)}, the line its ${Math.round(level * 100)}% confidence interval; ${better} values are better.`);
  if (margin === null) sentences.push(`Of ${rows.length} ${manyScenarios ? 'rows' : 'conditions'}, ${c.a} does better in ${leadA.length} (interval excluding zero), ${c.b} in ${leadB.length}, and neither clearly in ${none}.`);
  else {
    sentences.push(`The dashed lines at ±${f(margin, 3)} mark the margin within which a difference is too small to matter: a hypothesis leads only where the whole interval lies beyond it (and the paired test, adjusted for the many cells compared, agrees), the two are equivalent where it lies wholly between the lines.`);
    sentences.push(`Of ${rows.length} ${manyScenarios ? 'rows' : 'conditions'}, ${c.a} leads in ${leadA.length}, ${c.b} in ${leadB.length}; they are equivalent in ${equivalent} and undecided in ${none - equivalent}.`);
  }
  const best = (list: ComparisonRow[]) => [...list].sort((x, y) => Math.abs(advantage(y).value) - Math.abs(advantage(x).value))[0];
  for (const [name, list] of [[c.a, leadA], [c.b, leadB]] as const) {
    const r = best(list);
    if (r) sentences.push(`Largest lead for ${name}: ${signed(r.meanDiff, 3)} [${f(r.ciLow, 3)}, ${f(r.ciHigh, 3)}] with ${conditionLabel(r, manyScenarios)} (effect size ${f(r.effectSize)}; ${name} better ${winsWords(r, sideOf(c, r) === 'a' ? r.winsA : r.winsB)}).`);
  }

  const width = 960;
  const labelW = Math.min(maxLabel, Math.max(...data.map((d) => textWidth(d.label, TYPE.axis)))) + 30;
  // The span covers every finite end and mean (an interval is missing, NaN or null, with one replication).
  const ends = [...rows.flatMap((r) => [r.ciLow, r.ciHigh, r.meanDiff]), ...(margin !== null ? [margin] : [])].map(Number).filter((x) => Number.isFinite(x));
  const span = Math.max(...ends.map((x) => Math.abs(x)), 1e-9) * 1.1;
  return {
    id: opts.id ?? `differences-${metric}`,
    title: opts.title ?? `Paired differences, ${c.a} − ${c.b}: ${metricWords(metric)}`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      { label: `${c.a} better`, color: hypothesisColor(c.a), shape: 'circle' },
      { label: `${c.b} better`, color: hypothesisColor(c.b), shape: 'circle' },
      { label: margin === null ? 'no clear difference' : 'equivalent or undecided', color: '#777777', shape: 'circle' },
    ],
    width,
    height: Math.max(420, 260 + 30 * rows.length),
    plot: {
      marginLeft: labelW,
      marginRight: 40,
      x: { domain: [-span, span], label: `${c.a} − ${c.b} (${metricWords(metric)})`, labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
      color: { type: 'identity' },
      marks: [
        Plot.ruleX([0], { stroke: INK.axis, strokeWidth: 1.5 }),
        ...(margin !== null && margin > 0 ? [Plot.ruleX([-margin, margin], { stroke: INK.axis, strokeWidth: 1, strokeDasharray: '6,4' })] : []),
        Plot.ruleY(data, { y: 'label', x1: 'ciLow', x2: 'ciHigh', stroke: 'color', strokeWidth: 3 }),
        Plot.dot(data, { y: 'label', x: 'meanDiff', fill: 'color', r: 6, stroke: 'white' }),
      ],
    },
  };
}
