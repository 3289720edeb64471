import { describe, expect, it } from 'vitest';
import { operativeTrust, tensionNow, trustLogit } from '../../src/core/pair.js';
import { step } from '../../src/core/step.js';
import { EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import { build, counting, logit, scripted, type FixtureOptions } from '../world-fixture.js';

/** Runs steps from..to inclusive, calling `each` after every step. */
function run(fx: ReturnType<typeof build>, from: number, to: number, each?: (t: number) => void): void {
  for (let t = from; t <= to; t++) {
    fx.c.t = t;
    step(fx.c);
    each?.(t);
  }
}

describe('budgets', () => {
  it('credit accrues budget * stepMonths / 12 a step, capped at one year\'s budget', () => {
    const fx = build({ stateDefaults: { budget: 24 }, steps: 30 }); // no partners: nothing is spent
    const credit: number[] = [];
    run(fx, 0, 14, () => credit.push(fx.s.credit[0]));
    expect(credit.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, k) => 2 * (k + 1)));
    expect(credit.slice(12)).toEqual([24, 24, 24]);
  });

  it('with quarterly steps, a quarter of the budget a step', () => {
    const fx = build({ stateDefaults: { budget: 24 }, calendar: { start: '2020-01', stepMonths: 3, steps: 8 } });
    run(fx, 0, 1);
    expect(fx.s.credit[0]).toBe(12);
  });

  it('at each new year the constituency gathered raises each state\'s budget: budget *= 1 + constituencyGain * constituency', () => {
    const fx = build({ stateDefaults: { budget: 24 }, steps: 30 });
    run(fx, 0, 10);
    fx.s.constituency[0] = 10;
    run(fx, 11, 11);
    expect(fx.s.budget[0]).toBe(24); // not yet a new year
    run(fx, 12, 12);
    expect(fx.s.budget[0]).toBeCloseTo(24 * (1 + 0.01 * 10), 12);
    expect(fx.s.budget[1]).toBe(24);
    expect(fx.s.constituency[0]).toBe(0);
    run(fx, 13, 24);
    expect(fx.s.budget[0]).toBeCloseTo(26.4, 12); // nothing gathered in the second year
  });

  it('the new year falls where the months cross it, whatever stepMonths', () => {
    const fx = build({ stateDefaults: { budget: 12 }, calendar: { start: '2020-01', stepMonths: 5, steps: 10 } });
    run(fx, 0, 1);
    fx.s.constituency[1] = 50;
    run(fx, 2, 2); // months 10
    expect(fx.s.budget[1]).toBe(12);
    run(fx, 3, 3); // months 15: a new year
    expect(fx.s.budget[1]).toBeCloseTo(12 * 1.5, 12);
  });

  it('the constituency outcome of activities raises next year\'s budget of both sides', () => {
    const fx = build({
      stateDefaults: { budget: 100 }, hypothesis: 'trust-first', steps: 30,
      programmes: [{ from: 'A', to: 'B', activity: 'capacityBuilding', schedule: { every: 1 } }],
      parameters: { maxActsPerStep: 0 },
    });
    run(fx, 0, 11);
    const gathered = [fx.s.constituency[0], fx.s.constituency[1]];
    expect(gathered[0]).toBeGreaterThan(0);
    expect(gathered[1]).toBeCloseTo(gathered[0], 12);
    run(fx, 12, 12);
    expect(fx.s.budget[0]).toBeCloseTo(100 * (1 + 0.01 * gathered[0]), 10);
    expect(fx.s.budget[1]).toBeCloseTo(100 * (1 + 0.01 * gathered[1]), 10);
  });
});

describe('scheduled events', () => {
  const quiet: FixtureOptions = {
    states: ['A', 'B', 'C'], issues: [{ id: 'facility' }], steps: 12,
    groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
    stateDefaults: { interests: { facility: { salience: 0, stance: 1 } } },
    parameters: { testRate: 0, maxActsPerStep: 0 },
  };
  const events: NonNullable<FixtureOptions['events']> = [
    { type: 'coreInterestIssue', step: 6, group: 'G', issue: 'facility', decision: 1 },
    { type: 'incident', step: 5, between: ['A', 'B'], escalates: true },
    { type: 'leadershipChange', step: 2, state: 'A', trustShift: 1, toward: ['B'] },
    { type: 'shock', step: 3, states: ['A', 'B', 'C'], tension: 0.3 },
    { type: 'test', step: 4, truster: 'A', trustee: 'B' },
  ];

  it('each fires at its step, and only then', () => {
    const fx = build({
      ...quiet, events,
      states: [{ id: 'A', interests: { facility: { salience: 1, stance: -1 } } }, 'B', 'C'],
    });
    const fired: Record<string, number[]> = { tests: [], escalations: [], defections: [], shock: [], leadership: [] };
    run(fx, 0, 8, (t) => {
      if (fx.s.counters[C.tests] > 0) fired.tests.push(t);
      if (fx.s.counters[C.escalations] > 0) fired.escalations.push(t);
      if (fx.s.counters[C.defections] > 0) fired.defections.push(t);
    });
    const log = fx.s.log!;
    for (let k = 0; k < log.length; k++) {
      if (log.kind[k] === K.shock && !fired.shock.includes(log.step[k])) fired.shock.push(log.step[k]);
      if (log.kind[k] === K.leadership) fired.leadership.push(log.step[k]);
    }
    expect(fired).toEqual({ tests: [4], escalations: [5], defections: [6], shock: [3], leadership: [2] });
  });

  it('a leadership change shifts current trust and the baseline toward the partners named', () => {
    const fx = build({ ...quiet, events });
    const ab = fx.pair('A', 'B'), ac = fx.pair('A', 'C');
    run(fx, 0, 1);
    expect(fx.s.L0[ab]).toBe(0);
    run(fx, 2, 2);
    expect(trustLogit(fx.c, ab)).toBeCloseTo(1, 14);
    expect(fx.s.L0[ab]).toBeCloseTo(1, 14);
    expect(fx.s.L0[ac]).toBe(0);
    expect(trustLogit(fx.c, fx.pair('B', 'A'))).toBe(0);
  });

  it('a shock adds tension between every two of its states', () => {
    const fx = build({ ...quiet, events, tension: { default: 0.1 } });
    run(fx, 0, 2);
    expect(tensionNow(fx.c, 0, 2)).toBeCloseTo(0.1, 14);
    run(fx, 3, 3);
    expect(tensionNow(fx.c, 0, 2)).toBeCloseTo(0.4, 14);
    expect(tensionNow(fx.c, 1, 2)).toBeCloseTo(0.4, 14);
    expect(tensionNow(fx.c, 0, 1)).toBeCloseTo(0.4, 14);
  });

  it('a scheduled incident or test draws once from its own stream, not from the random one', () => {
    const fx = build({ ...quiet, events });
    const streams = ['incidents', 'tests', 'scheduledIncidents', 'scheduledTests'] as const;
    const count = Object.fromEntries(streams.map((k) => {
      const u = counting(fx.c.r[k]);
      fx.c.r[k] = u;
      return [k, u];
    })) as Record<(typeof streams)[number], ReturnType<typeof counting>>;
    const calls = () => Object.fromEntries(streams.map((k) => [k, count[k].calls]));
    run(fx, 0, 3);
    const before = calls();
    expect(before.scheduledIncidents + before.scheduledTests).toBe(0);
    run(fx, 4, 4); // the test
    expect(calls()).toEqual({ ...before, tests: before.tests + 3 * 3, scheduledTests: 1 }); // three draws per state for random tests
    run(fx, 5, 5); // the incident (escalation forced, still drawn)
    expect(calls()).toEqual({ ...before, tests: before.tests + 2 * 3 * 3, scheduledTests: 1, scheduledIncidents: 1 });
  });
});

describe('programmes', () => {
  const programme = (hypothesis: string, trust: number, mutual = false): FixtureOptions => ({
    hypothesis, trust: { default: trust }, steps: 12, stateDefaults: { budget: 24, will: 1 },
    programmes: [{ from: 'A', to: 'B', activity: 'capacityBuilding', schedule: { every: 2 }, mutual }],
    parameters: { maxActsPerStep: 0 },
  });
  const activitiesPerStep = (fx: ReturnType<typeof build>, last: number) => {
    const out: number[] = [];
    run(fx, 0, last, () => out.push(fx.s.counters[C.activities]));
    return out;
  };

  it('habits-first carries out every occurrence, whatever the trust', () => {
    expect(activitiesPerStep(build(programme('habits-first', 0.1)), 5)).toEqual([1, 0, 1, 0, 1, 0]);
  });

  it('trust-first carries out an occurrence only when operative trust passes the activity\'s stake threshold', () => {
    // Belief 0.1 with will 1: logit(0.1) + 1 < logit(q_ref = 0.5), so A withholds and O = 0.1 < 0.4 / 1.1:
    // every occurrence is cancelled, and B sees each cancellation (MODEL 6c).
    const low = build(programme('trust-first', 0.1));
    expect(activitiesPerStep(low, 5)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(low.s.stance[low.pair('A', 'B')]).toBe(0);
    expect(trustLogit(low.c, low.pair('B', 'A'))).toBeLessThan(logit(0.1));
    // Belief 0.4: logit(0.4) + 1 >= 0, so A extends and acts on O = sigmoid(logit(0.4) + 1) ~ 0.64.
    const high = build(programme('trust-first', 0.4));
    expect(activitiesPerStep(high, 5)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(high.s.stance[high.pair('A', 'B')]).toBe(1);
    // sigmoid(logit(0.4) + 1) ~ 0.64 > 0.4 / 1.1 ~ 0.36: the operative trust the code acts on passes.
    expect(operativeTrust(high.c, high.pair('A', 'B'))).toBeGreaterThan(0.4 / 1.1);
    expect(operativeTrust(low.c, low.pair('A', 'B'))).toBeLessThan(0.4 / 1.1);
  });

  it('a cancelled occurrence is weak negative evidence for the partner, ln(cancelledLR), and an action not taken for the canceller\'s habit', () => {
    const fx = build(programme('trust-first', 0.1));
    const ab = fx.pair('A', 'B'), ba = fx.pair('B', 'A');
    fx.s.H[ab] = 0.5;
    run(fx, 0, 0);
    expect(fx.s.cancelled).toBe(1);
    expect(trustLogit(fx.c, ba)).toBeCloseTo(logit(0.1) + Math.log(0.95), 12);
    expect(fx.s.H[ab]).toBeCloseTo(0.5 * (1 - 0.08), 12); // read at the step it was set: no decay yet
    expect(fx.s.log!.kind[fx.s.log!.length - 1]).toBe(K.cancelled);
  });

  it('a blend gates an occurrence with probability blend: two draws of its own stream per occurrence, always', () => {
    for (const [u, expected] of [[0.29, 0], [0.31, 1]] as const) {
      const fx = build(programme('blend=0.3', 0.1, true));
      const gates = scripted([u, 0.99]);
      fx.c.r.programmeGates = gates;
      const choice = counting(fx.c.r.choice);
      fx.c.r.choice = choice;
      run(fx, 0, 0);
      expect(gates.calls).toBe(2);
      expect(choice.calls).toBe(0); // the gates leave the choice stream alone
      // A -> B gated by the first draw; B -> A (mutual) passes on the second
      expect(fx.s.counters[C.activities]).toBe(expected + 1);
    }
  });

  it('pays the cost of an occurrence carried out; a mutual programme has both sides transmit and pay', () => {
    const fx = build(programme('habits-first', 0.5, true));
    run(fx, 0, 0);
    expect(fx.s.counters[C.activities]).toBe(2);
    expect(fx.s.credit[0]).toBeCloseTo(2 - 6, 12);
    expect(fx.s.credit[1]).toBeCloseTo(2 - 6, 12);
  });

  it('a broadcast reaches every other state at broadcastWeight and is paid once', () => {
    const fx = build({
      states: ['A', 'B', 'C'], hypothesis: 'trust-first', steps: 12, stateDefaults: { budget: 24 },
      programmes: [{ from: 'A', to: 'B', activity: 'whitePaper', schedule: { every: 12 } }],
      parameters: { maxActsPerStep: 0, symbolicWeight: 0 },
    });
    const before = trustLogit(fx.c, fx.pair('C', 'A'));
    run(fx, 0, 0);
    const dL = 0.1 * 0.1 * Math.log(1.25);
    expect(trustLogit(fx.c, fx.pair('B', 'A')) - before).toBeCloseTo(dL, 14);
    expect(trustLogit(fx.c, fx.pair('C', 'A')) - before).toBeCloseTo(dL, 14);
    expect(fx.s.credit[0]).toBeCloseTo(2 - 1, 12);
  });
});

describe('a step', () => {
  it('resets the per-step counters and records the step', () => {
    const fx = build({ steps: 5 });
    fx.s.counters.fill(7);
    fx.c.t = 3;
    step(fx.c);
    expect(fx.s.t).toBe(3);
    expect(Array.from(fx.s.counters).every((v) => v === 0)).toBe(true);
  });
});
