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
  id: id.describe('Id of the group (e.g. ASEAN), by which forums and events name it.'),
  name: z.string().optional().describe('Display name (defaults to the id).'),
  members: z.array(id).min(2).describe('Ids of its member states (at least two).'),
  closeness: unit.describe('How close the grouping is (Asean: high).'),
});

export const Forum = z.strictObject({
  id: id.describe('Id of the forum (e.g. ADMM-Plus).'),
  name: z.string().optional().describe('Display name (defaults to the id).'),
  members: z.array(id).min(1).describe('State ids or group ids (a group stands for all its members); at least two states in all.'),
  track: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).describe('Track 1 (official linkages), 1.5 (officials and academics together) or 2 (officials in their private capacity and academics); tracks 1.5 and 2 carry less evidence.'),
  activity: activityId.default('forumMeeting').describe('Activity kind of one meeting (an id of the activity catalogue). Default forumMeeting.'),
  schedule: Schedule.describe('When it meets, in steps: from start, every `every` steps, until end.'),
  codeForUnplannedEncounters: step.optional().describe('Step from which members adopt a code for unplanned encounters at sea (CUES).'),
});

export const Programme = z.strictObject({
  from: id.describe('Id of the state that undertakes the activity.'),
  to: z.union([id, z.array(id).min(1)]).describe('Id of the partner, or a list of partner ids (one line of the programme each); ignored for a broadcast kind, which reaches every state.'),
  activity: activityId.describe('Activity kind of each occurrence (an id of the activity catalogue).'),
  schedule: Schedule.describe('When it occurs, in steps: from start, every `every` steps, until end.'),
  mutual: z.boolean().default(false).describe('Both sides transmit at each occurrence.'),
});
