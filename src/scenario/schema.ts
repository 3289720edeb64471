/**
 * The scenario schema: the only definition of a scenario file. Types are inferred from it and
 * `schema/scenario.schema.json` (for editors) is generated from it by `npm run schema`.
 *
 * Field-level rules live on the fields; rules that relate fields (ids that must exist, ids that
 * must be unique, culture vectors that must match the named dimensions) live in `crossCheck`,
 * which reports every problem with its path so the loader can give its line.
 */
import { z } from 'zod';
import { ActivityOverride } from '../model/activity.js';
import type { ActivityId } from '../model/catalogue.js';
import { Parameters } from '../model/params.js';
import { crossCheck } from './cross-check.js';
import { Event, eventStep } from './events.js';
import { activityId, id } from './fields.js';
import { Aims, Rivalries, Tension, Trust, Understanding } from './pairs.js';
import { Forum, Group, Programme } from './programmes.js';
import { State, StateDefaults } from './state.js';

export { POLICIES, State, StateDefaults } from './state.js';

export const HYPOTHESIS_PATTERN = /^(habits-first|trust-first|blend=(0(\.\d+)?|1(\.0+)?|\.\d+))$/;
/** For editors: the two named hypotheses to complete from, and blend=X (the same forms as HYPOTHESIS_PATTERN). */
export const HYPOTHESIS_FORMS = {
  anyOf: [{ enum: ['habits-first', 'trust-first'] }, { pattern: String.raw`^blend=(0(\.\d+)?|1(\.0+)?|\.\d+)$` }],
};
export const Hypothesis = z.string().regex(HYPOTHESIS_PATTERN, 'habits-first, trust-first or blend=X with X in [0,1]').meta(HYPOTHESIS_FORMS);

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  teachingNote: z.string().min(1),
  calendar: z.strictObject({
    start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
    stepMonths: z.number().int().min(1).max(12).default(1),
    steps: z.number().int().min(1).max(100000),
  }),
  cultureDimensions: z.array(id).default([]).describe('Names of the culture dimensions (e.g. Hofstede\'s pdi, idv).'),
  issues: z.array(z.strictObject({ id, description: z.string().optional() })).default([]),
  stateDefaults: StateDefaults.default({}),
  states: z.array(State).min(2),
  groups: z.array(Group).default([]),
  forums: z.array(Forum).default([]),
  programmes: z.array(Programme).default([]),
  events: z.array(Event).default([]),
  rivalries: Rivalries,
  trust: Trust,
  tension: Tension,
  understanding: Understanding,
  aims: Aims,
  activities: z.record(activityId, ActivityOverride).default({}).describe('Overrides of the activity catalogue, by kind.'),
  parameters: Parameters.partial().default({}),
  run: z.strictObject({
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    hypothesis: Hypothesis.default('habits-first'),
  }).default({ seed: 1, hypothesis: 'habits-first' }),
}).superRefine(crossCheck as (s: unknown, ctx: z.RefinementCtx) => void, {
  // Run even when fields have problems, so that every problem is reported at once.
  when: (payload) => typeof payload.value === 'object' && payload.value !== null,
}).transform((s) => ({
  ...s,
  // Every event has its step: an event written with a month (`at: 2012-04`) gets the step of
  // that month, which crossCheck has checked is a step of the run. Nothing after this reads `at`.
  events: s.events.map((e) => ({ ...e, step: eventStep(s.calendar, e) })),
}));

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type ScenarioEvent = Scenario['events'][number];

export type { ActivityId };
