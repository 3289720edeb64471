/**
 * Morris screening: the trajectories' shape, exact measures on a linear model, the G-function's
 * known importance ranking and analytic μ*, determinism and bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { ProblemError } from '../../src/io/problem.js';
import { problemOf as problem } from './helpers.js';
import { morris, morrisDesign, morrisIndices, type Factor } from '../../src/index.js';

const G_A = [0, 1, 4.5, 9, 99, 99, 99, 99];
const G_FACTORS: Factor[] = G_A.map((_, i) => ({ name: `x${i + 1}`, min: 0, max: 1 }));
const gFunction = (x: Float64Array): number => {
  let p = 1;
  for (let i = 0; i < G_A.length; i++) p *= (Math.abs(4 * x[i] - 2) + G_A[i]) / (1 + G_A[i]);
  return p;
};
/**
 * Analytic μ* of the G-function on the p = 4 grid {0, 1/3, 2/3, 1} with Δ = 2/3: every step
 * changes |4x − 2| by 4/3, so |EE_i| = (2/(1 + a_i)) Π_{j≠i} g_j, and the other factors sit on
 * independent uniform levels where g_j averages (4/3 + a_j)/(1 + a_j).
 */
const G_MU_STAR = G_A.map((ai, i) => (2 / (1 + ai)) * G_A.reduce((p, aj, j) => (j === i ? p : (p * (4 / 3 + aj)) / (1 + aj)), 1));

const FACTORS: Factor[] = [
  { name: 'a', min: 0, max: 1 },
  { name: 'b', min: -10, max: 10 },
  { name: 'c', min: 5, max: 6 },
];

describe('morrisDesign', () => {
  it('draws r trajectories of k + 1 grid points, each step moving one factor by ±Δ of its range', () => {
    const r = 12;
    const k = 3;
    const d = morrisDesign(FACTORS, { samples: r, levels: 6 });
    expect([d.rows, d.points.length, d.levels, d.delta]).toEqual([r * (k + 1), r * (k + 1) * k, 6, 6 / 10]);
    const unit = (row: number, j: number): number => (d.points[row * k + j] - FACTORS[j].min) / (FACTORS[j].max - FACTORS[j].min);
    for (let row = 0; row < d.rows; row++)
      for (let j = 0; j < k; j++) {
        const level = unit(row, j) * 5;
        expect(Math.abs(level - Math.round(level))).toBeLessThan(1e-9);
        expect(level).toBeGreaterThan(-1e-9);
        expect(level).toBeLessThan(5 + 1e-9);
      }
    for (let t = 0; t < r; t++) {
      const movedThisTrajectory = new Set<number>();
      for (let s = 0; s < k; s++) {
        const row = t * (k + 1) + s;
        const changed = [0, 1, 2].filter((j) => d.points[row * k + j] !== d.points[(row + 1) * k + j]);
        expect(changed).toEqual([d.moved[t * k + s]]);
        const j = changed[0];
        expect(unit(row + 1, j) - unit(row, j)).toBeCloseTo(d.direction[t * k + s] * d.delta, 12);
        movedThisTrajectory.add(j);
      }
      expect(movedThisTrajectory.size).toBe(k);
    }
  });
});

describe('morris', () => {
  it('gives a linear model\u2019s exact effects in units of each range: μ = μ* = |c| (max − min) up to sign, σ = 0', () => {
    const c = [3, -0.5, 2];
    const m = morris((x) => c[0] * x[0] + c[1] * x[1] + c[2] * x[2], FACTORS, { samples: 8 });
    const expected = c.map((ci, j) => ci * (FACTORS[j].max - FACTORS[j].min));
    m.mu.forEach((v, j) => expect(v).toBeCloseTo(expected[j], 9));
    m.muStar.forEach((v, j) => expect(v).toBeCloseTo(Math.abs(expected[j]), 9));
    m.sigma.forEach((v) => expect(v).toBeLessThan(1e-9));
    expect([m.samples, m.levels, m.evaluations, m.factors]).toEqual([8, 4, 32, ['a', 'b', 'c']]);
  });

  it('σ is the standard deviation (divisor r − 1) of the effects read off the design, μ and μ* their mean and mean magnitude', () => {
    const f = (x: Float64Array): number => x[0] * x[1] + Math.sin(x[2]);
    const d = morrisDesign(FACTORS, { samples: 7, seed: 'sd' });
    const k = 3;
    const y = Array.from({ length: d.rows }, (_, row) => f(d.points.subarray(row * k, row * k + k)));
    const m = morrisIndices(d, y);
    const ee: number[][] = [[], [], []];
    for (let row = 0; row < d.rows; row++) {
      if (row % (k + 1) === k) continue;
      for (let j = 0; j < k; j++) {
        const dx = (d.points[(row + 1) * k + j] - d.points[row * k + j]) / (FACTORS[j].max - FACTORS[j].min);
        if (dx !== 0) ee[j].push((y[row + 1] - y[row]) / dx);
      }
    }
    for (let j = 0; j < k; j++) {
      expect(ee[j]).toHaveLength(7);
      const mean = ee[j].reduce((s, v) => s + v, 0) / 7;
      expect(m.mu[j]).toBeCloseTo(mean, 9);
      expect(m.muStar[j]).toBeCloseTo(ee[j].reduce((s, v) => s + Math.abs(v), 0) / 7, 9);
      expect(m.sigma[j]).toBeCloseTo(Math.sqrt(ee[j].reduce((s, v) => s + (v - mean) ** 2, 0) / 6), 9);
      expect(m.muStarInterval[j][0]).toBeLessThanOrEqual(m.muStar[j]);
      expect(m.muStarInterval[j][1]).toBeGreaterThanOrEqual(m.muStar[j]);
    }
    expect(morris(f, FACTORS, { samples: 1 }).sigma.every(Number.isNaN)).toBe(true);
  });

  it('ranks the G-function\u2019s factors by a (r = 50, p = 4): μ* near the analytic values, a = 99 near 0', () => {
    const m = morris(gFunction, G_FACTORS, { samples: 50 });
    for (let i = 0; i < 3; i++) expect(m.muStar[i]).toBeGreaterThan(m.muStar[i + 1]);
    for (let i = 4; i < 8; i++) {
      expect(m.muStar[3]).toBeGreaterThan(5 * m.muStar[i]);
      expect(m.muStar[i]).toBeLessThan(0.02 * m.muStar[0]);
    }
    m.muStar.forEach((v, i) => {
      expect(Math.abs(v - G_MU_STAR[i]) / G_MU_STAR[i]).toBeLessThan(0.2);
      expect(m.muStarInterval[i][0]).toBeLessThanOrEqual(G_MU_STAR[i]);
      expect(m.muStarInterval[i][1]).toBeGreaterThanOrEqual(G_MU_STAR[i]);
    });
  });

  it('is deterministic: same seed same numbers, another seed another design', () => {
    const a = morris(gFunction, G_FACTORS, { samples: 5, seed: 11, resamples: 50 });
    expect(morris(gFunction, G_FACTORS, { samples: 5, seed: '11', resamples: 50 })).toEqual(a);
    expect(morrisDesign(G_FACTORS, { seed: 12 }).points).not.toEqual(morrisDesign(G_FACTORS, { seed: 11 }).points);
    expect(morrisDesign(G_FACTORS).points).toEqual(morrisDesign(G_FACTORS, { seed: 'entente' }).points);
    const d = morrisDesign(G_FACTORS, { samples: 5, seed: 11 });
    const y = Array.from({ length: d.rows }, (_, r) => gFunction(d.points.subarray(r * 8, r * 8 + 8)));
    expect(morrisIndices(d, y, { resamples: 50 })).toEqual(a); // the bootstrap takes the design's seed
    expect(morrisIndices(d, y, { resamples: 50, seed: 12 }).muStarInterval).not.toEqual(a.muStarInterval);
  });
});

describe('properties', () => {
  const factorsArb = fc
    .array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 6 })
    .map((ranges) => ranges.map(([min, width], i): Factor => ({ name: `f${i}`, min, max: min + width })));

  fcTest.prop([factorsArb, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 }), fc.string()], { numRuns: 100 })(
    'every point lies in its factor\u2019s range and every trajectory moves each factor exactly once',
    (factors, samples, halfLevels, seed) => {
      const d = morrisDesign(factors, { samples, levels: 2 * halfLevels, seed });
      const k = factors.length;
      d.points.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(factors[i % k].min);
        expect(v).toBeLessThanOrEqual(factors[i % k].max);
      });
      for (let t = 0; t < samples; t++) expect(new Set(d.moved.subarray(t * k, t * k + k)).size).toBe(k);
    },
  );

  fcTest.prop([fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.string()], { numRuns: 30 })(
    'y \u2192 c y + d scales \u03bc by c and \u03bc*, \u03c3 by |c|',
    (c, shift, seed) => {
      const d = morrisDesign(G_FACTORS, { samples: 6, seed });
      const y = Array.from({ length: d.rows }, (_, r) => gFunction(d.points.subarray(r * 8, r * 8 + 8)));
      const a = morrisIndices(d, y, { resamples: 20 });
      const b = morrisIndices(d, y.map((v) => c * v + shift), { resamples: 20 });
      const close = (u: number, v: number): void => expect(Math.abs(u - v)).toBeLessThan(1e-6 * (1 + Math.abs(v)));
      a.mu.forEach((v, i) => close(b.mu[i], c * v));
      a.muStar.forEach((v, i) => close(b.muStar[i], Math.abs(c) * v));
      a.sigma.forEach((v, i) => close(b.sigma[i], Math.abs(c) * v));
    },
  );
});

describe('bad arguments', () => {
  const design = morrisDesign(FACTORS, { samples: 2 });
  const y = Array.from({ length: design.rows }, (_, i) => i);
  it('are ProblemErrors naming the argument', () => {
    const cases: [() => unknown, string, RegExp][] = [
      [() => morrisDesign([]), 'factors', /non-empty/],
      [() => morrisDesign([{ name: 'x', min: 2, max: 1 }]), 'factors[0].max', /min < max/],
      [() => morrisDesign(FACTORS, { levels: 5 }), 'levels', /even integer/],
      [() => morrisDesign(FACTORS, { levels: 0 }), 'levels', /positive integer/],
      [() => morrisDesign(FACTORS, { samples: -1 }), 'samples', /positive integer, got -1/],
      [() => morrisIndices(design, y.slice(2)), 'y', /one value per design row \(8\), got 6/],
      [() => morrisIndices(design, y.map((v, i) => (i === 5 ? NaN : v))), 'y[5]', /design row 5/],
      [() => morrisIndices(design, y, { level: 0 }), 'level', /strictly between/],
      [() => morrisIndices({ ...design, rows: 9 }, y), 'design', /r \(k \+ 1\) rows/],
      [() => morris(() => NaN, FACTORS), 'y[0]', /not a finite number: NaN/],
      [() => morris(undefined as unknown as (x: Float64Array) => number, FACTORS), 'model', /must be a function/],
    ];
    for (const [f, path, message] of cases) {
      const p = problem(f);
      expect(p.path).toBe(path);
      expect(p.message).toMatch(message);
    }
  });
});
