/**
 * Small helpers shared by the charts: number and date wording for captions, the time axis, and
 * colours for series that may be hypotheses.
 */
import type * as Plot from '@observablehq/plot';
import { monthDate, monthIndex, monthLabel, shortMonth } from '../model/calendar.js';
import { fixed as f, percent as pct, signed, thousands } from '../text/number.js';
import { CATEGORICAL, hypothesisColor, trustFirstWeight } from './palette.js';

/** Numbers as words print them (src/text/number.ts): `f` a number with decimals, `signed`, `pct`, `thousands`. */
export { f, signed, pct, thousands };

/** "A", "A and B", "A, B and C". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 incident", "3 incidents". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export { monthDate, monthLabel, shortMonth };

/**
 * Months per step, from two dates of steps run (1 when unknown). Step 0, the initial state,
 * shares its date with step 1, so it is left out.
 */
export function stepMonths(rows: readonly { step: number; date: string }[]): number {
  const run = rows.filter((r) => r.step >= 1);
  if (run.length < 2) return 1;
  const a = run[0];
  const b = run.find((r) => r.step !== a.step);
  if (b === undefined) return 1;
  const per = (monthIndex(b.date) - monthIndex(a.date)) / (b.step - a.step);
  return Number.isFinite(per) && per > 0 ? per : 1;
}

/** The x axis for dates: calendar years, labelled with what one step is. */
export function timeAxis(months: number, extra: Partial<Plot.ScaleOptions> = {}): Plot.ScaleOptions {
  return {
    type: 'utc',
    label: `date (one step = ${months === 1 ? '1 month' : `${months} months`})`,
    labelAnchor: 'right',
    labelArrow: 'none',
    ...extra,
  } as Plot.ScaleOptions;
}

/**
 * Colours for a list of series names: hypothesis names get their fixed colours, anything else
 * the categorical palette in order.
 */
export function seriesColors(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  let k = 0;
  for (const name of names) {
    if (out.has(name)) continue;
    out.set(name, Number.isNaN(trustFirstWeight(name)) ? CATEGORICAL[k++ % CATEGORICAL.length] : hypothesisColor(name));
  }
  return out;
}

/** Unique values in first-seen order. */
export function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

/** Index of the largest value (first on ties); -1 for an empty list. */
export function argMax<T>(xs: readonly T[], value: (x: T) => number): number {
  let best = -1;
  let bestV = -Infinity;
  xs.forEach((x, k) => {
    const v = value(x);
    if (v > bestV) {
      bestV = v;
      best = k;
    }
  });
  return best;
}

/**
 * A condition's value for a label: at most 3 decimals, trailing zeros dropped ("0.436", "0.5",
 * "12"), as comparison.txt prints it; a value below 0.001 keeps 3 significant digits ("0.000123").
 */
export function conditionValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  if (Math.abs(v) < 0.001) return String(Number(v.toPrecision(3)));
  const s = v.toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** A parameter set as words: "tension = 0.3, blend = 0.436" (empty set: "as written"); values through {@link conditionValue}. */
export function paramsLabel(params: Record<string, number>): string {
  const entries = Object.entries(params);
  return entries.length === 0 ? 'as written' : entries.map(([k, v]) => `${k} = ${conditionValue(v)}`).join(', ');
}

/** A share of a count for a sentence: "none", "under 1%", "27%". */
export function shareWords(count: number, total: number): string {
  if (count === 0) return 'none';
  const s = count / total;
  return s < 0.005 ? 'under 1%' : pct(s);
}
