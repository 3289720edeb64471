import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { pairedComparison, summarize } from '../../src/stats/index.js';
import { bytesOf, normalSample } from './helpers.js';

// Student (1908), "The probable error of a mean", Biometrika 6: 1–25, from Cushny & Peebles
// (1905): extra hours of sleep of ten patients under two drugs (R's datasets::sleep). The paired
// t test of drug 2 against drug 1 gives mean difference 1.58, t = 4.0621 with 9 df, so
// sd = 1.58 * sqrt(10) / 4.0621 = 1.2300 and the 95% t interval is [0.7001, 2.4599]
// (R: t.test(extra ~ group, data = sleep, paired = TRUE)). Patient 5 slept -0.1 under both.
const DRUG1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
const DRUG2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

describe('pairedComparison: known answers', () => {
  it("reproduces Student's sleep data", () => {
    const r = pairedComparison(DRUG2, DRUG1, { seed: 'sleep' });
    expect(r.n).toBe(10);
    expect(r.meanDiff).toBeCloseTo(1.58, 12);
    expect(r.sdDiff).toBeCloseTo(1.2299954832798732, 12);
    expect(r.effectSize * Math.sqrt(10)).toBeCloseTo(4.062127683382037, 10); // d_z * sqrt(n) = t
    expect([r.winsA, r.winsB, r.ties]).toEqual([0.9, 0, 0.1]);
    expect(r.excludesZero).toBe(true);
    expect(r.leader).toBe('a');
  });

  // Reference: scipy.stats.bootstrap((drug2, drug1), mean of x - y, paired=True, 2_000_000
  // resamples): BCa [1.06, 2.64], percentile [0.95, 2.38]. Differences are on a 0.01 lattice.
  it('its bootstrap intervals match SciPy', () => {
    const b = pairedComparison(DRUG2, DRUG1, { seed: 'sleep', resamples: 100_000 });
    const p = pairedComparison(DRUG2, DRUG1, { seed: 'sleep', resamples: 100_000, method: 'percentile' });
    expect(Math.abs(b.ciLow - 1.06)).toBeLessThan(0.04);
    expect(Math.abs(b.ciHigh - 2.64)).toBeLessThan(0.04);
    expect(Math.abs(p.ciLow - 0.95)).toBeLessThan(0.04);
    expect(Math.abs(p.ciHigh - 2.38)).toBeLessThan(0.04);
  });

  it("computes Cohen's d_z by hand", () => {
    // differences 1, 2, 3, 4: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5,
    // sd = sqrt(5 / 3), d_z = 2.5 / sqrt(5 / 3) = 1.9364916731037085
    const r = pairedComparison([11, 12, 13, 14], [10, 10, 10, 10], { seed: 'd' });
    expect(r.meanDiff).toBe(2.5);
    expect(r.sdDiff).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(r.effectSize).toBeCloseTo(1.9364916731037085, 13);
    expect([r.winsA, r.winsB, r.ties]).toEqual([1, 0, 0]);
  });

  it('every difference the same and non-zero: sd 0, infinite d_z, zero-width interval', () => {
    const a = [1.5, 2.5, 7.5, -3.5];
    const b = a.map((v) => v - 2);
    const r = pairedComparison(a, b, { seed: 'c' });
    expect([r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh, r.effectSize]).toEqual([2, 0, 2, 2, Infinity]);
    expect(r.excludesZero).toBe(true);
    expect(r.leader).toBe('a');
    const s = pairedComparison(b, a, { seed: 'c' });
    expect([s.meanDiff, s.effectSize, s.leader]).toEqual([-2, -Infinity, 'b']);
  });

  it('identical samples: all ties, d_z 0, no leader', () => {
    const a = [3, 1, 4, 1, 5];
    const r = pairedComparison(a, a, { seed: 'same' });
    expect([r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh, r.effectSize]).toEqual([0, 0, 0, 0, 0]);
    expect([r.winsA, r.winsB, r.ties]).toEqual([0, 0, 1]);
    expect(r.excludesZero).toBe(false);
    expect(r.leader).toBe('none');
  });

  it('n = 0 and n = 1', () => {
    const e = pairedComparison([], [], { seed: 'e' });
    expect(e.n).toBe(0);
    for (const v of [e.meanDiff, e.sdDiff, e.ciLow, e.ciHigh, e.effectSize, e.winsA, e.winsB, e.ties]) expect(v).toBeNaN();
    expect([e.excludesZero, e.leader]).toEqual([false, 'none']);
    const one = pairedComparison([5], [3], { seed: 'o' });
    expect([one.n, one.meanDiff, one.winsA, one.winsB, one.ties]).toEqual([1, 2, 1, 0, 0]);
    for (const v of [one.sdDiff, one.ciLow, one.ciHigh, one.effectSize]) expect(v).toBeNaN();
    expect([one.excludesZero, one.leader]).toEqual([false, 'none']);
  });

  it('rejects samples of different lengths and non-finite values', () => {
    expect(() => pairedComparison([1, 2], [1], { seed: 'x' })).toThrow(/same length/);
    expect(() => pairedComparison([1, NaN], [1, 2], { seed: 'x' })).toThrow(/a\[1\]/);
    expect(() => pairedComparison([1, 2], [1, -Infinity], { seed: 'x' })).toThrow(/b\[1\]/);
    expect(() => pairedComparison([1.7e308], [-1.7e308], { seed: 'x' })).toThrow(/overflows/);
  });

  it('resampling pairs: the interval is that of the mean of the differences', () => {
    const a = normalSample('pa', 30, 1);
    const b = normalSample('pb', 30, 0.8);
    const r = pairedComparison(a, b, { seed: 'same-dice' });
    const s = summarize(a.map((v, i) => v - b[i]), { seed: 'same-dice' });
    expect([r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh]).toEqual([s.mean, s.sd, s.ciLow, s.ciHigh]);
  });

  it('a shift common random numbers reveal is detected; a null difference mostly is not', () => {
    // Large between-run spread, small within-pair difference: the paired design sees it.
    const base = normalSample('runs', 40, 0, 10);
    const noise = normalSample('noise', 40, 0, 0.1);
    const shifted = base.map((v, i) => v + 0.2 + noise[i]);
    const r = pairedComparison(shifted, base, { seed: 'crn' });
    expect(r.leader).toBe('a');
    expect(r.ciLow).toBeGreaterThan(0.1);
    expect(r.ciHigh).toBeLessThan(0.3);
    let coveredZero = 0;
    for (let k = 0; k < 200; k++) {
      const x = normalSample(`x${k}`, 30);
      const y = normalSample(`y${k}`, 30);
      if (!pairedComparison(x, y, { seed: `n${k}`, resamples: 1000 }).excludesZero) coveredZero++;
    }
    expect(coveredZero / 200).toBeGreaterThan(0.9);
    expect(coveredZero / 200).toBeLessThan(0.99);
  });
});

const pairs = fc
  .integer({ min: 1, max: 40 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    ),
  )
  // mix integer values (many ties) and doubles
  .map(([ints, dbls, pick]) => [ints.map((v, i) => (pick[i] ? v : dbls[i])), dbls.map((v, i) => (pick[i] ? ints[(i + 1) % ints.length] : v * 0.5))] as const);

describe('pairedComparison: properties', () => {
  fcTest.prop([pairs, fc.string()], { numRuns: 150 })('swapping a and b negates the difference and swaps the wins and the leader', ([a, b], seed) => {
    const r = pairedComparison(a, b, { seed, resamples: 200 });
    const s = pairedComparison(b, a, { seed, resamples: 200 });
    expect(s.meanDiff + 0).toBe(-r.meanDiff + 0); // + 0: a sum that underflows may round to -0 one way and +0 the other
    expect(s.sdDiff).toBe(r.sdDiff);
    expect(s.effectSize + 0).toBe(-r.effectSize + 0);
    expect([s.winsA, s.winsB, s.ties]).toEqual([r.winsB, r.winsA, r.ties]);
    const scale = 1e-9 * (1 + Math.abs(r.ciLow) + Math.abs(r.ciHigh));
    if (Number.isNaN(r.ciLow)) expect(s.ciHigh).toBeNaN();
    else {
      expect(Math.abs(s.ciHigh + r.ciLow)).toBeLessThanOrEqual(scale);
      expect(Math.abs(s.ciLow + r.ciHigh)).toBeLessThanOrEqual(scale);
    }
    const swapped = { a: 'b', b: 'a', none: 'none' } as const;
    // (an end within a few ulps of 0 could flip excludesZero between the two; skip that case)
    if (s.excludesZero === r.excludesZero) expect(s.leader).toBe(swapped[r.leader]);
  });

  fcTest.prop([pairs, fc.string()], { numRuns: 150 })('the shares lie in [0, 1] and sum to 1, and the leader follows the interval', ([a, b], seed) => {
    const r = pairedComparison(a, b, { seed, resamples: 200 });
    for (const v of [r.winsA, r.winsB, r.ties]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(r.winsA + r.winsB + r.ties).toBeCloseTo(1, 12);
    expect(r.excludesZero).toBe(r.ciLow > 0 || r.ciHigh < 0);
    expect(r.leader).toBe(!r.excludesZero ? 'none' : r.meanDiff > 0 ? 'a' : 'b');
    if (r.n >= 2 && r.sdDiff > 0) {
      expect(r.ciLow).toBeLessThanOrEqual(r.meanDiff);
      expect(r.meanDiff).toBeLessThanOrEqual(r.ciHigh);
    }
  });

  fcTest.prop([pairs, fc.string()], { numRuns: 50 })('the same seed gives the same bytes', ([a, b], seed) => {
    const f = (r: ReturnType<typeof pairedComparison>) => [r.n, r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh, r.effectSize, r.winsA, r.winsB, r.ties];
    expect(bytesOf(f(pairedComparison(a, b, { seed, resamples: 300 })))).toBe(bytesOf(f(pairedComparison(Float64Array.from(a), Float64Array.from(b), { seed, resamples: 300 }))));
  });
});
