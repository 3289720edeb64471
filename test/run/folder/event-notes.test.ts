/**
 * Notes on scheduled events: kept on the resolved event, written as `note` on the event's rows of
 * events.jsonl (and only there), read back by the events.jsonl reader.
 */
import { describe, expect, it } from 'vitest';
import { explainPair, runFromResult } from '../../../src/explain/index.js';
import { eventsJsonl } from '../../../src/index.js';
import { parseEvents } from '../../../src/run/folder/parse.js';
import { simulate } from '../../../src/run/simulate.js';
import { resolveWorld } from '../../../src/world/resolve.js';
import { makeScenario } from '../../world-fixture.js';

const STANDOFF = 'Scarborough Shoal stand-off, April 2012';
const events = [
  { type: 'incident' as const, step: 4, between: ['A', 'B'] as [string, string], escalates: true, note: STANDOFF },
  { type: 'incident' as const, step: 6, between: ['B', 'C'] as [string, string], escalates: true },
  { type: 'shock' as const, step: 8, states: ['A', 'C'], tension: 0.2, note: 'Arbitral award, July 2016' },
  { type: 'test' as const, step: 9, truster: 'A', trustee: 'B', note: STANDOFF },
];
const withNotes = makeScenario({ states: ['A', 'B', 'C'], calendar: { start: '2012-01', steps: 12 }, events });
const without = makeScenario({ states: ['A', 'B', 'C'], calendar: { start: '2012-01', steps: 12 }, events: events.map(({ note: _, ...e }) => e) });

describe('event notes', () => {
  it('are kept on the resolved events (null without one)', () => {
    const w = resolveWorld(withNotes);
    expect(w.events.map((e) => e.note)).toEqual([STANDOFF, null, 'Arbitral award, July 2016', STANDOFF]);
  });

  const r = simulate(withNotes, { seed: 3 });
  const text = eventsJsonl(r);
  const rows = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

  it('are written as the last key of every row of the event that has one, and of no other row', () => {
    const noted = rows.filter((e) => 'note' in e);
    // The scheduled incident at scenario step 4 is the files' step 5.
    const standoff = rows.filter((e) => e.kind === 'incident' && e.step === 5);
    expect(standoff.length).toBeGreaterThanOrEqual(1);
    for (const e of standoff) {
      expect(e.note).toBe(STANDOFF);
      expect(Object.keys(e).at(-1)).toBe('note');
    }
    expect(rows.filter((e) => e.kind === 'incident' && e.step === 7).every((e) => !('note' in e))).toBe(true);
    expect(rows.filter((e) => e.kind === 'shock').every((e) => e.note === 'Arbitral award, July 2016')).toBe(true);
    expect(rows.filter((e) => e.kind === 'test' && e.step === 10).every((e) => e.note === STANDOFF)).toBe(true);
    expect(new Set(noted.map((e) => `${e.kind} ${e.step}`))).toEqual(new Set(['incident 5', 'shock 9', 'test 10']));
    // Random events and activities have none.
    expect(rows.filter((e) => e.kind === 'activity').some((e) => 'note' in e)).toBe(false);
  });

  it('is stored once in the log, rows index it', () => {
    expect(r.events!.notes).toEqual([STANDOFF, 'Arbitral award, July 2016']);
  });

  it('are read back by the events.jsonl reader', () => {
    const problems: never[] = [];
    const parsed = parseEvents(text, 'events.jsonl', new Set(['A', 'B', 'C']), 13, problems);
    expect(problems).toEqual([]);
    expect(parsed!.filter((e) => e.note === STANDOFF).length).toBe(rows.filter((e) => e.note === STANDOFF).length);
  });

  it('leave a run without notes as it was: no row has a note key, and the other fields are the same', () => {
    const plain = eventsJsonl(simulate(without, { seed: 3 }));
    expect(plain).not.toContain('"note"');
    const stripped = rows.map(({ note: _, ...e }) => JSON.stringify(e)).join('\n') + '\n';
    expect(stripped).toBe(plain);
  });

  it('appear in the explanation of a pair whose trust they moved, and only there', () => {
    const run = runFromResult(r);
    const ab = explainPair(run, { observer: 'A', subject: 'B' });
    const line = ab.sentences.find((t) => t.startsWith('Scheduled'));
    expect(line).toContain(`"${STANDOFF}" (2012-05, `);
    const bc = explainPair(run, { observer: 'B', subject: 'C' });
    expect(bc.sentences.some((t) => t.includes(STANDOFF))).toBe(false);
    const plainRun = runFromResult(simulate(without, { seed: 3 }));
    expect(explainPair(plainRun, { observer: 'A', subject: 'B' }).sentences.some((t) => t.startsWith('Scheduled'))).toBe(false);
  });
});
