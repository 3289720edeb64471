import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../../src/core/events.js';
import { eventsJsonl, finalJson, pairsCsv, seriesCsv, stepDate } from '../../../src/index.js';
import { simulate } from '../../../src/run/simulate.js';
import { resolveWorld } from '../../../src/world/resolve.js';
import { makeScenario } from '../../world-fixture.js';

// trust-first, so that stances (declarations, a revocation) and a cancelled programme occurrence
// appear too: B is exploited by D at step 9, revokes, and cancels the exercises of steps 10-11.
const scenario = makeScenario({
  hypothesis: 'trust-first',
  calendar: { start: '2019-11', steps: 30 },
  states: ['A', 'B', { id: 'C', interests: { x: { salience: 1, stance: -1 } } }, { id: 'D', trustworthiness: 0 }],
  issues: [{ id: 'x' }],
  stateDefaults: { budget: 12, receptivity: 0.8, navalPresence: 0.3 },
  trust: { default: 0.85 },
  groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
  forums: [{ id: 'F', members: ['G', 'D'], track: 1, schedule: { every: 3 } }],
  programmes: [
    { from: 'A', to: 'B', activity: 'officialContact', schedule: { every: 1 }, mutual: true },
    { from: 'D', to: 'C', activity: 'shipVisit', schedule: { every: 2 } },
    { from: 'C', to: 'A', activity: 'whitePaper', schedule: { every: 12 } },
    { from: 'B', to: 'D', activity: 'combinedExercise', schedule: { start: 10, every: 1, end: 11 } },
  ],
  activities: { combinedExercise: { stake: 0.9 } },
  events: [
    { type: 'leadershipChange', step: 5, state: 'D', trustShift: 0.5 },
    { type: 'shock', step: 6, states: ['A', 'D'], tension: 0.2 },
    { type: 'incident', step: 7, between: ['B', 'C'], escalates: true },
    { type: 'incident', step: 8, between: ['A', 'C'], escalates: false },
    { type: 'test', step: 9, truster: 'A', trustee: 'B' },
    { type: 'test', step: 9, truster: 'B', trustee: 'D', stake: 1 },
    { type: 'coreInterestIssue', step: 10, group: 'G', issue: 'x', decision: 1 },
  ],
  parameters: { habitEta: 0.2, agreementHabit: 0.5 },
});

describe('stepDate', () => {
  it('gives the calendar month of a step from the start month and step length', () => {
    const w = resolveWorld(makeScenario({ calendar: { start: '2019-11', steps: 40 } }));
    expect([0, 1, 2, 13, 14, 25].map((t) => stepDate(w, t))).toEqual(['2019-11', '2019-12', '2020-01', '2020-12', '2021-01', '2021-12']);
    const q = resolveWorld(makeScenario({ calendar: { start: '2020-01', stepMonths: 3, steps: 10 } }));
    expect([0, 1, 3, 4, 9].map((t) => stepDate(q, t))).toEqual(['2020-01', '2020-04', '2020-10', '2021-01', '2022-04']);
  });
});

describe('series.csv', () => {
  const r = simulate(scenario, { seed: 2 });
  const text = seriesCsv(r);
  const lines = text.split('\n');

  it('has the header step,date,<reporters>, the initial state and one row per step, newline-terminated', () => {
    expect(text.endsWith('\n')).toBe(true);
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(['step', 'date', ...r.series.columns.slice(1)].join(','));
    expect(lines.length).toBe(1 + 1 + 30);
    expect(r.series.rows).toBe(31);
  });

  it('each row: the step, its date from the calendar, then the reporters\' values exactly', () => {
    const width = r.series.columns.length;
    for (let t = 0; t <= 30; t++) {
      const cells = lines[1 + t].split(',');
      expect(cells.length).toBe(width + 1);
      expect(cells[0]).toBe(String(t));
      // Step 0, the initial state, carries the start month; step t >= 1 the month it simulates.
      expect(cells[1]).toBe(stepDate(r.world, Math.max(0, t - 1)));
      for (let k = 1; k < width; k++) expect(Number(cells[k + 1])).toBe(r.series.data[t * width + k]);
    }
    expect(lines[1].split(',').slice(0, 2)).toEqual(['0', '2019-11']);
    expect(lines[2].split(',').slice(0, 2)).toEqual(['1', '2019-11']);
    expect(lines[4].split(',').slice(0, 2)).toEqual(['3', '2020-01']);
  });
});

describe('pairs.csv', () => {
  it('one row per step and directed pair, with from\'s trust in to', () => {
    const r = simulate(scenario, { seed: 2, pairs: true, events: false });
    const lines = pairsCsv(r).trimEnd().split('\n');
    expect(lines[0]).toBe('step,date,from,to,trust');
    expect(lines.length).toBe(1 + 31 * 4 * 3);
    const [step, date, from, to, trust] = lines[1 + 12 * 6 + 7].split(',');
    // step 6 (the 6th month, 2020-04), the 8th pair in row-major order without the diagonal: C -> B
    expect([step, date, from, to]).toEqual(['6', '2020-04', 'C', 'B']);
    expect(Number(trust)).toBe(r.pairTrust![6 * 16 + 2 * 4 + 1]);
    // Step 0: the initial state, the scenario's initial trust.
    expect(lines[1].split(',').slice(0, 4)).toEqual(['0', '2019-11', 'A', 'B']);
    expect(Number(lines[1].split(',')[4])).toBeCloseTo(1 / (1 + Math.exp(-r.world.trust0[1])), 14);
    expect(lines[lines.length - 1].split(',').slice(0, 4)).toEqual(['30', '2022-04', 'D', 'C']);
    expect(Number(lines[lines.length - 1].split(',')[4])).toBe(r.final.trust[3][2]);
  });

  it('is empty when per-pair trust was not recorded', () => {
    expect(pairsCsv(simulate(scenario, { seed: 2, events: false }))).toBe('');
  });
});

describe('events.jsonl', () => {
  const r = simulate(scenario, { seed: 2 });
  const log = r.events!;
  const rows = eventsJsonl(r).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const ids = r.world.ids;
  const id = (i: number) => (i >= 0 ? ids[i] : null);

  it('one JSON object per logged event, covering every kind', () => {
    expect(rows.length).toBe(log.length);
    expect(new Set(rows.map((e) => e.kind))).toEqual(new Set(EVENT_KINDS));
  });

  it('every row has step, its calendar date and kind; trust rows have observer, subject, drift, delta and trust', () => {
    rows.forEach((e, k) => {
      // Written at the step whose row first shows it (the model's step + 1), dated with its month.
      expect(e.step).toBe(log.step[k] + 1);
      expect(e.date).toBe(stepDate(r.world, log.step[k]));
      expect(e.kind).toBe(EVENT_KINDS[log.kind[k]]);
      if (log.observer[k] >= 0) {
        expect([e.observer, e.subject]).toEqual([id(log.observer[k]), id(log.subject[k])]);
        expect([e.drift, e.delta, e.trust]).toEqual([log.drift(k), log.delta(k), log.trust(k)]);
      } else {
        for (const key of ['observer', 'subject', 'drift', 'delta', 'trust']) expect(e).not.toHaveProperty(key);
      }
    });
  });

  it('each kind carries its own fields', () => {
    const trustKeys = ['observer', 'subject', 'drift', 'delta', 'trust'];
    const keysOf = (e: Record<string, unknown>) => Object.keys(e).filter((k) => !['step', 'date', 'kind', ...trustKeys].includes(k)).sort();
    rows.forEach((e, k) => {
      const trustRow = log.observer[k] >= 0;
      const keys = keysOf(e);
      switch (e.kind) {
        case 'forum':
          expect(keys).toEqual(['activity', 'forum', 'members']);
          expect([e.forum, e.activity, e.members]).toEqual(['F', 'forumMeeting', 4]);
          break;
        case 'defection':
          expect(keys).toEqual(trustRow ? ['group', 'state'] : ['group', 'pressure', 'state']);
          expect([e.state, e.group]).toEqual(['C', 'G']);
          break;
        case 'incident':
          expect(keys).toEqual(trustRow ? ['between', 'escalated'] : ['between', 'escalated', 'tension']);
          expect(e.between).toEqual([id(log.actor[k]), id(log.target[k])]);
          break;
        case 'shock':
          expect(keys).toEqual(['between', 'tension']);
          expect(e.tension).toBe(log.value(k));
          break;
        case 'agreement':
          expect(keys).toEqual(['between']);
          break;
        case 'test':
          expect(keys).toEqual(e.relied ? ['honoured', 'relied', 'trustee', 'truster'] : ['relied', 'trustee', 'truster']);
          expect([e.trustee, e.truster]).toEqual([id(log.actor[k]), id(log.target[k])]);
          break;
        case 'activity':
          expect(keys.filter((x) => !['misread', 'deceived', 'suspicious'].includes(x))).toEqual(['activity', 'from', 'heeded', 'to']);
          for (const flag of ['misread', 'deceived', 'suspicious']) if (flag in e) expect(e[flag]).toBe(true);
          expect(r.world.activities.map((a) => a.id)).toContain(e.activity);
          break;
        case 'stance':
          // A declaration (with its activity) or a revocation, or a change of stance (no trust row).
          expect(keys.filter((x) => x !== 'activity')).toEqual(['from', 'to']);
          if (e.activity !== undefined) expect(e.activity).toBe('trustDeclaration');
          break;
        case 'declined':
        case 'cancelled':
        case 'symbolic':
          expect(keys).toEqual(['activity', 'from', 'to']);
          break;
        case 'reputation':
        case 'leadership':
          expect(keys).toEqual(['from', 'to']);
          break;
        default:
          throw new Error(`unexpected kind ${String(e.kind)}`);
      }
    });
  });

  it('is empty when the log was not kept', () => {
    expect(eventsJsonl(simulate(scenario, { seed: 2, events: false }))).toBe('');
  });
});

describe('final.json', () => {
  it('gives the final matrices, agreements, outcomes and per-state results in states order', () => {
    const r = simulate(scenario, { seed: 2 });
    const f = JSON.parse(finalJson(r));
    expect(f.states).toEqual(['A', 'B', 'C', 'D']);
    expect(f.step).toBe(30);
    expect(f.date).toBe('2022-04');
    expect(f.trust).toEqual(r.final.trust);
    expect(f.trust.map((row: number[], i: number) => row[i])).toEqual([1, 1, 1, 1]);
    expect(f.tension).toEqual(r.final.tension);
    expect(f.agreements).toEqual(r.final.agreements.map(([i, j]) => [r.world.ids[i], r.world.ids[j]]));
    expect(f.agreements.length).toBeGreaterThan(0);
    expect(Object.keys(f.outcomes)).toHaveLength(9);
    expect(f.perState.map((s: { id: string }) => s.id)).toEqual(['A', 'B', 'C', 'D']);
  });
});
