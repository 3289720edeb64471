/**
 * A pair's range in chronological periods, for the waterfall: each from a level trust actually
 * had to another. A period runs from trust just after the previous period's last event (or at
 * the start of the range) to trust just after its own last event (the last period: to the end
 * of the range), so it holds its events and the forgetting before each of them, and the periods
 * join end to end. With few steps that have events each such step is a period; otherwise the
 * range is cut into `max` windows of equal length and each window with events is a period.
 */
import type { EventContribution, Period } from './explanation.js';

/** A group's label for `count` of its events within a period ("3 tests China honoured"); `forgetting` for the forgetting. */
export type PeriodLabel = (key: string, count: number) => string;

export function periodsOf(
  events: readonly EventContribution[], range: { from: number; to: number; start: number; end: number; forgettingAfter: number },
  dates: readonly string[], max: number, label: PeriodLabel,
): Period[] {
  const { from, to, start, end } = range;
  if (events.length === 0) {
    return [{ firstStep: from, lastStep: to, firstDate: dates[from], lastDate: dates[to], trustBefore: start, trustAfter: end, events: 0, largest: end !== start ? [label('forgetting', 0)] : [] }];
  }
  const steps = [...new Set(events.map((x) => x.step))];
  const k = Math.max(1, Math.floor(max));
  const width = Math.ceil((to - from + 1) / k);
  const windowOf = steps.length <= k ? (s: number) => steps.indexOf(s) : (s: number) => Math.floor((s - from) / width);
  // Consecutive events of one window, in the log's order.
  const chunks: EventContribution[][] = [];
  let current = -1;
  for (const x of events) {
    const w = windowOf(x.step);
    if (w !== current || chunks.length === 0) { chunks.push([]); current = w; }
    chunks[chunks.length - 1].push(x);
  }
  return chunks.map((chunk, c) => {
    const last = c === chunks.length - 1;
    const tally = new Map<string, { count: number; probability: number }>();
    const add = (key: string, count: number, p: number) => {
      const t = tally.get(key) ?? { count: 0, probability: 0 };
      t.count += count;
      t.probability += p;
      tally.set(key, t);
    };
    for (const x of chunk) {
      if (x.forgettingBeforeTrust !== 0) add('forgetting', 0, x.forgettingBeforeTrust);
      add(x.group, 1, x.probability);
    }
    if (last && range.forgettingAfter !== 0) add('forgetting', 0, range.forgettingAfter);
    const largest = [...tally.entries()]
      .sort(([ka, a], [kb, b]) => Math.abs(b.probability) - Math.abs(a.probability) || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key, t]) => label(key, t.count));
    const firstStep = c === 0 ? from : chunk[0].step;
    const lastStep = last ? to : chunk[chunk.length - 1].step;
    return {
      firstStep, lastStep, firstDate: dates[firstStep], lastDate: dates[lastStep],
      trustBefore: c === 0 ? start : chunks[c - 1][chunks[c - 1].length - 1].trustAfter,
      trustAfter: last ? end : chunk[chunk.length - 1].trustAfter,
      events: chunk.length,
      largest,
    };
  });
}
