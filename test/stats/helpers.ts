/** Deterministic samples for the statistics tests (seedrandom's Alea, as the module under test). */
import seedrandom from 'seedrandom';
import { expect } from 'vitest';
import { ProblemError } from '../../src/io/problem.js';

/** n draws from Normal(mu, sigma) by the Box–Muller transform. */
export function normalSample(seed: string, n: number, mu = 0, sigma = 1): Float64Array {
  const rng = seedrandom.alea(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - rng();
    const v = rng();
    out[i] = mu + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  return out;
}

/** n draws from the exponential distribution with the given mean, by inversion. */
export function exponentialSample(seed: string, n: number, mean = 1): Float64Array {
  const rng = seedrandom.alea(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = -mean * Math.log(1 - rng());
  return out;
}

/** The bytes of a record of numbers, to compare results bit for bit. */
export function bytesOf(values: readonly (number | null)[]): string {
  return Buffer.from(Float64Array.from(values, (v) => (v === null ? -0.5 : v)).buffer).toString('hex');
}

/** The first problem of the ProblemError that `f` throws (failing the test if it throws anything else, or nothing). */
export function problemOf(f: () => unknown): { path: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).problems[0];
  }
  throw new Error('did not throw');
}
