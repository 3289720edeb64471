import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { benjaminiHochberg } from '../../src/stats/index.js';

describe('Benjamini-Hochberg', () => {
  it('a hand-worked example: p(i) m / i from the largest down, as a running minimum', () => {
    // Sorted: 0.005 (1), 0.01 (2), 0.03 (3), 0.04 (4), 0.04 (5), 0.2 (6), 0.5 (7); m = 7.
    // p m / i: 0.035, 0.035, 0.07, 0.07, 0.056, 0.2333.., 0.5; running minimum from the top:
    // 0.5, 0.2333.., 0.056, 0.056, 0.056, 0.035, 0.035.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.2, 0.04]);
    const expected = [0.035, 0.056, 0.056, 0.035, 0.5, 0.7 / 3, 0.056];
    q.forEach((v, k) => expect(v, `p[${k}]`).toBeCloseTo(expected[k], 14));
  });

  it('matches R\'s p.adjust(p, "BH") (SciPy false_discovery_control) on the 15 p-values of Benjamini & Hochberg 1995', () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000];
    const expected = [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.07650000000000001, 0.486, 0.5811818181818181, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1.0];
    benjaminiHochberg(p).forEach((v, k) => expect(v, `p[${k}]`).toBeCloseTo(expected[k], 14));
    // In the paper, at q = 0.05 the first four are discoveries.
    expect(benjaminiHochberg(p).filter((v) => v <= 0.05)).toHaveLength(4);
  });

  it('leaves NaN (no test) as NaN and out of the count, and caps at 1', () => {
    const q = benjaminiHochberg([0.02, NaN, 0.04, 0.9]);
    // m = 3: 0.02 * 3 / 1 = 0.06, 0.04 * 3 / 2 = 0.06, 0.9.
    expect(q[0]).toBeCloseTo(0.06, 14);
    expect(q[1]).toBeNaN();
    expect(q[2]).toBeCloseTo(0.06, 14);
    expect(q[3]).toBeCloseTo(0.9, 14);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.8, 0.9])).toEqual([0.9, 0.9]);
  });

  fcTest.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 })])('adjusted values are at least the raw ones, at most 1, and keep their order', (p) => {
    const q = benjaminiHochberg(p);
    for (let i = 0; i < p.length; i++) {
      expect(q[i]).toBeGreaterThanOrEqual(p[i]);
      expect(q[i]).toBeLessThanOrEqual(1);
      for (let j = 0; j < p.length; j++) if (p[i] < p[j]) expect(q[i]).toBeLessThanOrEqual(q[j]);
    }
  });
});
