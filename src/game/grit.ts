/**
 * GRIT in the stage game, as this project defines it (MODEL.md section 6; docs/MODEL.md 7.6,
 * "GRIT", and deviation 11): "announced unilateral, non-threatening initiatives, repeated up to
 * three times when unreciprocated, reciprocation expanded, exploitation answered, then an offer
 * to resume". The reference library has no GRIT; this is the project's reading with two moves:
 *
 * - an initiative is a cooperation; the first move is one;
 * - an initiative is reciprocated when the opponent cooperates on the same turn; while it is,
 *   GRIT keeps cooperating (with one cooperative move there is nothing further to expand to) and
 *   the count of unreciprocated initiatives returns to 0;
 * - an initiative met by a defection is unreciprocated: GRIT repeats it, up to three in a row
 *   (`UNRECIPROCATED_LIMIT`); after the third it answers by defecting for `PAUSE` turns
 *   (`gritPause`, default 6: no initiative while paused), whatever the opponent does meanwhile;
 * - then it offers to resume: a new initiative, with the count back at 0.
 *
 * The model's `gritInterval` has no counterpart: every turn of a match is an opportunity, as the
 * transmission model's steps are. Deterministic: GRIT draws no random numbers.
 */
import type { Action } from './game.js';
import type { Strategy } from './strategy.js';

/** Initiatives repeated when unreciprocated before GRIT pauses (MODEL 6: "up to three times"). */
export const UNRECIPROCATED_LIMIT = 3;
/** Turns GRIT defects after the third unreciprocated initiative (docs/MODEL.md parameter `gritPause`, 6). */
export const PAUSE = 6;

export const GRIT: Strategy = {
  name: 'GRIT',
  stochastic: false,
  create() {
    let unreciprocated = 0;
    let pausedFor = 0;
    return {
      move(own, other): Action {
        const t = own.length;
        if (t > 0) {
          if (own[t - 1] === 'C') {
            unreciprocated = other[t - 1] === 'C' ? 0 : unreciprocated + 1;
            if (unreciprocated >= UNRECIPROCATED_LIMIT) { unreciprocated = 0; pausedFor = PAUSE; }
          }
        }
        if (pausedFor > 0) { pausedFor--; return 'D'; }
        return 'C';
      },
    };
  },
};
