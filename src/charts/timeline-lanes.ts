/**
 * The event lanes of the timeline (chart 4): a run's events counted per step and kind, with a
 * short label naming the rare ones.
 */
import type { EventRow } from './data.js';
import { EVENT_COLORS } from './palette.js';

/** Activity kinds counted as exercises. */
export const EXERCISE_ACTIVITIES = new Set(['combinedExercise', 'multilateralExercise']);

/** One dot of an event lane: a kind of event at a step, with its count and a label. */
export interface LaneEvent {
  lane: string;
  step: number;
  date: string;
  count: number;
  /** Escalated incidents among `count` (incident lane). */
  escalated?: number;
  /** Short text naming the event(s), for rare kinds. */
  label?: string;
}
/** The lanes, top to bottom. */
export const LANES = ['incidents', 'exercises', 'forum meetings', 'betrayed tests', 'defections', 'agreements', 'shocks and new leaders'] as const;
/** Colour of each lane's bars or dots. */
export const LANE_COLOR: Record<string, string> = {
  incidents: EVENT_COLORS.incident,
  exercises: EVENT_COLORS.exercise,
  'forum meetings': EVENT_COLORS.forum,
  defections: EVENT_COLORS.defection,
  agreements: EVENT_COLORS.agreement,
  'shocks and new leaders': EVENT_COLORS.shock,
  'betrayed tests': '#332288',
};

/** The event lanes of a run: per step counts of each kind (trust rows of an event are not counted twice). */
export function laneEvents(events: readonly EventRow[]): LaneEvent[] {
  const acc = new Map<string, LaneEvent & { names: string[] }>();
  const add = (lane: string, e: EventRow, name?: string, escalated = false) => {
    const key = `${lane}\u0000${e.step}`;
    let l = acc.get(key);
    if (!l) acc.set(key, (l = { lane, step: e.step, date: e.date, count: 0, escalated: 0, names: [] }));
    l.count++;
    if (escalated) l.escalated!++;
    if (name !== undefined && !l.names.includes(name)) l.names.push(name);
  };
  const leaders = new Set<string>();
  for (const e of events) {
    switch (e.kind) {
      case 'incident':
        if (e.observer === undefined) add('incidents', e, e.between?.join('–'), e.escalated === true);
        break;
      case 'forum':
        add(EXERCISE_ACTIVITIES.has(e.activity ?? '') ? 'exercises' : 'forum meetings', e, e.forum);
        break;
      case 'activity':
        if (EXERCISE_ACTIVITIES.has(e.activity ?? '')) add('exercises', e);
        break;
      case 'defection':
        if (e.observer === undefined) add('defections', e, `${e.state}${e.group ? ` (${e.group})` : ''}`);
        break;
      case 'test':
        if (e.relied === true && e.honoured === false) add('betrayed tests', e, `${e.trustee} betrays ${e.truster}`);
        break;
      case 'agreement':
        add('agreements', e, e.between?.join('–'));
        break;
      case 'shock':
        add('shocks and new leaders', e, `shock ${e.between?.join('–')}`);
        break;
      case 'leadership': {
        const key = `${e.step}\u0000${e.from}`;
        if (!leaders.has(key)) {
          leaders.add(key);
          add('shocks and new leaders', e, `new leader ${e.from}`);
        }
        break;
      }
    }
  }
  return [...acc.values()]
    .sort((a, b) => a.step - b.step || LANES.indexOf(a.lane as (typeof LANES)[number]) - LANES.indexOf(b.lane as (typeof LANES)[number]))
    .map(({ names, ...l }) => ({ ...l, label: names.length > 0 ? names.join(', ') : undefined }));
}

/** A dot's label: the names of its events, shortened (`short`) or grouped to fit. */
export function labelFor(d: LaneEvent, short = false): string {
  const names = (d.label ?? '').split(', ');
  if (short) return names.length > 1 ? `${names[0].replace(/ \(.*\)$/, '')} +${names.length - 1}` : names[0].replace(/ \(.*\)$/, '').replace(/^new leader /, '');
  if (d.lane === 'defections') {
    // "KHM (ASEAN)", "LAO (ASEAN)" -> "KHM, LAO (ASEAN)"
    const byGroup = new Map<string, string[]>();
    for (const n of names) {
      const m = /^(.*) \((.*)\)$/.exec(n);
      const [who, g] = m ? [m[1], m[2]] : [n, ''];
      byGroup.set(g, [...(byGroup.get(g) ?? []), who]);
    }
    return [...byGroup.entries()].map(([g, who]) => `${who.join(', ')}${g ? ` (${g})` : ''}`).join('; ');
  }
  return names.length > 2 ? `${names[0]} +${names.length - 1}` : names.join(', ');
}
