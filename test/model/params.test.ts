import { describe, expect, it } from 'vitest';
import { defaultParams, Parameters } from '../../src/model/params.js';

const keys = Object.keys(Parameters.shape) as (keyof typeof Parameters.shape)[];

describe('the parameters table', () => {
  it('parses to a complete table of defaults', () => {
    const p = defaultParams();
    expect(Object.keys(p).sort()).toEqual([...keys].sort());
    for (const k of keys) expect(p[k], k).toBeDefined();
  });

  it('documents every parameter', () => {
    for (const k of keys) {
      const d = Parameters.shape[k].description;
      expect(typeof d === 'string' && d.length > 20, `${k} has a description`).toBe(true);
    }
  });

  it('each default lies in its own range (the table accepts its defaults one by one)', () => {
    const p = defaultParams();
    for (const k of keys) expect(Parameters.partial().safeParse({ [k]: p[k] }).success, k).toBe(true);
  });

  it('overrides replace defaults; the rest keep theirs', () => {
    const p = Parameters.parse({ forgetting: 0.2, ambitionThresholds: [0.1, 0.2, 0.3] });
    expect(p.forgetting).toBe(0.2);
    expect(p.ambitionThresholds).toEqual([0.1, 0.2, 0.3]);
    expect(p.habitEta).toBe(defaultParams().habitEta);
  });

  it.each([
    ['forgetting', 1.5], ['habitEta', -0.1], ['suspicion', 0.5], ['deceptionLR', 0], ['honourLR', 0.5],
    ['exploitLR', 1.2], ['maxActsPerStep', 2.5], ['ambitionThresholds', [0.1, 0.2]], ['gritPause', 0],
  ])('rejects %s = %j', (key, value) => {
    expect(Parameters.safeParse({ [key]: value }).success).toBe(false);
  });

  it('rejects unknown parameters', () => {
    expect(Parameters.safeParse({ forgeting: 0.1 }).success).toBe(false);
  });
});

describe('defaults agree with the design (MODEL.md)', () => {
  const p = defaultParams();

  it('an activity above its ceiling turns suspicious: appropriateness at tension 1 is negative (MODEL 4.1)', () => {
    expect(p.suspicion).toBeLessThan(0);
  });

  it('a misread signal carries weak or reversed evidence (MODEL 4.3)', () => {
    expect(Math.abs(p.misreadWeight)).toBeLessThan(1);
  });

  it('honoured tests are positive evidence, exploited ones, deceptions, defections and escalations negative (MODEL 4b, 7, 8)', () => {
    expect(p.honourLR).toBeGreaterThan(1);
    expect(p.exploitLR).toBeLessThan(1);
    expect(p.deceptionLR).toBeLessThan(1);
    expect(p.defectionLR).toBeLessThanOrEqual(0.5); // "strong negative evidence (LR well below 1)"
    expect(p.escalationLR).toBeLessThan(1);
  });

  it('the stage game is a prisoner\'s dilemma: temptation > reward > 0 > sucker', () => {
    expect(p.payoffTemptation).toBeGreaterThan(p.payoffReward);
    expect(p.payoffReward).toBeGreaterThan(0);
    expect(p.payoffSucker).toBeLessThan(0);
    expect(p.temptation).toBeLessThan(1);
  });

  it('ambition rises through ascending habit thresholds (MODEL 6)', () => {
    const [a, b, c] = p.ambitionThresholds;
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
  });

  it('habit raises operative trust under habits-first, a betrayal shakes the routine without stopping it (MODEL 6)', () => {
    expect(p.kappa).toBeGreaterThan(0);
    expect(p.habitShock).toBeGreaterThan(0);
    expect(p.habitShock).toBeLessThan(1);
  });

  it('one payoff table: relying pays when R > P > S (MODEL 6c); revocations and cancellations are negative evidence', () => {
    expect(p.payoffReward).toBeGreaterThan(p.payoffPunishment);
    expect(p.payoffPunishment).toBeGreaterThan(p.payoffSucker);
    expect(p.revocationLR).toBeLessThan(1);
    expect(p.cancelledLR).toBeLessThan(1);
    expect(p.declarationLR).toBeGreaterThan(1);
  });

  it('multilateral, track-2 and broadcast signals weigh less than a bilateral one (MODEL 3)', () => {
    expect(p.multilateralWeight).toBeLessThan(1);
    expect(p.track2Weight).toBeLessThan(1);
    expect(p.broadcastWeight).toBeLessThan(p.multilateralWeight);
  });

  it('an agreement needs more than even trust', () => {
    expect(p.agreementTrust).toBeGreaterThan(0.5);
  });
});
