/**
 * sensitivity.json, format `entente-sensitivity/1`: its one schema, used by the writer
 * (files.ts, whose report is this schema's input type) and by every reader (the charts and the
 * report). Indices that could not be computed (a skipped target) are written as null and read
 * as absent; a number written as null (no value) is read as NaN.
 */
import { z } from 'zod';

export const SENSITIVITY_FORMAT = 'entente-sensitivity/1';

const finite = z.number().nullable().transform((v) => (v === null ? Number.NaN : v));
const interval = z.tuple([finite, finite]);
const indices = z.array(finite).nullable().optional().transform((v) => v ?? undefined);
const intervals = z.array(interval).nullable().optional().transform((v) => v ?? undefined);

/** One factor varied by the design, with its range. */
export const SensitivityFactor = z.object({ name: z.string().min(1), min: z.number(), max: z.number() });
export type SensitivityFactor = z.output<typeof SensitivityFactor>;

/** The indices of one target (a hypothesis, or the paired difference "A - B") for one scenario and metric. */
export const SensitivityResult = z.object({
  scenario: z.string(),
  metric: z.string(),
  target: z.string(),
  /** Mean and variance (n - 1) of the target over the design's points; null when skipped. */
  mean: finite,
  variance: finite,
  /** Why there are no indices, or null. */
  skipped: z.string().nullable().optional().transform((v) => v ?? null),
  /** For the scenario "all": the scenarios averaged (those with a value at every point). */
  over: z.array(z.string()).optional(),
  first: indices, total: indices, firstInterval: intervals, totalInterval: intervals,
  second: z.array(z.object({ factors: z.tuple([z.string(), z.string()]), value: finite, interval })).nullable().optional().transform((v) => v ?? undefined),
  mu: indices, muStar: indices, sigma: indices, muStarInterval: intervals,
});
export type SensitivityResult = z.output<typeof SensitivityResult>;
/** A result row as written (nulls where skipped). */
export type SensitivityRow = z.input<typeof SensitivityResult>;

/** sensitivity.json. */
export const SensitivitySchema = z.object({
  format: z.literal(SENSITIVITY_FORMAT),
  method: z.enum(['sobol', 'morris']),
  experiment: z.object({ name: z.string(), file: z.string(), sha256: z.string() }),
  factors: z.array(SensitivityFactor).min(1),
  samples: z.number().int().positive(),
  levels: z.number().int().nullable().optional().transform((v) => v ?? null),
  secondOrder: z.boolean().optional().transform((v) => v ?? false),
  points: z.number().int().nonnegative(),
  replications: z.number().int().positive(),
  hypotheses: z.array(z.string()).min(1),
  /** The hypotheses [A, B] of the difference target "A - B", or null (one hypothesis). Absent in older files: read as the first two hypotheses. */
  difference: z.tuple([z.string(), z.string()]).nullable().optional(),
  scenarios: z.array(z.string()).min(1),
  seed: z.union([z.string(), z.number()]),
  resamples: z.number().int().nonnegative(),
  level: z.number().gt(0).lt(1),
  /** The practical-equivalence margin of each metric analysed (the file's analysis.margins over the defaults). */
  margins: z.record(z.string(), z.number().min(0)).optional(),
  results: z.array(SensitivityResult),
});
export type Sensitivity = z.output<typeof SensitivitySchema>;
/** sensitivity.json as written. */
export type SensitivityReport = z.input<typeof SensitivitySchema>;
