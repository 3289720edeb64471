/**
 * The uncertain inputs of a sensitivity analysis (factors with their ranges) and the checks of
 * the arguments the Sobol' and Morris functions share; every bad argument is a ProblemError
 * naming it (argument.ts). Also what both share past the checks: evaluating a model on a design's
 * rows and reading a percentile interval off bootstrap replicates.
 */
import { badArgument } from './argument.js';
import { percentileInterval } from './bootstrap.js';

/** One uncertain input: its name and its range [min, max], min < max, both finite. */
export interface Factor {
  name: string;
  min: number;
  max: number;
}

/** Default seed of the sensitivity designs and their bootstraps. */
export const DEFAULT_GSA_SEED = 'entente';
/** Default number of bootstrap resamples of the sensitivity indices. */
export const DEFAULT_GSA_RESAMPLES = 1000;
/** Default confidence level of the sensitivity indices' intervals. */
export const DEFAULT_GSA_LEVEL = 0.95;

/** Checks a non-empty list of factors with distinct names and finite ranges min < max; returns copies. */
export function checkFactors(factors: unknown, maxCount = Infinity): Factor[] {
  if (!Array.isArray(factors) || factors.length === 0) throw badArgument('factors', 'factors must be a non-empty array of { name, min, max }');
  if (factors.length > maxCount) throw badArgument('factors', `at most ${maxCount} factors are supported, got ${factors.length}`);
  const seen = new Set<string>();
  return factors.map((f: unknown, i) => {
    const at = `factors[${i}]`;
    if (f === null || typeof f !== 'object') throw badArgument(at, `${at} must be an object { name, min, max }`);
    const { name, min, max } = f as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') throw badArgument(`${at}.name`, `${at}.name must be a non-empty string`);
    if (seen.has(name)) throw badArgument(`${at}.name`, `${at}.name ${JSON.stringify(name)} is used by an earlier factor`);
    seen.add(name);
    if (typeof min !== 'number' || !Number.isFinite(min)) throw badArgument(`${at}.min`, `${at}.min must be a finite number, got ${String(min)}`);
    if (typeof max !== 'number' || !Number.isFinite(max)) throw badArgument(`${at}.max`, `${at}.max must be a finite number, got ${String(max)}`);
    if (!(min < max)) throw badArgument(`${at}.max`, `${at} (${name}) must have min < max, got min ${min} and max ${max}`);
    return { name, min, max };
  });
}

/** The options object itself: undefined means `{}`. */
export function checkOptionsObject<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw badArgument('options', 'options must be an object');
  return options;
}

/** A positive integer option `name`, or `fallback` when undefined. */
export function positiveInteger(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw badArgument(name, `${name} must be a positive integer, got ${String(value)}`);
  return value;
}

/** The seed option as the string the Alea streams are seeded with (a number n is the string `${n}`). */
export function seedString(value: unknown): string {
  if (value === undefined) return DEFAULT_GSA_SEED;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw badArgument('seed', `seed must be a string or a finite number, got ${String(value)}`);
}

/** The confidence level option, strictly between 0 and 1. */
export function confidenceLevel(value: unknown): number {
  if (value === undefined) return DEFAULT_GSA_LEVEL;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) throw badArgument('level', `level must be strictly between 0 and 1, got ${String(value)}`);
  return value;
}

/** The model evaluations `y`: exactly `rows` finite numbers; a bad value names its row. */
export function checkOutputs(y: ArrayLike<number>, rows: number): Float64Array {
  if (y === null || y === undefined || typeof y.length !== 'number') throw badArgument('y', 'y must be an array of numbers, one per design row');
  if (y.length !== rows) throw badArgument('y', `y must have one value per design row (${rows}), got ${y.length}`);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw badArgument(`y[${i}]`, `y[${i}] (design row ${i}) is not a finite number: ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/** Evaluates `model` on each row of a row-major `rows × k` design, in one reused buffer. */
export function evaluateRows(model: (x: Float64Array) => number, points: Float64Array, rows: number, k: number): Float64Array {
  if (typeof model !== 'function') throw badArgument('model', 'model must be a function (x: Float64Array) => number');
  const x = new Float64Array(k);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    x.set(points.subarray(r * k, r * k + k));
    y[r] = model(x);
  }
  return y;
}

/**
 * The `level` percentile interval of bootstrap replicates `values` (sorted here, in place), read
 * as bootstrap.ts's {@link percentileInterval} reads it.
 */
export function percentile(values: Float64Array, level: number): [number, number] {
  const { low, high } = percentileInterval(values.sort(), level);
  return [low, high];
}
