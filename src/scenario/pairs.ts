/**
 * Relations between states: rivalries and the initial trust, tension, understanding and aims,
 * each a default with per-pair values (directed `from`/`to`, or symmetric `between`).
 */
import { z } from 'zod';
import { id, prob, unit } from './fields.js';

const PairValue = z.strictObject({ from: id.describe('Id of the state that understands.'), to: id.describe('Id of the state understood.'), value: unit.describe('Its understanding of that state, in [0,1].') });
const SymPairValue = z.strictObject({ between: z.tuple([id, id]).describe('The two states (ids).'), value: unit.describe('Tension between them, in [0,1].') });

/** Pairs of rivals. */
export const Rivalries = z.array(z.tuple([id, id])).default([]).describe('Pairs of rivals (arms transfers to one raise tension with the other).');
/**
 * Whether the rivals' tension follows Richardson's arms-race equations (docs/MODEL.md 7.15),
 * with the coefficients of the parameters table; off, every pair keeps relaxation toward its
 * baseline (7.11).
 */
export const RichardsonSwitch = z.boolean().default(false).describe('Rivals\' tension follows Richardson\'s arms-race equations (parameters richardsonReaction, richardsonFatigue, richardsonGrievance) instead of relaxing toward its baseline; other pairs are unchanged.');
/** Initial trust (a probability), directed. */
export const Trust = z.strictObject({ default: prob.default(0.5).describe('Initial trust of every state in every other, a probability strictly between 0 and 1. Default 0.5.'), pairs: z.array(z.strictObject({ from: id.describe('Id of the state that trusts.'), to: id.describe('Id of the state trusted.'), value: prob.describe('Its initial trust in that state, a probability strictly between 0 and 1.') })).default([]).describe('Pairs whose initial trust differs from the default.') }).default({ default: 0.5, pairs: [] })
  .describe('Initial trust (how likely a state thinks the other honours cooperation): a default and per-pair values, directed (A\'s trust in B may differ from B\'s in A).');
/** Initial tension, symmetric. */
export const Tension = z.strictObject({ default: unit.default(0.1).describe('Initial tension between every two states, in [0,1]. Default 0.1.'), pairs: z.array(SymPairValue).default([]).describe('Pairs whose initial tension differs from the default.') }).default({ default: 0.1, pairs: [] })
  .describe('Initial tension (hostility) between states, in [0,1]: a default and per-pair values, the same both ways.');
/** Initial understanding, directed. */
export const Understanding = z.strictObject({ default: unit.default(0.3).describe('Initial understanding of every state by every other, in [0,1]. Default 0.3.'), pairs: z.array(PairValue).default([]).describe('Pairs whose initial understanding differs from the default.') }).default({ default: 0.3, pairs: [] })
  .describe('Initial understanding of a partner\'s perspective and intentions, in [0,1]: a default and per-pair values, directed.');
/** Alignment of two states' aims, in [-1,1], symmetric and constant (docs/MODEL.md). */
export const Aims = z.strictObject({
  default: z.number().min(-1).max(1).default(0.3).describe('Alignment of the aims of every two states. Default 0.3.'),
  pairs: z.array(z.strictObject({ between: z.tuple([id, id]).describe('The two states (ids).'), value: z.number().min(-1).max(1).describe('Alignment of their aims, from -1 (opposed) to 1 (the same).') })).default([]).describe('Pairs whose alignment differs from the default.'),
}).default({ default: 0.3, pairs: [] }).describe('Alignment of two states\' aims, from -1 (fully opposed) to 1 (the same): a default and per-pair values, the same both ways and constant through the run.');
