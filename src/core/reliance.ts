/**
 * Tested cooperation (MODEL 4b): where trust can be misplaced. A truster relies on a trustee
 * only if its trust passes the stake threshold (Kydd); the trustee then honours with
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
import { sigmoid } from '../model/logistic.js';
import { addEvidence, addTension, habitNow, stakeThreshold, trustLogit, type Ctx } from './pair.js';

/** Random tests: each state, with probability testRate, tests a partner it has a working routine with. */
export function randomTests(c: Ctx): void {
  const { w, p, n } = c;
  const draw = c.r.tests;
  const { start, list } = w.partners;
  const qStar = stakeThreshold(p.testStake, p.temptation);
  for (let i = 0; i < n; i++) {
    const uTest = draw(), uPartner = draw(), uHonour = draw();
    const deg = start[i + 1] - start[i];
    if (deg === 0 || uTest >= p.testRate) continue;
    const j = list[start[i] + Math.floor(uPartner * deg)];
    // A test presupposes cooperation under way: a crisis partner, a hotline, a joint operation.
    const h = habitNow(c, i * n + j);
    if (h === 0 || h < p.testHabit) continue;
    test(c, i, j, qStar, uHonour);
  }
}

/** A scheduled test of `trustee` by `truster` at a given stake: one `scheduledTests` draw, for honouring. */
export function scheduledTest(c: Ctx, truster: number, trustee: number, stake: number): void {
  test(c, truster, trustee, stakeThreshold(stake, c.p.temptation), c.r.scheduledTests());
}

function test(c: Ctx, i: number, j: number, qStar: number, uHonour: number): void {
  const { w, s, p, n, t } = c;
  const ij = i * n + j, ji = j * n + i;
  s.counters[C.tests]++;
  const q = sigmoid(trustLogit(c, ij));
  let relies = q >= qStar;
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
  let honours = uHonour < w.trustworthiness[j];
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
    s.counters[C.exploited]++;
    s.loss[ij] -= p.payoffSucker;
    s.gain[ji] += p.payoffTemptation;
    s.gainTotal += p.payoffTemptation;
    s.lossTotal -= p.payoffSucker;
    addEvidence(c, i, j, Math.log(p.exploitLR), Kind.test, j, i, -1, Flag.relied | Flag.exploited);
    addTension(c, i, j, p.defectionTension);
    if (w.policy[i] === POLICY_GRIT) {
      // GRIT answers exploitation, then offers to resume from the first rung.
      s.gritPause[ij] = t + p.gritPause;
      s.gritLevel[ij] = 1;
      s.gritCount[ij] = 0;
      s.gritSince[ij] = -1;
    }
  }
}
