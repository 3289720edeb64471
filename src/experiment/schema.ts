/**
 * The experiment file: which scenarios, which hypotheses, which conditions to vary, how many
 * replications, the base seed, the metrics to summarise and the thresholds. This zod schema is
 * the single source of truth: the types, the defaults and the JSON Schema for editors come
 * from it.
 */
import { z } from 'zod';
import { Parameters } from '../model/params.js';
import { HYPOTHESIS_PATTERN } from '../scenario/schema.js';
import { CONDITIONS, conditionValueProblem, isConditionName } from './conditions.js';
import { METRICS, METRIC_NAMES } from './metrics.js';

const Hypothesis = z.string().regex(HYPOTHESIS_PATTERN, 'habits-first, trust-first or blend=X with X in [0,1]');

const conditionList = Object.keys(CONDITIONS).join(', ');
const ConditionName = z.string().refine(isConditionName, {
  message: `expected a condition (${conditionList}) or parameters.<name> of a model parameter`,
});

/** One parameter set: condition name -> value. */
const ParameterSet = z.record(ConditionName, z.number());

const Variations = z.strictObject({
  grid: z.record(ConditionName, z.array(z.number()).min(1)).optional()
    .describe('Full grid: every combination of the listed values.'),
  list: z.array(ParameterSet).min(1).optional()
    .describe('An explicit list of parameter sets.'),
  latinHypercube: z.strictObject({
    samples: z.number().int().min(1).max(100000),
    ranges: z.record(ConditionName, z.tuple([z.number(), z.number()])),
    seed: z.union([z.number().int(), z.string().min(1)]).optional().describe('Seed of the design (default: the base seed).'),
  }).optional().describe('Latin hypercube: N samples spread over the ranges.'),
}).superRefine((v, ctx) => {
  const value = (name: string, x: number, path: PropertyKey[]) => {
    if (!isConditionName(name)) return;
    const problem = conditionValueProblem(name, x);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path });
  };
  for (const [name, xs] of Object.entries(v.grid ?? {})) xs.forEach((x, i) => value(name, x, ['grid', name, i]));
  (v.list ?? []).forEach((set, k) => { for (const [name, x] of Object.entries(set)) value(name, x, ['list', k, name]); });
  for (const [name, [lo, hi]] of Object.entries(v.latinHypercube?.ranges ?? {})) {
    value(name, lo, ['latinHypercube', 'ranges', name, 0]);
    value(name, hi, ['latinHypercube', 'ranges', name, 1]);
    if (lo > hi) ctx.addIssue({ code: 'custom', message: `expected the lower bound first, got [${lo}, ${hi}]`, path: ['latinHypercube', 'ranges', name] });
  }
  const given = ['grid', 'list', 'latinHypercube'].filter((k) => v[k as keyof typeof v] !== undefined);
  if (given.length > 1) ctx.addIssue({ code: 'custom', message: `give one of grid, list or latinHypercube, not ${given.join(' and ')}`, path: [given[1]] });
});

export const Experiment = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  scenarios: z.array(z.string().min(1)).min(1)
    .describe('Scenario files, relative to the experiment file.'),
  hypotheses: z.array(Hypothesis).min(1).default(['habits-first', 'trust-first'])
    .describe('Hypotheses to compare; the first two are compared pairwise (first minus second).'),
  variations: Variations.optional().describe('Conditions to vary (default: the scenarios as written).'),
  replications: z.number().int().min(1).max(1000000).describe('Runs per scenario, parameter set and hypothesis.'),
  baseSeed: z.union([z.number().int(), z.string().min(1)]).default(1),
  steps: z.number().int().min(1).max(100000).optional().describe('Steps of every run (default: each scenario\'s calendar).'),
  metrics: z.array(z.enum(METRIC_NAMES as [string, ...string[]])).min(1).optional()
    .describe(`Metrics to summarise (default: all): ${METRICS.map((m) => m.name).join(', ')}.`),
  thresholds: z.strictObject({
    confidence: z.number().gt(0).lt(1).default(0.6).describe('Regional mean trust that counts as confidence.'),
    recovery: z.number().int().min(1).default(36).describe('Steps after a defection within which the loss is measured.'),
  }).default({ confidence: 0.6, recovery: 36 }),
  analysis: z.strictObject({
    resamples: z.number().int().min(100).max(100000).default(2000).describe('Bootstrap resamples.'),
    level: z.number().gt(0.5).lt(1).default(0.95).describe('Confidence level of the intervals.'),
  }).default({ resamples: 2000, level: 0.95 }),
});

export type Experiment = z.output<typeof Experiment>;
export type ExperimentInput = z.input<typeof Experiment>;

/** Model parameter names a variation may set as `parameters.<name>`. */
export const PARAMETER_NAMES: readonly string[] = Object.keys(Parameters.shape);
