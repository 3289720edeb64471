/**
 * The scenario schema: the only definition of a scenario file. Types are inferred from it and
 * `schema/scenario.schema.json` (for editors) is generated from it by `npm run schema`.
 *
 * Field-level rules live on the fields; rules that relate fields (ids that must exist, ids that
 * must be unique, culture vectors that must match the named dimensions) live in `crossCheck`,
 * which reports every problem with its path so the loader can give its line.
 */
import { z } from 'zod';
import type { ActivityId } from '../model/catalogue.js';
import { Parameters } from '../model/params.js';
import { ActivityOverrides } from './activities.js';
import { crossCheck } from './cross-check.js';
import { Event, eventStep } from './events.js';
import { activityId, id } from './fields.js';
import { Aims, RichardsonSwitch, Rivalries, Tension, Trust, Understanding } from './pairs.js';
import { Forum, Group, Programme } from './programmes.js';
import { State, StateDefaults } from './state.js';

export { POLICIES, State, StateDefaults } from './state.js';

/** blend=X with X in [0,1], the trust-first weight. */
const BLEND = String.raw`blend=(0(\.\d+)?|1(\.0+)?|\.\d+)`;
export const HYPOTHESIS_PATTERN = new RegExp(`^(habits-first|trust-first|${BLEND})$`);
/** For editors: the two named hypotheses to complete from, and blend=X (the forms of HYPOTHESIS_PATTERN). */
const HYPOTHESIS_FORMS = { anyOf: [{ enum: ['habits-first', 'trust-first'] }, { pattern: `^${BLEND}$` }] };
export const Hypothesis = z.string().regex(HYPOTHESIS_PATTERN, 'habits-first, trust-first or blend=X with X in [0,1]').meta(HYPOTHESIS_FORMS);

export const Scenario = z.strictObject({
  $schema: z.string().optional().describe('Where editors find this JSON Schema (e.g. ../schema/scenario.schema.json); not used by the model.'),
  name: z.string().min(1).describe('Title of the scenario, shown in outputs and reports.'),
  description: z.string().min(1).describe('What the scenario stands for: the states, the period, the sources.'),
  teachingNote: z.string().min(1).describe('For instructors and students: what the scenario shows and what to vary in a seminar, in the seminar\'s words (no parameter ids, event type names or MODEL sections: those go in modellerNote).'),
  modellerNote: z.string().min(1).optional().describe('For the modeller: what one needs to vary the scenario as the teaching note suggests: parameter ids, state attributes, activity ids, policy and event type names, docs/MODEL.md sections. Shown after the teaching note in a "For the modeller" box.'),
  calendar: z.strictObject({
    start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM').describe('Month of the first step (step 0), as YYYY-MM (e.g. 2006-01).'),
    stepMonths: z.number().int().min(1).max(12).default(1).describe('Months a step lasts, 1 to 12. Default 1 (a step is a month).'),
    steps: z.number().int().min(1).max(100000).describe('Number of steps in a run (at most 100,000); the last is step steps - 1.'),
  }).describe('When the run takes place: its first month, the months a step lasts and the number of steps. Schedules and events count steps from the first month (step 0).'),
  cultureDimensions: z.array(id).default([]).describe('Names of the culture dimensions (e.g. Hofstede\'s pdi, idv).'),
  issues: z.array(z.strictObject({
    id: id.describe('Id of the issue (e.g. scs), named in states\' interests and in coreInterestIssue events.'),
    description: z.string().optional().describe('What the issue is (free text, e.g. "South China Sea claims").'),
  })).default([]).describe('Issues states may hold as core national interests, on which groups take decisions (coreInterestIssue events).'),
  stateDefaults: StateDefaults.default({}).describe('Attributes every state has unless it gives its own; each left out here falls back to the built-in default.'),
  states: z.array(State).min(2).describe('The states (at least two): each an id and the attributes in which it differs from stateDefaults.'),
  groups: z.array(Group).default([]).describe('Groupings of states (ASEAN, FPDA ...): members watch each other\'s symbolic positioning and take group decisions on core-interest issues.'),
  forums: z.array(Forum).default([]).describe('Forums that meet on a schedule (ADMM, ADMM-Plus, ARF, WPNS, Shangri-La ...): each meeting is an activity among all their members.'),
  programmes: z.array(Programme).default([]).describe('Recurring activities from one state to one or several others on a schedule (bilateral programmes), or to every state for a broadcast kind.'),
  events: z.array(Event).default([]).describe('Scripted events, each at a step or in a month: core-interest issues, incidents, leadership changes, shocks and tests.'),
  rivalries: Rivalries,
  richardson: RichardsonSwitch,
  trust: Trust,
  tension: Tension,
  understanding: Understanding,
  aims: Aims,
  activities: z.record(activityId, ActivityOverrides).default({}).describe('Overrides of the activity catalogue, by activity id (README, "Activity ids"): any field of a kind, e.g. shipVisit: { cost: 3 }; the other fields keep the catalogue\'s values.'),
  parameters: Parameters.partial().default({}).describe('Overrides of the model\'s parameters table, by name; every default, range and source is in docs/MODEL.md.'),
  run: z.strictObject({
    seed: z.union([z.number().int(), z.string().min(1)]).default(1).describe('Seed of the random draws, a whole number or a word: the same scenario, seed and hypothesis give the same results. Default 1 (--seed overrides it).'),
    hypothesis: Hypothesis.default('habits-first').describe('How trust and cooperation grow: habits-first, trust-first, or blend=X between them (X in [0,1], the weight of trust-first). Default habits-first (--hypothesis overrides it).'),
  }).default({ seed: 1, hypothesis: 'habits-first' }).describe('Defaults of a run, which the command line overrides.'),
}).superRefine(crossCheck as (s: unknown, ctx: z.RefinementCtx) => void, {
  // Run even when fields have problems, so that every problem is reported at once.
  when: (payload) => typeof payload.value === 'object' && payload.value !== null,
}).transform((s) => ({
  ...s,
  // Every event has its step: an event written with a month (`at: 2012-04`) gets the step of
  // that month, which crossCheck has checked is a step of the run, in place of the month (so a
  // validated scenario is valid input again, and nothing after this reads `at`).
  events: s.events.map(({ at, ...e }) => ({ ...e, step: eventStep(s.calendar, { step: e.step, at }) })),
}));

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type ScenarioEvent = Scenario['events'][number];

export type { ActivityId };
