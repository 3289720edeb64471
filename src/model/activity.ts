/**
 * What an activity kind is: the signal a state sends (MODEL 3). The schema is the single
 * definition; `catalogue.ts` holds the default kinds the essay names.
 */
import { z } from 'zod';

/** The essay's nine outcomes ("What is the Point?"), in its order. */
export const OUTCOMES = [
  'tension', // reduction in hostility or tensions
  'symbolic', // symbolic positioning
  'competence', // a more competent, accountable armed force
  'transparency', // transparency of capacity and intentions
  'relationships', // good relationships with partners
  'perceptions', // changing perceptions of each other
  'confidence', // confidence building
  'incentives', // incentives and rewards
  'constituency', // a domestic constituency for the armed forces
] as const;
export type OutcomeName = (typeof OUTCOMES)[number];

const w = z.number().min(0).max(1);
export const OutcomeWeights = z.strictObject(
  Object.fromEntries(OUTCOMES.map((o) => [o, w.optional()])) as Record<OutcomeName, z.ZodOptional<typeof w>>,
);

const unit = z.number().min(0).max(1);

/** One activity kind, complete (as the catalogue holds it). */
export const ActivitySpec = z.strictObject({
  label: z.string().min(1).describe('Plain name used in reports.'),
  cost: z.number().min(0).describe('Budget units per occurrence.'),
  lr: z.number().min(1).describe('Informativeness: likelihood ratio LR = 1/sigma (Kydd), how much likelier a trustworthy state undertakes it.'),
  signalKind: z.enum(['sunkCost', 'tiedHands', 'cheapTalk']).describe('Fearon: costly up front, public commitment, or cheap talk.'),
  mode: z.enum(['bilateral', 'multilateral', 'broadcast']),
  track: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  languageLoad: unit.describe('How much its meaning rests on words.'),
  culturalLoad: unit.describe('How much its meaning rests on customs.'),
  needsParity: unit.describe('How much it needs material compatibility.'),
  tensionCeiling: unit.describe('Above this tension it arouses suspicion: a heeded signal lowers trust, the more so the higher the tension.'),
  stake: unit.describe('Kydd: cost c of being exploited if the partner defects; the trust-first threshold is c/(1-t+c).'),
  ambition: z.number().int().min(1).max(4).describe('Rung on the ladder of cooperation (1 contacts ... 4 deep integration).'),
  naval: z.boolean().describe('Whether it puts ships at sea together. Descriptive only: it has no effect on a run (incidents at sea follow the states\' fixed naval presence).'),
  rivalTension: unit.describe('Tension it adds between the recipient and the recipient\'s rivals (arms transfers).'),
  outcomes: OutcomeWeights,
});
export type ActivitySpec = z.output<typeof ActivitySpec>;

/** An override of a catalogue kind in a scenario: any field may be given. */
export const ActivityOverride = ActivitySpec.partial();
export type ActivityOverride = z.output<typeof ActivityOverride>;
