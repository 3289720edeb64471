/**
 * A waterfall of one pair's change in trust: the trust at the start of the range, then each
 * contribution (the largest `top` groups, then the rest gathered in one bar) as a bar floating
 * from where trust stood to where it went, then the trust at the end. Bars are in probability,
 * split in proportion to each group's log-odds contribution (see src/explain/explain.ts), so they
 * add up exactly to the change. Pure: a `PairExplanation` in, a `ChartSpec` out.
 */
import * as Plot from '@observablehq/plot';
import type { ContributionGroup, PairExplanation } from '../explain/explain.js';
import { amount, percent, possessive } from '../explain/text.js';
import { truncateText, wrapText } from './font.js';
import { INK } from './palette.js';
import type { ChartSpec } from './render.js';

/** Okabe-Ito bluish green for a rise, vermillion for a fall: safe for the common colour-vision deficiencies. */
export const RISE_COLOR = '#009E73';
export const FALL_COLOR = '#D55E00';
const LEVEL_COLOR = INK.axis;
const WIDTH = 960;
const MARGIN_LEFT = 400;
const LABEL_SIZE = 15;

/** One bar of the waterfall, top to bottom. */
export interface WaterfallBar {
  /** Row position, from 0 at the top. */
  row: number;
  label: string;
  type: 'start' | 'rise' | 'fall' | 'end';
  /** Trust where the bar starts and ends (equal for the start and end levels). */
  x1: number;
  x2: number;
  /** The text printed beside the bar. */
  value: string;
}

/** The bars: start, the `top` largest groups (forgetting among them), the others as one, end. */
export function waterfallBars(e: PairExplanation, top = 8): WaterfallBar[] {
  const k = Math.max(1, Math.floor(top));
  const shown: { label: string; probability: number; share: number | null }[] = e.groups.slice(0, k).map((g: ContributionGroup) => ({
    label: g.kind === 'forgetting' ? 'forgetting between events' : g.label, probability: g.probability, share: g.share,
  }));
  const rest = e.groups.slice(k);
  if (rest.length > 0) {
    const p = rest.reduce((s, g) => s + g.probability, 0);
    const c = rest.reduce((s, g) => s + g.logOdds, 0);
    const events = rest.reduce((s, g) => s + g.count, 0);
    shown.push({ label: `${rest.length} smaller ${rest.length === 1 ? 'contribution' : 'contributions'} (${events} ${events === 1 ? 'event' : 'events'})`, probability: p, share: e.change.logOdds !== 0 ? c / e.change.logOdds : null });
  }
  const bars: WaterfallBar[] = [{ row: 0, label: `trust at the start (${e.from.date})`, type: 'start', x1: e.from.trust, x2: e.from.trust, value: e.from.trust.toFixed(3) }];
  // Shares only when every bar pushes the way trust went: against the change a share is negative
  // and with offsetting pushes one can pass 100%, which reads as nonsense on a chart.
  const withShares = shown.every((s) => s.share !== null && s.share >= 0 && s.share <= 1);
  let at = e.from.trust;
  for (const s of shown) {
    const next = at + s.probability;
    const size = amount(s.probability);
    bars.push({
      row: bars.length, label: s.label, type: s.probability >= 0 ? 'rise' : 'fall', x1: at, x2: next,
      value: `${size.startsWith('less') ? '<0.001' : `${s.probability >= 0 ? '+' : '-'}${size}`}${withShares ? ` (${percent(s.share)})` : ''}`,
    });
    at = next;
  }
  // The end is the recorded trust; the bars above reach it up to rounding.
  bars.push({ row: bars.length, label: `trust at the end (${e.to.date})`, type: 'end', x1: e.to.trust, x2: e.to.trust, value: e.to.trust.toFixed(3) });
  return bars;
}

/** The x domain: the bars' span, padded, within [0, 1] where the bars allow, never narrower than 0.02. */
function domain(bars: readonly WaterfallBar[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const b of bars) { lo = Math.min(lo, b.x1, b.x2); hi = Math.max(hi, b.x1, b.x2); }
  const span = Math.max(hi - lo, 0.02);
  const mid = (lo + hi) / 2;
  // Room on the right for the value labels.
  let a = mid - span * 0.62, z = mid + span * 0.8;
  // Within [0, 1] unless a running total passes it (shares of the probability change follow the
  // log-odds, so an intermediate total can go past 1 or below 0 when pushes offset each other).
  const floor = Math.min(0, lo), ceil = Math.max(1, hi);
  if (a < floor) { z -= a - floor; a = floor; }
  if (z > ceil) { a = Math.max(floor, a - (z - ceil)); z = ceil; }
  return [a, z];
}

/** The waterfall chart of an explanation. `top` is the number of groups shown before the rest are gathered (default 8). */
export function waterfallChart(e: PairExplanation, opts: { top?: number } = {}): ChartSpec {
  const bars = waterfallBars(e, opts.top);
  const A = e.observer.name, B = e.subject.name;
  const dL = e.change.logOdds;
  const moved = dL > 0 ? 'rose' : dL < 0 ? 'fell' : 'did not change';
  // Up to two lines a label; a longer one is cut with an ellipsis.
  const labels = bars.map((b) => {
    const lines = wrapText(b.label, MARGIN_LEFT - 16, LABEL_SIZE);
    return lines.length <= 2 ? lines.join('\n') : `${lines[0]}\n${truncateText(lines.slice(1).join(' '), MARGIN_LEFT - 16, LABEL_SIZE)}`;
  });
  const contributions = bars.filter((b) => b.type === 'rise' || b.type === 'fall');
  const levels = bars.filter((b) => b.type === 'start' || b.type === 'end');
  const fill = (b: WaterfallBar) => (b.type === 'rise' ? RISE_COLOR : b.type === 'fall' ? FALL_COLOR : LEVEL_COLOR);
  const range = e.from.step === e.to.step ? e.from.date : `${e.from.date} to ${e.to.date}`;
  const rows = bars.length;
  const caption = [
    ...e.sentences.slice(0, 2),
    'Each bar is one kind of contribution, largest first, floating from where trust stood to where it went. '
      + 'Contributions add up exactly in log-odds; the change in trust is split in proportion to them, so the bars add up to it.',
  ].join(' ');
  // Room for the title, legend and wrapped caption (about 95 characters a line), then 44 px a bar.
  const height = 190 + Math.ceil(caption.length / 95) * 23 + 72 + rows * 44;
  return {
    id: `explain-${e.observer.id}-${e.subject.id}`,
    title: `Why ${possessive(A)} trust in ${B} ${moved}, ${range}`,
    subtitle: `${e.run}. Trust ${e.from.trust.toFixed(3)} to ${e.to.trust.toFixed(3)} `
      + `(${e.change.trust >= 0 ? '+' : ''}${e.change.trust.toFixed(3)}; ${dL >= 0 ? '+' : ''}${dL.toFixed(3)} in log-odds).`,
    caption,
    legend: [
      { label: 'raised trust', color: RISE_COLOR },
      { label: 'lowered trust', color: FALL_COLOR },
      { label: 'trust at the start and end', color: LEVEL_COLOR, shape: 'line' },
    ],
    width: WIDTH,
    height,
    plot: {
      marginLeft: MARGIN_LEFT,
      marginRight: 30,
      x: { domain: domain(bars), label: 'trust (probability)', grid: true },
      y: { domain: bars.map((b) => b.row), label: null, tickSize: 0, tickFormat: (r: number) => labels[r] ?? '' },
      marks: [
        Plot.barX(contributions, { y: 'row', x1: 'x1', x2: 'x2', fill, insetTop: 4, insetBottom: 4 }),
        Plot.tickX(levels, { y: 'row', x: 'x1', stroke: LEVEL_COLOR, strokeWidth: 4 }),
        Plot.text(bars, {
          y: 'row', x: (b: WaterfallBar) => Math.max(b.x1, b.x2), text: 'value', textAnchor: 'start', dx: 8, fill: INK.text,
        }),
      ],
    },
  };
}
