import { describe, expect, it } from 'vitest';
import { replicationsNeeded, studentQuantile, verdictOf, type VerdictInput } from '../../src/stats/index.js';

const row = (meanDiff: number, ciLow: number, ciHigh: number, pAdjusted = 0.001, sdDiff = 0.05, n = 10): VerdictInput => ({ meanDiff, ciLow, ciHigh, pAdjusted, sdDiff, n });
const higher = { margin: 0.02, better: 'higher' as const, level: 0.95 };
const lower = { ...higher, better: 'lower' as const };

describe('the verdict of a comparison', () => {
  it('leads only when the whole interval lies beyond the margin on the better side and the adjusted test agrees', () => {
    expect(verdictOf(row(0.06, 0.03, 0.09), higher)).toEqual({ verdict: 'leads', side: 'a', replicationsNeeded: null });
    expect(verdictOf(row(-0.06, -0.09, -0.03), higher)).toEqual({ verdict: 'leads', side: 'b', replicationsNeeded: null });
    // The same interval where lower is better: the other side leads.
    expect(verdictOf(row(0.06, 0.03, 0.09), lower).side).toBe('b');
    expect(verdictOf(row(-0.06, -0.09, -0.03), lower).side).toBe('a');
    // Excludes zero but reaches into the margin: not a lead.
    expect(verdictOf(row(0.04, 0.01, 0.07), higher).verdict).toBe('undecided');
    // Beyond the margin, but the adjusted p-value is not below 1 - level.
    expect(verdictOf(row(0.06, 0.03, 0.09, 0.08), higher).verdict).toBe('undecided');
    expect(verdictOf(row(0.06, 0.03, 0.09, 0.05), higher).verdict).toBe('undecided');
  });

  it('equivalent when the whole interval lies within plus or minus the margin', () => {
    expect(verdictOf(row(0.001, -0.015, 0.018, 0.9), higher).verdict).toBe('equivalent');
    expect(verdictOf(row(0, -0.02, 0.02, 1), higher).verdict).toBe('equivalent');
    // A small difference that is significant is still equivalent: too small to matter.
    expect(verdictOf(row(0.01, 0.005, 0.015, 0.001), higher).verdict).toBe('equivalent');
    expect(verdictOf(row(0.001, -0.025, 0.018, 0.9), higher).verdict).toBe('undecided');
  });

  it('a margin of 0 makes a lead the interval excluding zero (with the test)', () => {
    const zero = { ...higher, margin: 0 };
    expect(verdictOf(row(0.04, 0.001, 0.07), zero).verdict).toBe('leads');
    expect(verdictOf(row(0.04, -0.001, 0.07, 0.06), zero).verdict).toBe('undecided');
    expect(verdictOf(row(0, 0, 0, 1), zero).verdict).toBe('equivalent');
  });

  it('an interval of NaN (fewer than two pairs) is undecided, with no planning figure', () => {
    expect(verdictOf({ meanDiff: 0.1, ciLow: NaN, ciHigh: NaN, pAdjusted: NaN, sdDiff: NaN, n: 1 }, higher)).toEqual({ verdict: 'undecided', side: 'none', replicationsNeeded: null });
  });
});

describe('replications needed', () => {
  it('is the smallest n whose t half-width at the observed sd reaches the gap to the margin', () => {
    // mean 0.05, margin 0.02: gap 0.03; sd 0.1: n with t(n - 1) 0.1 / sqrt(n) <= 0.03.
    const n = replicationsNeeded(0.05, 0.1, 0.02, 0.95)!;
    const half = (k: number) => studentQuantile(0.975, k - 1) * 0.1 / Math.sqrt(k);
    expect(half(n)).toBeLessThanOrEqual(0.03);
    expect(half(n - 1)).toBeGreaterThan(0.03);
    expect(n).toBe(46); // (1.96 * 0.1 / 0.03)^2 = 42.7 with the normal quantile; with t (SciPy): 0.030043 at 45, 0.029696 at 46
    // Inside the margin: the gap is margin - |mean|, the n that would show equivalence.
    expect(replicationsNeeded(0.005, 0.1, 0.02, 0.95)).toBe(replicationsNeeded(0.035, 0.1, 0.02, 0.95));
    expect(verdictOf(row(0.05, 0.01, 0.09, 0.01, 0.1, 10), higher).replicationsNeeded).toBe(n);
  });

  it('is the smallest such n also for clear effects (few replications), and never grows as the gap grows', () => {
    // sd 1, margin 0: the smallest n >= 2 with t(n - 1) / sqrt(n) <= gap, checked by brute force.
    const smallest = (gap: number) => { let k = 2; while (studentQuantile(0.975, k - 1) / Math.sqrt(k) > gap) k++; return k; };
    const gaps = [0.25, 0.5, 1, 1.5, 2, 3, 5];
    for (const g of gaps) expect(replicationsNeeded(g, 1, 0, 0.95), `gap ${g}`).toBe(smallest(g));
    expect(gaps.map((g) => replicationsNeeded(g, 1, 0, 0.95)!)).toEqual([64, 18, 7, 5, 4, 3, 3]);
    const ns = gaps.map((g) => replicationsNeeded(g, 1, 0, 0.95)!);
    for (let k = 1; k < ns.length; k++) expect(ns[k]).toBeLessThanOrEqual(ns[k - 1]);
  });

  it('gives no figure when the interval is already beyond the margin and only the adjusted test disagrees', () => {
    expect(verdictOf(row(0.06, 0.03, 0.09, 0.09, 0.05, 10), higher)).toEqual({ verdict: 'undecided', side: 'none', replicationsNeeded: null });
    expect(verdictOf(row(0.06, 0.03, 0.09, 0.09, 0.05, 10), lower)).toEqual({ verdict: 'undecided', side: 'none', replicationsNeeded: null });
  });

  it('is null when it cannot be computed, and large numbers stay numbers', () => {
    expect(replicationsNeeded(0.02, 0.1, 0.02, 0.95)).toBeNull();
    expect(replicationsNeeded(0.05, 0, 0.02, 0.95)).toBeNull();
    expect(replicationsNeeded(0.05, NaN, 0.02, 0.95)).toBeNull();
    expect(replicationsNeeded(0.020001, 1, 0.02, 0.95)!).toBeGreaterThan(1_000_000);
  });
});
