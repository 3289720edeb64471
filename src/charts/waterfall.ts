/**
 * A waterfall of one pair's change in trust, in the order it happened: the trust at the start of
 * the range, then one bar a period (`PairExplanation.periods`), floating from the trust just
 * after the previous period's last event to the trust just after its own last event (the last
 * bar: to the end of the range), then the trust at the end. Every end of every bar is a level
 * trust actually had, so the chart stays inside [0, 1] and the bars join end to end. The
 * contributions grouped by kind, which have no order in time, are drawn from zero instead
 * (charts/contributions.ts). Pure: a `PairExplanation` in, a `ChartSpec` out.
 */
import * as Plot from '@observablehq/plot';
import type { PairExplanation } from '../explain/explain.js';
import { amount, possessive } from '../explain/text.js';
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
  /** Trust where the bar starts and ends (equal for the start and end levels): levels trust had. */
  x1: number;
  x2: number;
  /** The text printed beside the bar. */
  value: string;
}

/** A change as printed beside a bar: "+0.12", "-0.004", "<0.001". */
export function changeText(v: number): string {
  const size = amount(v);
  return size.startsWith('less') ? '<0.001' : `${v >= 0 ? '+' : '-'}${size}`;
}

/** The bars: the start, one a period in the order they came, the end. */
export function waterfallBars(e: PairExplanation): WaterfallBar[] {
  const bars: WaterfallBar[] = [{ row: 0, label: `trust at the start (${e.from.date})`, type: 'start', x1: e.from.trust, x2: e.from.trust, value: e.from.trust.toFixed(3) }];
  for (const p of e.periods) {
    const when = p.firstDate === p.lastDate ? p.firstDate : `${p.firstDate} to ${p.lastDate}`;
    const what = p.largest.length === 0 ? 'no event' : `${p.largest[0]}${p.largest.length > 1 ? `, and ${p.largest.length - 1} more` : ''}`;
    const change = p.trustAfter - p.trustBefore;
    bars.push({ row: bars.length, label: `${when}: ${what}`, type: change >= 0 ? 'rise' : 'fall', x1: p.trustBefore, x2: p.trustAfter, value: changeText(change) });
  }
  bars.push({ row: bars.length, label: `trust at the end (${e.to.date})`, type: 'end', x1: e.to.trust, x2: e.to.trust, value: e.to.trust.toFixed(3) });
  return bars;
}

/** The x domain: the bars' span, padded, within [0, 1], never narrower than 0.02. */
function domain(bars: readonly WaterfallBar[]): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const b of bars) { lo = Math.min(lo, b.x1, b.x2); hi = Math.max(hi, b.x1, b.x2); }
  const span = Math.max(hi - lo, 0.02);
  const mid = (lo + hi) / 2;
  // Room on the right for the value labels.
  let a = mid - span * 0.62, z = mid + span * 0.8;
  if (a < 0) { z -= a; a = 0; }
  if (z > 1) { a = Math.max(0, a - (z - 1)); z = 1; }
  return [a, z];
}

/**
 * The waterfall chart of an explanation, in chronological order. `top` is accepted for the
 * callers that pass it and not used: the periods come with the explanation (its query's
 * `periods`), and the groups by kind are drawn by `contributionsChart`.
 */
export function waterfallChart(e: PairExplanation, _opts: { top?: number } = {}): ChartSpec {
  const bars = waterfallBars(e);
  const A = e.observer.name, B = e.subject.name;
  const dP = e.change.trust;
  const moved = e.change.logOdds > 0 ? 'rose' : e.change.logOdds < 0 ? 'fell' : 'did not change';
  // Up to two lines a label; a longer one is cut with an ellipsis.
  const labels = bars.map((b) => {
    const lines = wrapText(b.label, MARGIN_LEFT - 16, LABEL_SIZE);
    return lines.length <= 2 ? lines.join('\n') : `${lines[0]}\n${truncateText(lines.slice(1).join(' '), MARGIN_LEFT - 16, LABEL_SIZE)}`;
  });
  const moves = bars.filter((b) => b.type === 'rise' || b.type === 'fall');
  const levels = bars.filter((b) => b.type === 'start' || b.type === 'end');
  const fill = (b: WaterfallBar) => (b.type === 'rise' ? RISE_COLOR : b.type === 'fall' ? FALL_COLOR : LEVEL_COLOR);
  const range = e.from.step === e.to.step ? e.from.date : `${e.from.date} to ${e.to.date}`;
  const caption = [
    ...e.sentences.slice(0, 2),
    'Each bar is a period of the range, in the order they came, floating from trust just after the previous period\'s '
      + 'last event (or at the start) to trust just after its own last event (the last bar: to the end), so it holds its '
      + 'events and the forgetting before them; every end of a bar is a level trust had. Each bar is labelled with what '
      + 'moved trust most in it.',
  ].join(' ');
  // A value is printed right of its bar, or left of it where the bar ends near the right edge
  // (trust near 1 leaves no room there).
  const x = domain(bars);
  const leftOf = (b: WaterfallBar) => Math.max(b.x1, b.x2) > x[1] - 0.15 * (x[1] - x[0]);
  // Room for the title, legend and wrapped caption (about 95 characters a line), then 44 px a bar.
  const height = 190 + Math.ceil(caption.length / 95) * 23 + 72 + bars.length * 44;
  return {
    id: `explain-${e.observer.id}-${e.subject.id}`,
    title: `How ${possessive(A)} trust in ${B} ${moved}, ${range}, in the order it happened`,
    subtitle: `${e.run}. Trust ${e.from.trust.toFixed(3)} at the start, ${e.to.trust.toFixed(3)} at the end `
      + `(${dP >= 0 ? '+' : '-'}${Math.abs(dP).toFixed(3)}).`,
    caption,
    legend: [
      { label: 'trust rose over the period', color: RISE_COLOR },
      { label: 'trust fell over the period', color: FALL_COLOR },
      { label: 'trust at the start and end', color: LEVEL_COLOR, shape: 'line' },
    ],
    width: WIDTH,
    height,
    plot: {
      marginLeft: MARGIN_LEFT,
      marginRight: 30,
      x: { domain: x, label: 'trust (probability)', grid: true },
      y: { domain: bars.map((b) => b.row), label: null, tickSize: 0, tickFormat: (r: number) => labels[r] ?? '' },
      marks: [
        Plot.barX(moves, { y: 'row', x1: 'x1', x2: 'x2', fill, insetTop: 4, insetBottom: 4 }),
        Plot.tickX(levels, { y: 'row', x: 'x1', stroke: LEVEL_COLOR, strokeWidth: 4 }),
        Plot.text(bars.filter((b) => !leftOf(b)), {
          y: 'row', x: (b: WaterfallBar) => Math.max(b.x1, b.x2), text: 'value', textAnchor: 'start', dx: 8, fill: INK.text,
        }),
        Plot.text(bars.filter(leftOf), {
          y: 'row', x: (b: WaterfallBar) => Math.min(b.x1, b.x2), text: 'value', textAnchor: 'end', dx: -8, fill: INK.text,
        }),
      ],
    },
  };
}
