/**
 * series.csv and pairs.csv begin with the initial state, step 0, before any activity: the same
 * row under habits-first, trust-first and a blend (no head start, MODEL 6), for every teaching
 * scenario, and the scenario's own initial trust and tension, computed here from the scenario
 * alone.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, simulate } from '../../src/index.js';
import { pairsCsv, seriesCsv } from '../../src/run/folder/format.js';
import type { Scenario } from '../../src/scenario/schema.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
const HYPOTHESES = ['habits-first', 'trust-first', 'blend=0.5'];
const STEPS = 3;

function load(file: string): Scenario {
  const loaded = loadScenario(`scenarios/${file}`);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
}

/** The scenario's initial trust (probability) of every directed pair and tension of every unordered pair, from its trust and tension blocks. */
function initialFromScenario(s: Scenario): { ids: string[]; trust: Map<string, number>; tension: Map<string, number> } {
  const ids = s.states.map((x) => x.id);
  const trust = new Map<string, number>();
  const tension = new Map<string, number>();
  for (const a of ids) for (const b of ids) if (a !== b) trust.set(`${a},${b}`, s.trust.default);
  for (const p of s.trust.pairs) trust.set(`${p.from},${p.to}`, p.value);
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) tension.set(`${ids[i]},${ids[j]}`, s.tension.default);
  for (const p of s.tension.pairs) {
    const [a, b] = ids.indexOf(p.between[0]) < ids.indexOf(p.between[1]) ? p.between : [p.between[1], p.between[0]];
    tension.set(`${a},${b}`, p.value);
  }
  return { ids, trust, tension };
}

describe('the initial row of series.csv and pairs.csv', () => {
  it('there are teaching scenarios to check', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s: step 0 is the same under every hypothesis and is the scenario\'s initial state', (file) => {
    const s = load(file);
    const runs = HYPOTHESES.map((hypothesis) => simulate(s, { seed: 1, hypothesis, steps: STEPS, pairs: true, events: false }));
    const seriesLines = runs.map((r) => seriesCsv(r).split('\n'));
    const pairLines = runs.map((r) => pairsCsv(r).split('\n').filter((l) => l.startsWith('0,')));
    for (let h = 1; h < runs.length; h++) {
      expect(seriesLines[h][0], `${HYPOTHESES[h]} header`).toBe(seriesLines[0][0]);
      expect(seriesLines[h][1], `${HYPOTHESES[h]} series.csv step 0`).toBe(seriesLines[0][1]);
      expect(pairLines[h], `${HYPOTHESES[h]} pairs.csv step 0`).toEqual(pairLines[0]);
    }
    // One initial row, then one per step; the initial row is dated with the start month.
    expect(seriesLines[0].filter((l) => l !== '').length).toBe(1 + 1 + STEPS);
    const header = seriesLines[0][0].split(',');
    const row = seriesLines[0][1].split(',');
    expect(row.slice(0, 2)).toEqual(['0', s.calendar.start]);
    expect(seriesLines[0][2].split(',').slice(0, 2)).toEqual(['1', s.calendar.start]);
    const value = (name: string) => Number(row[header.indexOf(name)]);

    // The scenario's initial state, computed from the scenario alone.
    const init = initialFromScenario(s);
    const trusts = [...init.trust.values()];
    const mean = trusts.reduce((a, b) => a + b, 0) / trusts.length;
    const sd = Math.sqrt(Math.max(0, trusts.reduce((a, b) => a + b * b, 0) / trusts.length - mean * mean));
    const tensions = [...init.tension.values()];
    expect(value('meanTrust')).toBeCloseTo(mean, 10);
    expect(value('trustSpread')).toBeCloseTo(sd, 6);
    expect(value('meanTension')).toBeCloseTo(tensions.reduce((a, b) => a + b, 0) / tensions.length, 10);
    expect(value('meanHabit')).toBe(0);
    // Nothing has happened yet: every count of activity is zero.
    for (const name of ['activities', 'heeded', 'misread', 'deceived', 'tests', 'incidents', 'defections', 'forumMeetings', 'declarations', 'revocations', 'gains', 'losses']) {
      expect(value(name), name).toBe(0);
    }
    // pairs.csv's step 0: every directed pair, at the scenario's initial trust.
    expect(pairLines[0]).toHaveLength(init.ids.length * (init.ids.length - 1));
    for (const line of pairLines[0]) {
      const [step, date, from, to, trust] = line.split(',');
      expect([step, date]).toEqual(['0', s.calendar.start]);
      expect(Number(trust), `${from} -> ${to}`).toBeCloseTo(init.trust.get(`${from},${to}`)!, 10);
    }
  });
});
