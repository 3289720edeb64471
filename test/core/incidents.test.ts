import { describe, expect, it } from 'vitest';
import { OUT, tensionNow, trustLogit } from '../../src/core/pair.js';
import { createStreams } from '../../src/core/rng.js';
import { incident, randomIncidents } from '../../src/core/incidents.js';
import { EventFlag as F, EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import { build, forbidden, forbidSignals, scripted, type FixtureOptions } from '../world-fixture.js';

/** The chance an incident between A and B escalates, measured by bisection on the draw. */
function escalationChance(o: FixtureOptions, setup?: (fx: ReturnType<typeof build>) => void): number {
  const escalates = (u: number) => {
    const fx = build(o);
    setup?.(fx);
    incident(fx.c, 0, 1, u, undefined);
    return fx.s.counters[C.escalations] === 1;
  };
  if (!escalates(0)) return 0;
  let lo = 0, hi = 1;
  for (let k = 0; k < 45; k++) {
    const mid = (lo + hi) / 2;
    if (escalates(mid)) lo = mid; else hi = mid;
  }
  return hi;
}

describe('one incident', () => {
  it('escalates with probability escalationBase (1 - trustDampening * mutual trust) without a code', () => {
    expect(escalationChance({ trust: { default: 0.5 } })).toBeCloseTo(0.35 * (1 - 0.5 * 0.5), 10);
    expect(escalationChance({ trust: { default: 0.9 } })).toBeCloseTo(0.35 * (1 - 0.5 * 0.9), 10);
    // mutual trust is the mean of the two directions
    const asym = { trust: { default: 0.5, pairs: [{ from: 'A', to: 'B', value: 0.9 }, { from: 'B', to: 'A', value: 0.3 }] } };
    expect(escalationChance(asym)).toBeCloseTo(0.35 * (1 - 0.5 * 0.6), 10);
  });

  it('trust dampens escalation', () => {
    expect(escalationChance({ trust: { default: 0.9 } })).toBeLessThan(escalationChance({ trust: { default: 0.2 } }));
  });

  it('a code for unplanned encounters lowers escalation between its adopters, from its adoption step', () => {
    const o = (t: number): FixtureOptions => ({
      states: ['A', 'B', 'C'], t,
      forums: [{ id: 'WPNS', members: ['A', 'B'], track: 1, schedule: { every: 12 }, codeForUnplannedEncounters: 3 }],
    });
    const without = 0.35 * 0.75;
    expect(escalationChance(o(2))).toBeCloseTo(without, 10);
    expect(escalationChance(o(3))).toBeCloseTo(without * (1 - 0.6), 10);
    expect(escalationChance(o(10))).toBeCloseTo(without * (1 - 0.6), 10);
    // A and C never adopted it together.
    const fx = build(o(5));
    fx.c.t = 5;
    incident(fx.c, 0, 2, without - 1e-9, undefined);
    expect(fx.s.counters[C.escalations]).toBe(1);
  });

  it('accumulated confidence building lowers escalation', () => {
    const chance = escalationChance({}, (fx) => {
      fx.s.O[OUT.confidence * 4 + fx.pair('A', 'B')] = 3;
      fx.s.O[OUT.confidence * 4 + fx.pair('B', 'A')] = 2; // sum 5: saturation 1/2
    });
    expect(chance).toBeCloseTo(0.35 * 0.75 * (1 - 0.5 * 0.5), 10);
  });

  it('an escalation adds escalationTension and negative evidence to both sides; otherwise incidentTension only', () => {
    const esc = build({ tension: { default: 0.1 } });
    const L = trustLogit(esc.c, 1);
    incident(esc.c, 0, 1, 0, undefined);
    expect(tensionNow(esc.c, 0, 1)).toBeCloseTo(0.3, 14);
    expect(trustLogit(esc.c, esc.pair('A', 'B')) - L).toBeCloseTo(Math.log(0.5), 14);
    expect(trustLogit(esc.c, esc.pair('B', 'A')) - L).toBeCloseTo(Math.log(0.5), 14);
    const log = esc.s.log!;
    const row = log.length - 1;
    expect(log.kind[row]).toBe(K.incident);
    expect(log.flags[row]).toBe(F.escalated);
    expect(log.value(row)).toBeCloseTo(0.3, 14);
    const calm = build({ tension: { default: 0.1 } });
    incident(calm.c, 0, 1, 0.99, undefined);
    expect(calm.s.counters[C.incidents]).toBe(1);
    expect(calm.s.counters[C.escalations]).toBe(0);
    expect(tensionNow(calm.c, 0, 1)).toBeCloseTo(0.15, 14);
    expect(trustLogit(calm.c, 1)).toBe(L);
  });

  it('a forced outcome overrides the draw', () => {
    const a = build();
    incident(a.c, 0, 1, 0, false);
    expect(a.s.counters[C.escalations]).toBe(0);
    const b = build();
    incident(b.c, 0, 1, 0.999, true);
    expect(b.s.counters[C.escalations]).toBe(1);
  });
});

describe('random incidents', () => {
  const navy = (rate: number, naval: number[] = [1, 1]): FixtureOptions => ({
    states: naval.map((v, k) => ({ id: String.fromCharCode(65 + k), navalPresence: v })),
    parameters: { incidentRate: rate },
  });

  it('draws a Poisson count by inversion of one uniform, then three draws per incident', () => {
    const rate = 0.5; // incidentRate * sum of naval_i * naval_j = 0.5 * 1
    const p0 = Math.exp(-rate), p1 = p0 * rate, p2 = p1 * rate / 2;
    const cases: [number, number][] = [[p0 - 1e-9, 0], [p0 + 1e-9, 1], [p0 + p1 - 1e-9, 1], [p0 + p1 + 1e-9, 2], [p0 + p1 + p2 + 1e-9, 3]];
    for (const [u, count] of cases) {
      const fx = build(navy(rate));
      const draws = scripted([u], 0.99); // 0.99: no escalation
      fx.c.r.incidents = draws;
      forbidSignals(fx.c);
      fx.c.r.tests = forbidden('tests');
      fx.c.r.choice = forbidden('choice');
      randomIncidents(fx.c);
      expect(fx.s.counters[C.incidents]).toBe(count);
      expect(draws.calls).toBe(1 + 3 * count);
    }
  });

  it('has mean count incidentRate * sum over pairs of naval_i * naval_j', () => {
    const fx = build(navy(0.3, [1, 0.5, 0.8]));
    expect(fx.w.navalPairSum).toBeCloseTo(0.5 + 0.8 + 0.4, 14);
    const rate = 0.3 * 1.7;
    fx.c.r.incidents = createStreams(5, fx.w.ids).incidents;
    let total = 0, zero = 0;
    const N = 20000;
    for (let k = 0; k < N; k++) {
      fx.s.counters[C.incidents] = 0;
      randomIncidents(fx.c);
      total += fx.s.counters[C.incidents];
      if (fx.s.counters[C.incidents] === 0) zero++;
    }
    expect(Math.abs(total / N - rate)).toBeLessThan(0.02);
    expect(Math.abs(zero / N - Math.exp(-rate))).toBeLessThan(0.01);
  });

  it('involves only states with a naval presence, never one with itself', () => {
    const fx = build(navy(2, [1, 0, 1, 0]));
    fx.c.r.incidents = createStreams(9, fx.w.ids).incidents;
    for (let k = 0; k < 200; k++) randomIncidents(fx.c);
    const log = fx.s.log!;
    let rows = 0;
    for (let k = 0; k < log.length; k++) {
      if (log.kind[k] !== K.incident) continue;
      rows++;
      expect(new Set([log.actor[k], log.target[k]])).toEqual(new Set([0, 2]));
    }
    expect(rows).toBeGreaterThan(100);
  });

  it('draws nothing when no state has a naval presence', () => {
    const fx = build(navy(0.5, [0, 0]));
    fx.c.r.incidents = forbidden('incidents');
    randomIncidents(fx.c);
    expect(fx.s.counters[C.incidents]).toBe(0);
  });
});
