/** The scenario's notes on its scheduled events on the timeline: numbered markers that never overlap, the full text in the footnotes. */
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../../src/charts/data.js';
import { textWidth } from '../../src/charts/font.js';
import { renderSvg } from '../../src/charts/render.js';
import { eventNotes, noteMarkers, timelineChart } from '../../src/charts/timeline.js';
import { NOTE_SIZE } from '../../src/charts/timeline-notes.js';
import { aseanRun } from './fixtures.js';
import { allText, parseXml } from './xml.js';

const STANDOFF = 'Scarborough Shoal stand-off, April 2012';

describe('timeline notes', () => {
  const run = aseanRun();
  const spec = timelineChart(run.series, run.events, { subtitle: 'ASEAN, seed 1' });
  const texts = allText(parseXml(renderSvg(spec)));

  it('labels each noted event with its number, and gives every note in full in the footnotes', () => {
    const k = spec.footnotes!.findIndex((n) => n.endsWith(STANDOFF)) + 1;
    expect(k).toBeGreaterThan(0);
    expect(spec.footnotes![k - 1]).toBe(`${k}. ${STANDOFF}`);
    expect(texts).toContain(`${k}. ${STANDOFF}`);
    // Its marker: the number, alone or with the start of the note.
    expect(texts.some((t) => t === String(k) || t.startsWith(`${k} Sca`))).toBe(true);
    expect(spec.caption).toContain('notes on');
  });

  it('keeps a note that is the start of another at the same step out of the footnotes', () => {
    const e = (step: number, note: string): EventRow => ({ step, date: '2013-11', kind: 'test', note });
    expect(eventNotes([e(94, 'Typhoon Haiyan, November 2013: relief needed'), e(94, 'Typhoon Haiyan'), e(94, 'Typhoon Haiyan'), e(98, 'Typhoon Haiyan')]))
      .toEqual([{ step: 94, date: '2013-11', notes: ['Typhoon Haiyan, November 2013: relief needed'] }, { step: 98, date: '2013-11', notes: ['Typhoon Haiyan'] }]);
  });

  it('never lets a marker\'s text run into the next marker of its row', () => {
    const dates = run.series.map((r) => r.date);
    const width = 720;
    const { markers } = noteMarkers(run.events, dates[0], dates[dates.length - 1], width);
    expect(markers.length).toBeGreaterThan(10);
    const x0 = new Date(`${dates[0]}-01T00:00:00Z`).getTime();
    const span = new Date(`${dates[dates.length - 1]}-01T00:00:00Z`).getTime() - x0;
    const px = (x: Date) => ((x.getTime() - x0) / span) * width;
    for (const m of markers) {
      const next = markers.find((o) => o.row === m.row && o.step > m.step);
      if (next !== undefined) expect(px(m.x) + 10 + textWidth(m.text, NOTE_SIZE)).toBeLessThan(px(next.x));
    }
  });

  it('has no notes, markers or footnotes for a run without notes', () => {
    const plain = run.events.map(({ note: _, ...e }) => e);
    const s = timelineChart(run.series, plain);
    expect(s.footnotes).toBeUndefined();
    expect(s.caption).not.toContain('notes on');
  });
});
