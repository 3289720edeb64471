/**
 * Sentences about a "where each hypothesis wins" map, counted from its cells: how many cells
 * each hypothesis wins and how many are within the margin, and, for each hypothesis, the simplest
 * threshold on one of the two conditions that holds most of its cells ("where tension is above
 * 0.40"), with its largest advantage and where it is.
 */
import { f, signed } from './common.js';
import { metricWords } from './comparison-common.js';
import type { BinnedAxis } from './partial-dependence.js';
import type { WinsCell, WinsMap } from './where-each-wins-data.js';

/** What doing better on a metric is, as a verb phrase; other metrics: "does better on <words>". */
export const WIN_WORDS: Record<string, string> = {
  partnerBelief: 'builds more trust in partners',
  partnerBeliefMean: 'builds trust in partners sooner',
  brier: 'judges partners more accurately (a lower Brier score)',
  auc: 'tells reliable from unreliable partners better',
  trusterPayoff: 'earns states that rely a higher payoff',
  activityContinuation: 'keeps more activity going after a betrayal',
  activityRate: 'keeps more activities going with partners',
  regionalTrust: 'builds more trust across the region',
};

export const winWords = (metric: string): string => WIN_WORDS[metric] ?? `does better on ${metricWords(metric)}`;

/** A bin of an axis in words: "tension = 0.5" or "tension 0.45–0.60". */
export function binWords(axis: BinnedAxis, k: number): string {
  const b = axis.bins[k];
  return axis.kind === 'values' ? `${axis.name} = ${b.label}` : `${axis.name} ${b.label}`;
}

/** A region of an axis from bin k upward (above) or below bin k, in words. */
function regionWords(axis: BinnedAxis, k: number, above: boolean): string {
  if (axis.kind === 'values') {
    // A region of one value is that value.
    if (above && k === axis.bins.length - 1) return `${axis.name} is ${axis.bins[k].label}`;
    if (!above && k === 1) return `${axis.name} is ${axis.bins[0].label}`;
    return above ? `${axis.name} is ${axis.bins[k].label} or more` : `${axis.name} is ${axis.bins[k - 1].label} or less`;
  }
  const edge = axis.bins[k].lo;
  return `${axis.name} is ${above ? 'above' : 'below'} ${f(edge, edge === 0 ? 0 : digits(edge))}`;
}

interface Rule { words: string; inside: number; region: number; share: number }

/**
 * The threshold on x or y whose side holds most of `mine` (F1 of the cells caught against the
 * cells of the region), when it catches at least three quarters of them, at least half of the
 * region is theirs, and the region is not the whole map.
 */
function bestRule(map: WinsMap, mine: WinsCell[], all: WinsCell[]): Rule | null {
  let best: (Rule & { score: number }) | null = null;
  for (const [axis, bin] of [[map.x, (c: WinsCell) => c.xBin], [map.y, (c: WinsCell) => c.yBin]] as const) {
    for (let k = 1; k < axis.bins.length; k++) {
      for (const above of [true, false]) {
        const inRegion = (c: WinsCell) => (above ? bin(c) >= k : bin(c) < k);
        const region = all.filter(inRegion).length;
        const inside = mine.filter(inRegion).length;
        if (region === 0 || region === all.length || inside === 0) continue;
        const recall = inside / mine.length, precision = inside / region;
        const score = (2 * recall * precision) / (recall + precision);
        if (recall >= 0.75 && precision >= 0.5 && (best === null || score > best.score + 1e-12)) {
          best = { words: regionWords(axis, k, above), inside, region, share: recall, score };
        }
      }
    }
  }
  return best;
}

/** Sentences describing the map, every number counted from its cells. */
export function winsSentences(map: WinsMap): string[] {
  const { a, b, metric } = map.input;
  const all = map.cells.filter((c) => c.side !== 'none');
  const of = (side: WinsCell['side']) => all.filter((c) => c.side === side);
  const out: string[] = [];
  if (all.length === 0) return [`No cell has a finite difference in ${metricWords(metric)}.`];
  const eq = of('equivalent').length;
  if (map.input.margin === null && eq === 0) {
    out.push(`Of the ${all.length} cells, ${a} does better in ${of('a').length} and ${b} in ${of('b').length} (no equivalence margin is recorded for this metric).`);
  } else {
    const marginWords = map.input.margin === null ? 'exactly zero (no equivalence margin is recorded for this metric)' : `within the margin (±${short(map.margin)})`;
    out.push(`Of the ${all.length} cells, ${a} does better in ${of('a').length}, ${b} in ${of('b').length}, and the mean difference is ${marginWords} in ${eq}.`);
  }
  const dAdv = digits(Math.max(...all.map((c) => Math.abs(c.mean))));
  for (const [name, side] of [[a, 'a'], [b, 'b']] as const) {
    const mine = of(side);
    if (mine.length === 0) continue;
    // The largest advantage of this side: the largest advantage for A, the most negative for B.
    const sign = side === 'a' ? 1 : -1;
    const top = [...mine].sort((p, q) => sign * (q.advantage - p.advantage))[0];
    const at = `${binWords(map.x, top.xBin)} and ${binWords(map.y, top.yBin)}`;
    const largest = `its largest advantage, ${signed(top.mean, dAdv)} (${a} − ${b}), is at ${at}`;
    if (mine.length === all.length) {
      out.push(`${name} ${winWords(metric)} in every cell, over the whole ranges tried; ${largest}.`);
      continue;
    }
    if (mine.length === 1) {
      out.push(`${name} ${winWords(metric)} in one cell only, at ${at} (by ${signed(top.mean, dAdv)}, ${a} − ${b}).`);
      continue;
    }
    const rule = bestRule(map, mine, all);
    if (rule !== null) {
      const caught = rule.inside === mine.length ? `all ${mine.length} of its cells` : `${rule.inside} of its ${mine.length} cells`;
      out.push(`${name} ${winWords(metric)} mainly where ${rule.words} (${caught}, ${rule.inside} of the ${rule.region} cells there); ${largest}.`);
    } else {
      out.push(`${name}'s ${mine.length} cells are spread over the map, with no threshold of ${map.x.name} or ${map.y.name} that holds most of them; ${largest}.`);
    }
  }
  return out.map(capitalFirst);
}

/** A sentence with its first letter in capitals ("trust-first builds..." -> "Trust-first builds..."). */
export function capitalFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A number with at most three significant digits and no trailing zeros: 0.005, 0.0125, 12.5. */
export function short(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : 'n/a';
}

/** Decimals for differences of magnitude up to `v`: about two significant digits. */
export function digits(v: number): number {
  if (!Number.isFinite(v) || v === 0) return 3;
  return Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(Math.abs(v)))));
}
