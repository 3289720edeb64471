import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { summarize } from '../../src/stats/index.js';
import { ProblemError } from '../../src/io/problem.js';
import { bcaInterval, bootstrapMeans, meanAcceleration } from '../../src/stats/bootstrap.js';
import { bytesOf, exponentialSample, normalSample } from './helpers.js';

// Efron & Tibshirani (1993), An Introduction to the Bootstrap, Table 2.1: survival times (days)
// of mice after surgery. Treatment group mean 86.86, standard error 25.24; control 56.22, 14.14.
const MOUSE_TREATMENT = [94, 197, 16, 38, 99, 141, 23];
const MOUSE_CONTROL = [52, 104, 146, 10, 50, 31, 40, 27, 46];

const fields = (s: ReturnType<typeof summarize>) => [s.n, s.mean, s.sd, s.min, s.max, s.median, s.ciLow, s.ciHigh];

describe('summarize: descriptive statistics', () => {
  it('reproduces the mouse data of Efron & Tibshirani Table 2.1', () => {
    const t = summarize(MOUSE_TREATMENT, { seed: 'mouse' });
    expect(t.n).toBe(7);
    expect(t.mean).toBeCloseTo(608 / 7, 12);
    expect(t.mean).toBeCloseTo(86.86, 2);
    expect(t.sd / Math.sqrt(7)).toBeCloseTo(25.24, 2); // the book's standard error
    // by hand: the squared deviations from 608/7 sum to 187228/7, divided by n - 1 = 6
    expect(t.sd).toBeCloseTo(Math.sqrt(187228 / 7 / 6), 12);
    expect([t.min, t.max, t.median]).toEqual([16, 197, 94]);
    const c = summarize(MOUSE_CONTROL, { seed: 'mouse' });
    expect(c.mean).toBeCloseTo(56.22, 2);
    expect(c.sd / 3).toBeCloseTo(14.14, 2);
    expect(c.median).toBe(46);
  });

  it('averages the two middle values for an even count', () => {
    expect(summarize([4, 1, 3, 2], { seed: 'x' }).median).toBe(2.5);
  });

  it('n = 0: n is 0 and everything else NaN, without throwing', () => {
    const s = summarize([], { seed: 'x' });
    expect(s.n).toBe(0);
    for (const v of fields(s).slice(1)) expect(v).toBeNaN();
  });

  it('n = 1: the value, NaN sd and NaN interval', () => {
    const s = summarize([3.5], { seed: 'x' });
    expect([s.n, s.mean, s.min, s.max, s.median]).toEqual([1, 3.5, 3.5, 3.5, 3.5]);
    expect(s.sd).toBeNaN();
    expect(s.ciLow).toBeNaN();
    expect(s.ciHigh).toBeNaN();
  });

  it('accepts typed arrays', () => {
    const x = [1, 5, 2, 8, 3];
    expect(summarize(Float64Array.from(x), { seed: 'a' })).toEqual(summarize(x, { seed: 'a' }));
  });

  it('rejects non-finite values and bad options', () => {
    expect(() => summarize([1, NaN], { seed: 'x' })).toThrow(/values\[1\]/);
    expect(() => summarize([1, Infinity], { seed: 'x' })).toThrow(ProblemError);
    expect(() => summarize([1, 2], { seed: 'x', level: 1 })).toThrow(/level/);
    expect(() => summarize([1, 2], { seed: 'x', level: 0 })).toThrow(/level/);
    expect(() => summarize([1, 2], { seed: 'x', resamples: 0 })).toThrow(/resamples/);
    expect(() => summarize([1, 2], { seed: 'x', resamples: 10.5 })).toThrow(/resamples/);
    expect(() => summarize([1, 2], { seed: 3 as unknown as string })).toThrow(/seed/);
  });
});

describe('summarize: BCa bootstrap interval of the mean', () => {
  // Reference: SciPy 1.17.1, scipy.stats._resampling._bca_interval (Efron & Tibshirani eq. 14.10,
  // ties counted half in z0, jackknife acceleration) on this data and this bootstrap distribution,
  // then scipy.stats.quantile (linear interpolation). The mean, 3.5, is tied three times.
  const data = [3.0, 0.5, 8.0, 1.0, 2.0, 1.0, 12.5, 0.0];
  const boot = Float64Array.from([2.0, 2.5, 2.8, 3.0, 3.3, 3.5, 3.5, 3.6, 3.9, 4.1, 4.4, 4.9, 5.3, 3.5, 2.2, 6.1, 1.7, 4.6, 3.1, 5.8]).sort();

  it('jackknife acceleration of the mean matches SciPy', () => {
    expect(meanAcceleration(data)).toBeCloseTo(0.07396126669209177, 14);
    // and the closed form by hand on a tiny sample: deviations -1, -1, 2 -> 6 / (6 * 6^1.5)
    expect(meanAcceleration([0, 0, 3])).toBeCloseTo(1 / Math.pow(6, 1.5), 15);
    expect(meanAcceleration([1, 2, 3])).toBe(0);
  });

  it.each([
    [0.95, 0.034215053491690094, 0.9839930307288829, 1.8950258049026336, 6.008760275154632],
    [0.9, 0.05719150707189281, 0.9581057149469921, 2.0173277268731926, 5.861202575197855],
    [0.99, 0.011591340288420269, 0.9987534945924322, 1.7660706396439956, 6.092894919176864],
  ])('adjusted levels and endpoints match SciPy at level %s', (level, a1, a2, lo, hi) => {
    const r = bcaInterval(boot, 3.5, meanAcceleration(data), level);
    expect(r.levels[0]).toBeCloseTo(a1, 12);
    expect(r.levels[1]).toBeCloseTo(a2, 12);
    expect(r.low).toBeCloseTo(lo, 11);
    expect(r.high).toBeCloseTo(hi, 11);
  });

  // Reference: scipy.stats.bootstrap(data, np.mean, n_resamples=2_000_000, method='BCa' and
  // 'percentile', rng=default_rng(1)) on the mouse data (Monte Carlo error about 0.05 days).
  // With 200,000 resamples here the Monte Carlo error is about 0.15 days; the BCa and percentile
  // intervals differ by 3 to 7 days, so the check tells them apart.
  it.each([
    ['treatment', MOUSE_TREATMENT, [46.43, 138.29], [43.57, 134.43]],
    ['control', MOUSE_CONTROL, [36.22, 91.89], [33.11, 84.78]],
  ] as const)('mouse %s group: BCa and percentile intervals match SciPy', (_, x, bca, pct) => {
    const b = summarize(x, { seed: 'mouse', resamples: 200_000 });
    const p = summarize(x, { seed: 'mouse', resamples: 200_000, method: 'percentile' });
    expect(Math.abs(b.ciLow - bca[0])).toBeLessThan(0.75);
    expect(Math.abs(b.ciHigh - bca[1])).toBeLessThan(0.75);
    expect(Math.abs(p.ciLow - pct[0])).toBeLessThan(0.75);
    expect(Math.abs(p.ciHigh - pct[1])).toBeLessThan(0.75);
  });

  it('agrees with the t-interval on a normal sample of 200', () => {
    const x = normalSample('t-interval', 200, 10, 3);
    const s = summarize(x, { seed: 'agree' });
    // t(0.975, 199) = 1.9719565442517533 (SciPy stats.t.ppf)
    const half = (1.9719565442517533 * s.sd) / Math.sqrt(200);
    expect(Math.abs(s.ciLow - (s.mean - half))).toBeLessThan(0.1 * half);
    expect(Math.abs(s.ciHigh - (s.mean + half))).toBeLessThan(0.1 * half);
  });

  it('width shrinks like 1/sqrt(n): width * sqrt(n) / sd stays near 2 * 1.96', () => {
    const scaled = [100, 400, 1600].map((n) => {
      const s = summarize(normalSample(`width${n}`, n), { seed: 'width' });
      return ((s.ciHigh - s.ciLow) * Math.sqrt(n)) / s.sd;
    });
    for (const w of scaled) expect(Math.abs(w / (2 * 1.959963984540054) - 1)).toBeLessThan(0.1);
    expect(scaled[0] / scaled[1]).toBeGreaterThan(0.9);
    expect(scaled[0] / scaled[1]).toBeLessThan(1.1);
    expect(scaled[1] / scaled[2]).toBeGreaterThan(0.9);
    expect(scaled[1] / scaled[2]).toBeLessThan(1.1);
  });

  it('covers the true mean of normal samples about 95% of the time', () => {
    let covered = 0;
    const reps = 400;
    for (let r = 0; r < reps; r++) {
      const s = summarize(normalSample(`coverage${r}`, 50, 3, 2), { seed: `c${r}`, resamples: 1000 });
      if (s.ciLow <= 3 && 3 <= s.ciHigh) covered++;
    }
    expect(covered / reps).toBeGreaterThan(0.91);
    expect(covered / reps).toBeLessThan(0.98);
  });

  // For exponential data the exact interval of the mean is [2n x̄ / χ²(2n, 0.975), 2n x̄ / χ²(2n, 0.025)]
  // (χ² quantiles for 40 degrees of freedom: 59.3417, 24.4330). It is skewed to the right; BCa
  // corrects the percentile interval towards it (Efron & Tibshirani 1993, §14.3).
  it('on skewed (exponential) data, BCa is nearer the exact interval than the percentile interval', () => {
    const lo = 40 / 59.34170714;
    const hi = 40 / 24.43303917;
    let errBca = 0;
    let errPct = 0;
    let upperBca = 0;
    let upperPct = 0;
    for (let r = 0; r < 60; r++) {
      const x = exponentialSample(`exp${r}`, 20);
      const b = summarize(x, { seed: `e${r}` });
      const p = summarize(x, { seed: `e${r}`, method: 'percentile' });
      errBca += Math.abs(b.ciLow / b.mean - lo) + Math.abs(b.ciHigh / b.mean - hi);
      errPct += Math.abs(p.ciLow / p.mean - lo) + Math.abs(p.ciHigh / p.mean - hi);
      upperBca += b.ciHigh / b.mean;
      upperPct += p.ciHigh / p.mean;
    }
    expect(errBca).toBeLessThan(errPct);
    expect(upperBca).toBeGreaterThan(upperPct);
  });

  it('a degenerate bootstrap distribution gives a zero-width interval', () => {
    const r = bcaInterval(Float64Array.of(2, 2, 2), 2, 0, 0.95);
    expect([r.low, r.high]).toEqual([2, 2]);
  });

  it('bootstrap means lie within the sample range and are sorted', () => {
    const x = Float64Array.from([5, -1, 3, 9, 0]);
    const m = bootstrapMeans(x, 500, 'range');
    for (let b = 1; b < m.length; b++) expect(m[b]).toBeGreaterThanOrEqual(m[b - 1]);
    expect(m[0]).toBeGreaterThanOrEqual(-1);
    expect(m[m.length - 1]).toBeLessThanOrEqual(9);
  });
});

const sample = fc
  .array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 60 })
  .filter((xs) => {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    return hi - lo > 1e-6 * Math.max(1, Math.abs(lo), Math.abs(hi));
  });

describe('summarize: properties', () => {
  fcTest.prop([sample, fc.string()], { numRuns: 200 })('the interval contains the mean and lies within [min, max]', (xs, seed) => {
    for (const method of ['bca', 'percentile'] as const) {
      const s = summarize(xs, { seed, resamples: 200, method });
      expect(s.ciLow).toBeLessThanOrEqual(s.mean);
      expect(s.mean).toBeLessThanOrEqual(s.ciHigh);
      // bootstrap means lie in [min, max] up to the rounding of a sum divided by n
      const ulps = 1e-12 * Math.max(Math.abs(s.min), Math.abs(s.max));
      expect(s.ciLow).toBeGreaterThanOrEqual(s.min - ulps);
      expect(s.ciHigh).toBeLessThanOrEqual(s.max + ulps);
      expect(s.min).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.max);
      expect(s.sd).toBeGreaterThan(0);
    }
  });

  fcTest.prop([fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 2, max: 50 }), fc.string()])(
    'a constant sample gives its value, sd 0 and a zero-width interval',
    (v, n, seed) => {
      const s = summarize(new Array<number>(n).fill(v), { seed, resamples: 100 });
      expect(s.mean).toBe(v);
      expect(s.sd).toBe(0);
      expect(s.ciLow).toBe(v);
      expect(s.ciHigh).toBe(v);
    },
  );

  fcTest.prop([sample, fc.string()], { numRuns: 50 })('the same seed gives the same bytes', (xs, seed) => {
    const a = summarize(xs, { seed, resamples: 300 });
    const b = summarize(Float64Array.from(xs), { seed, resamples: 300 });
    expect(bytesOf(fields(a))).toBe(bytesOf(fields(b)));
  });

  it('different seeds may give different intervals, never different descriptive statistics', () => {
    const x = normalSample('seeds', 40);
    const runs = ['a', 'b', 'c', 'd'].map((seed) => summarize(x, { seed }));
    const lows = new Set(runs.map((r) => r.ciLow));
    expect(lows.size).toBeGreaterThan(1);
    for (const r of runs) expect([r.mean, r.sd, r.median]).toEqual([runs[0].mean, runs[0].sd, runs[0].median]);
  });

  it('gives pinned numbers for a pinned seed (a change in the resampling scheme shows up here)', () => {
    const s = summarize(MOUSE_TREATMENT, { seed: 'pinned' });
    expect(s.ciLow).toBe(48);
    expect(s.ciHigh).toBe(137.57142857142858);
  });
});

describe('summarize: speed', () => {
  it('10,000 values with 2,000 resamples take well under a second', () => {
    const x = normalSample('speed', 10_000);
    summarize(x, { seed: 'warm-up', resamples: 200 });
    const t0 = performance.now();
    const s = summarize(x, { seed: 'speed' });
    const ms = performance.now() - t0;
    expect(s.n).toBe(10_000);
    expect(ms).toBeLessThan(1000);
  });
});
