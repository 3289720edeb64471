import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { normalQuantile, pairedComparison, pairedTTestP, studentCdf, studentQuantile, tInterval, tMultiplier } from '../../src/stats/index.js';

// Reference values: SciPy 1.17 `scipy.stats.t.ppf` / `t.cdf` and `scipy.stats.ttest_1samp`, printed with repr.
describe("Student's t", () => {
  it('quantiles match SciPy', () => {
    const cases: [number, number, number][] = [
      [0.975, 1, 12.706204736174694], [0.975, 2, 4.302652729749462], [0.975, 4, 2.7764451051977934],
      [0.975, 5, 2.5705818356363146], [0.975, 9, 2.262157162798205], [0.975, 19, 2.0930240544083087],
      [0.975, 99, 1.9842169515864174], [0.95, 3, 2.3533634348018233], [0.995, 7, 3.4994832973504924],
      [0.025, 4, -2.7764451051977943], [0.9, 30, 1.3104150253913955], [0.975, 2.5, 3.5746548420036817],
    ];
    for (const [p, df, q] of cases) expect(Math.abs(studentQuantile(p, df) - q), `t(${p}, ${df})`).toBeLessThan(1e-11 * Math.abs(q));
    expect(studentQuantile(0.5, 3)).toBe(0);
    expect(studentQuantile(0.975, 0)).toBeNaN();
    expect(studentQuantile(1.5, 3)).toBeNaN();
  });

  it('the distribution function matches SciPy', () => {
    const cases: [number, number, number][] = [
      [-3, 10, 0.006671827511284785], [2, 5, 0.9490302605850708], [0.5, 1, 0.6475836176504333],
      [-1.2, 29, 0.11992556363231273], [4, 3, 0.9859957719949269],
    ];
    for (const [t, df, p] of cases) expect(studentCdf(t, df), `F(${t}; ${df})`).toBeCloseTo(p, 14);
  });

  it('tends to the exact normal quantile, 1.959964 at 95% (not simple-statistics probit\'s 1.95716)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(tMultiplier(1e7, 0.95)).toBeCloseTo(1.959963984540054, 6);
    expect(tMultiplier(5, 0.95)).toBeCloseTo(2.7764451051977934, 12);
    expect(tMultiplier(1, 0.95)).toBeNaN();
  });

  fcTest.prop([fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true })])('the quantile inverts the distribution function', (p, df) => {
    expect(studentCdf(studentQuantile(p, df), df)).toBeCloseTo(p, 10);
  });

  it('the t interval of a mean: mean +- t(n - 1) sd / sqrt(n), worked by hand for n = 5', () => {
    // 0.1, 0.2, 0.3, 0.4, 0.5: mean 0.3, sd sqrt(0.025); t(0.975, 4) = 2.7764451051977934.
    const sd = Math.sqrt(0.025);
    const ci = tInterval(0.3, sd, 5, 0.95);
    const half = 2.7764451051977934 * sd / Math.sqrt(5);
    expect(half).toBeCloseTo(0.19632, 5);
    expect(ci.low).toBeCloseTo(0.3 - half, 14);
    expect(ci.high).toBeCloseTo(0.3 + half, 14);
    expect(tInterval(0.3, 0, 5, 0.95)).toEqual({ low: 0.3, high: 0.3, half: 0 });
    expect(tInterval(0.3, NaN, 1, 0.95).low).toBeNaN();
  });

  it('the paired t-test p-value matches scipy.stats.ttest_1samp, with its edge cases', () => {
    const d = [0.12, -0.03, 0.25, 0.08, 0.10, 0.02];
    const pc = pairedComparison(d, d.map(() => 0), { seed: 't', resamples: 200 });
    expect(pc.pValue).toBeCloseTo(0.06991262509425762, 12);
    expect(pairedTTestP(0, 0, 5)).toBe(1);
    expect(pairedTTestP(0.2, 0, 5)).toBe(0);
    expect(pairedTTestP(0.2, 0.1, 1)).toBeNaN();
    expect(pairedComparison([1, 2, 3], [1, 2, 3], { seed: 't', resamples: 200 }).pValue).toBe(1);
    expect(pairedComparison([2, 3, 4], [1, 2, 3], { seed: 't', resamples: 200 }).pValue).toBe(0);
    // Swapping the sides leaves the two-sided p-value as it is.
    expect(pairedComparison(d.map(() => 0), d, { seed: 't', resamples: 200 }).pValue).toBe(pc.pValue);
  });
});
