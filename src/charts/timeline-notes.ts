/**
 * The scenario's notes on its scheduled events (`note: "Scarborough Shoal stand-off, April
 * 2012"`), as the timeline (chart 4) shows them: a numbered marker above the plot at the event's
 * month, with as much of the note as fits beside it, and the full text of every note, numbered,
 * in the chart's footnotes.
 */
import type { EventRow } from './data.js';
import { monthDate } from './common.js';
import { textWidth, truncateText } from './font.js';

/** One marker: the notes of the scheduled events of one step. */
export interface NoteMarker {
  step: number;
  date: string;
  x: Date;
  /** Footnote numbers of its notes, from 1. */
  numbers: number[];
  notes: string[];
  /** Row above the plot, 0 nearest to it. */
  row: number;
  /** What is written at the marker: the numbers, and the first note shortened to fit. */
  text: string;
}

/** Type size of the markers' text. */
export const NOTE_SIZE = 13;
/** Height of one row of markers, px. */
export const NOTE_ROW = 20;
/** At most this many rows of markers. */
const MAX_ROWS = 3;
/** The longest a shortened note may be beside its marker, px. */
const MAX_LABEL = 170;

/**
 * The distinct notes of a run's events by step (rows of one event share its note; a note that is
 * the start of another at the same step, such as "Typhoon Haiyan" beside "Typhoon Haiyan,
 * November 2013: relief needed", is left out).
 */
export function eventNotes(events: readonly EventRow[]): { step: number; date: string; notes: string[] }[] {
  const byStep = new Map<number, { step: number; date: string; notes: string[] }>();
  for (const e of events) {
    if (e.note === undefined || e.note === '') continue;
    let s = byStep.get(e.step);
    if (!s) byStep.set(e.step, (s = { step: e.step, date: e.date, notes: [] }));
    if (!s.notes.includes(e.note)) s.notes.push(e.note);
  }
  return [...byStep.values()]
    .sort((a, b) => a.step - b.step)
    .map((s) => ({ ...s, notes: s.notes.filter((n) => !s.notes.some((o) => o !== n && o.startsWith(n))) }));
}

/** Width of a marker's dot and the gap to its text, px. */
const DOT = 10;

/**
 * Markers placed in rows above a plot `plotWidth` px wide spanning the months `from` to `to`,
 * taking turns over as few rows (at most 3) as give every marker room for a readable part of its
 * note (the whole note, or 110 px of it) before the next marker of its row; the first note is
 * shortened to the room it has (only the numbers where that is too little); and the footnotes.
 */
export function noteMarkers(events: readonly EventRow[], from: string, to: string, plotWidth: number): { markers: NoteMarker[]; footnotes: string[]; rows: number } {
  const steps = eventNotes(events);
  const x0 = monthDate(from).getTime();
  const span = Math.max(1, monthDate(to).getTime() - x0);
  const px = (date: string) => ((monthDate(date).getTime() - x0) / span) * plotWidth;
  const footnotes: string[] = [];
  let k = 0;
  const items = steps.map((s) => {
    const numbers = s.notes.map(() => ++k);
    s.notes.forEach((n, i) => footnotes.push(`${numbers[i]}. ${n}`));
    const tag = numbers.length === 1 ? String(numbers[0]) : `${numbers[0]}–${numbers[numbers.length - 1]}`;
    return { ...s, numbers, tag, left: px(s.date) };
  });
  const right = plotWidth + 40;
  // Rows in turn over `rows` rows: each marker's room runs to the next marker of its row.
  const place = (rows: number) => {
    const row = items.map((_, i) => i % rows);
    const room = items.map((it, i) => {
      const next = items.slice(i + 1).find((_, j) => row[i + 1 + j] === row[i]);
      return (next === undefined ? right : next.left - 6) - it.left - DOT;
    });
    return { row, room };
  };
  let chosen = place(1);
  for (let rows = 1; rows <= MAX_ROWS; rows++) {
    chosen = place(rows);
    const ok = items.every((it, i) => chosen.room[i] >= Math.min(110, textWidth(`${it.tag} ${it.notes[0]}`, NOTE_SIZE)));
    if (ok) break;
  }
  const markers = items.map((it, i): NoteMarker => {
    const room = Math.min(MAX_LABEL, chosen.room[i]);
    const tagW = textWidth(`${it.tag} `, NOTE_SIZE);
    const text = room - tagW >= 40 ? `${it.tag} ${truncateText(it.notes[0], room - tagW, NOTE_SIZE)}` : it.tag;
    return { step: it.step, date: it.date, x: monthDate(it.date), numbers: it.numbers, notes: it.notes, row: chosen.row[i], text };
  });
  return { markers, footnotes, rows: markers.length === 0 ? 0 : Math.max(...markers.map((m) => m.row)) + 1 };
}
