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
 */
import { C } from '../world/state.js';
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
  const q = operativeTrust(c, ij);
  let relies = q >= relianceThreshold(p, stake);
  if (w.policy[i] === POLICY_RECIPROCAL) {
    // Tit for tat: answer the trustee's exploitation once, then forgive (back to neutral).
    relies = s.lastMove[ji] !== 2;
    if (!relies) s.lastMove[ji] = 0;
  }
  if (w.policy[i] === POLICY_GRIT && t < s.gritPause[ij]) relies = false; // answering an exploitation
  if (!relies) {
    if (s.log !== null) s.log.push(t, Kind.test, j, i, -1, -1, -1, 0, 0, 0, q);
    return;
  }
  // The trustee honours with probability trustworthiness; a reciprocal trustee exploits one
  // that exploited it last time (tit for tat), once, then forgives.
  let honours = forced ?? uHonour < w.trustworthiness[j];
  if (w.policy[j] === POLICY_RECIPROCAL && s.lastMove[ij] === 2) {
    honours = false;
    s.lastMove[ij] = 0;
  }
  s.lastMove[ji] = honours ? 1 : 2;
  if (honours) {
    s.counters[C.honoured]++;
    s.gain[ij] += p.payoffReward;
    s.gain[ji] += p.payoffReward;
    s.gainTotal += 2 * p.payoffReward;
    addEvidence(c, i, j, Math.log(p.honourLR), Kind.test, j, i, -1, Flag.relied | Flag.honoured);
  } else {
    // The same table that set the threshold: S (at this stake) to the truster, T to the exploiter.
    const S = suckerPayoff(p, stake);
    s.counters[C.exploited]++;
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
