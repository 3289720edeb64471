/** Chosen pairs' trust over one run, from pairs.csv: by default the gainers and losers that moved most. */
import * as Plot from '@observablehq/plot';
import type { PairRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, monthDate, monthLabel, plural, signed, stepMonths, timeAxis } from './common.js';
import { CATEGORICAL } from './palette.js';

export interface PairTrustOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Pairs to show as [from, to] (from's trust in to); default: the gainers and losers that moved most. */
  pairs?: [string, string][];
  /** How many pairs to choose when `pairs` is not given (default 6: half gainers, half losers). */
  top?: number;
  /** Window in months for "steepest rise" (default 12). */
  windowMonths?: number;
}

interface PairTrack {
  from: string;
  to: string;
  rows: PairRow[];
  change: number;
}

/** Steepest rise (sign 1) or fall (sign -1) over `w` steps. */
function steepest(rows: readonly PairRow[], w: number, sign: 1 | -1): { a: PairRow; b: PairRow; d: number } | null {
  let best: { a: PairRow; b: PairRow; d: number } | null = null;
  for (let k = 0; k + w < rows.length; k++) {
    const d = rows[k + w].trust - rows[k].trust;
    if (best === null || sign * d > sign * best.d) best = { a: rows[k], b: rows[k + w], d };
  }
  if (best === null && rows.length >= 2) best = { a: rows[0], b: rows[rows.length - 1], d: rows[rows.length - 1].trust - rows[0].trust };
  return best;
}

/** The largest one-step move of a track in the direction `sign`. */
function biggestStep(rows: readonly PairRow[], sign: 1 | -1): { at: PairRow; d: number } | null {
  let best: { at: PairRow; d: number } | null = null;
  for (let k = 1; k < rows.length; k++) {
    const d = rows[k].trust - rows[k - 1].trust;
    if (sign * d > 0 && (best === null || sign * d > sign * best.d)) best = { at: rows[k], d };
  }
  return best;
}

/** " (largest one-step move +0.30 in September 2011)" when one step carries at least half the window's change. */
function jumpWords(rows: readonly PairRow[], windowChange: number, sign: 1 | -1): string {
  const b = biggestStep(rows, sign);
  return b !== null && Math.abs(b.d) >= Math.abs(windowChange) / 2 ? `; largest one-step move ${signed(b.d)} in ${monthLabel(b.at.date)}` : '';
}

/** Chosen pairs' trust over one run (from pairs.csv). */
export function pairTrustChart(rows: readonly PairRow[], opts: PairTrustOptions = {}): ChartSpec {
  if (rows.length === 0) throw new Error('pairTrustChart: no rows (run with --pairs)');
  const tracks = new Map<string, PairTrack>();
  for (const r of rows) {
    const key = `${r.from}\u0000${r.to}`;
    let t = tracks.get(key);
    if (!t) tracks.set(key, (t = { from: r.from, to: r.to, rows: [], change: 0 }));
    t.rows.push(r);
  }
  for (const t of tracks.values()) {
    t.rows.sort((a, b) => a.step - b.step);
    t.change = t.rows[t.rows.length - 1].trust - t.rows[0].trust;
  }
  const all = [...tracks.values()];
  const byChange = [...all].sort((a, b) => b.change - a.change || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  let chosen: PairTrack[];
  if (opts.pairs) {
    chosen = opts.pairs.map(([a, b]) => {
      const t = tracks.get(`${a}\u0000${b}`);
      if (!t) throw new Error(`pairTrustChart: no rows for ${a} -> ${b}`);
      return t;
    });
  } else {
    const k = opts.top ?? 6;
    const up = byChange.filter((t) => t.change > 0).slice(0, Math.ceil(k / 2));
    const down = byChange.filter((t) => t.change < 0).reverse().slice(0, k - up.length);
    chosen = [...up, ...down];
    if (chosen.length === 0) chosen = byChange.slice(0, k);
  }
  const months = stepMonths(chosen[0].rows);
  const w = Math.max(1, Math.round((opts.windowMonths ?? 12) / months));
  const pairName = (t: PairTrack) => `${t.from} → ${t.to}`;
  const colors = new Map(chosen.map((t, k) => [pairName(t), CATEGORICAL[k % CATEGORICAL.length]]));

  // Caption: only the lines drawn (the gainer and loser among them, how many rose and fell).
  const sentences: string[] = [];
  const drawn = [...chosen].sort((a, b) => b.change - a.change || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const gainer = drawn[0];
  const loser = drawn[drawn.length - 1];
  const windowWords = `${w * months}-month`;
  sentences.push(opts.pairs
    ? `Lines show i's trust in j (i → j) for ${listWords(chosen.map(pairName))}; the legend gives each pair's change over the run.`
    : `Lines show i's trust in j (i → j) for the ${plural(chosen.length, 'pair')} of the ${all.length} directed pairs whose trust moved most; the legend gives each pair's change over the run.`);
  if (gainer && gainer.change > 0) {
    const st = steepest(gainer.rows, w, 1)!;
    const a = gainer.rows[0], z = gainer.rows[gainer.rows.length - 1];
    sentences.push(`Of the lines drawn, ${gainer.from}'s trust in ${gainer.to} gained most: from ${f(a.trust)} in ${monthLabel(a.date)} to ${f(z.trust)} in ${monthLabel(z.date)}, with its steepest ${windowWords} rise (${signed(st.d)}) between ${monthLabel(st.a.date)} and ${monthLabel(st.b.date)}${jumpWords(gainer.rows, st.d, 1)}.`);
  }
  if (loser && loser.change < 0) {
    const st = steepest(loser.rows, w, -1)!;
    const a = loser.rows[0], z = loser.rows[loser.rows.length - 1];
    sentences.push(`${loser.from}'s trust in ${loser.to} fell most: from ${f(a.trust)} to ${f(z.trust)}, fastest (${signed(st.d)}) between ${monthLabel(st.a.date)} and ${monthLabel(st.b.date)}${jumpWords(loser.rows, st.d, -1)}.`);
  }
  if (drawn.length > 2) {
    const rising = drawn.filter((t) => t.change > 0.01).length;
    const falling = drawn.filter((t) => t.change < -0.01).length;
    sentences.push(`Of the ${drawn.length} lines, ${rising} gained more than 0.01 and ${falling} lost more than 0.01 over the run.`);
  }

  const data = chosen.flatMap((t) => t.rows.map((r) => ({ pair: pairName(t), x: monthDate(r.date), trust: r.trust })));
  return {
    id: opts.id ?? 'pair-trust',
    title: opts.title ?? 'Trust between chosen pairs over time',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: chosen.map((t) => ({ label: `${pairName(t)} (${signed(t.change)})`, color: colors.get(pairName(t))!, shape: 'line' as const })),
    plot: {
      x: timeAxis(months),
      y: { label: "i's trust in j (probability, 0-1)", grid: true, domain: [0, 1], labelArrow: 'none' },
      marks: [
        Plot.ruleY([0.5], { stroke: '#999999', strokeDasharray: '4,4' }),
        ...chosen.map((t) => Plot.lineY(data.filter((d) => d.pair === pairName(t)), { x: 'x', y: 'trust', stroke: colors.get(pairName(t))!, strokeWidth: 2.5 })),
      ],
    },
  };
}
