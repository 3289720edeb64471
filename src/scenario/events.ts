/**
 * Scripted events: core-interest issues, incidents, leadership changes, shocks and tests. Each
 * happens at a step (`step: 27`) or in a calendar month (`at: 2012-04`), exactly one of the two;
 * `crossCheck` refuses both, neither, and a month that is not the month of a step of the run.
 */
import { z } from 'zod';
import { MONTH_PATTERN, monthIndex, monthOf } from '../model/calendar.js';
import { id, step, unit } from './fields.js';

/** A calendar month as YYYY-MM. */
export const month = z.string().regex(MONTH_PATTERN, 'a month as YYYY-MM');

const when = {
  step: step.optional().describe('Step at which it happens: 0 is the first step (the month of calendar.start), and the last is calendar.steps - 1. Give step or at, not both.'),
  at: month.optional().describe('Month in which it happens, as YYYY-MM (e.g. 2012-04), instead of a step: the step whose month it is (calendar.start is step 0). With stepMonths above 1 it must be the month of a step. Give step or at, not both.'),
  note: z.string().optional().describe('What the event stands for (e.g. "Scarborough Shoal stand-off, April 2012"); shown in outputs, not used by the model.'),
};
/** For editors: exactly one of step and at (the loader says which is wrong, with its line). */
const stepOrMonth = { oneOf: [{ required: ['step'] }, { required: ['at'] }] };
const type = <T extends string>(name: T, doc: string) => z.literal(name).describe(doc);

/** One scripted event, by its `type`. */
export const Event = z.discriminatedUnion('type', [
  z.strictObject({ type: type('coreInterestIssue', 'A group decision on an issue some members hold as a core national interest: each member stays committed or defects.'), ...when,
    group: id.describe('Id of the group that takes the decision.'),
    issue: id.describe('Id of the issue decided (declared under issues).'),
    decision: z.number().min(-1).max(1).describe('Where the group decision stands on the issue (-1 .. 1).') }).meta(stepOrMonth),
  z.strictObject({ type: type('incident', 'An incident at sea between two states, which may escalate.'), ...when,
    between: z.tuple([id, id]).describe('The two states involved (ids).'),
    escalates: z.boolean().optional().describe('Force escalation (true) or not (false); drawn when absent.') }).meta(stepOrMonth),
  z.strictObject({ type: type('leadershipChange', 'A new leadership in a state: its trust in partners shifts, and it reviews its stance toward them.'), ...when,
    state: id.describe('Id of the state whose leadership changes.'),
    trustShift: z.number().min(-5).max(5).default(0).describe('Log-odds added to its belief in, and belief baseline toward, the partners concerned (same under both hypotheses). Default 0.'),
    will: z.number().min(-10).max(10).optional().describe('The new leadership\'s willingness to take a leap of faith (log-odds; default: unchanged). A leadership change is a stance review (MODEL 6).'),
    toward: z.array(id).optional().describe('Partners concerned (default: all).') }).meta(stepOrMonth),
  z.strictObject({ type: type('shock', 'A sudden rise (or fall) of tension among several states, e.g. a crisis or an arbitral award.'), ...when,
    states: z.array(id).min(2).describe('The states concerned (ids, at least two).'),
    tension: z.number().min(-1).max(1).describe('Tension added between every two of the states.') }).meta(stepOrMonth),
  z.strictObject({ type: type('test', 'Tested cooperation: the truster needs the trustee\'s help (a crisis, a disaster relief) and relies on it or not.'), ...when,
    truster: id.describe('Id of the state that needs help and decides whether to rely on the other.'),
    trustee: id.describe('Id of the state relied on, which honours or exploits the reliance.'),
    stake: unit.optional().describe('Cost of being exploited (default: parameters.testStake).'),
    honours: z.boolean().optional().describe('Force the trustee\'s answer if relied on: true honours, false exploits (a scripted betrayal); drawn from its trustworthiness when absent.') }).meta(stepOrMonth),
]);

/** What the date of an event needs of the calendar. */
export interface EventCalendar {
  readonly start: string;
  readonly stepMonths: number;
}

/**
 * Where a month falls among the steps of a calendar: `months` after the start, so step
 * `months / stepMonths` when that is a whole number (step t is the month start + t * stepMonths,
 * as in model/calendar.ts `stepDate`).
 */
export function monthSteps(calendar: EventCalendar, at: string): { months: number; step: number; whole: boolean } {
  const months = monthIndex(at) - monthIndex(calendar.start);
  const step = months / calendar.stepMonths;
  return { months, step, whole: Number.isInteger(step) };
}

/**
 * The step of a validated event: its `step`, or the step of its month `at` (the schema has
 * checked that exactly one is given and that the month is the month of a step of the run).
 */
export function eventStep(calendar: EventCalendar, event: { step?: number; at?: string }): number {
  return event.step ?? monthSteps(calendar, event.at!).step;
}

/**
 * The problem with an event's month `at` in a calendar of `steps` steps, or null: before the
 * start, between two steps (stepMonths above 1: refused, naming the nearest steps), or after
 * the last step.
 */
export function monthProblem(calendar: EventCalendar, steps: number, at: string): string | null {
  const { months, step, whole } = monthSteps(calendar, at);
  const stepAt = (t: number) => `${t} (${monthOf(monthIndex(calendar.start) + t * calendar.stepMonths)})`;
  if (months < 0) return `at ${at} is before the scenario's start (calendar.start is ${calendar.start}, step 0)`;
  if (Math.floor(step) > steps - 1) return `at ${at} is past the end of the run (calendar.steps is ${steps}, so the last step is ${stepAt(steps - 1)})`;
  if (!whole) {
    const before = Math.floor(step);
    const nearest = before + 1 <= steps - 1 ? `the nearest steps are ${stepAt(before)} and ${stepAt(before + 1)}` : `the nearest step is ${stepAt(before)}, the last`;
    return `at ${at} falls between two steps (calendar.stepMonths is ${calendar.stepMonths}, so a step is every ${calendar.stepMonths} months from ${calendar.start}); ${nearest}: give one of those months, or step`;
  }
  return null;
}
