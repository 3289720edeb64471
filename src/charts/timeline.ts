/**
 * Chart 4: a run's timeline. Regional mean tension over time on top; below it, one lane per kind
 * of event (incidents, exercises, forum meetings, defections, agreements, shocks and leadership
 * changes), each dot sized by that step's count; the peak of tension and the rare events named.
 */
import * as Plot from '@observablehq/plot';
import type { EventRow, SeriesRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, monthDate, shortMonth, stepMonths, timeAxis } from './common.js';
import { EVENT_COLORS, INK, TYPE } from './palette.js';
import { textWidth } from './font.js';
import { timelineCaption } from './timeline-caption.js';
import { LANE_COLOR, LANES, labelFor, laneEvents } from './timeline-lanes.js';
import { NOTE_ROW, NOTE_SIZE, noteMarkers } from './timeline-notes.js';

export { EXERCISE_ACTIVITIES, laneEvents, type LaneEvent } from './timeline-lanes.js';
export { eventNotes, noteMarkers, type NoteMarker } from './timeline-notes.js';

export interface TimelineOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Steps before the peak (inclusive of the peak) searched for its causes (default 3). */
  peakWindow?: number;
}

export function timelineChart(series: readonly SeriesRow[], events: readonly EventRow[], opts: TimelineOptions = {}): ChartSpec {
  if (series.length === 0) throw new Error('timelineChart: no series rows');
  const months = stepMonths(series);
  const tension = series.map((r) => ({ step: r.step, date: r.date, x: monthDate(r.date), v: r.values.meanTension }));
  const lanes = laneEvents(events);
  const { sentences, peak, totalEsc } = timelineCaption(tension, events, lanes, months, opts.peakWindow ?? 3);

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
  // The scenario's notes on its scheduled events: numbered markers in rows above the plot, the
  // full text in the footnotes.
  // NOTE_GAP keeps them clear of the label of the peak of tension.
  const width = 960, marginLeft = 190, marginRight = 50, marginTop = 34, NOTE_GAP = 14;
  const notes = noteMarkers(events, dates[0], dates[dates.length - 1], width - marginLeft - marginRight);
  if (notes.markers.length > 0) {
    marks.push(Plot.ruleX(notes.markers, { x: 'x', y1: 0, y2: yMax, stroke: '#BBBBBB', strokeDasharray: '1,3' }));
    for (let row = 0; row < notes.rows; row++) {
      const inRow = notes.markers.filter((m) => m.row === row);
      const dy = -(NOTE_GAP + NOTE_ROW * row + NOTE_ROW / 2);
      marks.push(
        Plot.dot(inRow, { x: 'x', frameAnchor: 'top', dy, r: 3.5, fill: INK.text }),
        Plot.text(inRow, { x: 'x', frameAnchor: 'top', dy, dx: 7, text: 'text', textAnchor: 'start', fontSize: NOTE_SIZE, fill: INK.text }),
      );
    }
    sentences.push(`Numbered above the plot: the scenario's notes on ${notes.footnotes.length === 1 ? 'one of its scheduled events' : `${notes.footnotes.length} of its scheduled events`}, in full below it.`);
  }
  return {
    id: opts.id ?? 'timeline',
    title: opts.title ?? 'Tension and events over time',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      { label: 'mean tension', color: INK.text, shape: 'line' },
      ...(totalEsc > 0 ? [{ label: 'escalated incidents (black foot of a bar)', color: INK.text }] : []),
    ],
    ...(notes.footnotes.length > 0 ? { footnotes: notes.footnotes } : {}),
    width,
    height: 720 + (notes.rows > 0 ? NOTE_GAP + notes.rows * NOTE_ROW : 0),
    plot: {
      marginLeft,
      marginRight,
      marginTop: marginTop + (notes.rows > 0 ? NOTE_GAP + notes.rows * NOTE_ROW : 0),
      x: timeAxis(months, { domain: [monthDate(dates[0]), monthDate(dates[dates.length - 1])] }),
      y: { domain: [-(LANES.length + 0.1) * laneH, yMax], ticks, label: 'mean tension (0-1)', labelArrow: 'none', labelAnchor: 'top', tickFormat: (v: number) => f(v) },
      r: { type: 'identity' },
      color: { type: 'identity' },
      marks,
    },
  };
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
