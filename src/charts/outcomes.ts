/**
 * Chart 5: the essay's nine outcomes of defence diplomacy as a profile per scenario or
 * hypothesis: each outcome's share of the profile's total (so regions of different sizes
 * compare), with the totals in the caption.
 */
import * as Plot from '@observablehq/plot';
import type { FinalData, SeriesRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, pct, seriesColors, thousands, unique } from './common.js';
import { INK } from './palette.js';

/** The nine outcomes in the model's order, with the essay's wording shortened for an axis. */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  tension: 'reduced tension',
  symbolic: 'symbolic positioning',
  competence: 'competent forces',
  transparency: 'transparency',
  relationships: 'relationships',
  perceptions: 'changed perceptions',
  confidence: 'confidence building',
  incentives: 'incentives, rewards',
  constituency: 'domestic constituency',
};
export const OUTCOME_NAMES = Object.keys(OUTCOME_LABELS);

/** One profile: a series (scenario, hypothesis) and its nine regional outcome totals. */
export interface OutcomeProfile {
  series: string;
  outcomes: Record<string, number>;
}

/** A profile from final.json. */
export function profileFromFinal(final: FinalData, series: string): OutcomeProfile {
  return { series, outcomes: { ...final.outcomes } };
}

/** A profile from series.csv's `outcome.*` columns (cumulative) at a step (default: the last). */
export function profileFromSeries(rows: readonly SeriesRow[], series: string, step?: number): OutcomeProfile {
  const row = step === undefined ? rows[rows.length - 1] : rows.find((r) => r.step === step);
  if (!row) throw new Error(`profileFromSeries: no row at step ${step}`);
  const outcomes: Record<string, number> = {};
  for (const [k, v] of Object.entries(row.values)) if (k.startsWith('outcome.')) outcomes[k.slice(8)] = v;
  return { series, outcomes };
}

export interface OutcomesOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  colors?: Record<string, string>;
}

export function outcomesChart(profiles: readonly OutcomeProfile[], opts: OutcomesOptions = {}): ChartSpec {
  if (profiles.length === 0) throw new Error('outcomesChart: no profiles');
  const names = unique(profiles.map((p) => p.series));
  const colors = seriesColors(names);
  for (const [k, v] of Object.entries(opts.colors ?? {})) colors.set(k, v);
  const outcomes = OUTCOME_NAMES.filter((o) => profiles.some((p) => p.outcomes[o] !== undefined));
  const totals = new Map(profiles.map((p) => [p.series, outcomes.reduce((s, o) => s + (p.outcomes[o] ?? 0), 0)]));
  const data = profiles.flatMap((p) => outcomes.map((o) => {
    const total = totals.get(p.series)!;
    const value = p.outcomes[o] ?? 0;
    return { series: p.series, outcome: OUTCOME_LABELS[o] ?? o, key: o, value, share: total > 0 ? value / total : 0 };
  }));

  // Caption.
  const sentences: string[] = [];
  const share = (s: string, o: string) => data.find((d) => d.series === s && d.key === o)!.share;
  for (const s of names) {
    const ranked = [...outcomes].sort((a, b) => share(s, b) - share(s, a));
    const top = ranked.slice(0, 2);
    const low = ranked[ranked.length - 1];
    const lead = listWords(top.map((o) => `${OUTCOME_LABELS[o]} (${pct(share(s, o))})`));
    sentences.push(`${names.length > 1 ? `Under ${s}, ${lead}` : capital(lead)} make up the largest shares of the outcomes, ${OUTCOME_LABELS[low]} the smallest (${pct(share(s, low))}); all nine sum to ${thousands(totals.get(s)!)} (model units).`);
  }
  if (names.length >= 2) {
    const [a, b] = names;
    const diffs = outcomes.map((o) => ({ o, d: share(a, o) - share(b, o) })).sort((x, y) => Math.abs(y.d) - Math.abs(x.d));
    const big = diffs[0];
    const ratio = totals.get(a)! / Math.max(1e-12, totals.get(b)!);
    const shift = Math.abs(big.d) < 0.01
      ? `The two profiles are nearly the same: no outcome's share differs by as much as one percentage point (largest: ${OUTCOME_LABELS[big.o]}, ${pct(share(a, big.o), 1)} against ${pct(share(b, big.o), 1)}).`
      : `The profiles differ most in ${OUTCOME_LABELS[big.o]}: ${pct(share(a, big.o), 1)} of ${a}'s total against ${pct(share(b, big.o), 1)} of ${b}'s.`;
    sentences.push(`${shift} ${a}'s total is ${f(ratio)} times ${b}'s.`);
  }
  sentences.push('Each outcome accumulates from heeded activities (weight of the activity on that outcome times the signal\'s quality), summed over all pairs and the whole run; bars show its share of the profile\'s total.');

  const many = names.length > 1;
  const marks: Plot.Markish[] = [
    Plot.gridX({ stroke: INK.grid, strokeOpacity: 1 }),
    Plot.barX(data, { x: 'share', y: many ? 'series' : 'outcome', fy: many ? 'outcome' : undefined, fill: (d: { series: string }) => colors.get(d.series)!, inset: 1 }),
    Plot.text(data, {
      x: 'share', y: many ? 'series' : 'outcome', fy: many ? 'outcome' : undefined,
      text: (d: { share: number }) => pct(d.share), textAnchor: 'start', dx: 5, fontSize: many ? 12 : 14, fill: INK.text,
    }),
    Plot.ruleX([0], { stroke: INK.axis }),
  ];
  const maxShare = Math.max(...data.map((d) => d.share));
  return {
    id: opts.id ?? 'outcomes',
    title: opts.title ?? 'The nine outcomes of defence diplomacy',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: many ? names.map((n) => ({ label: n, color: colors.get(n)! })) : undefined,
    height: many ? 520 + 22 * names.length * outcomes.length * 0.6 : 540,
    plot: {
      marginLeft: 200,
      marginRight: 60,
      marginTop: 10,
      x: { domain: [0, Math.min(1, maxShare * 1.15)], label: 'share of all outcomes (%)', tickFormat: (v: number) => `${Math.round(v * 100)}`, labelArrow: 'none', labelAnchor: 'center' },
      y: many ? { axis: null, domain: names } : { domain: outcomes.map((o) => OUTCOME_LABELS[o] ?? o), label: null },
      fy: many ? { domain: outcomes.map((o) => OUTCOME_LABELS[o] ?? o), label: null, padding: 0.2, axis: 'left' } : undefined,
      color: { type: 'identity' },
      marks,
    },
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
