/**
 * Tested cooperation (MODEL 4b): where trust can be misplaced. A truster relies on a trustee
 * only if its operative trust passes the threshold of the test's own payoff table
 * (q >= (P - S) / (R - S), MODEL 6c); the trustee then honours with
 * probability `trustworthiness` (or as its strategy says); payoffs are recorded and trust moves
 * strongly either way. Each state draws exactly three numbers per step from the tests stream.
 *
 * `lastMove[x*n + y]` is x's last move toward y (0 none or forgiven, 1 honoured, 2 exploited).
 * A reciprocal state answers an exploitation once (it does not rely, or it exploits back, or it
 * leaves the exploiter out of one step's choice, whichever comes first) and then resets the
 * exploiter's move to 0: tit for tat forgives. A heeded bilateral act of the exploiter makes
 * amends (2 becomes 1, core/transmit.ts).
 *
 * A state with a strategy (the game layer, src/game) plays its tests as turns of one repeated
 * stage game per pair (`RunState.games`): as truster it relies when its strategy cooperates, as
 * trustee it honours when its strategy cooperates; a side without a strategy moves as above
 * (threshold and reciprocity as truster, trustworthiness as trustee) and its moves enter the
 * pair's history all the same, a withheld reliance as D. Both move every turn, so a trustee's
 * answer to a truster that did not rely is still played (and counted as a missed opportunity
 * when it was C). Trust and payoffs then follow the moves exactly as without strategies.
 */
import type { Action } from '../game/game.js';
import { C, type PairGame } from '../world/state.js';
import { POLICY_GRIT, POLICY_RECIPROCAL } from '../world/world.js';
import { EVENT_KIND_INDEX as Kind, EventFlag as Flag } from './events.js';
import { addEvidence, addTension, cutHabit, habitNow, operativeTrust, relianceThreshold, suckerPayoff, type Ctx } from './pair.js';
import { breakTiedHands, revoke } from './stance.js';

/**
 * Random tests: each state, with probability testRate, tests a partner it has a working routine
 * with; an agreement with the partner raises the chance by agreementTestGain (MODEL 7b).
 */
export function randomTests(c: Ctx): void {
  const { w, s, p, n } = c;
  const draw = c.r.tests;
  const { start, list } = w.partners;
  const stake = p.testStake;
  const agreed = Math.min(1, p.testRate * (1 + p.agreementTestGain));
  for (let i = 0; i < n; i++) {
    const uTest = draw(), uPartner = draw(), uHonour = draw();
    const deg = start[i + 1] - start[i];
    if (deg === 0) continue;
    const j = list[start[i] + Math.floor(uPartner * deg)];
    if (uTest >= (s.agreement[i * n + j] !== 0 ? agreed : p.testRate)) continue;
    // A test presupposes cooperation under way: a crisis partner, a hotline, a joint operation.
    const h = habitNow(c, i * n + j);
    if (h === 0 || h < p.testHabit) continue;
    test(c, i, j, stake, uHonour);
  }
}

/** A scheduled test of `trustee` by `truster` at a given stake; `forced` scripts the answer (the draw is made anyway). */
export function scheduledTest(c: Ctx, truster: number, trustee: number, stake: number, forced?: boolean): void {
  test(c, truster, trustee, stake, c.r.scheduledTests(), forced);
}

function test(c: Ctx, i: number, j: number, stake: number, uHonour: number, forced?: boolean): void {
  const { w, s, p, n, t } = c;
  const ij = i * n + j, ji = j * n + i;
  s.counters[C.tests]++;
  s.tally.tests[ij]++;
  const q = operativeTrust(c, ij);
  const game = w.anyStrategy && (w.strategies[i] !== null || w.strategies[j] !== null) ? pairGame(c, i, j) : null;
  const lo = i < j ? 0 : 1; // i's side in the pair's game
  const mine = game === null ? null : game.players[lo], theirs = game === null ? null : game.players[1 - lo];
  let relies: boolean;
  if (mine !== null) relies = mine.move(game!.moves[lo], game!.moves[1 - lo]) === 'C';
  else {
    relies = q >= relianceThreshold(p, stake);
    if (w.policy[i] === POLICY_RECIPROCAL) {
      // Tit for tat: answer the trustee's exploitation once, then forgive (back to neutral).
      relies = s.lastMove[ji] !== 2;
      if (!relies) s.lastMove[ji] = 0;
    }
    if (w.policy[i] === POLICY_GRIT && t < s.gritPause[ij]) relies = false; // answering an exploitation
  }
  // The trustee honours with probability trustworthiness (or as its strategy says); a reciprocal
  // trustee exploits one that exploited it last time (tit for tat), once, then forgives. Its
  // answer is known even when the truster does not rely: the draw is made anyway (common random
  // numbers), and a strategy moves on every turn of the game.
  let honours: boolean;
  if (theirs !== null) honours = forced ?? theirs.move(game!.moves[1 - lo], game!.moves[lo]) === 'C';
  else honours = (forced ?? uHonour < w.trustworthiness[j]) && !(w.policy[j] === POLICY_RECIPROCAL && s.lastMove[ij] === 2);
  if (game !== null) {
    game.moves[lo].push(relies ? 'C' : 'D');
    game.moves[1 - lo].push(honours ? 'C' : 'D');
  }
  if (!relies) {
    // A missed opportunity (MODEL 6b): the trustee would have honoured.
    if (honours) s.tally.missed[ij]++;
    if (s.log !== null) s.log.push(t, Kind.test, j, i, -1, -1, -1, 0, 0, 0, q);
    return;
  }
  if (w.policy[j] === POLICY_RECIPROCAL && s.lastMove[ij] === 2 && theirs === null) s.lastMove[ij] = 0;
  s.lastMove[ji] = honours ? 1 : 2;
  s.tally.relied[ij]++;
  if (honours) {
    s.counters[C.honoured]++;
    s.tally.honoured[ij]++;
    s.gain[ij] += p.payoffReward;
    s.gain[ji] += p.payoffReward;
    s.gainTotal += 2 * p.payoffReward;
    addEvidence(c, i, j, Math.log(p.honourLR), Kind.test, j, i, -1, Flag.relied | Flag.honoured);
  } else {
    // The same table that set the threshold: S (at this stake) to the truster, T to the exploiter.
    const S = suckerPayoff(p, stake);
    s.counters[C.exploited]++;
    s.tally.exploited[ij]++;
    s.loss[ij] -= S;
    s.gain[ji] += p.payoffTemptation;
    s.gainTotal += p.payoffTemptation;
    s.lossTotal -= S;
    addEvidence(c, i, j, Math.log(p.exploitLR), Kind.test, j, i, -1, Flag.relied | Flag.exploited);
    addTension(c, i, j, p.defectionTension);
    // A betrayal shakes the victim's routine with the exploiter, it does not stop it (MODEL 6).
    cutHabit(c, ij, p.habitShock);
    // The exploiter acted against the tied-hands signals it sent the victim (MODEL 6c).
    breakTiedHands(c, j, i);
    // trust-first: an exploited extension of trust is revoked (MODEL 6).
    if (s.stance[ij] !== 0) revoke(c, i, j);
    if (w.policy[i] === POLICY_GRIT) {
      // GRIT answers exploitation, then offers to resume from the first rung.
      s.gritPause[ij] = t + p.gritPause;
      s.gritLevel[ij] = 1;
      s.gritCount[ij] = 0;
      s.gritSince[ij] = -1;
    }
  }
}

/** The repeated game of the pair {i, j}, created at its first test with a fresh player for each side that has a strategy. */
function pairGame(c: Ctx, i: number, j: number): PairGame {
  const { w, s, n } = c;
  const a = Math.min(i, j), b = Math.max(i, j);
  const key = a * n + b;
  let g = s.games.get(key);
  if (g === undefined) {
    const sa = w.strategies[a], sb = w.strategies[b];
    g = {
      players: [sa === null ? null : sa.create(w.game, c.r.game(a * n + b)), sb === null ? null : sb.create(w.game, c.r.game(b * n + a))],
      moves: [[] as Action[], [] as Action[]],
    };
    s.games.set(key, g);
  }
  return g;
}
