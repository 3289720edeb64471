/**
 * Sobol' indices against analytic values: the Ishigami function (Ishigami & Homma 1990; a = 7,
 * b = 0.1 on [−π, π]³) and Sobol's G-function (Saltelli & Sobol' 1995), whose first, total and
 * second-order indices are known in closed form; the sequence against Joe & Kuo's published
 * points; the design's row order; determinism and bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { ProblemError } from '../../src/io/problem.js';
import { problemOf as problem } from './helpers.js';
import { sobol, sobolDesign, sobolIndices, sobolSequence, type Factor, type SobolResult } from '../../src/index.js';

const PI = Math.PI;
const ISHIGAMI: Factor[] = ['x1', 'x2', 'x3'].map((name) => ({ name, min: -PI, max: PI }));
const ishigami = (x: Float64Array): number => Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);
// Analytic indices (V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2): e.g. Saltelli et al. 2008, "Global Sensitivity Analysis. The Primer", §4.
const ISHIGAMI_S1 = [0.3139, 0.4424, 0];
const ISHIGAMI_ST = [0.5576, 0.4424, 0.2437];
/** The documented sample size of the accuracy tests (sobol.ts): N = 2^13 base samples. */
const N_DOC = 2 ** 13;

const G_A = [0, 1, 4.5, 9, 99, 99, 99, 99];
const G_FACTORS: Factor[] = G_A.map((_, i) => ({ name: `x${i + 1}`, min: 0, max: 1 }));
const gFunction = (x: Float64Array): number => {
  let p = 1;
  for (let i = 0; i < G_A.length; i++) p *= (Math.abs(4 * x[i] - 2) + G_A[i]) / (1 + G_A[i]);
  return p;
};
/** Analytic G-function indices: V_i = (1/3)/(1 + a_i)², V = Π(1 + V_i) − 1. */
function gIndices(a: number[]): { first: number[]; total: number[] } {
  const vi = a.map((ai) => 1 / 3 / (1 + ai) ** 2);
  const v = vi.reduce((p, x) => p * (1 + x), 1) - 1;
  const first = vi.map((x) => x / v);
  const total = vi.map((x, i) => (x * vi.reduce((p, y, j) => (j === i ? p : p * (1 + y)), 1)) / v);
  return { first, total };
}

const maxError = (r: SobolResult, first: number[], total: number[]): number =>
  Math.max(...r.first.map((v, i) => Math.abs(v - first[i])), ...r.total.map((v, i) => Math.abs(v - total[i])));
const covers = ([lo, hi]: [number, number], truth: number): boolean => lo <= truth && truth <= hi;

describe('sobolSequence', () => {
  it('is Joe & Kuo\u2019s sequence under a digital shift: point n XOR point 0 gives the published points', () => {
    // The unshifted first points of dimensions 1, 2, 3, 80 and 200 (new-joe-kuo-6.21201).
    const published = [
      [0, 0, 0, 0, 0],
      [0.5, 0.5, 0.5, 0.5, 0.5],
      [0.75, 0.25, 0.25, 0.75, 0.25],
      [0.25, 0.75, 0.75, 0.25, 0.75],
      [0.375, 0.375, 0.625, 0.875, 0.875],
      [0.875, 0.875, 0.125, 0.375, 0.375],
      [0.625, 0.125, 0.875, 0.125, 0.625],
      [0.125, 0.625, 0.375, 0.625, 0.125],
    ];
    const dims = [0, 1, 2, 79, 199];
    const p = sobolSequence(8, 200, 'any seed');
    const bits = (n: number, d: number): number => Math.round(p[n * 200 + d] * 2 ** 32);
    const unshifted = published.map((_, n) => dims.map((d) => ((bits(n, d) ^ bits(0, d)) >>> 0) / 2 ** 32));
    expect(unshifted).toEqual(published);
    expect(dims.some((d) => p[d] !== 0)).toBe(true); // the shift moved the first point off the origin
  });

  it('keeps the net\u2019s balance: each of the 256 dyadic intervals holds one of the first 256 points, in every dimension', () => {
    const p = sobolSequence(256, 200, 'entente');
    for (let d = 0; d < 200; d++) {
      const cells = new Set<number>();
      for (let n = 0; n < 256; n++) cells.add(Math.floor(p[n * 200 + d] * 256));
      expect(cells.size).toBe(256);
    }
  });
});

describe('sobolDesign', () => {
  it('lays out A, B, AB_i and BA_i blocks of N rows in the factors\u2019 units', () => {
    const factors: Factor[] = [
      { name: 'p', min: 0, max: 1 },
      { name: 'q', min: -5, max: 5 },
      { name: 'r', min: 100, max: 200 },
    ];
    const N = 16;
    const k = 3;
    const d = sobolDesign(factors, { samples: N, secondOrder: true, seed: 3 });
    expect(d.rows).toBe(N * (2 * k + 2));
    expect(d.points.length).toBe(d.rows * k);
    expect(sobolDesign(factors, { samples: N }).rows).toBe(N * (k + 2));
    const at = (block: number, n: number, j: number): number => d.points[(block * N + n) * k + j];
    for (let n = 0; n < N; n++)
      for (let j = 0; j < k; j++) {
        expect(at(0, n, j)).toBeGreaterThanOrEqual(factors[j].min);
        expect(at(0, n, j)).toBeLessThan(factors[j].max);
        expect(at(0, n, j)).not.toBe(at(1, n, j));
        for (let i = 0; i < k; i++) {
          expect(at(2 + i, n, j)).toBe(j === i ? at(1, n, j) : at(0, n, j));
          expect(at(2 + k + i, n, j)).toBe(j === i ? at(0, n, j) : at(1, n, j));
        }
      }
  });

  it('supports 100 factors (a 200-dimensional sequence) and recovers a linear model\u2019s indices with 40', () => {
    expect(sobolDesign(Array.from({ length: 100 }, (_, i) => ({ name: `f${i}`, min: 0, max: 1 })), { samples: 4 }).rows).toBe(408);
    const c = Array.from({ length: 40 }, (_, i) => (i < 4 ? 4 - i : 0.1));
    const factors = c.map((_, i) => ({ name: `f${i}`, min: 0, max: 1 }));
    const r = sobol((x) => c.reduce((s, ci, i) => s + ci * x[i], 0), factors, { samples: 2 ** 11, resamples: 50 });
    const sum = c.reduce((s, ci) => s + ci * ci, 0);
    for (let i = 0; i < 40; i++) {
      // Additive model: S_i = S_Ti = c_i² / Σ c².
      expect(Math.abs(r.first[i] - (c[i] * c[i]) / sum)).toBeLessThan(0.02);
      expect(Math.abs(r.total[i] - (c[i] * c[i]) / sum)).toBeLessThan(0.02);
    }
  });
});

describe('sobol: analytic test functions', () => {
  it(`Ishigami at N = 2^13: S1, ST and second order within 0.02, every 95 % interval covering the truth`, () => {
    const r = sobol(ishigami, ISHIGAMI, { samples: N_DOC, secondOrder: true });
    expect(r.evaluations).toBe(N_DOC * 8);
    expect(r.factors).toEqual(['x1', 'x2', 'x3']);
    expect(maxError(r, ISHIGAMI_S1, ISHIGAMI_ST)).toBeLessThan(0.02);
    for (let i = 0; i < 3; i++) {
      expect(covers(r.firstInterval[i], ISHIGAMI_S1[i])).toBe(true);
      expect(covers(r.totalInterval[i], ISHIGAMI_ST[i])).toBe(true);
    }
    // The one interaction is x1·x3: S13 = ST3 = 0.2437, S12 = S23 = 0.
    const second = r.second ?? [];
    expect(second.map((s) => s.factors)).toEqual([
      ['x1', 'x2'],
      ['x1', 'x3'],
      ['x2', 'x3'],
    ]);
    const truth = [0, 0.2437, 0];
    second.forEach((s, p) => {
      expect(Math.abs(s.value - truth[p])).toBeLessThan(0.02);
      expect(covers(s.interval, truth[p])).toBe(true);
    });
  });

  it('Ishigami: the largest error shrinks from N = 2^8 to 2^11 to 2^14 (mean over two seeds)', () => {
    const summary = [2 ** 8, 2 ** 11, 2 ** 14].map((samples) => {
      const errors = ['entente', 'second'].map((seed) => maxError(sobol(ishigami, ISHIGAMI, { samples, seed, resamples: 1 }), ISHIGAMI_S1, ISHIGAMI_ST));
      return (errors[0] + errors[1]) / 2;
    });
    expect(summary[1]).toBeLessThan(summary[0]);
    expect(summary[2]).toBeLessThan(summary[1]);
    expect(summary[2]).toBeLessThan(0.005);
  });

  it('G-function a = [0, 1, 4.5, 9, 99, 99, 99, 99] at N = 2^13: S1 and ST within 0.02, intervals covering the truth', () => {
    const { first, total } = gIndices(G_A);
    const r = sobol(gFunction, G_FACTORS, { samples: N_DOC, resamples: 500 });
    expect(maxError(r, first, total)).toBeLessThan(0.02);
    for (let i = 0; i < G_A.length; i++) {
      expect(covers(r.firstInterval[i], first[i])).toBe(true);
      expect(covers(r.totalInterval[i], total[i])).toBe(true);
    }
    // The variance of the output is the analytic V = Π(1 + V_i) − 1 too.
    const v = G_A.reduce((p, a) => p * (1 + 1 / 3 / (1 + a) ** 2), 1) - 1;
    expect(Math.abs(r.variance - v) / v).toBeLessThan(0.02);
  });
});

/** Up to 5 factors with finite ranges min < max, of any scale. */
const factorsArb = fc
  .array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 5 })
  .map((ranges) => ranges.map(([min, width], i): Factor => ({ name: `f${i}`, min, max: min + width })));

describe('properties', () => {
  fcTest.prop([factorsArb, fc.integer({ min: 1, max: 40 }), fc.string(), fc.boolean()], { numRuns: 100 })(
    'every design point is a finite number inside its factor\u2019s range',
    (factors, samples, seed, secondOrder) => {
      const d = sobolDesign(factors, { samples, seed, secondOrder });
      const k = factors.length;
      expect(d.rows).toBe(samples * (secondOrder ? 2 * k + 2 : k + 2));
      d.points.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(factors[i % k].min);
        expect(v).toBeLessThanOrEqual(factors[i % k].max);
      });
    },
  );

  fcTest.prop([fc.double({ min: 0.01, max: 100, noNaN: true }), fc.boolean(), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.string()], {
    numRuns: 30,
  })('indices do not change when the output is scaled and shifted (y \u2192 c y + d)', (scale, negative, shift, seed) => {
    const d = sobolDesign(ISHIGAMI, { samples: 64, seed, secondOrder: true });
    const y = Array.from({ length: d.rows }, (_, r) => ishigami(d.points.subarray(r * 3, r * 3 + 3)));
    const c = negative ? -scale : scale;
    const a = sobolIndices(d, y, { resamples: 20, seed });
    const b = sobolIndices(d, y.map((v) => c * v + shift), { resamples: 20, seed });
    const close = (u: number, v: number): void => expect(Math.abs(u - v)).toBeLessThan(1e-6);
    a.first.forEach((v, i) => close(b.first[i], v));
    a.total.forEach((v, i) => close(b.total[i], v));
    (a.second ?? []).forEach((s, p) => close((b.second ?? [])[p].value, s.value));
    expect(Math.abs(b.variance / (c * c) - a.variance)).toBeLessThan(1e-9 * a.variance);
  });
});

describe('determinism', () => {
  it('same seed, same numbers; another seed, another design and other estimates', () => {
    const opts = { samples: 256, resamples: 100 };
    const a = sobol(ishigami, ISHIGAMI, { ...opts, seed: 7 });
    expect(sobol(ishigami, ISHIGAMI, { ...opts, seed: 7 })).toEqual(a);
    expect(sobol(ishigami, ISHIGAMI, { ...opts, seed: '7' })).toEqual(a);
    expect(sobolDesign(ISHIGAMI, { samples: 8 }).points).toEqual(sobolDesign(ISHIGAMI, { samples: 8, seed: 'entente' }).points);
    const d7 = sobolDesign(ISHIGAMI, { ...opts, seed: 7 });
    const d8 = sobolDesign(ISHIGAMI, { ...opts, seed: 8 });
    expect(d8.points).not.toEqual(d7.points);
    expect(sobol(ishigami, ISHIGAMI, { ...opts, seed: 8 }).first).not.toEqual(a.first);
    // The design and the estimator compose to sobol().
    const y = Array.from({ length: d7.rows }, (_, r) => ishigami(d7.points.subarray(r * 3, r * 3 + 3)));
    expect(sobolIndices(d7, y, { ...opts, seed: 7 })).toEqual(a);
    // Without a seed, the bootstrap takes the design's.
    expect(sobolIndices(d7, y, { resamples: 100 })).toEqual(a);
    expect(sobolIndices(d7, y, { resamples: 100, seed: 8 }).firstInterval).not.toEqual(a.firstInterval);
  });
});

describe('bad arguments', () => {
  const design = sobolDesign(ISHIGAMI, { samples: 4 });
  const y = new Array<number>(design.rows).fill(0).map((_, i) => i % 7);
  it('are ProblemErrors naming the argument', () => {
    const cases: [() => unknown, string, RegExp][] = [
      [() => sobolDesign([]), 'factors', /non-empty/],
      [() => sobolDesign([{ name: 'x', min: 1, max: 1 }]), 'factors[0].max', /min < max/],
      [() => sobolDesign([{ name: 'x', min: NaN, max: 1 }]), 'factors[0].min', /finite/],
      [() => sobolDesign([{ name: 'x', min: 0, max: Infinity }]), 'factors[0].max', /finite/],
      [() => sobolDesign([{ name: 'x', min: 0, max: 1 }, { name: 'x', min: 0, max: 1 }]), 'factors[1].name', /earlier factor/],
      [() => sobolDesign(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, min: 0, max: 1 }))), 'factors', /at most 100/],
      [() => sobolDesign(ISHIGAMI, { samples: 0 }), 'samples', /positive integer, got 0/],
      [() => sobolDesign(ISHIGAMI, { samples: 2.5 }), 'samples', /positive integer/],
      [() => sobolDesign(ISHIGAMI, { seed: {} as unknown as string }), 'seed', /string or a finite number/],
      [() => sobolIndices(design, y.slice(1)), 'y', /one value per design row \(20\), got 19/],
      [() => sobolIndices(design, y.map((v, i) => (i === 13 ? NaN : v))), 'y[13]', /design row 13/],
      [() => sobolIndices(design, new Array<number>(20).fill(1)), 'y', /zero variance/],
      [() => sobolIndices(design, y, { resamples: 0 }), 'resamples', /positive integer/],
      [() => sobolIndices(design, y, { level: 1 }), 'level', /strictly between 0 and 1/],
      [() => sobolIndices(design, y, { secondOrder: true }), 'secondOrder', /secondOrder: true/],
      [() => sobolIndices({ ...design, rows: 21 }, y), 'design.rows', /must be 20/],
      [() => sobol(() => Infinity, ISHIGAMI, { samples: 4 }), 'y[0]', /not a finite number: Infinity/],
    ];
    for (const [f, path, message] of cases) {
      const p = problem(f);
      expect(p.path).toBe(path);
      expect(p.message).toMatch(message);
    }
  });
});
