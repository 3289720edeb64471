/**
 * The model's parameters table: every number the mechanisms use, with its default, its range
 * and the passage or paper behind it. A scenario's `parameters:` block overrides any of them.
 *
 * The zod object below is the single definition: the TypeScript type, the defaults, the JSON
 * Schema for editors and the table in docs/MODEL.md all come from it.
 */
import { z } from 'zod';

const unit = (def: number, doc: string) => z.number().min(0).max(1).default(def).describe(doc);
const pos = (def: number, max: number, doc: string) => z.number().min(0).max(max).default(def).describe(doc);
const posStrict = (def: number, max: number, doc: string) => z.number().gt(0).max(max).default(def).describe(doc);
/** A whole number (a count of steps or activities): sampled as a whole number by a Latin hypercube. */
const int = (def: number, min: number, max: number, doc: string) => z.number().int().min(min).max(max).default(def).describe(doc);
/** A stage-game payoff: bounded so that sums over a long run of many pairs stay finite. */
const payoff = (def: number, doc: string) => z.number().min(-PAYOFF_BOUND).max(PAYOFF_BOUND).default(def).describe(doc);

/**
 * Largest payoff magnitude. A run adds at most one payoff per directed pair and step, so with
 * 100,000 steps (the most an experiment allows) and 1,000 states the sums stay below 1e17, far
 * from overflow: every output stays finite.
 */
export const PAYOFF_BOUND = 1000;
/**
 * Calibrated defaults (scripts/calibrate.ts, `npm run calibrate`): habits-first's weight of habit
 * in operative trust, and trust-first's default willingness to extend trust (a state attribute,
 * world/resolve.ts), found so that in scenarios/benign-reference.yaml both hypotheses reach the
 * same mean partner belief at the horizon (MODEL 6, "no head start").
 */
export const KAPPA = 2;
export const WILL = 0.355;

export const Parameters = z.strictObject({
  // --- trust as a Bayesian belief (MODEL 4, 9) ---------------------------------------------
  forgetting: unit(0.03, 'Per-step fraction by which trust log-odds relax toward the baseline (forgetting).'),
  evidenceScale: unit(0.1, 'Conservatism (Edwards 1968): share of a signal\'s Bayesian log-likelihood ratio a receiver takes in. Tests, defections and incidents are observed behaviour and are not scaled.'),
  multilateralWeight: unit(0.35, 'Evidence weight of one multilateral activity for each member pair, relative to a bilateral one.'),
  track2Weight: unit(0.5, 'Evidence weight of a track-2 forum (officials in private capacity, academics) relative to track 1; track 1.5 is halfway.'),
  broadcastWeight: unit(0.1, 'Evidence weight of a broadcast activity (white paper) for each receiver.'),

  // --- transmission (MODEL 4) -----------------------------------------------------------------
  suspicion: z.number().min(-1).max(0).default(-1).describe('Appropriateness at tension 1 for an activity above its tension ceiling: just above the ceiling it is 0, falling linearly to this value at tension 1 (negative: the activity arouses suspicion and lowers trust).'),
  misreadBase: unit(0.6, 'Base chance of misreading a signal whose meaning rests wholly on words and customs between distant states.'),
  misreadUsage: unit(0.4, 'Usage term of misreading: language load times this times the cultural distance is added to the second-language term, so native speakers of one language still misread across cultures (MODEL 6c, essay: "divided by a common language").'),
  misreadWeight: z.number().min(-1).max(1).default(-0.3).describe('Evidence weight a misread signal carries (negative: reversed).'),
  empathyEffect: unit(0.6, 'How much mean empathy of the two sides reduces misreading.'),
  seniorityPenalty: unit(0.6, 'Loss of effect when a larger transmitter fully asserts senior status.'),
  overshadowHalf: posStrict(3, 1000, 'Capability ratio excess (c_i/c_j - 1) at which overshadowing reaches one half.'),
  deceptionBase: unit(0.4, 'Chance per activity that a receiver with fully opposed aims and an opaque partner feels deceived.'),
  deceptionLR: z.number().gt(0).max(1).default(0.1).describe('Likelihood ratio of the negative evidence a deception carries.'),

  // --- habits (MODEL 6) -----------------------------------------------------------------------
  habitEta: unit(0.08, 'Habit gain per heeded interaction: H += eta * (1 - H).'),
  habitDecay: unit(0.03, 'Per-step habit decay on steps without an interaction: H *= (1 - decay).'),
  habitShock: unit(0.5, 'Share of i\'s habit with j cut when j betrays it (an exploitation in a test, a defection from a group decision): the routine is shaken, not stopped (MODEL 6, habits-first: "routines persist").'),
  ambitionThresholds: z.array(z.number().min(0).max(1)).length(3).default([0.15, 0.35, 0.6])
    .describe('habits-first routine: habit levels at which ambition rises to activity levels 2, 3 and 4.'),
  routineRepeat: unit(0.7, 'Routine policy: weight of repeating the last activity with a partner, times habit.'),

  kappa: z.number().min(0).max(10).default(KAPPA).describe('habits-first: log-odds of operative trust per unit of habit, logit O = logit B + kappa * H (MODEL 6: "trust will be developed as the habits of cooperation are reinforced"). Calibrated by `npm run calibrate` (docs/MODEL.md 7.5).'),

  // --- trust-first (MODEL 6) ------------------------------------------------------------------
  stanceReview: int(12, 1, 100000, 'trust-first: steps between a state\'s reviews of its stance (withhold or extend) toward each partner (MODEL 6); a leadership change is a review too.'),
  declarationLR: z.number().min(1).max(100).default(1.5).describe('trust-first: likelihood ratio of a declaration of trust, a tied-hands signal sent to the partner when a state extends (MODEL 6; Fearon 1997).'),
  declarationCost: z.number().min(0).max(1000).default(0.5).describe('trust-first: budget units a declaration of trust costs (as official contacts); a state without credit, or a region without discretionary slots, declares nothing (MODEL 6).'),
  revocationLR: z.number().gt(0).max(1).default(0.7).describe('trust-first: likelihood ratio of the evidence a partner takes from the revocation of a stance of trust (MODEL 6).'),
  audienceCost: z.number().min(0).max(100).default(3).describe('Constituency units lost by a state caught acting against its tied-hands signal (a revoked declaration, an exploitation or defection after a white paper or announced position); next year\'s budget falls by constituencyGain times it (MODEL 6c; Fearon 1997).'),
  tiedHandsCredibility: unit(0.5, 'Share of a tied-hands signal\'s log-likelihood ratio kept, for a receiver, after each time it saw the sender act against one (MODEL 6c: lost credibility).'),
  tiedHandsMemory: int(24, 1, 100000, 'Steps after a heeded tied-hands signal during which acting against it counts as breaking it (MODEL 6c).'),
  temptation: unit(0.3, 'Kydd: temptation t to exploit a cooperator; stake threshold q >= c / (1 - t + c).'),

  // --- choice of discretionary activities -----------------------------------------------------
  maxActsPerStep: int(2, 0, 20, 'At most this many discretionary activities per state per step.'),
  explore: unit(0.1, 'Share of choice weight spread evenly over partners (so new partners can be tried).'),
  gritInterval: int(3, 1, 1000, 'GRIT: steps between unilateral initiatives toward the target.'),
  gritPause: int(6, 1, 1000, 'GRIT: steps of answering an exploitation (or waiting after three unreciprocated initiatives) before offering to resume.'),

  // --- tested cooperation (MODEL 4b) ----------------------------------------------------------
  testRate: unit(0.04, 'Chance per state per step that a partner is tested (crisis, incident hotline, information request).'),
  testHabit: unit(0.1, 'Least habit with a partner for a random test of it: a test presupposes cooperation under way.'),
  testStake: unit(0.4, 'Cost c of being exploited in a random test (sets the reliance threshold).'),
  honourLR: z.number().min(1).max(1000).default(4).describe('Likelihood ratio of an honoured test.'),
  exploitLR: z.number().gt(0).max(1).default(0.15).describe('Likelihood ratio of an exploited test.'),
  payoffReward: payoff(1, 'Stage-game payoff R to both when reliance is honoured.'),
  payoffTemptation: payoff(1.5, 'Stage-game payoff T to the exploiter.'),
  payoffSucker: payoff(-1, 'Stage-game payoff S to the state exploited, at the stake testStake; a test at stake c has S = payoffSucker * c / testStake (MODEL 6c).'),
  payoffPunishment: payoff(0, 'Stage-game payoff P of not relying (the status quo). A truster relies when operative trust q >= (P - S) / (R - S): one payoff table for the threshold and the recorded payoffs (MODEL 6c).'),
  cancelledLR: z.number().gt(0).max(1).default(0.95).describe('Likelihood ratio of the evidence a partner takes from a scheduled programme occurrence the transmitter cancels (MODEL 6c: "these wax and wane according to the state of relations").'),

  // --- tension and incidents (MODEL 8) --------------------------------------------------------
  tensionRelax: unit(0.05, 'Per-step fraction by which tension relaxes toward its baseline.'),
  incidentRate: pos(0.05, 10, 'Expected incidents at sea per step between two states of full naval presence.'),
  incidentTension: unit(0.05, 'Tension added by an incident that does not escalate.'),
  escalationBase: unit(0.35, 'Chance that an incident escalates between untrusting states without a code.'),
  escalationTension: unit(0.2, 'Tension added by an escalated incident.'),
  escalationLR: z.number().gt(0).max(1).default(0.5).describe('Likelihood ratio of the evidence an escalated incident gives each side.'),
  codeEffect: unit(0.6, 'Reduction of escalation between adopters of a code for unplanned encounters.'),
  trustDampening: unit(0.5, 'Reduction of escalation at full mutual trust.'),
  rivalTension: unit(0.04, 'Tension an arms transfer adds between the recipient and each of its rivals.'),

  // --- Richardson arms race between rivals (MODEL 8; docs/MODEL.md 7.15) -----------------------
  richardsonReaction: unit(0.03, 'Richardson (1960) reaction coefficient a = b: per step, the rise of one rival\'s arming level per unit of the other\'s. Used only in scenarios with `richardson: true`; the race is stable when richardsonFatigue > richardsonReaction.'),
  richardsonFatigue: unit(0.05, 'Richardson (1960) fatigue coefficient m = n: per-step fraction by which a rival\'s arming level falls under its own expense (at most 1, so a step keeps levels non-negative). Used only in scenarios with `richardson: true`.'),
  richardsonGrievance: unit(0.01, 'Richardson (1960) grievance g = h: arming level a rival adds per step whatever the other does; the tension-reduction and confidence-building outcomes of the pair lower it. The equilibrium mean level is g / (m - a), tension 1 - 2^(-level). Used only in scenarios with `richardson: true`.'),

  // --- outcome feedbacks (MODEL 5) ------------------------------------------------------------
  outcomeScale: posStrict(5, 1e6, 'Accumulated outcome at which a saturating feedback x / (x + scale) reaches half its effect.'),
  tensionReduction: unit(0.02, 'Tension removed per unit of the tension-reduction outcome.'),
  symbolicWeight: unit(0.15, 'Evidence weight, for watching co-members, of an activity\'s symbolic positioning.'),
  competenceGain: unit(0.004, 'Relative capability gained by the recipient per unit of the competence outcome.'),
  transparencyGain: unit(0.03, 'Understanding gained per unit of the transparency outcome.'),
  relationshipPersistence: unit(0.5, 'Share of a pair\'s habit that no longer decays at saturated good relationships.'),
  perceptionRate: unit(0.005, 'Rate at which the trust baseline moves toward current trust per unit of the perceptions outcome.'),
  confidenceEffect: unit(0.5, 'Escalation reduction at saturated confidence building.'),
  incentiveEffect: unit(0.3, 'Receptivity gained (toward 1) at saturated incentives.'),
  constituencyGain: unit(0.01, 'Relative budget rise next year per unit of the constituency outcome.'),
  understandingGain: unit(0.01, 'Understanding gained by both sides per heeded interaction.'),

  // --- defection on core national interest (MODEL 7) ------------------------------------------
  commitBase: z.number().min(-1).max(1).default(0.05).describe('Commitment every member has to a group decision.'),
  commitTrust: unit(0.35, 'Commitment from mean trust in the other members.'),
  commitHabit: unit(0.25, 'Commitment from mean habit with the other members.'),
  commitCloseness: unit(0.25, 'Commitment from the group\'s closeness.'),
  cascadeWeight: unit(0.4, 'Commitment lost per share of members already defected (threshold cascade).'),
  defectionLR: z.number().gt(0).max(1).default(0.2).describe('Likelihood ratio of the evidence a defection gives each observer.'),
  transparencySoftening: unit(0.5, 'How much a transparent defector softens the evidence.'),
  closenessSoftening: unit(0.6, 'How much the group\'s closeness softens the evidence.'),
  defectionTension: unit(0.1, 'Tension a defection adds between the defector and each observer.'),

  // --- reputation through partners (MODEL 7b) -------------------------------------------------
  reputationWeight: unit(0.1, 'Share of the gap to trusted witnesses\' views closed at each forum meeting.'),
  agreementTrust: unit(0.75, 'Mutual trust above which a pair may sign a defence cooperation agreement.'),
  agreementHabit: unit(0.5, 'Mutual habit above which a pair may sign a defence cooperation agreement.'),
  agreementTestGain: z.number().min(0).max(100).default(1).describe('Relative rise of the random-test rate toward a partner one has an agreement with (MODEL 7b: agreements raise tested cooperation); the chance is capped at 1.'),
  agreementPersistence: unit(0.25, 'Share of a pair\'s habit made persistent (added to the relationships floor, capped at the whole habit) by an agreement between them (MODEL 7b).'),
  agreementReputation: z.number().min(0).max(10).default(0.2).describe('Log-odds of evidence about j that i takes when j signs an agreement with k, times i\'s witness weight of k, max(0, 2 q_ik - 1), for i without an agreement with j (MODEL 7b; Kinne 2018: triadic closure).'),
});

/** Parameters as a scenario writes them (every key optional). */
export type ParametersInput = z.input<typeof Parameters>;
/** Parameters resolved: every default filled. */
export type Params = z.output<typeof Parameters>;

/** The default parameters table. */
export const defaultParams = (): Params => Parameters.parse({});

/**
 * Names of the parameters that are whole numbers (counts of steps or activities): a variation
 * gives them whole numbers only, and a Latin hypercube samples them as whole numbers.
 */
export const INTEGER_PARAMETERS: ReadonlySet<string> = new Set(Object.entries(Parameters.shape)
  .filter(([, schema]) => {
    const inner = schema.unwrap();
    return inner instanceof z.ZodNumber && inner.format === 'safeint';
  })
  .map(([name]) => name));
