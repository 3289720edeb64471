import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/model/catalogue.js';
import { defaultParams } from '../../src/model/params.js';
import { resolveWorld, STATE_DEFAULTS } from '../../src/world/resolve.js';
import { POLICY_AUTO, POLICY_GRIT, POLICY_ROUTINE, type Adjacency } from '../../src/world/world.js';
import { logit, makeScenario } from '../world-fixture.js';

const neighbours = (a: Adjacency, i: number) => Array.from(a.list.subarray(a.start[i], a.start[i + 1]));

describe('ids and defaults', () => {
  it('turns state ids into indices in file order, with names defaulting to ids', () => {
    const w = resolveWorld(makeScenario({ states: [{ id: 'X', name: 'Ex' }, 'Y', 'Z'] }));
    expect(w.n).toBe(3);
    expect(w.ids).toEqual(['X', 'Y', 'Z']);
    expect(w.names).toEqual(['Ex', 'Y', 'Z']);
  });

  it('a state attribute overrides stateDefaults, which override the built-in defaults', () => {
    const scenario = makeScenario({ states: [{ id: 'A', equivocation: 0.7 }, 'B'], stateDefaults: { equivocation: 0.4 } });
    const w = resolveWorld(scenario);
    expect(Array.from(w.equivocation)).toEqual([0.7, 0.4]);
    // With no stateDefaults entry at all, the built-in default applies.
    const raw = { ...scenario, stateDefaults: {} };
    const w2 = resolveWorld(raw);
    expect(w2.equivocation[1]).toBe(STATE_DEFAULTS.equivocation);
    expect(w2.receptivity[0]).toBe(STATE_DEFAULTS.receptivity);
    expect(w2.trustworthiness[0]).toBe(STATE_DEFAULTS.trustworthiness);
    expect(w2.budget0[0]).toBe(STATE_DEFAULTS.budget);
    expect(w2.capability0[0]).toBe(STATE_DEFAULTS.capability);
    expect(w2.naval[0]).toBe(STATE_DEFAULTS.navalPresence);
    expect(w2.policy[0]).toBe(POLICY_AUTO);
  });

  it('policies become codes', () => {
    const w = resolveWorld(makeScenario({ states: [{ id: 'A', policy: 'grit' }, 'B'], stateDefaults: { policy: 'routine' } }));
    expect(Array.from(w.policy)).toEqual([POLICY_GRIT, POLICY_ROUTINE]);
  });

  it('fills parameters from the table, with the scenario\'s overrides', () => {
    const w = resolveWorld(makeScenario({ parameters: { forgetting: 0.2 } }));
    expect(w.params).toEqual({ ...defaultParams(), forgetting: 0.2 });
  });

  it('the hypothesis and steps options override the scenario\'s run block and calendar', () => {
    const scenario = makeScenario({ hypothesis: 'trust-first', steps: 30 });
    expect(resolveWorld(scenario).blend).toBe(1);
    expect(resolveWorld(scenario).steps).toBe(30);
    const w = resolveWorld(scenario, { hypothesis: 'blend=0.25', steps: 7 });
    expect(w.blend).toBe(0.25);
    expect(w.hypothesis).toBe('blend=0.25');
    expect(w.steps).toBe(7);
    expect(w.eventStart.length).toBe(8);
  });

  it('computes the calendar month of step 0', () => {
    const w = resolveWorld(makeScenario({ calendar: { start: '2006-05', steps: 3 } }));
    expect(w.startMonth).toBe(2006 * 12 + 4);
  });
});

describe('language and culture', () => {
  const w = resolveWorld(makeScenario({
    states: [
      { id: 'A', language: { primary: 'en', english: 1 }, culture: { pdi: 0, idv: 0 } },
      { id: 'B', language: { primary: 'en', english: 0.2 }, culture: { pdi: 1, idv: 1 } },
      { id: 'C', language: { primary: 'th', english: 0.7 }, culture: { pdi: 0.3, idv: 0.6 } },
      { id: 'D', language: { primary: 'vi', english: 0.4 }, culture: { pdi: 0, idv: 0 } },
    ],
  }));
  const at = (m: Float64Array, i: number, j: number) => m[i * 4 + j];

  it('language distance is 0 for a shared primary language, whatever the English', () => {
    expect(at(w.lang, 0, 1)).toBe(0);
    expect(at(w.lang, 1, 0)).toBe(0);
  });

  it('otherwise 1 - the lower English proficiency, symmetric', () => {
    expect(at(w.lang, 0, 2)).toBeCloseTo(0.3, 14);
    expect(at(w.lang, 1, 2)).toBeCloseTo(0.8, 14);
    expect(at(w.lang, 2, 3)).toBeCloseTo(0.6, 14);
    expect(at(w.lang, 3, 2)).toBeCloseTo(0.6, 14);
  });

  it('cultural distance is the root mean square difference over dimensions, in [0, 1]', () => {
    expect(at(w.cult, 0, 1)).toBeCloseTo(1, 14); // opposite corners
    expect(at(w.cult, 0, 3)).toBe(0);
    expect(at(w.cult, 0, 2)).toBeCloseTo(Math.sqrt((0.09 + 0.36) / 2), 14);
    expect(at(w.cult, 2, 0)).toBeCloseTo(at(w.cult, 0, 2), 14);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      expect(at(w.cult, i, j)).toBeGreaterThanOrEqual(0);
      expect(at(w.cult, i, j)).toBeLessThanOrEqual(1);
    }
  });

  it('with no culture dimensions, no cultural distance', () => {
    const v = resolveWorld(makeScenario({ cultureDimensions: [], stateDefaults: { culture: {} } }));
    expect(Array.from(v.cult).every((x) => x === 0)).toBe(true);
  });
});

describe('pairwise starting values', () => {
  const w = resolveWorld(makeScenario({
    states: ['A', 'B', 'C'],
    trust: { default: 0.4, pairs: [{ from: 'A', to: 'B', value: 0.9 }] },
    tension: { default: 0.2, pairs: [{ between: ['C', 'A'], value: 0.7 }] },
    understanding: { default: 0.3, pairs: [{ from: 'B', to: 'C', value: 0.8 }] },
    aims: { default: 0.1, pairs: [{ between: ['B', 'C'], value: -0.6 }] },
  }));
  const at = (m: Float64Array, i: number, j: number) => m[i * 3 + j];

  it('trust as log-odds, directed', () => {
    expect(at(w.trust0, 0, 1)).toBeCloseTo(logit(0.9), 14);
    expect(at(w.trust0, 1, 0)).toBeCloseTo(logit(0.4), 14);
  });

  it('tension and aims symmetric, understanding directed', () => {
    expect(at(w.tension0, 0, 2)).toBe(0.7);
    expect(at(w.tension0, 2, 0)).toBe(0.7);
    expect(at(w.tension0, 0, 1)).toBe(0.2);
    expect(at(w.aims, 1, 2)).toBe(-0.6);
    expect(at(w.aims, 2, 1)).toBe(-0.6);
    expect(at(w.aims, 0, 1)).toBe(0.1);
    expect(at(w.understanding0, 1, 2)).toBe(0.8);
    expect(at(w.understanding0, 2, 1)).toBe(0.3);
  });

  it('the diagonal is neutral', () => {
    for (let i = 0; i < 3; i++) {
      expect(at(w.trust0, i, i)).toBe(0);
      expect(at(w.tension0, i, i)).toBe(0);
      expect(at(w.understanding0, i, i)).toBe(1);
    }
  });
});

describe('activities', () => {
  it('the catalogue with overrides, ln LR and sigma = 1/LR derived', () => {
    const w = resolveWorld(makeScenario({ activities: { shipVisit: { lr: 3, cost: 7 } } }));
    // The catalogue, then trust-first's declaration of trust (MODEL 6), never a discretionary choice.
    expect(w.activities.map((a) => a.id)).toEqual([...Object.keys(CATALOGUE), 'trustDeclaration']);
    expect(w.declaration).toBe(Object.keys(CATALOGUE).length);
    expect([...w.bilateral]).not.toContain(w.declaration);
    const ship = w.activities.find((a) => a.id === 'shipVisit')!;
    expect(ship.lr).toBe(3);
    expect(ship.cost).toBe(7);
    expect(ship.label).toBe(CATALOGUE.shipVisit.label);
    expect(ship.lnLR).toBeCloseTo(Math.log(3), 14);
    expect(ship.sigma).toBeCloseTo(1 / 3, 14);
    expect(ship.weights[1]).toBe(0.6); // symbolic
    expect(ship.weights[0]).toBe(0); // no tension-reduction weight
  });

  it('lists the bilateral kinds sorted by ambition, then cost', () => {
    const w = resolveWorld(makeScenario());
    const b = Array.from(w.bilateral).map((k) => w.activities[k]);
    expect(b.every((a) => a.mode === 'bilateral')).toBe(true);
    expect(b.length).toBe(Object.values(CATALOGUE).filter((a) => a.mode === 'bilateral').length);
    for (let k = 1; k < b.length; k++) {
      expect(b[k].ambition * 1000 + b[k].cost).toBeGreaterThanOrEqual(b[k - 1].ambition * 1000 + b[k - 1].cost);
    }
  });
});

describe('groups, forums and programmes', () => {
  const w = resolveWorld(makeScenario({
    states: ['A', 'B', 'C', 'D', 'E'],
    groups: [{ id: 'G', members: ['C', 'A'], closeness: 0.8 }],
    forums: [
      { id: 'F', members: ['G', 'D'], track: 1.5, schedule: { start: 3, every: 12 }, codeForUnplannedEncounters: 5 },
      { id: 'H', members: ['A', 'C'], track: 2, activity: 'track2Dialogue', schedule: { every: 6, end: 30 }, codeForUnplannedEncounters: 2 },
    ],
    programmes: [
      { from: 'B', to: ['C', 'E'], activity: 'shipVisit', schedule: { every: 4 } },
      { from: 'E', to: 'A', activity: 'whitePaper', schedule: { every: 12 }, mutual: true },
    ],
    rivalries: [['D', 'E']],
  }));

  it('groups expand in forum members, sorted and without duplicates', () => {
    expect(Array.from(w.forums[0].members)).toEqual([0, 2, 3]);
    expect(Array.from(w.groups[0].members)).toEqual([2, 0]);
    expect(w.groups[0].closeness).toBe(0.8);
  });

  it('forum schedules, tracks and activities', () => {
    const [f, h] = w.forums;
    expect([f.start, f.every, f.track, w.activities[f.activity].id]).toEqual([3, 12, 1.5, 'forumMeeting']);
    expect(f.end).toBeGreaterThan(1e6);
    expect([h.start, h.every, h.end, w.activities[h.activity].id]).toEqual([0, 6, 30, 'track2Dialogue']);
  });

  it('a programme to several states becomes one line per receiver; a broadcast goes to everyone', () => {
    expect(w.programmes.map((p) => [p.from, p.to, w.activities[p.activity].id, p.mutual])).toEqual([
      [1, 2, 'shipVisit', false], [1, 4, 'shipVisit', false], [4, -1, 'whitePaper', false],
    ]);
  });

  it('a code for unplanned encounters applies between co-members from the earliest adoption', () => {
    const at = (i: number, j: number) => w.codeFrom[i * 5 + j];
    expect(at(0, 2)).toBe(2);
    expect(at(2, 0)).toBe(2);
    expect(at(0, 3)).toBe(5);
    expect(at(0, 1)).toBe(-1);
    expect(at(0, 0)).toBe(-1);
  });

  it('partners: co-members of groups and forums, programme counterparts, rivals', () => {
    expect(neighbours(w.partners, 0)).toEqual([2, 3]);
    expect(neighbours(w.partners, 1)).toEqual([2, 4]);
    expect(neighbours(w.partners, 3)).toEqual([0, 2, 4]);
    expect(neighbours(w.partners, 4)).toEqual([1, 3]);
    expect(neighbours(w.watchers, 0)).toEqual([2]);
    expect(neighbours(w.watchers, 3)).toEqual([]);
    expect(neighbours(w.rivals, 3)).toEqual([4]);
    expect(neighbours(w.rivals, 4)).toEqual([3]);
  });

  it('naval pair sum over unordered pairs', () => {
    const v = resolveWorld(makeScenario({ states: [{ id: 'A', navalPresence: 0.5 }, { id: 'B', navalPresence: 0.4 }, { id: 'C', navalPresence: 1 }] }));
    expect(v.navalPairSum).toBeCloseTo(0.2 + 0.5 + 0.4, 14);
  });
});

describe('events', () => {
  it('resolve ids, sort by step keeping file order within a step, and index the first of each step', () => {
    const w = resolveWorld(makeScenario({
      states: ['A', 'B', 'C'], issues: [{ id: 'x' }], steps: 10,
      groups: [{ id: 'G', members: ['A', 'B'], closeness: 0.5 }],
      events: [
        { type: 'shock', step: 4, states: ['A', 'C'], tension: 0.2 },
        { type: 'test', step: 1, truster: 'C', trustee: 'B' },
        { type: 'incident', step: 4, between: ['B', 'C'] },
        { type: 'coreInterestIssue', step: 2, group: 'G', issue: 'x', decision: 0.5 },
        { type: 'leadershipChange', step: 9, state: 'B', trustShift: -1, toward: ['C'] },
      ],
      parameters: { testStake: 0.3 },
    }));
    expect(w.events.map((e) => [e.type, e.step])).toEqual([
      ['test', 1], ['coreInterestIssue', 2], ['shock', 4], ['incident', 4], ['leadershipChange', 9],
    ]);
    expect(w.events[0]).toMatchObject({ truster: 2, trustee: 1, stake: 0.3 });
    expect(w.events[1]).toMatchObject({ group: 0, issue: 0, decision: 0.5 });
    expect(Array.from((w.events[2] as { states: Int32Array }).states)).toEqual([0, 2]);
    expect(w.events[3]).toMatchObject({ a: 1, b: 2, escalates: undefined });
    expect(Array.from((w.events[4] as { toward: Int32Array }).toward)).toEqual([2]);
    expect(Array.from(w.eventStart)).toEqual([0, 0, 1, 2, 2, 4, 4, 4, 4, 4, 5]);
    // declared incidents and tests make partners
    expect(neighbours(w.partners, 2)).toEqual([1]);
  });

  it('issues: salience and stance per state, 0 where a state states no interest', () => {
    const w = resolveWorld(makeScenario({
      issues: [{ id: 'x' }, { id: 'y' }],
      states: [{ id: 'A', interests: { y: { salience: 0.7, stance: -0.4 } } }, 'B'],
      stateDefaults: { interests: { x: { salience: 0.2, stance: 1 } } },
    }));
    expect(Array.from(w.salience)).toEqual([0.2, 0.7, 0.2, 0]);
    expect(Array.from(w.stance)).toEqual([1, -0.4, 1, 0]);
  });
});
