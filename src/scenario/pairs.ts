/**
 * Relations between states: rivalries and the initial trust, tension, understanding and aims,
 * each a default with per-pair values (directed `from`/`to`, or symmetric `between`).
 */
import { z } from 'zod';
import { id, prob, unit } from './fields.js';

const PairValue = z.strictObject({ from: id, to: id, value: unit });
const SymPairValue = z.strictObject({ between: z.tuple([id, id]), value: unit });

/** Pairs of rivals. */
export const Rivalries = z.array(z.tuple([id, id])).default([]).describe('Pairs of rivals (arms transfers to one raise tension with the other).');
/**
 * Whether the rivals' tension follows Richardson's arms-race equations (docs/MODEL.md 7.15),
 * with the coefficients of the parameters table; off, every pair keeps relaxation toward its
 * baseline (7.11).
 */
export const RichardsonSwitch = z.boolean().default(false).describe('Rivals\' tension follows Richardson\'s arms-race equations (parameters richardsonReaction, richardsonFatigue, richardsonGrievance) instead of relaxing toward its baseline; other pairs are unchanged.');
/** Initial trust (a probability), directed. */
export const Trust = z.strictObject({ default: prob.default(0.5), pairs: z.array(z.strictObject({ from: id, to: id, value: prob })).default([]) }).default({ default: 0.5, pairs: [] });
/** Initial tension, symmetric. */
export const Tension = z.strictObject({ default: unit.default(0.1), pairs: z.array(SymPairValue).default([]) }).default({ default: 0.1, pairs: [] });
/** Initial understanding, directed. */
export const Understanding = z.strictObject({ default: unit.default(0.3), pairs: z.array(PairValue).default([]) }).default({ default: 0.3, pairs: [] });
/** Alignment of two states' aims, in [-1,1], symmetric and constant (docs/MODEL.md). */
export const Aims = z.strictObject({
  default: z.number().min(-1).max(1).default(0.3),
  pairs: z.array(z.strictObject({ between: z.tuple([id, id]), value: z.number().min(-1).max(1) })).default([]),
}).default({ default: 0.3, pairs: [] });
