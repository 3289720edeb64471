/**
 * The experiment file: which scenarios, which hypotheses, which conditions to vary, how many
 * replications, the base seed and how seeds are shared, the metrics to summarise, the (unused)
 * thresholds and the analysis (bootstrap, level, practical-equivalence margins). This zod schema is
 * the single source of truth: the types, the defaults and the JSON Schema for editors come
 * from it.
 */
import { z } from 'zod';
import { Parameters } from '../model/params.js';
import { HYPOTHESIS_PATTERN } from '../scenario/schema.js';
import { CONDITIONS, conditionValueProblem, isConditionName } from './conditions.js';
import { METRICS, METRIC_NAMES, MetricName } from './metrics.js';
import { SensitivityBlock } from './sensitivity/schema.js';

const Hypothesis = z.string().regex(HYPOTHESIS_PATTERN, 'habits-first, trust-first or blend=X with X in [0,1]');

/** One parameter set: condition name -> value (names and values are checked by `checkVariations`). */
const ParameterSet = z.record(z.string(), z.number());

const Variations = z.strictObject({
  grid: z.record(z.string(), z.array(z.number()).min(1)).optional()
    .describe('Full grid: every combination of the listed values. Keys: a condition or parameters.<name>.'),
  list: z.array(ParameterSet).min(1).optional()
    .describe('An explicit list of parameter sets.'),
  latinHypercube: z.strictObject({
    samples: z.number().int().min(1).max(100000).describe('Number of parameter sets (samples) to draw.'),
    ranges: z.record(z.string(), z.tuple([z.number(), z.number()])).describe('Range [low, high] of each condition to vary. Keys: a condition or parameters.<name>.'),
    seed: z.union([z.number().int(), z.string().min(1)]).optional().describe('Seed of the design (default: the base seed).'),
  }).optional().describe('Latin hypercube: N samples spread over the ranges.'),
});

type Found = { path: PropertyKey[]; message: string };
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks the names and values of the conditions in `variations` on the raw data, so that they
 * are reported together with every other problem of the file.
 */
export function checkVariations(data: unknown): Found[] {
  const found: Found[] = [];
  if (!isObject(data) || !isObject(data.variations)) return found;
  const v = data.variations;
  const conditionList = Object.keys(CONDITIONS).join(', ');
  const name = (n: string, path: PropertyKey[]): boolean => {
    if (isConditionName(n)) return true;
    found.push({ path, message: `unknown condition "${n}"; expected one of ${conditionList}, or parameters.<name> of a model parameter` });
    return false;
  };
  const value = (n: string, x: unknown, path: PropertyKey[]) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) return; // the schema reports it
    const problem = conditionValueProblem(n, x);
    if (problem !== null) found.push({ path, message: problem });
  };
  if (isObject(v.grid)) {
    for (const [n, xs] of Object.entries(v.grid)) if (name(n, ['variations', 'grid', n]) && Array.isArray(xs)) xs.forEach((x, i) => value(n, x, ['variations', 'grid', n, i]));
  }
  if (Array.isArray(v.list)) {
    v.list.forEach((set, k) => {
      if (isObject(set)) for (const [n, x] of Object.entries(set)) if (name(n, ['variations', 'list', k, n])) value(n, x, ['variations', 'list', k, n]);
    });
  }
  if (isObject(v.latinHypercube) && isObject(v.latinHypercube.ranges)) {
    for (const [n, r] of Object.entries(v.latinHypercube.ranges)) {
      const path = ['variations', 'latinHypercube', 'ranges', n];
      if (!name(n, path) || !Array.isArray(r)) continue;
      value(n, r[0], [...path, 0]);
      value(n, r[1], [...path, 1]);
      if (typeof r[0] === 'number' && typeof r[1] === 'number' && r[0] > r[1]) found.push({ path, message: `expected the lower bound first, got [${r[0]}, ${r[1]}]` });
    }
  }
  const given = ['grid', 'list', 'latinHypercube'].filter((k) => v[k] !== undefined);
  if (given.length > 1) found.push({ path: ['variations', given[1]], message: `give one of grid, list or latinHypercube, not ${given.join(' and ')}` });
  return found;
}

export const Experiment = z.strictObject({
  $schema: z.string().optional().describe('Where editors find this JSON Schema (e.g. ../schema/experiment.schema.json); not used by the runs.'),
  name: z.string().min(1).describe('Title of the experiment, recorded with its results.'),
  description: z.string().min(1).describe('What the experiment asks and how it answers.'),
  scenarios: z.array(z.string().min(1)).min(1)
    .describe('Scenario files, relative to the experiment file.'),
  hypotheses: z.array(Hypothesis).min(1).default(['habits-first', 'trust-first'])
    .describe('Hypotheses to compare; every two are compared on the same seeds (earlier minus later in this list).'),
  variations: Variations.optional().describe('Conditions to vary (default: the scenarios as written).'),
  replications: z.number().int().min(1).max(1000000).describe('Runs per scenario, parameter set and hypothesis.'),
  baseSeed: z.union([z.number().int(), z.string().min(1)]).default(1).describe('Seed from which every run\'s seed is derived, a whole number or a word: the same experiment and base seed give the same results. Default 1.'),
  steps: z.number().int().min(1).max(100000).optional().describe('Steps of every run (default: each scenario\'s calendar).'),
  metrics: z.array(MetricName).min(1).optional()
    .describe(`Metrics to summarise (default: all): ${METRICS.map((m) => m.name).join(', ')}.`),
  thresholds: z.strictObject({
    confidence: z.number().gt(0).lt(1).default(0.6).describe('Kept for compatibility with older experiment files; unused (no metric of model 0.3 reads it).'),
    recovery: z.number().int().min(1).default(36).describe('Kept for compatibility with older experiment files; unused (the robustness metrics watch 12 steps and censor recovery at the end of the run).'),
  }).default({ confidence: 0.6, recovery: 36 })
    .describe('Kept for compatibility with older experiment files; no metric of model 0.3 reads them.'),
  seeds: z.enum(['common', 'per-set']).default('common')
    .describe('common (default): every parameter set uses the same replication seeds (common random numbers across sets as well as hypotheses, so differences between sets are paired too); per-set: each set has seeds of its own (the rule before this option, to reproduce older results).'),
  analysis: z.strictObject({
    resamples: z.number().int().min(100).max(100000).default(2000).describe('Bootstrap resamples.'),
    level: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level of the intervals; the tests\' alpha is 1 - level.'),
    margins: z.record(z.string(), z.number().min(0)).optional()
      .describe('Practical-equivalence margin per metric, in its units (default: each metric\'s own, docs/MODEL.md 10.2): a hypothesis leads only when the whole interval of the difference lies beyond the margin.'),
  }).default({ resamples: 2000, level: 0.95 }).describe('How differences between hypotheses are estimated: bootstrap resamples, confidence level and practical-equivalence margins.'),
  sensitivity: SensitivityBlock.optional(),
});

/** Checks the metric names of `analysis.margins` on the raw data, with the other problems of the file. */
export function checkMargins(data: unknown): Found[] {
  if (!isObject(data) || !isObject(data.analysis) || !isObject(data.analysis.margins)) return [];
  return Object.keys(data.analysis.margins).filter((n) => !METRIC_NAMES.includes(n)).map((n) => ({
    path: ['analysis', 'margins', n],
    message: `unknown metric "${n}"; expected one of ${METRIC_NAMES.join(', ')}`,
  }));
}

export type Experiment = z.output<typeof Experiment>;
export type ExperimentInput = z.input<typeof Experiment>;

/** Model parameter names a variation may set as `parameters.<name>`. */
export const PARAMETER_NAMES: readonly string[] = Object.keys(Parameters.shape);
