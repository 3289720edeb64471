/**
 * Chart 4: a run's timeline. Regional mean tension over time on top; below it, one lane per kind
 * of event (incidents, exercises, forum meetings, defections, agreements, shocks and leadership
 * changes), each dot sized by that step's count; the peak of tension and the rare events named.
 */
import * as Plot from '@observablehq/plot';
import type { EventRow, SeriesRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, monthDate, monthLabel, plural, shortMonth, signed, stepMonths, timeAxis, unique } from './common.js';
import { EVENT_COLORS, INK, TYPE } from './palette.js';
import { textWidth } from './font.js';

/** Activity kinds counted as exercises. */
export const EXERCISE_ACTIVITIES = new Set(['combinedExercise', 'multilateralExercise']);

export interface TimelineOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Steps before the peak (inclusive of the peak) searched for its causes (default 3). */
  peakWindow?: number;
}

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

const LANES = ['incidents', 'exercises', 'forum meetings', 'betrayed tests', 'defections', 'agreements', 'shocks and new leaders'] as const;
const LANE_COLOR: Record<string, string> = {
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

export function timelineChart(series: readonly SeriesRow[], events: readonly EventRow[], opts: TimelineOptions = {}): ChartSpec {
  if (series.length === 0) throw new Error('timelineChart: no series rows');
  const months = stepMonths(series);
  const tension = series.map((r) => ({ step: r.step, date: r.date, x: monthDate(r.date), v: r.values.meanTension }));
  const lanes = laneEvents(events);

  // Peak of tension and what came with it.
  let peak = tension[0];
  for (const t of tension) if (t.v > peak.v) peak = t;
  const w = opts.peakWindow ?? 3;
  const near = lanes.filter((l) => l.step <= peak.step && l.step > peak.step - w);
  const prev = tension.find((t) => t.step === peak.step - 1);
  const causes: string[] = [];
  const inc = near.filter((l) => l.lane === 'incidents');
  const nInc = inc.reduce((s, l) => s + l.count, 0);
  const nEsc = inc.reduce((s, l) => s + (l.escalated ?? 0), 0);
  const defs = events.filter((e) => e.kind === 'defection' && e.observer === undefined && e.step <= peak.step && e.step > peak.step - w);
  const shocks = near.filter((l) => l.lane === 'shocks and new leaders').flatMap((l) => (l.label ? l.label.split(', ') : []));
  if (defs.length > 0) {
    const groups = [...new Set(defs.map((e) => e.group ?? ''))];
    causes.push(listWords(groups.map((g) => {
      const who = defs.filter((e) => (e.group ?? '') === g).map((e) => e.state ?? '?');
      return `${who.length === 1 ? 'a defection' : `${who.length} defections`}${g ? ` from the ${g} line` : ''} (${listWords(who)})`;
    })));
  }
  if (shocks.length > 0) causes.push(listWords(shocks));
  if (nInc > 0) {
    const pairs = new Map<string, number>();
    for (const e of events) {
      if (e.kind === 'incident' && e.observer === undefined && e.step <= peak.step && e.step > peak.step - w && e.between) {
        const k = e.between.join('–');
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
    const top = [...pairs.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const between = top ? top[0].split('–').join(' and ') : '';
    causes.push(`${plural(nInc, 'incident')}${nEsc > 0 ? ` (${nEsc} escalated)` : ''}${top && pairs.size > 1 ? `, most between ${between}` : top ? ` between ${between}` : ''}`);
  }
  const inWindow = (e: EventRow) => e.step <= peak.step && e.step > peak.step - w;
  const exploited = events.filter((e) => e.kind === 'test' && inWindow(e) && e.relied === true && e.honoured === false);
  if (exploited.length > 0) {
    const who = unique(exploited.map((e) => `${e.trustee} exploiting ${e.truster}'s reliance`));
    causes.push(`${exploited.length === 1 ? 'a test' : `${exploited.length} tests`} of cooperation betrayed (${listWords(who.slice(0, 3))}${who.length > 3 ? ' and others' : ''})`);
  }
  const suspicious = events.filter((e) => e.kind === 'activity' && inWindow(e) && e.suspicious === true);
  if (suspicious.length > 0) causes.push(`${plural(suspicious.length, 'activity', 'activities')} above the tension ceiling that aroused suspicion`);
  const windowWords = w * months === 1 ? 'that month' : `the ${w * months} months to then`;
  const sentences: string[] = [];
  const t0 = tension[0], t1 = tension[tension.length - 1];
  sentences.push(`Regional mean tension went from ${f(t0.v)} in ${monthLabel(t0.date)} to ${f(t1.v)} in ${monthLabel(t1.date)}.`);
  let peakSentence = `It peaked at ${f(peak.v)} in ${monthLabel(peak.date)}`;
  if (prev) peakSentence += ` (${signed(peak.v - prev.v, 3)} on the ${months === 1 ? 'month' : 'step'} before)`;
  peakSentence += causes.length > 0 ? `, with ${listWords(causes)} in ${windowWords}.` : `, with no incident, defection, shock, betrayed test or suspicious activity in ${windowWords}: tension there reflects earlier events not yet relaxed.`;
  sentences.push(peakSentence);
  const total = (lane: string) => lanes.filter((l) => l.lane === lane).reduce((s, l) => s + l.count, 0);
  const totalEsc = lanes.filter((l) => l.lane === 'incidents').reduce((s, l) => s + (l.escalated ?? 0), 0);
  const counts: [number, string, string][] = [
    [total('incidents'), 'incident', 'incidents'],
    [total('exercises'), 'exercise', 'exercises'],
    [total('forum meetings'), 'forum meeting', 'forum meetings'],
    [total('betrayed tests'), 'betrayed test of cooperation', 'betrayed tests of cooperation'],
    [total('defections'), 'defection', 'defections'],
    [total('agreements'), 'agreement', 'agreements'],
    [total('shocks and new leaders'), 'shock or leadership change', 'shocks or leadership changes'],
  ];
  const some = counts.filter(([n]) => n > 0).map(([n, one, many]) => (one === 'incident' ? `${plural(n, one, many)} (${totalEsc} escalated)` : plural(n, one, many)));
  const none = counts.filter(([n]) => n === 0).map(([, , many]) => many);
  sentences.push(`Over the run: ${some.length > 0 ? listWords(some) : 'no events'}${none.length > 0 && some.length > 0 ? `; no ${listWords(none).replace(/ and /g, ' or ')}` : ''}.`);
  const agreements = lanes.filter((l) => l.lane === 'agreements');
  if (agreements.length > 0) sentences.push(`Agreements: ${listWords(agreements.map((l) => `${l.label} (${shortMonth(l.date)})`))}.`);
  sentences.push('Below the line, one lane per kind of event: bars give each step\'s count of incidents, exercises and forum meetings (tallest bar = the lane\'s busiest step); dots mark betrayed tests, defections, agreements, shocks and new leaders.');

  // Geometry: tension above zero (about 60% of the height), one lane per kind below.
  const yMax = Math.max(0.05, ...tension.map((t) => t.v)) * 1.15;
  const laneH = (yMax * 0.95) / LANES.length;
  const laneBase = (lane: string) => -(LANES.indexOf(lane as (typeof LANES)[number]) + 1) * laneH;
  const maxCount = new Map<string, number>();
  for (const l of lanes) maxCount.set(l.lane, Math.max(maxCount.get(l.lane) ?? 0, l.count));
  const DENSE = new Set(['incidents', 'exercises', 'forum meetings']);
  // Dense lanes: a bar per step, its height the step's count (escalated incidents in black at the foot).
  const bars = lanes.filter((l) => DENSE.has(l.lane)).map((l) => {
    const y1 = laneBase(l.lane) + laneH * 0.12;
    const h = laneH * 0.76 * (l.count / Math.max(1, maxCount.get(l.lane)!));
    return { ...l, x: monthDate(l.date), y1, y2: y1 + h, yEsc: y1 + h * ((l.escalated ?? 0) / l.count) };
  });
  const escalated = bars.filter((b) => b.lane === 'incidents' && (b.escalated ?? 0) > 0);
  // Rare lanes: a dot per step, named when there is room.
  const rare = lanes.filter((l) => !DENSE.has(l.lane)).map((l) => ({
    ...l, x: monthDate(l.date), y: laneBase(l.lane) + laneH / 2,
    r: 4.5 + 3.5 * Math.sqrt(l.count / Math.max(1, maxCount.get(l.lane)!)),
  }));
  const span = Math.max(1, series[series.length - 1].step - series[0].step);
  const rareLabels: { x: Date; y: number; text: string }[] = [];
  const lastEnd = new Map<string, number>();
  // A label's extent in steps, for a plot about 700 px wide at 13 px type.
  const extent = (text: string) => ((textWidth(text, 13) + 26) / 700) * span;
  rare.forEach((d, k) => {
    if (d.step < (lastEnd.get(d.lane) ?? -Infinity)) return;
    const next = rare.slice(k + 1).find((o) => o.lane === d.lane);
    if (d.lane === 'betrayed tests') return; // frequent: the caption names the one near the peak
    const room = (next === undefined ? series[series.length - 1].step + span * 0.06 : next.step) - d.step;
    const full = labelFor(d);
    const short = labelFor(d, true);
    const text = extent(full) < room ? full : extent(short) < room ? short : null;
    if (text === null) return; // no room: the dot and the caption carry it
    lastEnd.set(d.lane, d.step + extent(text));
    rareLabels.push({ x: d.x, y: d.y, text });
  });
  const peakDot = [{ x: peak.x, y: peak.v, text: `peak ${f(peak.v)}, ${shortMonth(peak.date)}` }];
  const ticks = niceTicks(yMax);
  const laneLabels = LANES.map((l) => ({ lane: l, y: laneBase(l) + laneH / 2 }));
  const x0 = monthDate(series[0].date);
  const marks: Plot.Markish[] = [
    Plot.ruleY(ticks, { stroke: INK.grid }),
    Plot.ruleY(LANES.map(laneBase), { stroke: '#EEEEEE' }),
    Plot.ruleY([0], { stroke: INK.axis }),
    Plot.ruleX(rare.filter((d) => d.lane === 'defections' || d.lane === 'shocks and new leaders'), { x: 'x', y1: 0, y2: yMax, stroke: '#999999', strokeDasharray: '3,4' }),
    Plot.lineY(tension, { x: 'x', y: 'v', stroke: INK.text, strokeWidth: 2.5 }),
    Plot.dot(peakDot, { x: 'x', y: 'y', r: 7, stroke: EVENT_COLORS.defection, strokeWidth: 2.5 }),
    Plot.text(peakDot, { x: 'x', y: 'y', text: 'text', dy: -18, fontSize: 14, fill: INK.text, textAnchor: 'middle', stroke: 'white', strokeWidth: 4, paintOrder: 'stroke' }),
    Plot.ruleX(bars, { x: 'x', y1: 'y1', y2: 'y2', stroke: (d: { lane: string }) => LANE_COLOR[d.lane], strokeWidth: 2.5 }),
    Plot.ruleX(escalated, { x: 'x', y1: 'y1', y2: 'yEsc', stroke: INK.text, strokeWidth: 2.5 }),
    Plot.dot(rare, { x: 'x', y: 'y', r: 'r', fill: (d: { lane: string }) => LANE_COLOR[d.lane], stroke: 'white', strokeWidth: 1 }),
    Plot.text(rareLabels, { x: 'x', y: 'y', text: 'text', fontSize: 13, textAnchor: 'start', dx: 11, fill: INK.text }),
    Plot.text(laneLabels, { x: () => x0, y: 'y', text: 'lane', textAnchor: 'end', dx: -12, fontSize: TYPE.label, fill: INK.text }),
  ];
  const dates = series.map((r) => r.date);
  return {
    id: opts.id ?? 'timeline',
    title: opts.title ?? 'Tension and events over time',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      { label: 'mean tension', color: INK.text, shape: 'line' },
      ...(totalEsc > 0 ? [{ label: 'escalated incidents (black foot of a bar)', color: INK.text }] : []),
    ],
    height: 720,
    plot: {
      marginLeft: 190,
      marginRight: 50,
      x: timeAxis(months, { domain: [monthDate(dates[0]), monthDate(dates[dates.length - 1])] }),
      y: { domain: [-(LANES.length + 0.1) * laneH, yMax], ticks, label: 'mean tension (0-1)', labelArrow: 'none', labelAnchor: 'top', tickFormat: (v: number) => f(v) },
      r: { type: 'identity' },
      color: { type: 'identity' },
      marks,
    },
  };
}

function labelFor(d: LaneEvent, short = false): string {
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

/** Tick values from 0 to about max. */
function niceTicks(max: number): number[] {
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-12; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

