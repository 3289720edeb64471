/**
 * The experiment file's optional `sensitivity` block: the defaults of `npm run sensitivity` for
 * this experiment (each overridden by its command-line option), and the descriptor of a
 * sensitivity analysis as plan.json records it.
 */
import { z } from 'zod';
import { MetricName } from '../metrics.js';
import type { Factor } from '../../stats/index.js';

const Hypothesis = z.string().min(1);

export const SensitivityBlock = z.strictObject({
  method: z.enum(['sobol', 'morris']).optional()
    .describe('Method of npm run sensitivity (default sobol): Sobol indices (first order and total, Saltelli design) or Morris elementary effects (screening).'),
  samples: z.number().int().min(2).max(100000).optional()
    .describe('Sobol: base samples N (N(k+2) points for k factors; default 64). Morris: trajectories r (r(k+1) points; default 10).'),
  levels: z.number().int().min(2).max(100).multipleOf(2).optional()
    .describe('Morris: levels p of the grid each factor moves on, an even number (default 4).'),
  secondOrder: z.boolean().optional()
    .describe('Sobol: also the second-order indices of every two factors (N(2k+2) points; default false).'),
  replications: z.number().int().min(1).max(1000000).optional()
    .describe('Replications of every design point and hypothesis (default: the experiment\'s replications).'),
  metrics: z.array(MetricName).min(1).optional()
    .describe('Metrics to analyse (default: every metric of the experiment).'),
  difference: z.tuple([Hypothesis, Hypothesis]).optional()
    .describe('The two hypotheses [A, B] whose paired difference A - B (same seeds) is analysed (default: the first two of hypotheses).'),
}).describe('Defaults of npm run sensitivity for this experiment (global sensitivity analysis over the ranges of variations).');

export type SensitivityBlock = z.output<typeof SensitivityBlock>;

export type SensitivityMethod = 'sobol' | 'morris';

/**
 * What plan.json records of a sensitivity analysis (`sensitivity` field). The design fields
 * (method, samples, levels, secondOrder, seed, factors) decide the runs and are part of the plan
 * key; the analysis fields (metrics, difference, resamples, level) only decide the files written
 * from the runs.
 */
export interface SensitivityInfo {
  method: SensitivityMethod;
  samples: number;
  /** Morris levels p; null for Sobol. */
  levels: number | null;
  secondOrder: boolean;
  seed: string;
  factors: Factor[];
  /** Conditions the same at every point (grid conditions with one value, list conditions equal in every set). */
  fixed: Record<string, number>;
  metrics: string[];
  /** The hypotheses of the difference target, A - B; null with a single hypothesis. */
  difference: [string, string] | null;
  resamples: number;
  level: number;
}
