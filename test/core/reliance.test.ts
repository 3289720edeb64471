import { describe, expect, it } from 'vitest';
import { habitNow, relianceThreshold, tensionNow, trustLogit } from '../../src/core/pair.js';
import { defaultParams } from '../../src/model/params.js';
import { randomTests, scheduledTest } from '../../src/core/reliance.js';
import { step } from '../../src/core/step.js';
import { EventFlag as F, EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import { build, forbidden, forbidSignals, scripted, type FixtureOptions } from '../world-fixture.js';

/** A tests B (A the truster) at stake 0.4 with one scripted honour draw. */
function testOnce(o: FixtureOptions, uHonour: number, stake = 0.4, setup?: (fx: ReturnType<typeof build>) => void) {
  const fx = build(o);
  setup?.(fx);
  const tests = scripted([uHonour]);
  fx.c.r.scheduledTests = tests;
  fx.c.r.tests = forbidden('tests'); // a scheduled test has a stream of its own
  forbidSignals(fx.c);
  fx.c.r.choice = forbidden('choice');
  const ab = fx.pair('A', 'B');
  const before = trustLogit(fx.c, ab);
  scheduledTest(fx.c, 0, 1, stake);
  return { ...fx, dL: trustLogit(fx.c, ab) - before, draws: tests.calls };
}

// One payoff table (MODEL 6c): rely when q >= (P - S) / (R - S) = (0 + 1) / (1 + 1) at the reference stake.
const qStar = relianceThreshold(defaultParams(), 0.4);

describe('a tested reliance', () => {
  it('the threshold is (P - S) / (R - S), S scaled by the stake: 1/2 at testStake, lower at a smaller stake', () => {
    expect(qStar).toBe(0.5);
    expect(relianceThreshold(defaultParams(), 0.1)).toBeCloseTo(0.25 / 1.25, 14);
  });

  it('relies only when operative trust passes the threshold (P - S) / (R - S)', () => {
    const above = testOnce({ trust: { default: qStar + 1e-6 } }, 0);
    expect(above.s.counters[C.honoured]).toBe(1);
    const below = testOnce({ trust: { default: qStar - 1e-6 } }, 0);
    expect(below.s.counters[C.tests]).toBe(1);
    expect(below.s.counters[C.honoured] + below.s.counters[C.exploited]).toBe(0);
    expect(below.dL).toBe(0);
    expect(below.s.gainTotal).toBe(0);
    expect(below.s.lastMove[below.pair('B', 'A')]).toBe(0);
    expect(below.draws).toBe(1); // the honour draw is made either way
    const log = below.s.log!;
    expect(log.kind[0]).toBe(K.test);
    expect(log.flags[0] & F.relied).toBe(0);
  });

  it('is honoured with probability trustworthiness: payoff R to both, trust up by ln(honourLR)', () => {
    const o: FixtureOptions = { states: ['A', { id: 'B', trustworthiness: 0.7 }], trust: { default: 0.6 } };
    const r = testOnce(o, 0.7 - 1e-9);
    expect(r.s.counters[C.honoured]).toBe(1);
    expect(r.dL).toBeCloseTo(Math.log(4), 14);
    expect(r.s.gain[r.pair('A', 'B')]).toBe(1);
    expect(r.s.gain[r.pair('B', 'A')]).toBe(1);
    expect(r.s.gainTotal).toBe(2);
    expect(r.s.lossTotal).toBe(0);
    expect(r.s.lastMove[r.pair('B', 'A')]).toBe(1);
    const log = r.s.log!;
    expect(log.flags[0]).toBe(F.relied | F.honoured);
    expect(log.observer[0]).toBe(0);
    expect(log.subject[0]).toBe(1);
  });

  it('is exploited otherwise: the truster loses, the trustee gains T, trust falls by ln(exploitLR), tension rises', () => {
    const o: FixtureOptions = { states: ['A', { id: 'B', trustworthiness: 0.7 }], trust: { default: 0.6 }, tension: { default: 0.2 } };
    const r = testOnce(o, 0.7);
    expect(r.s.counters[C.exploited]).toBe(1);
    expect(r.dL).toBeCloseTo(Math.log(0.15), 14);
    expect(r.s.loss[r.pair('A', 'B')]).toBe(1); // payoffSucker -1, recorded as a loss of 1
    expect(r.s.lossTotal).toBe(1);
    expect(r.s.gain[r.pair('B', 'A')]).toBe(1.5);
    expect(r.s.gain[r.pair('A', 'B')]).toBe(0);
    expect(r.s.gainTotal).toBe(1.5);
    expect(tensionNow(r.c, 0, 1)).toBeCloseTo(0.2 + 0.1, 14);
    expect(r.s.lastMove[r.pair('B', 'A')]).toBe(2);
    expect(r.s.log!.flags[0]).toBe(F.relied | F.exploited);
  });

  it('habits-first relies on operative trust logit B + kappa H: habit lets it rely below the belief threshold', () => {
    const o: FixtureOptions = { trust: { default: 0.4 }, parameters: { kappa: 2 } };
    expect(testOnce(o, 0).s.counters[C.honoured]).toBe(0);
    const r = testOnce(o, 0, 0.4, (fx) => { fx.s.H[fx.pair('A', 'B')] = 0.5; });
    expect(r.s.counters[C.honoured]).toBe(1); // logit 0.4 + 2 * 0.5 > 0
  });

  it('an exploitation cuts the victim\'s habit with the exploiter by habitShock, and scales S with the stake', () => {
    const o: FixtureOptions = { states: ['A', { id: 'B', trustworthiness: 0 }], trust: { default: 0.9 } };
    const r = testOnce(o, 0.5, 0.2, (fx) => { fx.s.H[fx.pair('A', 'B')] = 0.6; });
    expect(r.s.counters[C.exploited]).toBe(1);
    expect(habitNow(r.c, r.pair('A', 'B'))).toBeCloseTo(0.6 * 0.5, 14);
    expect(r.s.loss[r.pair('A', 'B')]).toBeCloseTo(0.5, 14); // S = -1 * 0.2 / 0.4
  });

  it('trust-first: an exploited extension is revoked, seen by the exploiter as evidence, and costs an audience cost', () => {
    const o: FixtureOptions = { hypothesis: 'trust-first', states: ['A', { id: 'B', trustworthiness: 0 }], trust: { default: 0.6 } };
    const r = testOnce(o, 0.5, 0.4, (fx) => { fx.s.stance[fx.pair('A', 'B')] = 1; });
    expect(r.s.counters[C.exploited]).toBe(1);
    expect(r.s.stance[r.pair('A', 'B')]).toBe(0);
    expect(r.s.revocations).toBe(1);
    expect(trustLogit(r.c, r.pair('B', 'A'))).toBeCloseTo(Math.log(0.6 / 0.4) + Math.log(0.7), 12);
    expect(r.s.constituency[0]).toBe(-3);
    expect(r.s.credibility[r.pair('A', 'B')]).toBe(0.5);
  });

  it('moves trust strongly either way: the observed behaviour is not scaled by evidenceScale', () => {
    const o: FixtureOptions = { trust: { default: 0.6 }, parameters: { evidenceScale: 0.01, honourLR: 3 } };
    expect(testOnce(o, 0).dL).toBeCloseTo(Math.log(3), 14);
  });
});

describe('strategies', () => {
  it('a reciprocal truster relies unless the trustee exploited it last time, whatever its trust', () => {
    const o: FixtureOptions = { states: [{ id: 'A', policy: 'reciprocal' }, 'B'], trust: { default: 0.05 } };
    expect(testOnce(o, 0).s.counters[C.honoured]).toBe(1);
    const burnt = testOnce(o, 0, 0.4, (fx) => { fx.s.lastMove[fx.pair('B', 'A')] = 2; });
    expect(burnt.s.counters[C.honoured] + burnt.s.counters[C.exploited]).toBe(0);
  });

  it('a reciprocal trustee exploits a truster that exploited it last time (tit for tat), even if trustworthy', () => {
    const o: FixtureOptions = { states: ['A', { id: 'B', policy: 'reciprocal', trustworthiness: 1 }], trust: { default: 0.9 } };
    const r = testOnce(o, 0, 0.4, (fx) => { fx.s.lastMove[fx.pair('A', 'B')] = 2; });
    expect(r.s.counters[C.exploited]).toBe(1);
    expect(testOnce(o, 0).s.counters[C.honoured]).toBe(1);
    // ... once: then it forgives and honours again.
    expect(r.s.lastMove[r.pair('A', 'B')]).toBe(0);
    r.c.r.scheduledTests = scripted([0]);
    scheduledTest(r.c, 0, 1, 0.4);
    expect(r.s.counters[C.honoured]).toBe(1);
    expect(r.s.lastMove[r.pair('B', 'A')]).toBe(1);
  });

  it('a reciprocal truster resumes cooperation after one exploitation: it declines once, then relies again', () => {
    // A is reciprocal and trusts B little; B exploits at the first test and honours afterwards.
    const fx = build({ states: [{ id: 'A', policy: 'reciprocal' }, { id: 'B', trustworthiness: 0.5 }], trust: { default: 0.05 } });
    fx.c.r.scheduledTests = scripted([0.9, 0, 0, 0]);
    const relied = () => fx.s.counters[C.honoured] + fx.s.counters[C.exploited];
    const ba = fx.pair('B', 'A');
    scheduledTest(fx.c, 0, 1, 0.4); // relies, exploited
    expect(fx.s.counters[C.exploited]).toBe(1);
    expect(fx.s.lastMove[ba]).toBe(2);
    scheduledTest(fx.c, 0, 1, 0.4); // answers the exploitation: does not rely ...
    expect(fx.s.counters[C.tests]).toBe(2);
    expect(relied()).toBe(1);
    expect(fx.s.lastMove[ba]).toBe(0); // ... and forgives
    scheduledTest(fx.c, 0, 1, 0.4); // relies again, honoured
    expect(relied()).toBe(2);
    expect(fx.s.counters[C.honoured]).toBe(1);
    expect(fx.s.lastMove[ba]).toBe(1);
    scheduledTest(fx.c, 0, 1, 0.4);
    expect(fx.s.counters[C.honoured]).toBe(2);
  });

  it('a reciprocal state resumes choosing its exploiter after one step, in the full step', () => {
    // A (reciprocal, budget) and B; B exploits A in a scheduled test at step 2. Under a grim
    // trigger A would never choose B again; under tit for tat it leaves B out for one step only.
    const fx = build({
      states: [{ id: 'A', policy: 'reciprocal', budget: 60 }, { id: 'B', trustworthiness: 0 }],
      groups: [{ id: 'G', members: ['A', 'B'], closeness: 0.5 }],
      trust: { default: 0.9 },
      events: [{ type: 'test', step: 2, truster: 'A', trustee: 'B', stake: 0.1 }],
      parameters: { testRate: 0 },
      steps: 10,
    });
    const chose: boolean[] = [];
    for (let t = 0; t < 8; t++) {
      fx.c.t = t;
      step(fx.c);
      chose.push(fx.s.slotPartner[0] === 1 || fx.s.slotPartner[1] === 1);
    }
    expect(fx.s.lossTotal).toBe(0.25); // exploited once, at stake 0.1: S = -1 * 0.1 / testStake
    expect(chose[2]).toBe(false); // exploited at the start of step 2: B left out that step
    expect(chose.slice(3).some((x) => x)).toBe(true); // and chosen again afterwards
    expect(chose.slice(0, 2).every((x) => x)).toBe(true);
  });

  it('a GRIT truster answers an exploitation: pauses its initiatives and reliance toward the exploiter, back to rung 1', () => {
    const o: FixtureOptions = { states: [{ id: 'A', policy: 'grit' }, { id: 'B', trustworthiness: 0 }], trust: { default: 0.9 }, t: 4 };
    const r = testOnce(o, 0.5, 0.4, (fx) => {
      const ab = fx.pair('A', 'B');
      fx.s.gritLevel[ab] = 3; fx.s.gritCount[ab] = 2; fx.s.gritSince[ab] = 2;
    });
    const ab = r.pair('A', 'B');
    expect(r.s.counters[C.exploited]).toBe(1);
    expect(r.s.gritPause[ab]).toBe(4 + 6);
    expect(r.s.gritLevel[ab]).toBe(1);
    expect(r.s.gritCount[ab]).toBe(0);
    expect(r.s.gritSince[ab]).toBe(-1);
    // While paused it does not rely, however much it trusts.
    r.c.t = 9;
    r.c.r.scheduledTests = scripted([0]);
    scheduledTest(r.c, 0, 1, 0);
    expect(r.s.counters[C.tests]).toBe(2);
    expect(r.s.counters[C.exploited] + r.s.counters[C.honoured]).toBe(1);
    r.c.t = 10;
    r.c.r.scheduledTests = scripted([0.9]);
    scheduledTest(r.c, 0, 1, 0);
    expect(r.s.counters[C.exploited]).toBe(2);
  });
});

describe('random tests', () => {
  const trio: FixtureOptions = {
    states: ['A', 'B', 'C'], groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
    trust: { default: 0.9 }, parameters: { testRate: 0.5 },
  };

  it('draws exactly three numbers per state per step from the tests stream', () => {
    const fx = build(trio);
    const tests = scripted([], 0.3);
    fx.c.r.tests = tests;
    forbidSignals(fx.c);
    fx.c.r.choice = forbidden('choice');
    randomTests(fx.c);
    expect(tests.calls).toBe(9);
    fx.s.H.fill(0.5);
    randomTests(fx.c);
    expect(tests.calls).toBe(18);
    expect(fx.s.counters[C.tests]).toBe(3);
  });

  it('tests a partner (by uPartner) only when uTest < testRate and a routine of cooperation is under way', () => {
    const run = (uTest: number, habit: number) => {
      const fx = build(trio);
      fx.s.H[fx.pair('A', 'C')] = habit;
      // A: test, partner index 1 of [B, C] -> C, honour; B and C: no test.
      fx.c.r.tests = scripted([uTest, 0.75, 0, 0.99, 0, 0, 0.99, 0, 0]);
      randomTests(fx.c);
      return fx;
    };
    const yes = run(0.49, 0.1);
    expect(yes.s.counters[C.tests]).toBe(1);
    expect(yes.s.lastMove[yes.pair('C', 'A')]).toBe(1);
    expect(run(0.5, 0.1).s.counters[C.tests]).toBe(0); // no test this step
    expect(run(0.49, 0.099).s.counters[C.tests]).toBe(0); // no routine under way
  });

  it('relies only when trust passes the threshold of testStake', () => {
    const relied = (trust: number) => {
      const fx = build({ ...trio, trust: { default: trust }, parameters: { kappa: 0 } });
      fx.s.H[fx.pair('A', 'B')] = 0.5;
      fx.c.r.tests = scripted([0, 0, 0, 0.99, 0, 0, 0.99, 0, 0]); // A tests B; B and C do not test
      randomTests(fx.c);
      expect(fx.s.counters[C.tests]).toBe(1);
      return fx.s.counters[C.honoured] + fx.s.counters[C.exploited];
    };
    expect(relied(qStar - 1e-6)).toBe(0);
    expect(relied(qStar + 1e-6)).toBe(1);
  });
});
