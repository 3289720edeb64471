import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { normalCdf, normalQuantile } from '../../src/stats/normal.js';

// Reference values: Abramowitz & Stegun (1964), Table 26.1 and 26.5, to the digits given there
// extended with SciPy 1.17 `scipy.special.ndtri` / `ndtr` (Cephes), which agree to 15 digits.
describe('standard normal', () => {
  it('quantiles match the tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 13);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 13);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 10);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('distribution function matches the tables', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 14);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 14);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 14);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  fcTest.prop([fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true })])('quantile inverts the distribution function', (p) => {
    expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });

  fcTest.prop([fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true })])('quantile is exactly symmetric', (p) => {
    // 1 - p is exact for p in [0.5, 1), so the two quantiles must be exact negatives
    expect(normalQuantile(p) + normalQuantile(1 - p)).toBe(0);
  });
});
