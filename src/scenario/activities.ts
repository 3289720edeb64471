/**
 * A scenario's overrides of the activity catalogue, by activity id: any field of any kind
 * (model/activity.ts holds the fields). Here each field also carries the words an editor shows
 * for it, so that every property of the scenario's JSON Schema says what it is.
 */
import { z } from 'zod';
import { ActivityOverride, OUTCOMES, type OutcomeName } from '../model/activity.js';

/** The essay's nine outcomes ("What is the Point?"), in its words. */
const OUTCOME_WORDS: Readonly<Record<OutcomeName, string>> = {
  tension: 'reduction in hostility or tensions',
  symbolic: 'symbolic positioning',
  competence: 'a more competent, accountable armed force',
  transparency: 'transparency of capacity and intentions',
  relationships: 'good relationships with partners',
  perceptions: 'changing perceptions of each other',
  confidence: 'confidence building',
  incentives: 'incentives and rewards',
  constituency: 'a domestic constituency for the armed forces',
};

const weight = z.number().min(0).max(1);
const outcomes = z.strictObject(
  Object.fromEntries(OUTCOMES.map((o) => [o, weight.optional().describe(`How much of the outcome "${OUTCOME_WORDS[o]}" each heeded occurrence adds toward the partner, 0 to 1 (absent: 0).`)])) as Record<OutcomeName, z.ZodOptional<typeof weight>>,
);

/** An override of one catalogue kind: any field may be given, the others keep the catalogue's value. */
export const ActivityOverrides = ActivityOverride.extend({
  mode: ActivityOverride.shape.mode.describe('Who receives it: bilateral (one partner), multilateral (the members of a forum) or broadcast (every state).'),
  track: ActivityOverride.shape.track.describe('Track 1 (official linkages), 1.5 (officials and academics together) or 2 (officials in their private capacity and academics).'),
  outcomes: outcomes.optional().describe('The essay\'s nine outcomes ("What is the Point?") it serves, each a weight from 0 to 1; giving outcomes replaces the kind\'s whole list.'),
});
