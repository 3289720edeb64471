/**
 * The bootstrap of a sample mean: resampling with seedrandom's Alea generator, and the BCa and
 * percentile intervals from the resampled means. Everything here is a pure function of its
 * inputs and the seed string: no Math.random, no clock.
 */
import seedrandom from 'seedrandom';
import { quantileSorted, sumNthPowerDeviations } from 'simple-statistics';
import { normalCdf, normalQuantile } from './normal.js';
import { badArgument } from './argument.js';

/** How a bootstrap confidence interval is drawn. */
export interface BootstrapOptions {
  /** Seed of the Alea generator (`seedrandom.alea(seed)`): same inputs and seed, same numbers. */
  seed: string;
  /** Number of bootstrap resamples B; a positive integer, default 2000. */
  resamples?: number;
  /** Confidence level, strictly between 0 and 1; default 0.95. */
  level?: number;
  /**
   * `'bca'` (default): bias-corrected and accelerated percentile interval (Efron 1987; Efron &
   * Tibshirani 1993, ch. 14). `'percentile'`: the plain percentile interval.
   */
  method?: 'bca' | 'percentile';
}

export interface ResolvedBootstrap {
  seed: string;
  resamples: number;
  level: number;
  method: 'bca' | 'percentile';
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_LEVEL = 0.95;

/** Checks and fills in bootstrap options; throws a ProblemError naming the bad option. */
export function resolveOptions(opts: BootstrapOptions): ResolvedBootstrap {
  if (opts === null || typeof opts !== 'object') throw badArgument('options', 'options with a seed are required');
  const { seed, resamples = DEFAULT_RESAMPLES, level = DEFAULT_LEVEL, method = 'bca' } = opts;
  if (typeof seed !== 'string') throw badArgument('seed', `seed must be a string, got ${typeof seed}`);
  if (!Number.isInteger(resamples) || resamples < 1) throw badArgument('resamples', `resamples must be a positive integer, got ${resamples}`);
  if (typeof level !== 'number' || !(level > 0 && level < 1)) throw badArgument('level', `level must be strictly between 0 and 1, got ${level}`);
  if (method !== 'bca' && method !== 'percentile') throw badArgument('method', `method must be 'bca' or 'percentile', got ${String(method)}`);
  return { seed, resamples, level, method };
}

/** Copies a sample into a Float64Array, throwing a ProblemError at the first value that is not a finite number. */
export function toFiniteArray(values: ArrayLike<number>, name: string): Float64Array {
  if (values === null || values === undefined || typeof values.length !== 'number') throw badArgument(name, `${name} must be an array of numbers`);
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw badArgument(`${name}[${i}]`, `${name}[${i}] is not a finite number: ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/**
 * B bootstrap means of `x`, sorted ascending. Resample b draws n indices ⌊u · n⌋ from one Alea
 * stream seeded with `seed` (resample after resample, index after index) and sums the values
 * left to right, so the result is identical bit for bit for the same `x`, `resamples` and `seed`.
 */
export function bootstrapMeans(x: Float64Array, resamples: number, seed: string): Float64Array {
  const n = x.length;
  const out = new Float64Array(resamples);
  if (n === 0) return out.fill(NaN);
  const rng = seedrandom.alea(seed);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[(rng() * n) | 0];
    out[b] = s / n;
  }
  return out.sort();
}

/**
 * The jackknife acceleration â of the mean of `x` (Efron & Tibshirani 1993, eq. 14.15):
 * â = Σ (θ̂₍.₎ − θ̂₍ᵢ₎)³ / (6 · (Σ (θ̂₍.₎ − θ̂₍ᵢ₎)²)^{3/2}). For the mean the leave-one-out
 * deviations are (xᵢ − x̄)/(n − 1), so â = Σ (xᵢ − x̄)³ / (6 · (Σ (xᵢ − x̄)²)^{3/2}), computed with
 * simple-statistics's sumNthPowerDeviations. 0 when all values are equal (or n < 2).
 */
export function meanAcceleration(x: ArrayLike<number>): number {
  const arr = Array.from(x);
  if (arr.length < 2) return 0;
  const m2 = sumNthPowerDeviations(arr, 2);
  if (!(m2 > 0)) return 0;
  return sumNthPowerDeviations(arr, 3) / (6 * Math.pow(m2, 1.5));
}

/** A confidence interval with the adjusted quantile levels it was read at. */
export interface Interval {
  low: number;
  high: number;
  /** Levels of the bootstrap distribution read for `low` and `high` (for BCa, after adjustment). */
  levels: [number, number];
}

/**
 * Percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles of the sorted bootstrap
 * distribution, linearly interpolated (type 7, simple-statistics's quantileSorted, as numpy's
 * default).
 */
export function percentileInterval(sortedBoot: Float64Array, level: number): Interval {
  const lo = (1 - level) / 2;
  const hi = (1 + level) / 2;
  const arr = Array.from(sortedBoot);
  return { low: quantileSorted(arr, lo), high: quantileSorted(arr, hi), levels: [lo, hi] };
}

/**
 * BCa interval (Efron & Tibshirani 1993, §14.3, eqs. 14.9–14.15) from the sorted bootstrap
 * distribution, the estimate θ̂ and the acceleration â:
 *
 * - bias correction ẑ₀ = Φ⁻¹(p), p the share of bootstrap values below θ̂ with ties counted
 *   half (as SciPy's `bootstrap`), kept within [1/(2B), 1 − 1/(2B)] so ẑ₀ stays finite;
 * - adjusted levels αᵢ = Φ(ẑ₀ + (ẑ₀ + z)/(1 − â(ẑ₀ + z))) for z = Φ⁻¹((1 ∓ level)/2); when the
 *   denominator is not positive (â large against ẑ₀ + z: rare for a mean, where |â| < 1/6) the
 *   level goes to its limit, 1 if ẑ₀ + z > 0 and 0 otherwise;
 * - the interval is the αᵢ quantiles of the bootstrap distribution, interpolated as in
 *   {@link percentileInterval}.
 *
 * A degenerate distribution (all bootstrap values equal) gives that value at both ends.
 */
export function bcaInterval(sortedBoot: Float64Array, estimate: number, acceleration: number, level: number): Interval {
  const B = sortedBoot.length;
  const arr = Array.from(sortedBoot);
  if (arr[0] === arr[B - 1]) return { low: arr[0], high: arr[0], levels: [(1 - level) / 2, (1 + level) / 2] };
  let below = 0;
  let atOrBelow = 0;
  for (let b = 0; b < B; b++) {
    const v = arr[b];
    if (v < estimate) below++;
    if (v <= estimate) atOrBelow++;
  }
  const p = Math.min(Math.max((below + atOrBelow) / (2 * B), 1 / (2 * B)), 1 - 1 / (2 * B));
  const z0 = normalQuantile(p);
  const zLow = normalQuantile((1 - level) / 2);
  const adjust = (z: number): number => {
    const num = z0 + z;
    const den = 1 - acceleration * num;
    if (!(den > 0)) return num > 0 ? 1 : 0;
    return normalCdf(z0 + num / den);
  };
  const lo = adjust(zLow);
  const hi = adjust(-zLow);
  return { low: quantileSorted(arr, lo), high: quantileSorted(arr, hi), levels: [lo, hi] };
}

/**
 * Bootstrap confidence interval of the mean of `x` (already validated), NaN at both ends for
 * n < 2, and [v, v] when every value is v.
 */
export function meanInterval(x: Float64Array, estimate: number, opts: ResolvedBootstrap): Interval {
  const n = x.length;
  const half = [(1 - opts.level) / 2, (1 + opts.level) / 2] as [number, number];
  if (n < 2) return { low: NaN, high: NaN, levels: half };
  let allEqual = true;
  for (let i = 1; i < n && allEqual; i++) allEqual = x[i] === x[0];
  if (allEqual) return { low: x[0], high: x[0], levels: half };
  const boot = bootstrapMeans(x, opts.resamples, opts.seed);
  if (opts.method === 'percentile') return percentileInterval(boot, opts.level);
  return bcaInterval(boot, estimate, meanAcceleration(x), opts.level);
}
