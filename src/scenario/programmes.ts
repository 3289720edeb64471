/**
 * Recurring diplomacy: groups of states, forums that meet on a schedule, and programmes of
 * activities from one state to others.
 */
import { z } from 'zod';
import { activityId, id, step, unit } from './fields.js';

const Schedule = z.strictObject({
  start: step.default(0).describe('First step (months from the scenario start, in steps).'),
  every: z.number().int().min(1).describe('Steps between occurrences.'),
  end: step.optional().describe('Last step at which it may occur (inclusive).'),
});

export const Group = z.strictObject({
  id,
  name: z.string().optional(),
  members: z.array(id).min(2),
  closeness: unit.describe('How close the grouping is (Asean: high).'),
});

export const Forum = z.strictObject({
  id,
  name: z.string().optional(),
  members: z.array(id).min(1).describe('State ids or group ids (a group stands for all its members); at least two states in all.'),
  track: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  activity: activityId.default('forumMeeting').describe('Activity kind of one meeting (an id of the activity catalogue). Default forumMeeting.'),
  schedule: Schedule,
  codeForUnplannedEncounters: step.optional().describe('Step from which members adopt a code for unplanned encounters at sea (CUES).'),
});

export const Programme = z.strictObject({
  from: id,
  to: z.union([id, z.array(id).min(1)]),
  activity: activityId.describe('Activity kind of each occurrence (an id of the activity catalogue).'),
  schedule: Schedule,
  mutual: z.boolean().default(false).describe('Both sides transmit at each occurrence.'),
});
