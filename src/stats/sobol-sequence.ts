/**
 * The Sobol' low-discrepancy sequence in base 2 (I. M. Sobol', "On the distribution of points in
 * a cube and the approximate evaluation of integrals", USSR Comput. Math. Math. Phys. 7 (1967)
 * 86–112), generated in Gray-code order (Antonov & Saleev 1979; Bratley & Fox 1988, Algorithm
 * 659) from Joe & Kuo's direction numbers (sobol-directions.ts), with 32-bit integers, and
 * randomised by a seeded random digital shift.
 *
 * Randomisation: each dimension d gets one 32-bit integer e_d drawn from seedrandom's Alea
 * seeded with the seed, and every point's 32-bit integer coordinate is XORed with it (a random
 * digital shift, e.g. Dick & Pillichshammer 2010, "Digital Nets and Sequences", §4.4 / Owen 2003).
 * A digital shift keeps the (t, m, s)-net property of every block of 2^m points, makes each point
 * uniformly distributed on [0, 1)^s, and lets the seed change the design; the first point is no
 * longer the origin, so no point is skipped.
 */
import seedrandom from 'seedrandom';
import { badArgument } from './argument.js';
import { JOE_KUO_TABLE } from './sobol-directions.js';

/** Number of dimensions the direction-number table supports. */
export const MAX_SOBOL_DIMENSIONS = 200;

/** Bits of each coordinate: the resolution of a point is 2^−32. */
const BITS = 32;
const TWO_POW_32 = 4294967296;

let directionCache: Uint32Array[] | null = null;

/**
 * The 32 direction integers v_{d,1..32} (v = m · 2^{32−j}) of each dimension, from the table and
 * the recurrence m_j = 2a_1 m_{j−1} ⊕ 2²a_2 m_{j−2} ⊕ … ⊕ 2^s m_{j−s} ⊕ m_{j−s} (Bratley & Fox 1988),
 * computed once.
 */
function directions(): Uint32Array[] {
  if (directionCache) return directionCache;
  const dims: Uint32Array[] = [];
  const first = new Uint32Array(BITS);
  for (let j = 0; j < BITS; j++) first[j] = 2 ** (BITS - 1 - j);
  dims.push(first);
  for (const line of JOE_KUO_TABLE.trim().split('\n')) {
    const [, s, a, ...m] = line.trim().split(/\s+/).map(Number);
    const v = new Uint32Array(BITS);
    for (let j = 0; j < Math.min(s, BITS); j++) v[j] = m[j] * 2 ** (BITS - 1 - j);
    for (let j = s; j < BITS; j++) {
      let x = v[j - s] ^ (v[j - s] >>> s);
      for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) x ^= v[j - l];
      v[j] = x >>> 0;
    }
    dims.push(v);
  }
  directionCache = dims;
  return dims;
}

/**
 * The per-dimension digital shifts drawn from `seedrandom.alea(seed)`: one unsigned 32-bit
 * integer per dimension, dimension after dimension.
 */
export function digitalShifts(dimensions: number, seed: string): Uint32Array {
  const rng = seedrandom.alea(seed);
  const out = new Uint32Array(dimensions);
  for (let d = 0; d < dimensions; d++) out[d] = rng.int32() >>> 0;
  return out;
}

/**
 * The first `count` points of the `dimensions`-dimensional Sobol' sequence, digitally shifted by
 * the integers drawn from `seed` (see the module comment), as a row-major `count × dimensions`
 * array of numbers in [0, 1). Points are in Gray-code order: point n's integer coordinate is the
 * XOR of the direction integers selected by the bits of n ⊕ ⌊n/2⌋, so every block of 2^m first
 * points is the same set as in the natural order. Deterministic: same arguments, same numbers.
 *
 * `count` is a positive integer up to 2^31; `dimensions` an integer from 1 to
 * {@link MAX_SOBOL_DIMENSIONS}. Sample sizes that are powers of two keep the net's balance.
 */
export function sobolSequence(count: number, dimensions: number, seed: string): Float64Array {
  if (!Number.isInteger(count) || count < 1 || count > 2 ** 31) throw badArgument('count', `count must be a positive integer up to 2^31, got ${count}`);
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_SOBOL_DIMENSIONS)
    throw badArgument('dimensions', `dimensions must be an integer from 1 to ${MAX_SOBOL_DIMENSIONS}, got ${dimensions}`);
  const v = directions();
  const shift = digitalShifts(dimensions, seed);
  const state = new Uint32Array(dimensions);
  const out = new Float64Array(count * dimensions);
  for (let n = 0; n < count; n++) {
    if (n > 0) {
      // Gray code: point n differs from point n − 1 by the direction of the lowest zero bit of n − 1.
      let c = 0;
      let m = n - 1;
      while (m & 1) {
        m >>>= 1;
        c++;
      }
      for (let d = 0; d < dimensions; d++) state[d] ^= v[d][c];
    }
    const row = n * dimensions;
    for (let d = 0; d < dimensions; d++) out[row + d] = ((state[d] ^ shift[d]) >>> 0) / TWO_POW_32;
  }
  return out;
}
