/**
 * Statistics for experiments over many seeded runs: summaries with bootstrap confidence
 * intervals of the mean, paired comparisons of two conditions on the same dice, and times to a
 * threshold with censoring at the horizon (Kaplan–Meier). Every bootstrap draws from
 * seedrandom's Alea generator seeded by the caller's string, so results are repeatable bit for
 * bit; nothing reads the clock or Math.random. Student t intervals and tests, the
 * Benjamini–Hochberg adjustment and the practical-equivalence verdict of a comparison complete them.
 */
export { summarize, type Summary } from './summary.js';
export { pairedComparison, type PairedComparison, type DiffStats, type Leader } from './paired.js';
export {
  kaplanMeier,
  timeToEvent,
  pairedTimeToEvent,
  type KaplanMeier,
  type KmPoint,
  type TimeToEvent,
  type PairedTimeToEvent,
} from './survival.js';
export { type BootstrapOptions, DEFAULT_LEVEL, DEFAULT_RESAMPLES } from './bootstrap.js';
/**
 * Global sensitivity analysis: Sobol' indices from a Saltelli design on a digitally shifted
 * Sobol' sequence, and Morris elementary-effects screening, each with bootstrap intervals.
 */
export {
  sobol,
  sobolDesign,
  sobolIndices,
  MAX_SOBOL_FACTORS,
  DEFAULT_SOBOL_SAMPLES,
  type Factor,
  type SobolOptions,
  type SobolDesign,
  type SobolResult,
} from './sobol.js';
export { sobolSequence, MAX_SOBOL_DIMENSIONS } from './sobol-sequence.js';
export {
  morris,
  morrisDesign,
  morrisIndices,
  DEFAULT_MORRIS_SAMPLES,
  DEFAULT_MORRIS_LEVELS,
  type MorrisOptions,
  type MorrisDesign,
  type MorrisResult,
} from './morris.js';
export { studentQuantile, studentCdf, tMultiplier, tInterval, pairedTTestP, type MeanInterval } from './student.js';
export { benjaminiHochberg } from './multiplicity.js';
export { verdictOf, replicationsNeeded, type Verdict, type VerdictInput, type VerdictOptions, type VerdictResult } from './verdict.js';
export { normalQuantile, normalCdf } from './normal.js';
