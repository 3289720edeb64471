/**
 * Chart 8: one state as transmitter and as receiver. What it sent and what it received, by
 * activity kind or by partner, split into what was heeded as meant, heeded but misread, felt
 * as deception, or not heeded (and, for what it sent, the activities it declined to go through
 * with), from the event log.
 */
import * as Plot from '@observablehq/plot';
import { CATALOGUE } from '../model/catalogue.js';
import type { EventRow } from './data.js';
import type { ChartSpec } from './render.js';
import { pct, shareWords, thousands } from './common.js';
import { truncateText } from './font.js';
import { TYPE } from './palette.js';
import { INK } from './palette.js';

export const RECEPTION = ['heeded as meant', 'heeded but misread', 'felt as deception', 'not heeded', 'declined by the sender'] as const;
export type Reception = (typeof RECEPTION)[number];

export const RECEPTION_COLORS: Readonly<Record<Reception, string>> = {
  'heeded as meant': '#009E73',
  'heeded but misread': '#E69F00',
  'felt as deception': '#D55E00',
  'not heeded': '#9A9A9A',
  'declined by the sender': '#DDDDDD',
};

/** How an activity event was received. */
export function reception(e: EventRow): Reception | null {
  if (e.kind === 'declined') return 'declined by the sender';
  if (e.kind !== 'activity') return null;
  if (!e.heeded) return 'not heeded';
  if (e.deceived) return 'felt as deception';
  if (e.misread) return 'heeded but misread';
  return 'heeded as meant';
}

/** One count: a state's activities in one direction, for one group (activity kind or partner) and reception. */
export interface ReceptionCount {
  direction: 'sent' | 'received';
  group: string;
  reception: Reception;
  count: number;
}

/**
 * The activity's plain name from the catalogue, without its parenthesis ("Track-2 dialogue");
 * scenario overrides of labels are not in the event log.
 */
export function activityLabel(id: string): string {
  const spec = (CATALOGUE as Record<string, { label?: string } | undefined>)[id];
  return (spec?.label ?? id).replace(/\s*\(.*\)\s*$/, '');
}

/** Counts of what `state` sent and received, by activity kind or by partner. */
export function receptionCounts(events: readonly EventRow[], state: string, by: 'activity' | 'partner'): ReceptionCount[] {
  const acc = new Map<string, ReceptionCount>();
  for (const e of events) {
    const r = reception(e);
    if (r === null) continue;
    let direction: 'sent' | 'received';
    let partner: string | null | undefined;
    if (e.from === state) {
      direction = 'sent';
      partner = e.to;
    } else if (e.to === state && r !== 'declined by the sender') {
      direction = 'received';
      partner = e.from;
    } else continue;
    const group = by === 'activity' ? activityLabel(e.activity ?? '?') : partner ?? '?';
    const key = `${direction}\u0000${group}\u0000${r}`;
    const c = acc.get(key);
    if (c) c.count++;
    else acc.set(key, { direction, group, reception: r, count: 1 });
  }
  return [...acc.values()];
}

export interface TransmitterReceiverOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Group by activity kind (default) or by partner. */
  by?: 'activity' | 'partner';
  /** Most groups shown; the rest are summed as "others" (default 12 kinds, 24 partners). */
  maxGroups?: number;
}

export function transmitterReceiverChart(events: readonly EventRow[], state: string, opts: TransmitterReceiverOptions = {}): ChartSpec {
  const by = opts.by ?? 'activity';
  const maxGroups = opts.maxGroups ?? (by === 'activity' ? 12 : 24);
  let counts = receptionCounts(events, state, by);
  if (counts.length === 0) throw new Error(`transmitterReceiverChart: ${state} sent and received nothing`);
  // Groups by total, the smallest folded into "others".
  const totals = new Map<string, number>();
  for (const c of counts) totals.set(c.group, (totals.get(c.group) ?? 0) + c.count);
  let groups = [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([g]) => g);
  if (groups.length > maxGroups) {
    const keep = new Set(groups.slice(0, maxGroups - 1));
    const other = `${groups.length - keep.size} others`;
    const folded = new Map<string, ReceptionCount>();
    for (const c of counts) {
      const g = keep.has(c.group) ? c.group : other;
      const key = `${c.direction}\u0000${g}\u0000${c.reception}`;
      const f = folded.get(key);
      if (f) f.count += c.count;
      else folded.set(key, { ...c, group: g });
    }
    counts = [...folded.values()];
    groups = [...groups.slice(0, maxGroups - 1), other];
  }

  // Caption.
  const sum = (pred: (c: ReceptionCount) => boolean) => counts.filter(pred).reduce((s, c) => s + c.count, 0);
  const sentences: string[] = [];
  const describe = (direction: 'sent' | 'received') => {
    const undertaken = sum((c) => c.direction === direction && c.reception !== 'declined by the sender');
    if (undertaken === 0) return direction === 'sent' ? `${state} sent nothing.` : `${state} received nothing.`;
    const share = (r: Reception) => shareWords(sum((c) => c.direction === direction && c.reception === r), undertaken);
    let s = `${state} ${direction} ${thousands(undertaken)} ${undertaken === 1 ? 'activity' : 'activities'}: ${share('heeded as meant')} heeded as meant, ${share('heeded but misread')} misread, ${share('felt as deception')} felt as deception and ${share('not heeded')} not heeded`;
    if (direction === 'sent') {
      const declined = sum((c) => c.direction === 'sent' && c.reception === 'declined by the sender');
      if (declined > 0) s += `; it declined ${declined} more`;
    }
    // The group with the worst and best reception (at least 10 activities).
    const rate = (g: string) => {
      const n = sum((c) => c.direction === direction && c.group === g && c.reception !== 'declined by the sender');
      const ok = sum((c) => c.direction === direction && c.group === g && c.reception === 'heeded as meant');
      return { g, n, r: n > 0 ? ok / n : NaN };
    };
    const rated = groups.filter((g) => !/^\d+ others$/.test(g)).map(rate).filter((x) => x.n >= 10).sort((a, b) => b.r - a.r || a.g.localeCompare(b.g));
    if (rated.length >= 2) {
      const best = rated[0], worst = rated[rated.length - 1];
      const what = by === 'activity' ? 'kind' : 'partner';
      s += `. Best heeded ${what}: ${best.g} (${pct(best.r)} of ${best.n}); worst: ${worst.g} (${pct(worst.r)} of ${worst.n})`;
    }
    const mis = groups
      .filter((g) => !/^\d+ others$/.test(g))
      .map((g) => ({ g, n: sum((c) => c.direction === direction && c.group === g && (c.reception === 'heeded but misread' || c.reception === 'felt as deception')) }))
      .sort((a, b) => b.n - a.n || a.g.localeCompare(b.g))[0];
    if (mis && mis.n > 0) s += `; most misreadings and deceptions ${by === 'activity' ? 'in' : 'with'} ${mis.g} (${mis.n})`;
    return s + '.';
  };
  sentences.push(describe('sent'), describe('received'));
  sentences.push(by === 'activity'
    ? 'Bars count activities by kind; misreading depends on the kind\'s language and cultural load and the pair\'s distance, deception on misaligned, opaque aims.'
    : 'Bars count activities by partner; misreading depends on the pair\'s language and cultural distance, deception on misaligned, opaque aims.');

  const panels = [`sent by ${state}`, `received by ${state}`];
  const data = counts.map((c) => ({ ...c, panel: c.direction === 'sent' ? panels[0] : panels[1] }));
  const present = RECEPTION.filter((r) => counts.some((c) => c.reception === r));
  return {
    id: opts.id ?? `transmitter-receiver-${by}`,
    title: opts.title ?? `${state} as transmitter and receiver, by ${by === 'activity' ? 'activity kind' : 'partner'}`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: present.map((r) => ({ label: r, color: RECEPTION_COLORS[r] })),
    height: Math.max(540, 300 + 30 * groups.length),
    plot: {
      marginLeft: by === 'activity' ? 250 : 90,
      marginRight: 30,
      fx: { domain: panels, label: null, padding: 0.12 },
      x: { label: 'activities over the run (count)', labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { domain: groups, label: null, tickSize: 0, tickFormat: (g: string) => truncateText(g, (by === 'activity' ? 250 : 90) - 12, TYPE.axis) },
      color: { type: 'identity' },
      marks: [
        Plot.axisFx({ anchor: 'top', label: null, fontSize: 16, fontWeight: 'bold', tickSize: 0 } as Plot.AxisOptions),
        Plot.barX(data, Plot.stackX({
          x: 'count', y: 'group', fx: 'panel', fill: (d: ReceptionCount) => RECEPTION_COLORS[d.reception],
          order: (d: ReceptionCount) => RECEPTION.indexOf(d.reception), stroke: 'white', strokeWidth: 0.5,
        })),
        Plot.ruleX([0], { stroke: INK.axis }),
      ],
    },
  };
}
