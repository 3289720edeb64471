/** The fast-check seed comes from test/setup.ts, whatever file runs: the same cases everywhere. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('the test setup', () => {
  it('fixes the fast-check seed for every file', () => {
    expect(fc.readConfigureGlobal().seed).toBe(424242);
    // With the global seed fixed, two samples drawn without a seed of their own are the same
    // cases (with fast-check's default, a fresh random seed each time, they would differ).
    expect(fc.sample(fc.integer(), 20)).toEqual(fc.sample(fc.integer(), 20));
  });
});
