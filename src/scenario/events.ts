/** Scripted events: core-interest issues, incidents, leadership changes, shocks and tests. */
import { z } from 'zod';
import { id, step, unit } from './fields.js';

const at = { step: step.describe('Step at which it happens.'), note: z.string().optional() };
/** One scripted event, by its `type`. */
export const Event = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('coreInterestIssue'), ...at, group: id, issue: id,
    decision: z.number().min(-1).max(1).describe('Where the group decision stands on the issue (-1 .. 1).') }),
  z.strictObject({ type: z.literal('incident'), ...at, between: z.tuple([id, id]),
    escalates: z.boolean().optional().describe('Force escalation (true) or not (false); drawn when absent.') }),
  z.strictObject({ type: z.literal('leadershipChange'), ...at, state: id,
    trustShift: z.number().min(-5).max(5).default(0).describe('Log-odds added to its belief in, and belief baseline toward, the partners concerned (same under both hypotheses). Default 0.'),
    will: z.number().min(-10).max(10).optional().describe('The new leadership\'s willingness to take a leap of faith (log-odds; default: unchanged). A leadership change is a stance review (MODEL 6).'),
    toward: z.array(id).optional().describe('Partners concerned (default: all).') }),
  z.strictObject({ type: z.literal('shock'), ...at, states: z.array(id).min(2),
    tension: z.number().min(-1).max(1).describe('Tension added between every two of the states.') }),
  z.strictObject({ type: z.literal('test'), ...at, truster: id, trustee: id,
    stake: unit.optional().describe('Cost of being exploited (default: parameters.testStake).'),
    honours: z.boolean().optional().describe('Force the trustee\'s answer if relied on: true honours, false exploits (a scripted betrayal); drawn from its trustworthiness when absent.') }),
]);
