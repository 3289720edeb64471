import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/model/params.js';
import { coreInterestIssue } from '../../src/core/defection.js';
import { tensionNow, trustLogit } from '../../src/core/pair.js';
import { EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import { build, type FixtureOptions, type StateInput } from '../world-fixture.js';

type Member = { salience: number; stance: number } & Partial<StateInput>;

/** Group G of A, B, C; issue `facility`; the group decides +1. */
function issueWorld(members: [Member, Member, Member], o: FixtureOptions = {}, closeness = 0.5) {
  const ids = ['A', 'B', 'C'];
  return build({
    issues: [{ id: 'facility' }],
    states: members.map(({ salience, stance, ...rest }, k) => ({ id: ids[k], ...rest, interests: { facility: { salience, stance } } })),
    groups: [{ id: 'G', members: ids, closeness }],
    ...o,
  });
}
const calm: Member = { salience: 0, stance: 1 };

describe('the threshold rule', () => {
  it('a member defects when salience * conflict > commitment (commitBase + trust, habit and closeness terms)', () => {
    // trust 0.5, no habit, closeness 0.5, no sovereignty
    const commitment = 0.05 + 0.35 * 0.5 + 0.25 * 0 + 0.25 * 0.5;
    const defects = (salience: number, stance = -1) => {
      const fx = issueWorld([{ salience, stance }, calm, calm]);
      coreInterestIssue(fx.c, 0, 0, 1);
      return fx.s.defections[0];
    };
    expect(defects(commitment + 1e-6)).toBe(1);
    expect(defects(commitment - 1e-6)).toBe(0);
    // conflict = |stance - decision| / 2
    expect(defects(2 * commitment + 1e-6, 0)).toBe(1);
    expect(defects(2 * commitment - 1e-6, 0)).toBe(0);
  });

  it('commitment grows with mean trust in and habit with the other members, and with closeness', () => {
    const trusted = { trust: { default: 0.5, pairs: [{ from: 'A', to: 'B', value: 0.9 }] } }; // mean 0.7
    const c1 = 0.05 + 0.35 * 0.7 + 0.25 * 0.5;
    const defects = (salience: number, o: FixtureOptions, closeness = 0.5, habit = 0) => {
      const fx = issueWorld([{ salience, stance: -1 }, calm, calm], o, closeness);
      fx.s.H[fx.pair('A', 'B')] = habit;
      fx.s.H[fx.pair('A', 'C')] = habit;
      coreInterestIssue(fx.c, 0, 0, 1);
      return fx.s.defections[0];
    };
    expect(defects(c1 + 1e-6, trusted)).toBe(1);
    expect(defects(c1 - 1e-6, trusted)).toBe(0);
    // Commitment rests on operative trust: under habits-first logit O = logit B + kappa H (MODEL 6).
    const o2 = 1 / (1 + Math.exp(-defaultParams().kappa * 0.8));
    const c2 = 0.05 + 0.35 * o2 + 0.25 * 0.8 + 0.25 * 0.5;
    expect(defects(c2 + 1e-6, {}, 0.5, 0.8)).toBe(1);
    expect(defects(c2 - 1e-6, {}, 0.5, 0.8)).toBe(0);
    const c3 = 0.05 + 0.35 * 0.5 + 0.25 * 1;
    expect(defects(c3 + 1e-6, {}, 1)).toBe(1);
    expect(defects(c3 - 1e-6, {}, 1)).toBe(0);
  });

  it('sovereignty shrinks commitment: commitment * (1 - sovereignty)', () => {
    const commitment = (0.05 + 0.35 * 0.5 + 0.25 * 0.5) * (1 - 0.6);
    for (const [salience, expected] of [[commitment + 1e-6, 1], [commitment - 1e-6, 0]]) {
      const fx = issueWorld([{ salience, stance: -1, sovereignty: 0.6 }, calm, calm]);
      coreInterestIssue(fx.c, 0, 0, 1);
      expect(fx.s.defections[0]).toBe(expected);
    }
  });
});

describe('the cascade', () => {
  const trusting: FixtureOptions = { trust: { default: 0.9 } };
  // Commitment here: 0.05 + 0.35 * 0.9 + 0.25 * 0.5 = 0.49.

  it('a member below its own threshold follows once others have defected (threshold less cascadeWeight * share)', () => {
    const fx = issueWorld([{ salience: 1, stance: -1 }, { salience: 0.35, stance: -1 }, { salience: 0.05, stance: -1 }], trusting);
    coreInterestIssue(fx.c, 0, 0, 1);
    // A defects alone (1 > 0.49); then B: 0.35 > 0.49 - 0.4 * 1/2; then C: 0.05 < 0.49 - 0.4 * 2/2.
    expect(Array.from(fx.s.defections)).toEqual([1, 1, 0]);
    expect(fx.s.counters[C.defections]).toBe(2);
    // B followed but would not have led: with its 0.35 the highest salience, nobody defects.
    const alone = issueWorld([{ salience: 0.05, stance: -1 }, { salience: 0.35, stance: -1 }, { salience: 0.05, stance: -1 }], trusting);
    coreInterestIssue(alone.c, 0, 0, 1);
    expect(Array.from(alone.s.defections)).toEqual([0, 0, 0]);
  });

  it('without a first defector, nobody follows', () => {
    const fx = issueWorld([{ salience: 0.4, stance: -1 }, { salience: 0.35, stance: -1 }, { salience: 0.05, stance: -1 }], trusting);
    coreInterestIssue(fx.c, 0, 0, 1);
    expect(Array.from(fx.s.defections)).toEqual([0, 0, 0]);
    expect(fx.s.log!.length).toBe(0);
    expect(fx.s.activeLCount).toBe(0);
  });

  it('a cascade runs as long as it recruits: four members, one after another', () => {
    const fx = build({
      issues: [{ id: 'facility' }], trust: { default: 0.9 },
      states: [
        { id: 'A', interests: { facility: { salience: 1, stance: -1 } } },
        { id: 'B', interests: { facility: { salience: 0.4, stance: -1 } } },
        { id: 'C', interests: { facility: { salience: 0.3, stance: -1 } } },
        { id: 'D', interests: { facility: { salience: 0.2, stance: -1 } } },
      ],
      groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness: 0.5 }],
    });
    // commitment 0.49; thresholds after k defectors: 0.49 - 0.4 k / 3 = 0.357, 0.223, 0.09
    coreInterestIssue(fx.c, 0, 0, 1);
    expect(Array.from(fx.s.defections)).toEqual([1, 1, 1, 1]);
  });
});

describe('who can defect', () => {
  it('a member whose core interest the decision does not hurt never defects, however many others do', () => {
    // defection.ts: a defection is "a state decides that the group interest hurts what it
    // considers to be a core national interest". C agrees with the decision (stance = decision)
    // and D does not care (salience 0); A and B defect on a decision against their interests.
    const fx = build({
      issues: [{ id: 'facility' }],
      states: [
        { id: 'A', interests: { facility: { salience: 1, stance: -1 } } },
        { id: 'B', interests: { facility: { salience: 1, stance: -1 } } },
        { id: 'C', interests: { facility: { salience: 1, stance: 1 } } },
        { id: 'D', interests: { facility: { salience: 0, stance: -1 } } },
      ],
      groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness: 0.5 }],
      trust: { default: 0.2 }, // commitment 0.05 + 0.35 * 0.2 + 0.25 * 0.5 = 0.245 < cascadeWeight * 2/3
    });
    coreInterestIssue(fx.c, 0, 0, 1);
    expect(fx.s.defections[0]).toBe(1);
    expect(fx.s.defections[1]).toBe(1);
    expect(fx.s.defections[2]).toBe(0);
    expect(fx.s.defections[3]).toBe(0);
  });
});

describe('what observers make of a defection', () => {
  it('strong negative evidence ln(defectionLR), softened by the defector\'s transparency and the group\'s closeness; tension rises', () => {
    for (const [transparency, closeness] of [[1, 0.5], [0, 0.5], [0, 0], [0.5, 1]]) {
      const fx = issueWorld([{ salience: 1, stance: -1, transparency }, calm, calm], { tension: { default: 0.1 } }, closeness);
      const L = trustLogit(fx.c, fx.pair('B', 'A'));
      coreInterestIssue(fx.c, 0, 0, 1);
      const dL = Math.log(0.2) * (1 - 0.5 * transparency) * (1 - 0.6 * closeness);
      expect(trustLogit(fx.c, fx.pair('B', 'A')) - L).toBeCloseTo(dL, 14);
      expect(trustLogit(fx.c, fx.pair('C', 'A')) - L).toBeCloseTo(dL, 14);
      expect(trustLogit(fx.c, fx.pair('A', 'B'))).toBe(L); // the defector's own views are unmoved
      expect(trustLogit(fx.c, fx.pair('B', 'C'))).toBe(L);
      expect(tensionNow(fx.c, 0, 1)).toBeCloseTo(0.2, 14);
      expect(tensionNow(fx.c, 0, 2)).toBeCloseTo(0.2, 14);
      expect(tensionNow(fx.c, 1, 2)).toBeCloseTo(0.1, 14);
    }
  });

  it('a more transparent defector and a closer group lose less', () => {
    const loss = (transparency: number, closeness: number) => {
      const fx = issueWorld([{ salience: 1, stance: -1, transparency }, calm, calm], {}, closeness);
      coreInterestIssue(fx.c, 0, 0, 1);
      return -trustLogit(fx.c, fx.pair('B', 'A'));
    };
    expect(loss(0.9, 0.3)).toBeLessThan(loss(0.1, 0.3));
    expect(loss(0.5, 0.9)).toBeLessThan(loss(0.5, 0.1));
    expect(loss(0.5, 0.1)).toBeGreaterThan(0);
  });

  it('every defector is observed by every other member, fellow defectors included, and logged with its pressure', () => {
    const fx = issueWorld([{ salience: 1, stance: -1 }, { salience: 0.9, stance: -0.5 }, calm], { tension: { default: 0.1 }, trust: { default: 0.9 } });
    const L = trustLogit(fx.c, 1);
    coreInterestIssue(fx.c, 0, 0, 1);
    expect(Array.from(fx.s.defections)).toEqual([1, 1, 0]);
    const dL = Math.log(0.2) * 0.5 * 0.7;
    for (const [o, d] of [['A', 'B'], ['B', 'A'], ['C', 'A'], ['C', 'B']]) {
      expect(trustLogit(fx.c, fx.pair(o, d)) - L).toBeCloseTo(dL, 14);
    }
    expect(trustLogit(fx.c, fx.pair('A', 'C'))).toBe(L);
    expect(tensionNow(fx.c, 0, 1)).toBeCloseTo(0.3, 14);
    const log = fx.s.log!;
    const rows = Array.from({ length: log.length }, (_, k) => k).filter((k) => log.kind[k] === K.defection && log.observer[k] < 0);
    expect(rows.map((k) => log.actor[k])).toEqual([0, 1]);
    expect(log.value(rows[0])).toBeCloseTo(1, 14);
    expect(log.value(rows[1])).toBeCloseTo(0.9 * 0.75, 14);
  });
});
