/**
 * Richardson's arms-race equations (src/model/richardson.ts; Richardson 1960, Arms and
 * Insecurity): a hand-checked example, and properties over random coefficients. Stable
 * coefficients (m n > a b) stepped inside the discrete stability region converge to the analytic
 * equilibrium from any start; the equilibrium is a fixed point of the step up to rounding; a
 * stable race stepped too coarsely diverges; unstable coefficients (m n < a b) run away from
 * any non-negative start when g + h > 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  levelOfTension, richardsonEigenvalues, richardsonEquilibrium, richardsonMaxStep, richardsonStable, richardsonStep,
  SHOCK_TENSION_CAP, shockLevels, tensionOfLevels, type RichardsonCoefficients,
} from '../../src/model/richardson.js';
import { defaultParams } from '../../src/model/params.js';

const EPS = Number.EPSILON;
/**
 * A number in [min, max] on a grid of a million points, ends included: properties explore the
 * model's coefficients, not floating-point corners (subnormal grievances and the like).
 */
const num = (min: number, max: number) => fc.integer({ min: 0, max: 1e6 }).map((k) => (k === 1e6 ? max : min + ((max - min) * k) / 1e6));

/** Spectral radius of I + dt J: the factor by which the distance to the equilibrium shrinks per step, eventually. */
function radius(k: RichardsonCoefficients, dt: number): number {
  const [slow, fast] = richardsonEigenvalues(k);
  return Math.max(Math.abs(1 + dt * slow), Math.abs(1 + dt * fast));
}

/**
 * Stable coefficients by construction, no filtering: m, n in [0.01, 1], a = sqrt(m n) p q and
 * b = sqrt(m n) p / q, so a b = p^2 m n with p <= 0.95 (m n - a b >= 0.0975 m n: a margin that
 * keeps the equilibrium well conditioned and convergence within a few hundred thousand steps).
 */
const stable = fc.record({
  m: num(0.01, 1), n: num(0.01, 1), p: num(0, 0.95), q: num(0.5, 2), g: num(0, 1), h: num(0, 1),
}).map(({ m, n, p, q, g, h }): RichardsonCoefficients => {
  const r = Math.sqrt(m * n);
  return { a: r * p * q, b: (r * p) / q, m, n, g, h };
});

/** Unstable coefficients: a, b in [0.1, 1], m n = r a b with r <= 0.5, g > 0 (so g + h > 0). */
const unstable = fc.record({
  a: num(0.1, 1), b: num(0.1, 1), r: num(0, 0.5), q: num(0.5, 2), g: num(0.01, 1), h: num(0, 1),
}).map(({ a, b, r, q, g, h }): RichardsonCoefficients => {
  const s = Math.sqrt(a * b * r);
  return { a, b, m: s * q, n: s / q, g, h };
});

describe('richardson: a hand-checked example', () => {
  // a = 0.2, b = 0.1, m = 0.5, n = 0.4, g = 0.3, h = 0.1: m n - a b = 0.18,
  // x* = (0.2 * 0.1 + 0.4 * 0.3) / 0.18 = 7/9, y* = (0.1 * 0.3 + 0.5 * 0.1) / 0.18 = 4/9.
  // J = [[-0.5, 0.2], [0.1, -0.4]] has eigenvalues (-0.9 +- 0.3) / 2 = -0.3 and -0.6, so the
  // Euler step converges for dt < 2 / 0.6 = 10/3.
  const k: RichardsonCoefficients = { a: 0.2, b: 0.1, m: 0.5, n: 0.4, g: 0.3, h: 0.1 };

  it('steps on the old values: from (1, 2), x = 1 + (0.4 - 0.5 + 0.3), y = 2 + (0.1 - 0.8 + 0.1)', () => {
    const [x, y] = richardsonStep(1, 2, k, 1);
    expect(x).toBeCloseTo(1.2, 15);
    expect(y).toBeCloseTo(1.4, 15);
    const [x2, y2] = richardsonStep(1, 2, k, 0.5);
    expect(x2).toBeCloseTo(1.1, 15);
    expect(y2).toBeCloseTo(1.7, 15);
  });

  it('has the equilibrium (7/9, 4/9), eigenvalues -0.3 and -0.6 and largest step 10/3', () => {
    const [x, y] = richardsonEquilibrium(k)!;
    expect(x).toBeCloseTo(7 / 9, 14);
    expect(y).toBeCloseTo(4 / 9, 14);
    const [slow, fast] = richardsonEigenvalues(k);
    expect(slow).toBeCloseTo(-0.3, 14);
    expect(fast).toBeCloseTo(-0.6, 14);
    expect(richardsonMaxStep(k)).toBeCloseTo(10 / 3, 12);
  });

  it('converges at dt = 3 (eigenvalues 0.1 and -0.8) and diverges at dt = 3.5 (-1.1), though the continuous race is stable', () => {
    expect(richardsonStable(k, 3)).toBe(true);
    expect(richardsonStable(k, 3.5)).toBe(false);
    let [x, y] = [0, 0];
    for (let t = 0; t < 400; t++) [x, y] = richardsonStep(x, y, k, 3);
    expect(x).toBeCloseTo(7 / 9, 12);
    expect(y).toBeCloseTo(4 / 9, 12);
    [x, y] = [0, 0];
    for (let t = 0; t < 400; t++) [x, y] = richardsonStep(x, y, k, 3.5);
    expect(Math.abs(x) + Math.abs(y)).toBeGreaterThan(1e10);
  });

  it('has no equilibrium when m n <= a b, and is then unstable at every step', () => {
    const race = { a: 0.5, b: 0.4, m: 0.2, n: 0.3, g: 0.1, h: 0 };
    expect(richardsonEquilibrium(race)).toBeNull();
    expect(richardsonEquilibrium({ ...race, m: 0.4, n: 0.5 })).toBeNull(); // m n = a b
    for (const dt of [0.01, 0.1, 1, 10]) expect(richardsonStable(race, dt)).toBe(false);
  });

  it('the model defaults are stable with the model\'s step dt = 1: mean level g / (m - a) = 0.5, tension 1 - 2^-0.5', () => {
    const p = defaultParams();
    const k0 = {
      a: p.richardsonReaction, b: p.richardsonReaction, m: p.richardsonFatigue, n: p.richardsonFatigue,
      g: p.richardsonGrievance, h: p.richardsonGrievance,
    };
    expect(richardsonStable(k0, 1)).toBe(true);
    const [x, y] = richardsonEquilibrium(k0)!;
    expect(x).toBeCloseTo(0.5, 12);
    expect(y).toBeCloseTo(0.5, 12);
    expect(tensionOfLevels(x, y)).toBeCloseTo(1 - Math.SQRT1_2, 12);
  });
});

describe('richardson: tension from levels, and shocks', () => {
  it('maps levels to tension: 0 at no arming, 1/2 at mean level 1, exactly 1 for a runaway race, never above', () => {
    expect(tensionOfLevels(0, 0)).toBe(0);
    expect(tensionOfLevels(1, 1)).toBe(0.5);
    expect(tensionOfLevels(0, 2)).toBe(0.5);
    expect(tensionOfLevels(60, 60)).toBe(1);
    expect(tensionOfLevels(1e6, 1e6)).toBe(1);
    expect(levelOfTension(0.5)).toBe(1);
    expect(levelOfTension(0.75)).toBe(2);
    expect(levelOfTension(1)).toBe(levelOfTension(SHOCK_TENSION_CAP));
    expect(levelOfTension(1)).toBeCloseTo(10, 12);
  });

  it('a shock moves tension by dX through the levels, keeping their ratio', () => {
    expect(shockLevels(1, 1, 0.25)).toEqual([2, 2]);
    const [x, y] = shockLevels(1, 3, -0.25); // tension 0.75 -> 0.5: mean level 2 -> 1
    expect(x).toBeCloseTo(0.5, 14);
    expect(y).toBeCloseTo(1.5, 14);
    expect(shockLevels(0, 0, 0.5)).toEqual([1, 1]);
    expect(shockLevels(0, 0, -0.5)).toEqual([0, 0]);
    expect(shockLevels(20, 20, 0.1)).toEqual([20, 20]); // above the cap: a rise does not lower levels
    const [a, b] = shockLevels(20, 20, -0.5);
    expect(tensionOfLevels(a, b)).toBeCloseTo(0.5, 5);
  });

  it('property: a shock gives tension X + dX (clamped, capped) and levels that stay non-negative', () => {
    fc.assert(fc.property(num(0, 12), num(0, 12), num(-1, 1), (x, y, dX) => {
      const [x2, y2] = shockLevels(x, y, dX);
      expect(x2).toBeGreaterThanOrEqual(0);
      expect(y2).toBeGreaterThanOrEqual(0);
      const X = tensionOfLevels(x, y);
      const want = Math.min(SHOCK_TENSION_CAP, Math.max(0, X + dX));
      if (dX >= 0 && want <= X) expect([x2, y2]).toEqual([x, y]);
      else expect(tensionOfLevels(x2, y2)).toBeCloseTo(want, 9);
    }));
  });
});

describe('richardson: properties', () => {
  it('stable coefficients and dt inside the discrete region: converge to the analytic equilibrium from any start', () => {
    fc.assert(fc.property(stable, num(0.05, 0.95), num(-100, 100), num(-100, 100), (k, f, x0, y0) => {
      const dt = f * richardsonMaxStep(k);
      expect(richardsonStable(k, dt)).toBe(true);
      const [xs, ys] = richardsonEquilibrium(k)!;
      // Tolerance. The distance to the equilibrium shrinks by the spectral radius rho of I + dt J
      // per step; after K = 2 ln(1e-14) / ln(rho) steps the transient is below 1e-28 of the start
      // (the factor 2 covers the polynomial growth k rho^k of a nearly defective J). What is left
      // is rounding at the fixed point: each step errs by a few eps times the size of its terms,
      // and the iteration carries that as 1 / (dt |lambda_slow|) <= 1e4 times over (by the
      // construction's margin), so about 1e-12 relative; 1e-9 leaves a factor of 1000.
      const rho = radius(k, dt);
      const steps = Math.ceil((2 * Math.log(1e-14)) / Math.log(rho)) + 10;
      expect(steps).toBeLessThan(2e6);
      let x = x0, y = y0;
      for (let t = 0; t < steps; t++) [x, y] = richardsonStep(x, y, k, dt);
      const tol = 1e-9 * (1 + Math.abs(xs) + Math.abs(ys));
      expect(Math.abs(x - xs)).toBeLessThanOrEqual(tol);
      expect(Math.abs(y - ys)).toBeLessThanOrEqual(tol);
    }));
  });

  it('the equilibrium is a fixed point of the step, up to rounding, at any step length', () => {
    fc.assert(fc.property(stable, num(1e-6, 100), (k, dt) => {
      const [xs, ys] = richardsonEquilibrium(k)!;
      const [x, y] = richardsonStep(xs, ys, k, dt);
      // Rounding bound: the residual a y* - m x* + g is zero in exact arithmetic; computed, it errs by a
      // few eps times its terms, times the conditioning (m n + a b) / (m n - a b) of the equilibrium's
      // denominator (x* and y* each carry that relative error). 16 eps covers the handful of operations.
      const kappa = (k.m * k.n + k.a * k.b) / (k.m * k.n - k.a * k.b);
      const bx = 16 * EPS * kappa * (Math.abs(xs) + dt * (k.a * Math.abs(ys) + k.m * Math.abs(xs) + k.g));
      const by = 16 * EPS * kappa * (Math.abs(ys) + dt * (k.b * Math.abs(xs) + k.n * Math.abs(ys) + k.h));
      expect(Math.abs(x - xs)).toBeLessThanOrEqual(bx);
      expect(Math.abs(y - ys)).toBeLessThanOrEqual(by);
    }));
  });

  it('stable coefficients stepped too coarsely (dt past the largest step) diverge: both conditions are needed', () => {
    const coupled = stable.filter((k) => k.a * k.b > 1e-6);
    fc.assert(fc.property(coupled, num(1.05, 3), (k, f) => {
      const dt = f * richardsonMaxStep(k);
      expect(richardsonStable(k, dt)).toBe(false);
      const [xs, ys] = richardsonEquilibrium(k)!;
      // (1, -1) off the equilibrium has a component along the fast eigenvector, whose factor
      // 1 + dt lambda_fast is below -1.1.
      let x = xs + 1, y = ys - 1;
      let t = 0;
      while (Math.abs(x - xs) + Math.abs(y - ys) <= 1e6 && t < 5000) { [x, y] = richardsonStep(x, y, k, dt); t++; }
      expect(Math.abs(x - xs) + Math.abs(y - ys)).toBeGreaterThan(1e6);
    }));
  });

  it('richardsonStable agrees with the largest step for stable coefficients', () => {
    fc.assert(fc.property(stable, num(0.01, 3), (k, f) => {
      fc.pre(Math.abs(f - 1) > 1e-9);
      expect(richardsonStable(k, f * richardsonMaxStep(k))).toBe(f < 1);
    }));
  });

  it('unstable coefficients (m n < a b) from a non-negative start with g + h > 0: |x| + |y| exceeds any bound', () => {
    fc.assert(fc.property(unstable, num(0.25, 1), num(0, 10), num(0, 10), num(1, 1e12), (k, dt, x0, y0, bound) => {
      expect(richardsonEquilibrium(k)).toBeNull();
      expect(richardsonStable(k, dt)).toBe(false);
      let x = x0, y = y0;
      let t = 0;
      while (Math.abs(x) + Math.abs(y) <= bound && t < 1e6) { [x, y] = richardsonStep(x, y, k, dt); t++; }
      expect(Math.abs(x) + Math.abs(y), `after ${t} steps`).toBeGreaterThan(bound);
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    }));
  });
});
