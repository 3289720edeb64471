/**
 * Chart 2: who trusts whom. The trust matrix as a heatmap (rows: the truster; columns: the
 * trusted), as small multiples at chosen times, all on one fixed 0-1 colour scale. States are
 * labelled by their full names on an axis where these fit, by their ids (short names) otherwise,
 * with a key of the short names below the chart.
 */
import * as Plot from '@observablehq/plot';
import type { FinalData, PairRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, monthLabel, shortMonth, signed, unique } from './common.js';
import { textWidth } from './font.js';
import { shortNamesKey } from './legend.js';
import { TRUST_STOPS, textOn, trustColor } from './palette.js';

export interface TrustMatrixOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Steps to show (default: first, middle and last). */
  steps?: number[];
  /** State order for rows and columns (default: order of first appearance, i.e. the scenario's). */
  states?: string[];
  /** Full names of the states by id (default: the ids); used as labels where they fit, else in a key of short names. */
  names?: ReadonlyMap<string, string> | Record<string, string>;
}

/** The widest a row label (full name) may be, px. */
const MAX_ROW_LABEL = 220;
/** The longest a rotated column label (full name) may be, px. */
const MAX_COLUMN_LABEL = 170;

interface Cell { from: string; to: string; trust: number; panel: string; step: number }

/** pairs.csv rows at the last step as a matrix, or a final.json trust matrix, as PairRows. */
export function pairsFromFinal(final: FinalData): PairRow[] {
  const out: PairRow[] = [];
  final.states.forEach((a, i) => final.states.forEach((b, j) => {
    if (i !== j) out.push({ step: final.step, date: final.date, from: a, to: b, trust: final.trust[i][j] });
  }));
  return out;
}

export function trustMatrixChart(rows: readonly PairRow[], opts: TrustMatrixOptions = {}): ChartSpec {
  if (rows.length === 0) throw new Error('trustMatrixChart: no rows');
  const states = opts.states ?? unique(rows.flatMap((r) => [r.from, r.to]));
  const allSteps = unique(rows.map((r) => r.step)).sort((a, b) => a - b);
  const steps = opts.steps ?? unique([allSteps[0], allSteps[Math.floor((allSteps.length - 1) / 2)], allSteps[allSteps.length - 1]]);
  const dateOf = new Map(rows.map((r) => [r.step, r.date]));
  const panelOf = (step: number) => `${shortMonth(dateOf.get(step) ?? String(step))} (step ${step})`;
  const panels = steps.map(panelOf);
  const wanted = new Set(steps);
  const cells: Cell[] = rows.filter((r) => wanted.has(r.step)).map((r) => ({ from: r.from, to: r.to, trust: r.trust, panel: panelOf(r.step), step: r.step }));
  for (const s of steps) if (!dateOf.has(s)) throw new Error(`trustMatrixChart: no rows at step ${s}`);

  const n = states.length;
  const cellPx = n <= 6 ? 44 : n <= 10 ? 30 : 20;
  const labelSize = n <= 10 ? 14 : 12;
  const showValues = n <= 8;
  // Full names where they fit: rows when the widest fits the left margin; columns when each fits
  // its cell (upright) or, rotated, the bottom margin.
  const nameOf = opts.names instanceof Map ? opts.names : new Map(Object.entries(opts.names ?? {}));
  const full = (id: string) => nameOf.get(id) ?? id;
  const widest = Math.max(...states.map((s) => textWidth(full(s), labelSize)));
  const rotate = n > 8;
  const fullRows = widest <= MAX_ROW_LABEL;
  const fullColumns = rotate ? widest <= MAX_COLUMN_LABEL : widest <= cellPx - 4;
  const marginLeft = fullRows ? Math.max(80, Math.ceil(widest) + 30) : 80;
  const marginBottom = rotate && fullColumns ? Math.max(70, Math.ceil(widest) + 36) : 70;
  const key = fullRows && fullColumns ? null : shortNamesKey(states, nameOf);
  const width = Math.max(960, Math.ceil(steps.length * (n * cellPx + 24) + 10 + marginLeft));
  const height = Math.max(540, n * cellPx + 330 + (marginBottom - 70));

  // Caption: extremes at the last panel, change since the first, most and least trusted, asymmetry.
  const last = steps[steps.length - 1];
  const firstStep = steps[0];
  const at = (step: number) => cells.filter((c) => c.step === step);
  const lastCells = at(last);
  const top = [...lastCells].sort((a, b) => b.trust - a.trust)[0];
  const bottom = [...lastCells].sort((a, b) => a.trust - b.trust)[0];
  const mean = (cs: Cell[]) => cs.reduce((s, c) => s + c.trust, 0) / Math.max(1, cs.length);
  const colMean = (step: number, s: string) => mean(at(step).filter((c) => c.to === s));
  const rowMean = (step: number, s: string) => mean(at(step).filter((c) => c.from === s));
  const mostTrusted = [...states].sort((a, b) => colMean(last, b) - colMean(last, a))[0];
  const leastTrusted = [...states].sort((a, b) => colMean(last, a) - colMean(last, b))[0];
  const mostTrusting = [...states].sort((a, b) => rowMean(last, b) - rowMean(last, a))[0];
  const trustAt = new Map(lastCells.map((c) => [`${c.from}\u0000${c.to}`, c.trust]));
  let asym: { a: string; b: string; d: number } | null = null;
  for (const c of lastCells) {
    const back = trustAt.get(`${c.to}\u0000${c.from}`);
    if (back === undefined) continue;
    const d = c.trust - back;
    if (asym === null || d > asym.d) asym = { a: c.from, b: c.to, d };
  }
  const lastDate = monthLabel(dateOf.get(last)!);
  // The caption names states by their full names (the axes may show short ones).
  const nm = (id: string) => nameOf.get(id) ?? id;
  const sentences = [
    `Each panel is the trust matrix at one time: row i, column j is i's trust in j (brown: distrust, white: even odds 0.5, teal: trust; the diagonal, grey, is not modelled).`,
    `In ${lastDate} the highest trust is ${nm(top.from)}'s in ${nm(top.to)} (${f(top.trust)}) and the lowest ${nm(bottom.from)}'s in ${nm(bottom.to)} (${f(bottom.trust)}).`,
    `${nm(mostTrusted)} is the most trusted state (mean of its column ${f(colMean(last, mostTrusted))}), ${nm(leastTrusted)} the least (${f(colMean(last, leastTrusted))}); ${nm(mostTrusting)} trusts others most (row mean ${f(rowMean(last, mostTrusting))}).`,
  ];
  if (asym !== null && asym.d > 0.05) {
    sentences.push(`The most one-sided pair is ${nm(asym.a)} and ${nm(asym.b)}: ${nm(asym.a)} trusts ${nm(asym.b)} ${f(asym.d)} more than ${nm(asym.b)} trusts ${nm(asym.a)}.`);
  }
  if (steps.length > 1) {
    const m0 = mean(at(firstStep));
    const m1 = mean(lastCells);
    sentences.push(`Mean trust over all pairs went from ${f(m0, 3)} in ${monthLabel(dateOf.get(firstStep)!)} to ${f(m1, 3)} (${signed(m1 - m0, 3)}).`);
  }

  const data = cells.map((c) => {
    const fill = trustColor(c.trust);
    return { ...c, fill, ink: textOn(fill), label: c.trust.toFixed(2).replace(/^0/, '') };
  });
  const marks: Plot.Markish[] = [
    Plot.cell(data, { x: 'to', y: 'from', fx: 'panel', fill: 'fill', inset: 0.5 }),
    // The diagonal (a state's trust in itself) is not modelled: grey.
    Plot.cell(panels.flatMap((p) => states.map((s) => ({ panel: p, s }))), { x: 's', y: 's', fx: 'panel', fill: '#AAAAAA', inset: 0.5 }),
    Plot.frame({ stroke: '#999999' }),
    Plot.axisFx({ anchor: 'top', label: null, fontSize: 16, fontWeight: 'bold', tickSize: 0 } as Plot.AxisOptions),
  ];
  if (showValues) marks.push(Plot.text(data, { x: 'to', y: 'from', fx: 'panel', text: 'label', fill: 'ink', fontSize: 13 }));
  return {
    id: opts.id ?? 'trust-matrix',
    title: opts.title ?? 'Who trusts whom',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    colorBar: { label: "i's trust in j", domain: [0, 1], colors: TRUST_STOPS, ticks: [0, 0.25, 0.5, 0.75, 1] },
    ...(key === null ? {} : { footnotes: [key] }),
    width,
    height,
    fontSize: labelSize,
    plot: {
      marginLeft,
      marginTop: 34,
      marginBottom,
      marginRight: 10,
      color: { type: 'identity' },
      fx: { domain: panels, label: null, padding: 0.08 },
      x: { domain: states, label: 'trusted state j →', tickRotate: rotate ? -90 : 0, tickSize: 0, labelArrow: 'none', labelAnchor: 'center', ...(fullColumns ? { tickFormat: full } : {}) },
      y: { domain: states, label: '↓ truster i', tickSize: 0, labelArrow: 'none', ...(fullRows ? { tickFormat: full } : {}) },
      marks,
    },
  };
}
