/**
 * MODEL 6, "no head start": in the benign reference (every state trustworthy, low tension, no
 * misreading, no defection) the defaults of kappa and will make the two hypotheses reach the same
 * mean partner belief at the horizon, so neither leads there (MODEL 10, fact 5).
 */
import { describe, expect, it } from 'vitest';
import { KAPPA, WILL } from '../../src/model/params.js';
import { benignReference, calibrate, meanDifference, partnerBeliefs, SEEDS } from '../../scripts/calibrate.js';

describe('calibration in the benign reference', () => {
  const reference = benignReference();

  it('is a benign world: every state trustworthy, no misreading, no incidents, no defection', () => {
    for (const s of reference.states) expect(s.trustworthiness ?? reference.stateDefaults.trustworthiness).toBe(1);
    expect(reference.events).toEqual([]);
    expect(reference.issues).toEqual([]);
    expect(reference.stateDefaults.navalPresence).toBe(0);
    expect(reference.tension.default).toBeLessThanOrEqual(0.1);
  });

  it('with the default kappa and will, the mean paired difference in final partner belief is within 0.01', () => {
    const d = meanDifference(reference);
    expect(Math.abs(d), `trust-first minus habits-first over ${SEEDS.length} seeds`).toBeLessThan(0.01);
    // ... and the comparison is not empty: belief moved from the prior under both.
    for (const h of ['habits-first', 'trust-first']) {
      const b = partnerBeliefs(reference, h);
      expect(b.reduce((a, x) => a + x, 0) / b.length, h).toBeGreaterThan(0.45);
    }
  });

  it('the defaults are what `npm run calibrate` finds', () => {
    const r = calibrate(reference, KAPPA);
    expect(Math.abs(r.will - WILL)).toBeLessThan(0.001);
  });
});
