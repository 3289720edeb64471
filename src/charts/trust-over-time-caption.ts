/** The caption of trust over time, from the data: each series' course, which leads at the end and since when, the band. */
import { f, monthLabel } from './common.js';
import type { TrendRow } from './trend.js';

/** The caption's sentences; `bySeries` holds each series' rows in step order. */
export function trustOverTimeSentences(rows: readonly TrendRow[], names: readonly string[], bySeries: Map<string, TrendRow[]>, words: string, hasBand: boolean, months: number, bandLabel: string | undefined): string[] {
  const sentences: string[] = [];
  const first = bySeries.get(names[0])![0];
  const lastStep = Math.max(...rows.map((r) => r.step));
  for (const name of names) {
    const list = bySeries.get(name)!;
    const a = list[0];
    const z = list[list.length - 1];
    let peak = list[0];
    for (const r of list) if (r.mean > peak.mean) peak = r;
    // Read at the precision printed: "rose from 0.47 to 0.47" would say nothing.
    const verb = f(z.mean) === f(a.mean) ? 'stayed level' : z.mean > a.mean ? 'rose' : 'fell';
    let s = `${names.length > 1 ? `Under ${name}, ${words}` : capital(words)} ${verb} from ${f(a.mean)} in ${monthLabel(a.date)} to ${f(z.mean)} in ${monthLabel(z.date)}`;
    if (peak.mean > z.mean + 0.01 && peak !== z) s += `, after peaking at ${f(peak.mean)} in ${monthLabel(peak.date)}`;
    // A sharp fall stands out when it is several times the typical month-to-month move.
    const moves = list.slice(1).map((r, k) => ({ r, d: r.mean - list[k].mean }));
    const typical = median(moves.map((m) => Math.abs(m.d)));
    const fall = moves.reduce<{ r: TrendRow; d: number } | null>((b, m) => (b === null || m.d < b.d ? m : b), null);
    if (fall !== null && fall.d < 0 && -fall.d > 5 * typical && -fall.d >= 0.005) s += `; its sharpest one-step fall was ${f(fall.d, 3)} in ${monthLabel(fall.r.date)}`;
    sentences.push(s + '.');
  }
  if (names.length >= 2) {
    const ends = names.map((n) => {
      const list = bySeries.get(n)!;
      return { name: n, row: list[list.length - 1], list };
    }).sort((x, y) => y.row.mean - x.row.mean);
    const [top, second] = ends;
    const gap = top.row.mean - second.row.mean;
    if (Math.abs(gap) < 0.005) {
      sentences.push(`At the end ${top.name} and ${second.name} are level (within 0.005).`);
    } else {
      // From when does the leader stay ahead of the runner-up?
      const other = new Map(second.list.map((r) => [r.step, r.mean]));
      let since: TrendRow | null = null;
      for (const r of top.list) {
        const o = other.get(r.step);
        if (o === undefined) continue;
        if (r.mean > o) since ??= r;
        else since = null;
      }
      let s = `At the end ${top.name} leads ${second.name} by ${f(gap)}`;
      if (since !== null && since.step > first.step) s += `, and has been ahead since ${monthLabel(since.date)}`;
      else if (since !== null) s += `, and was ahead throughout`;
      if (hasBand && top.row.lo !== undefined && second.row.hi !== undefined) {
        s += top.row.lo > second.row.hi ? '; the bands do not overlap at the end' : '; the bands still overlap at the end, so the lead is within the spread shown';
      }
      sentences.push(s + '.');
    }
  }
  if (hasBand) sentences.push(`Shaded: ${bandLabel ?? 'the band given with each series'}.`);
  sentences.push(`${lastStep - first.step + 1} steps of ${months === 1 ? 'one month' : `${months} months`}.`);
  return sentences;
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
