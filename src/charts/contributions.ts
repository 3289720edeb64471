/**
 * One pair's change in trust by kind of contribution: a bar from zero for each of the `top`
 * largest groups of the explanation (forgetting among them), then the rest gathered as the same
 * "smaller contributions" the sentences and the table count, then the total change. Groups have
 * no order in time, so a running total of them is no level trust ever had: the bars start at
 * zero, signed, and the start and end trust are stated in the subtitle. The chronological view
 * is the waterfall (charts/waterfall.ts). Pure: a `PairExplanation` in, a `ChartSpec` out.
 */
import * as Plot from '@observablehq/plot';
import type { PairExplanation } from '../explain/explain.js';
import { percent, possessive } from '../explain/text.js';
import { truncateText, wrapText } from './font.js';
import { INK } from './palette.js';
import type { ChartSpec } from './render.js';
import { changeText, FALL_COLOR, RISE_COLOR } from './waterfall.js';

const WIDTH = 960;
const MARGIN_LEFT = 400;
const LABEL_SIZE = 15;

/** One bar, top to bottom: a group, the smaller contributions, or the total change. */
export interface ContributionBar {
  row: number;
  label: string;
  type: 'group' | 'smaller' | 'total';
  /** Signed change in trust (probability), drawn from zero. */
  value: number;
  /** Share of all the movement (null for the total). */
  share: number | null;
  text: string;
}

/** The bars: the query's `top` groups, the smaller contributions, the total change. */
export function contributionBars(e: PairExplanation): ContributionBar[] {
  const bars: ContributionBar[] = [];
  const push = (label: string, type: ContributionBar['type'], value: number, share: number | null) =>
    bars.push({ row: bars.length, label, type, value, share, text: `${changeText(value)}${share === null ? '' : ` (${percent(share)})`}` });
  for (const g of e.groups.slice(0, e.top)) push(g.kind === 'forgetting' ? 'forgetting between events' : g.label, 'group', g.probability, g.share);
  if (e.smaller !== null) {
    const s = e.smaller;
    push(`${s.groups} smaller ${s.groups === 1 ? 'contribution' : 'contributions'} (${s.events} ${s.events === 1 ? 'event' : 'events'})`, 'smaller', s.probability, s.share);
  }
  push('total change', 'total', e.change.trust, null);
  return bars;
}

/** The x domain: zero and every bar, padded, with room for the values on both sides. */
function domain(bars: readonly ContributionBar[]): [number, number] {
  let lo = 0, hi = 0;
  for (const b of bars) { lo = Math.min(lo, b.value); hi = Math.max(hi, b.value); }
  const span = Math.max(hi - lo, 0.02);
  return [lo < 0 ? lo - span * 0.3 : 0, hi + span * 0.3];
}

/** The by-kind chart of an explanation: signed bars from zero, the start and end trust in the subtitle. */
export function contributionsChart(e: PairExplanation): ChartSpec {
  const bars = contributionBars(e);
  const A = e.observer.name, B = e.subject.name;
  const dP = e.change.trust;
  const range = e.from.step === e.to.step ? e.from.date : `${e.from.date} to ${e.to.date}`;
  const labels = bars.map((b) => {
    const lines = wrapText(b.label, MARGIN_LEFT - 16, LABEL_SIZE);
    return lines.length <= 2 ? lines.join('\n') : `${lines[0]}\n${truncateText(lines.slice(1).join(' '), MARGIN_LEFT - 16, LABEL_SIZE)}`;
  });
  const fill = (b: ContributionBar) => (b.type === 'total' ? INK.axis : b.value >= 0 ? RISE_COLOR : FALL_COLOR);
  const caption = [
    ...e.sentences.slice(0, 2),
    'Each bar is the change in trust one kind of contribution made, drawn from zero: events by the change each made when it '
      + 'happened, forgetting by the change between events. They add up exactly to the total change; shares are of all the '
      + 'movement, up and down, so none is above 100%.',
  ].join(' ');
  const height = 190 + Math.ceil(caption.length / 95) * 23 + 72 + bars.length * 44;
  return {
    id: `explain-${e.observer.id}-${e.subject.id}-by-kind`,
    title: `What moved ${possessive(A)} trust in ${B}, ${range}, by kind`,
    subtitle: `${e.run}. Trust ${e.from.trust.toFixed(3)} at the start (${e.from.date}), ${e.to.trust.toFixed(3)} at the end `
      + `(${e.to.date}): ${dP >= 0 ? '+' : '-'}${Math.abs(dP).toFixed(3)}.`,
    caption,
    legend: [
      { label: 'raised trust', color: RISE_COLOR },
      { label: 'lowered trust', color: FALL_COLOR },
      { label: 'total change', color: INK.axis },
    ],
    width: WIDTH,
    height,
    plot: {
      marginLeft: MARGIN_LEFT,
      marginRight: 30,
      x: { domain: domain(bars), label: 'change in trust (probability)', grid: true },
      y: { domain: bars.map((b) => b.row), label: null, tickSize: 0, tickFormat: (r: number) => labels[r] ?? '' },
      marks: [
        Plot.barX(bars, { y: 'row', x1: 0, x2: 'value', fill, insetTop: 4, insetBottom: 4 }),
        Plot.ruleX([0], { stroke: INK.axis }),
        // Values beyond the bar's end: to the right of a rise, to the left of a fall.
        Plot.text(bars.filter((b) => b.value >= 0), { y: 'row', x: 'value', text: 'text', textAnchor: 'start', dx: 8, fill: INK.text }),
        Plot.text(bars.filter((b) => b.value < 0), { y: 'row', x: 'value', text: 'text', textAnchor: 'end', dx: -8, fill: INK.text }),
      ],
    },
  };
}
