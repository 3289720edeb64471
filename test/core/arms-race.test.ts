/**
 * The rivals' arms race in the model (src/core/arms-race.ts, docs/MODEL.md 7.15): exact
 * mechanism tests on fixture worlds. A racing pair's tension is the map of its levels after one
 * Euler step per simulation step; tension additions shock the levels; the outcomes lower the
 * grievance; other pairs relax as before; the race draws no random numbers.
 */
import { describe, expect, it } from 'vitest';
import { armsRace, grievanceRelief, raceCoefficients } from '../../src/core/arms-race.js';
import { incident } from '../../src/core/incidents.js';
import { addTension, OUT, prune, PRUNE_EVERY, tensionNow, upper } from '../../src/core/pair.js';
import { step } from '../../src/core/step.js';
import { defaultParams } from '../../src/model/params.js';
import { levelOfTension, richardsonEquilibrium, richardsonStep, tensionOfLevels } from '../../src/model/richardson.js';
import { recordRow, REGIONAL_COLUMNS } from '../../src/record/reporters.js';
import { bruteAggregates, build, forbidden, type FixtureOptions } from '../world-fixture.js';

const racing: FixtureOptions = {
  states: ['A', 'B', 'C'], rivalries: [['A', 'B']], richardson: true,
  tension: { default: 0.1, pairs: [{ between: ['A', 'B'], value: 0.5 }] },
};

describe('the arms race between rivals', () => {
  it('is off by default: no racing pairs, no levels', () => {
    const fx = build({ states: ['A', 'B', 'C'], rivalries: [['A', 'B']] });
    expect(fx.w.richardson).toBeNull();
    expect(fx.s.arms).toBeNull();
    // and on with no rivals is off too
    expect(build({ richardson: true }).w.richardson).toBeNull();
  });

  it('starts both levels at the mean level of the initial tension', () => {
    const fx = build(racing);
    expect(Array.from(fx.w.richardson!.pairs)).toEqual([upper(3, 0, 1)]);
    expect(fx.s.arms![fx.pair('A', 'B')]).toBe(1); // tension 0.5: level 1
    expect(fx.s.arms![fx.pair('B', 'A')]).toBe(1);
    expect(tensionNow(fx.c, 0, 1)).toBe(0.5);
  });

  it('one step: x\' = x + a y - m x + g on the old levels; tension 1 - 2^-(mean level), read exactly', () => {
    const fx = build(racing);
    const arms = fx.s.arms!;
    arms[fx.pair('A', 'B')] = 2; arms[fx.pair('B', 'A')] = 0.5;
    armsRace(fx.c);
    const [x, y] = richardsonStep(2, 0.5, raceCoefficients(defaultParams()), 1);
    expect(arms[fx.pair('A', 'B')]).toBe(x);
    expect(arms[fx.pair('B', 'A')]).toBe(y);
    expect(x).toBeCloseTo(2 + 0.03 * 0.5 - 0.05 * 2 + 0.01, 15);
    expect(tensionNow(fx.c, 0, 1)).toBe(tensionOfLevels(x, y));
    fx.c.t = 7; // no relaxation between steps: the race alone moves it
    expect(tensionNow(fx.c, 0, 1)).toBe(tensionOfLevels(x, y));
  });

  it('settles at the analytic equilibrium: mean level g / (m - a) = 0.5 at the defaults', () => {
    const fx = build(racing);
    for (let t = 0; t < 1500; t++) { fx.c.t = t; armsRace(fx.c); }
    const [xs] = richardsonEquilibrium(raceCoefficients(defaultParams()))!;
    expect(xs).toBeCloseTo(0.5, 12);
    expect(fx.s.arms![fx.pair('A', 'B')]).toBeCloseTo(xs, 10);
    expect(tensionNow(fx.c, 0, 1)).toBeCloseTo(1 - 2 ** -0.5, 10);
  });

  it('an incident shocks the levels: tension rises by incidentTension as it would off the race', () => {
    const fx = build({ ...racing, t: 3 });
    const before = tensionNow(fx.c, 0, 1);
    incident(fx.c, 0, 1, 0.99, false);
    const after = tensionNow(fx.c, 0, 1);
    expect(after).toBeCloseTo(before + 0.05, 12);
    expect(fx.s.arms![fx.pair('A', 'B')]).toBeCloseTo(levelOfTension(0.55), 12);
    // a tension-reduction addition lowers them
    addTension(fx.c, 1, 0, -0.3);
    expect(tensionNow(fx.c, 0, 1)).toBeCloseTo(0.25, 12);
    expect(fx.s.arms![fx.pair('B', 'A')]).toBeCloseTo(levelOfTension(0.25), 12);
  });

  it('the tension-reduction and confidence-building outcomes lower the grievance: g (1 - sat(T)) (1 - sat(C))', () => {
    const fx = build(racing);
    const nn = 9;
    expect(grievanceRelief(fx.c, 0, 1)).toBe(1);
    fx.s.O[OUT.tension * nn + fx.pair('A', 'B')] = 3;
    fx.s.O[OUT.tension * nn + fx.pair('B', 'A')] = 2; // sum 5 = outcomeScale: sat 1/2
    expect(grievanceRelief(fx.c, 0, 1)).toBeCloseTo(0.5, 15);
    fx.s.O[OUT.confidence * nn + fx.pair('B', 'A')] = 15; // sat 3/4
    expect(grievanceRelief(fx.c, 1, 0)).toBeCloseTo(0.5 * 0.25, 15);
    const arms = fx.s.arms!;
    armsRace(fx.c);
    const [x] = richardsonStep(1, 1, raceCoefficients(defaultParams(), 0.125), 1);
    expect(arms[fx.pair('A', 'B')]).toBe(x);
  });

  it('an unstable race (reaction above fatigue) drives tension to exactly 1 and stays finite', () => {
    const fx = build({ ...racing, parameters: { richardsonReaction: 1, richardsonFatigue: 0.1 } });
    for (let t = 0; t < 5000; t++) { fx.c.t = t; armsRace(fx.c); }
    expect(tensionNow(fx.c, 0, 1)).toBe(1);
    expect(Number.isFinite(fx.s.arms![fx.pair('A', 'B')])).toBe(true);
  });

  it('other pairs keep relaxation toward their baseline', () => {
    const fx = build({ ...racing, t: 0 });
    addTension(fx.c, 0, 2, 0.4);
    fx.c.t = 10;
    armsRace(fx.c);
    expect(tensionNow(fx.c, 0, 2)).toBeCloseTo(0.1 + 0.4 * 0.95 ** 10, 14);
  });

  it('draws no random numbers, and a racing pair stays in the active set through pruning (aggregates stay exact)', () => {
    const fx = build({ ...racing, log: false });
    const c = fx.c;
    for (const k of ['choice', 'tests', 'incidents', 'scheduledTests', 'scheduledIncidents', 'programmeGates'] as const) c.r[k] = forbidden(k);
    c.r.signal = () => forbidden('signal');
    for (let t = 0; t < 3 * PRUNE_EVERY; t++) {
      c.t = t;
      armsRace(c);
      if (t % PRUNE_EVERY === PRUNE_EVERY - 1) prune(c);
    }
    expect(fx.s.isActiveX[upper(3, 0, 1)]).toBe(1);
    const row = new Float64Array(REGIONAL_COLUMNS.length);
    recordRow(c, row, 0);
    expect(row[REGIONAL_COLUMNS.indexOf('meanTension')]).toBeCloseTo(bruteAggregates(c).meanTension, 14);
  });

  it('a full step runs the race once', () => {
    const fx = build({ ...racing, log: false, parameters: { incidentRate: 0, maxActsPerStep: 0 } });
    step(fx.c);
    const [x, y] = richardsonStep(1, 1, raceCoefficients(defaultParams()), 1);
    expect(tensionNow(fx.c, 0, 1)).toBe(tensionOfLevels(x, y));
  });
});
