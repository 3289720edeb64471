/**
 * MODEL.md section 10: what a run must show, each expectation checked as a paired comparison
 * over 40 fixed seeds (the same dice on both sides), under both hypotheses.
 */
import { describe, expect, it } from 'vitest';
import { Scenario, simulate } from '../../src/index.js';
import { paired, pairScenario, perSeed, T_BAR, tensionBetween, trustIn } from './lab.js';

const HYPOTHESES = ['habits-first', 'trust-first'] as const;
const BtrustsA = trustIn('B', 'A');

/** `better` builds more of `read` than `worse`, significantly, on the same seeds. */
function expectMore(better: Scenario, worse: Scenario, read: (r: ReturnType<typeof simulate>) => number, hypothesis: string) {
  const r = paired(perSeed(better, read, { hypothesis }), perSeed(worse, read, { hypothesis }));
  expect(r.mean, `mean difference under ${hypothesis}`).toBeGreaterThan(0);
  expect(r.t, `paired t under ${hypothesis}`).toBeGreaterThan(T_BAR);
  return r;
}

describe.each(HYPOTHESES)('stylized facts under %s', (hypothesis) => {
  it('1. an unequivocal transmitter builds more trust than an equivocal one', () => {
    expectMore(pairScenario({ a: { equivocation: 0.1 } }), pairScenario({ a: { equivocation: 0.8 } }), BtrustsA, hypothesis);
  });

  it('1. a receptive receiver builds more trust than an unheeding one', () => {
    expectMore(pairScenario({ b: { receptivity: 0.9 } }), pairScenario({ b: { receptivity: 0.2 } }), BtrustsA, hypothesis);
  });

  const arms = [{ from: 'A', to: 'B', activity: 'armsTransfer', schedule: { every: 6 } }];
  it('2. arms transfers below their tension ceiling raise trust', () => {
    expectMore(pairScenario({ programmes: arms, tension: 0.1 }), pairScenario({ programmes: [], tension: 0.1 }), BtrustsA, hypothesis);
  });

  // Arms transfers have a tension ceiling of 0.3: every tension here is above it.
  it.each([0.35, 0.5, 0.8])('2. arms transfers above their tension ceiling (tension %s) lower trust and raise tension', (x) => {
    const none = pairScenario({ programmes: [], tension: x });
    const some = pairScenario({ programmes: arms, tension: x });
    expectMore(none, some, BtrustsA, hypothesis);
    expectMore(some, none, tensionBetween('A', 'B'), hypothesis);
    // ... and trust ends lower than after the same transfers below the ceiling.
    expectMore(pairScenario({ programmes: arms, tension: 0.1 }), some, BtrustsA, hypothesis);
  });

  it('2. above the ceiling, the higher the tension, the more suspicion lowers trust', () => {
    const at = (x: number) => pairScenario({ programmes: arms, tension: x });
    expectMore(at(0.35), at(0.5), BtrustsA, hypothesis);
    expectMore(at(0.5), at(0.8), BtrustsA, hypothesis);
  });

  it('2. arms transfers raise tension with the recipient\'s rivals', () => {
    const withRival = (programmes: typeof arms) => pairScenario({
      programmes,
      extra: {
        states: [{ id: 'A' }, { id: 'B' }, { id: 'R' }],
        rivalries: [['B', 'R']],
      },
    });
    expectMore(withRival(arms), withRival([]), tensionBetween('B', 'R'), hypothesis);
  });

  it('3. seniority slows trust', () => {
    expectMore(pairScenario({ a: { capability: 5, seniority: 0 } }), pairScenario({ a: { capability: 5, seniority: 0.9 } }), BtrustsA, hypothesis);
  });

  it('3. misaligned, opaque aims slow trust', () => {
    expectMore(pairScenario({ aims: 0.3, a: { transparency: 0.1 } }), pairScenario({ aims: -0.8, a: { transparency: 0.1 } }), BtrustsA, hypothesis);
  });

  // The distance facts are about the signal channel. Tested cooperation (random tests, which an
  // agreement makes twice as frequent in model 0.3, MODEL 7b) adds noise unrelated to it: with
  // tests on, the mean differences stay positive but t falls to about 2.8; without, t is about 20.
  const signalsOnly = { parameters: { testRate: 0 } };
  const far = { a: { language: { primary: 'th', english: 0.2 }, culture: { pdi: 0.9, idv: 0.1 } }, b: { language: { primary: 'id', english: 0.3 }, culture: { pdi: 0.1, idv: 0.9 } } };
  it('3. cultural and language distance slow trust', () => {
    expectMore(pairScenario({ extra: signalsOnly }), pairScenario({ ...far, extra: signalsOnly }), BtrustsA, hypothesis);
  });

  it('3. empathy offsets part of the distance', () => {
    const empathic = pairScenario({ a: { ...far.a, empathy: 1 }, b: { ...far.b, empathy: 1 }, extra: signalsOnly });
    const cold = pairScenario({ a: { ...far.a, empathy: 0 }, b: { ...far.b, empathy: 0 }, extra: signalsOnly });
    expectMore(empathic, cold, BtrustsA, hypothesis);
    // ... but only part of it: empathic distant partners stay below close ones.
    expectMore(pairScenario({ a: { empathy: 1 }, b: { empathy: 1 }, extra: signalsOnly }), empathic, BtrustsA, hypothesis);
  });

  it('3. understanding offsets part of the distance', () => {
    expectMore(pairScenario({ ...far, understanding: 0.9 }), pairScenario({ ...far, understanding: 0 }), BtrustsA, hypothesis);
  });

  it('3. misaligned aims hurt less with transparency', () => {
    expectMore(pairScenario({ aims: -0.8, a: { transparency: 1 } }), pairScenario({ aims: -0.8, a: { transparency: 0 } }), BtrustsA, hypothesis);
  });

  /** Four members, D with a core interest against the group's decision at step 24. */
  function groupScenario(closeness: number, issue: boolean) {
    return Scenario.parse({
      name: 'group', description: 'A group decision against a core interest.', teachingNote: 'Test scenario.',
      calendar: { start: '2020-01', steps: 25 },
      issues: [{ id: 'facility' }],
      stateDefaults: { budget: 12, navalPresence: 0, trustworthiness: 0.9, transparency: 0.3, sovereignty: 0.2 },
      states: [{ id: 'A' }, { id: 'B' }, { id: 'C' }, { id: 'D', interests: { facility: { salience: 1, stance: -1 } } }],
      groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness }],
      forums: [{ id: 'F', members: ['G'], track: 1, schedule: { every: 6 } }],
      events: issue ? [{ type: 'coreInterestIssue', step: 24, group: 'G', issue: 'facility', decision: 1 }] : [],
    });
  }
  /** Others' mean trust in D. */
  const othersTrustD = (r: ReturnType<typeof simulate>) => (r.final.trust[0][3] + r.final.trust[1][3] + r.final.trust[2][3]) / 3;

  it('4. a defection on core interest drops the defector\'s trust, less within a close group', () => {
    const drop = (closeness: number) => {
      const without = perSeed(groupScenario(closeness, false), othersTrustD, { hypothesis });
      const withIssue = perSeed(groupScenario(closeness, true), othersTrustD, { hypothesis });
      const defections = perSeed(groupScenario(closeness, true), (r) => r.final.states[3].defections, { hypothesis });
      expect(defections.every((d) => d === 1), 'D defects in every run').toBe(true);
      return without.map((w, k) => w - withIssue[k]);
    };
    const close = drop(0.9);
    const loose = drop(0.2);
    expect(paired(close, close.map(() => 0)).t).toBeGreaterThan(T_BAR); // trust drops
    const r = paired(loose, close);
    expect(r.mean).toBeGreaterThan(0); // and drops more in the loose group
    expect(r.t).toBeGreaterThan(T_BAR);
  });
});

describe('5. the two hypotheses', () => {
  // Model 0.3 (MODEL 6): both hypotheses start from the same belief and weigh every observed act
  // alike; they differ only in causal order (routine and familiarity against a chosen stance that
  // gates action and is declared). On the same dice their trajectories must differ measurably;
  // which one leads is not asserted here (MODEL 10, fact 5): the calibration test asserts that
  // neither leads in the benign reference (test/stylized/calibration.test.ts).
  // The lab pair with a cautious prior (0.3, below the reference test's threshold 0.5): under
  // habits-first reliance waits for habit, under trust-first for a stance; programmes run by
  // routine or are gated by operative trust. (Measured: |paired t| about 6.8 on these seeds.)
  const scenario = pairScenario({ steps: 60, extra: { trust: { default: 0.3 } } });
  const column = (r: ReturnType<typeof simulate>, name: string) => {
    const c = r.series.columns.indexOf(name);
    const W = r.series.columns.length;
    // The steps run: rows 1 .. steps (row 0 is the initial state, the same under both).
    return Array.from({ length: r.series.rows - 1 }, (_, t) => r.series.data[(t + 1) * W + c]);
  };
  const averaged = (r: ReturnType<typeof simulate>) => column(r, 'meanTrust').reduce((s, x) => s + x, 0) / (r.series.rows - 1);

  it('give measurably different trajectories on the same dice', () => {
    const r = paired(perSeed(scenario, averaged, { hypothesis: 'trust-first' }), perSeed(scenario, averaged, { hypothesis: 'habits-first' }));
    expect(Math.abs(r.t), '|paired t| of run-averaged mean belief').toBeGreaterThan(T_BAR);
  });

  it('see the same scheduled events at the same steps (common random numbers)', () => {
    const scenario = pairScenario({
      extra: { events: [{ type: 'incident', step: 10, between: ['A', 'B'] }, { type: 'shock', step: 20, states: ['A', 'B'], tension: 0.3 }] },
    });
    const kinds = (hypothesis: string) => {
      const log = simulate(scenario, { seed: 3, hypothesis }).events!;
      const out: string[] = [];
      for (let k = 0; k < log.length; k++) if (log.kind[k] === 3 || log.kind[k] === 7) out.push(`${log.step[k]}:${log.kind[k]}`);
      return out;
    };
    expect(kinds('habits-first')).toEqual(kinds('trust-first'));
    expect(kinds('habits-first')).toContain('10:3');
  });
});

describe('6. with zero activity', () => {
  it('trust returns to baseline and only tension relaxes', () => {
    // Nothing is scheduled but one exploited test at step 1 (A is untrustworthy) and a tension
    // shock at step 0; no budgets, so no discretionary activity.
    const quiet = (events: boolean) => pairScenario({ programmes: [], steps: 400, tension: 0.3, extra: {
      stateDefaults: { trustworthiness: 0 },
      trust: { default: 0.5, pairs: [{ from: 'B', to: 'A', value: 0.9 }] },
      events: events ? [
        { type: 'shock', step: 0, states: ['A', 'B'], tension: 0.5 },
        { type: 'test', step: 1, truster: 'B', trustee: 'A', stake: 0.1 },
      ] : [],
    } });
    for (const hypothesis of HYPOTHESES) {
      const baseline = simulate(quiet(false), { seed: 1, hypothesis, pairs: true });
      const r = simulate(quiet(true), { seed: 1, hypothesis, pairs: true });
      const BA = (x: typeof r, t: number) => x.pairTrust![(t + 1) * 4 + 1 * 2 + 0]; // the end of step t
      expect(BA(r, 2)).toBeLessThan(BA(baseline, 2) - 0.1); // the exploitation hurt
      expect(BA(r, 399)).toBeCloseTo(BA(baseline, 399), 3); // and was forgotten
      expect(BA(baseline, 399)).toBe(BA(baseline, 0)); // the baseline itself never moved
      const W = r.series.columns.length;
      const col = (name: string) => Array.from({ length: r.series.rows - 1 }, (_, t) => r.series.data[(t + 1) * W + r.series.columns.indexOf(name)]);
      expect(col('activities').every((x) => x === 0)).toBe(true);
      expect(col('meanHabit').every((x) => x === 0)).toBe(true);
      expect(col('agreementsTotal').every((x) => x === 0)).toBe(true);
      const tension = col('meanTension');
      expect(tension[0]).toBeGreaterThan(0.5);
      for (let t = 2; t < tension.length; t++) expect(tension[t]).toBeLessThanOrEqual(tension[t - 1]);
      expect(tension[tension.length - 1]).toBeCloseTo(0.3, 3);
    }
  });
});
