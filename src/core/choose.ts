/**
 * How each state chooses its discretionary activities: the transmitter's side (MODEL 6).
 * Choices for the whole step are made first from the state at the start of the phase and
 * executed afterwards (simultaneous update), and each slot draws exactly four numbers from the
 * choice stream whatever the policy, so hypotheses are compared on the same dice.
 *
 * - routine (habits-first): partners and activities by habit; ambition rises as habit passes
 *   thresholds; the last activity with a partner is likelier repeated.
 * - trust-gated (trust-first): partners by operative trust; an activity only when operative
 *   trust passes its stake threshold (Kydd), preferring the more ambitious.
 * - GRIT (Osgood): unilateral, non-threatening initiatives toward the most tense partner,
 *   repeated up to three times unreciprocated, expanded when reciprocated, paused to answer an
 *   exploitation, then offered again.
 * - reciprocal (tit-for-tat on tested cooperation): as trust-gated, but leaves out for one step
 *   a partner whose last tested move was to exploit (unless it answered or forgave it already),
 *   then forgives it.
 */
import { POLICY_AUTO, POLICY_GRIT, POLICY_RECIPROCAL, POLICY_ROUTINE, POLICY_TRUST } from '../world/world.js';
import { habitNow, operativeTrust, tensionNow, type Ctx } from './pair.js';

export function chooseActivities(c: Ctx): void {
  const { w, s, p, n } = c;
  const A = p.maxActsPerStep;
  const draw = c.r.choice;
  const { start, list } = w.partners;
  for (let i = 0; i < n; i++) {
    const from = start[i], deg = start[i + 1] - from;
    let avail = s.credit[i];
    let weightsOf = POLICY_AUTO; // which weights c.weights holds for state i (none yet)
    let total = 0;
    for (let slot = 0; slot < A; slot++) {
      const uMix = draw(), uPartner = draw(), uAct = draw(), uRepeat = draw();
      const k = i * A + slot;
      s.slotPartner[k] = -1;
      if (deg === 0 || avail <= 0) continue;
      let policy = w.policy[i];
      if (policy === POLICY_GRIT && slot === 0) {
        const a = gritInitiative(c, i, avail);
        if (a >= 0) { avail -= w.activities[s.slotActivity[k] = a].cost; s.slotPartner[k] = s.gritTarget; }
        continue;
      }
      if (policy === POLICY_AUTO || policy === POLICY_GRIT) policy = uMix < w.blend ? POLICY_TRUST : POLICY_ROUTINE;
      const byTrust = policy !== POLICY_ROUTINE;
      if (weightsOf !== policy) {
        total = partnerWeights(c, i, policy);
        weightsOf = policy;
      }
      if (total <= 0) continue;
      // Sample a partner from the weights.
      let target = uPartner * total;
      let q = 0;
      while (q < deg - 1 && target >= c.weights[q]) { target -= c.weights[q]; q++; }
      const j = list[from + q];
      const a = byTrust ? gatedActivity(c, i, j, avail, uAct) : routineActivity(c, i, j, avail, uAct, uRepeat);
      if (a < 0) continue;
      s.slotPartner[k] = j;
      s.slotActivity[k] = a;
      avail -= w.activities[a].cost;
    }
  }
}

/** Fills c.weights with state i's partner weights under a policy; returns their sum. */
function partnerWeights(c: Ctx, i: number, policy: number): number {
  const { w, s, n } = c;
  const { start, list } = w.partners;
  const from = start[i], deg = start[i + 1] - from;
  const even = c.p.explore / deg;
  let sum = 0;
  for (let q = 0; q < deg; q++) {
    const p = i * n + list[from + q];
    let v: number;
    if (policy === POLICY_ROUTINE) v = habitNow(c, p);
    else if (policy === POLICY_RECIPROCAL && s.lastMove[list[from + q] * n + i] === 2) {
      // Tit for tat: leave the exploiter out of this step's choice, then forgive.
      v = -1;
      s.lastMove[list[from + q] * n + i] = 0;
    }
    else v = operativeTrust(c, p);
    c.weights[q] = v;
    if (v > 0) sum += v;
  }
  let total = 0;
  for (let q = 0; q < deg; q++) {
    const v = c.weights[q];
    c.weights[q] = v < 0 ? 0 : even + (sum > 0 ? (1 - c.p.explore) * v / sum : (1 - c.p.explore) / deg);
    total += c.weights[q];
  }
  return total;
}

/** habits-first routine: ambition capped by habit; the last activity repeated with probability routineRepeat * H. */
function routineActivity(c: Ctx, i: number, j: number, avail: number, uAct: number, uRepeat: number): number {
  const { w, s, p, n } = c;
  const h = habitNow(c, i * n + j);
  const th = p.ambitionThresholds;
  const cap = 1 + (h >= th[0] ? 1 : 0) + (h >= th[1] ? 1 : 0) + (h >= th[2] ? 1 : 0);
  const last = s.lastAct[i * n + j];
  if (last >= 0 && uRepeat < p.routineRepeat * h) {
    const a = w.activities[last];
    if (a.mode === 'bilateral' && a.ambition <= cap && a.cost <= avail) return last;
  }
  let count = 0;
  const b = w.bilateral;
  for (let k = 0; k < b.length; k++) {
    const a = w.activities[b[k]];
    if (a.ambition <= cap && a.cost <= avail) count++;
  }
  if (count === 0) return -1;
  let pick = Math.floor(uAct * count);
  for (let k = 0; k < b.length; k++) {
    const a = w.activities[b[k]];
    if (a.ambition <= cap && a.cost <= avail && pick-- === 0) return b[k];
  }
  return -1;
}

/** trust-first: among affordable kinds whose stake threshold operative trust passes, weighted by ambition. */
function gatedActivity(c: Ctx, i: number, j: number, avail: number, uAct: number): number {
  const { w } = c;
  const q = operativeTrust(c, i * c.n + j);
  const b = w.bilateral;
  let total = 0;
  for (let k = 0; k < b.length; k++) {
    const a = w.activities[b[k]];
    if (c.stakeQ[b[k]] <= q && a.cost <= avail) total += a.ambition;
  }
  if (total === 0) return -1;
  let target = uAct * total;
  for (let k = 0; k < b.length; k++) {
    const a = w.activities[b[k]];
    if (c.stakeQ[b[k]] <= q && a.cost <= avail) {
      if (target < a.ambition) return b[k];
      target -= a.ambition;
    }
  }
  return -1;
}

/**
 * GRIT (Osgood 1962): returns the activity of this step's initiative toward the most tense
 * partner (sets s.gritTarget), or -1 for none this step.
 */
function gritInitiative(c: Ctx, i: number, avail: number): number {
  const { w, s, p, n, t } = c;
  const { start, list } = w.partners;
  let target = -1, worst = -1;
  for (let k = start[i]; k < start[i + 1]; k++) {
    const x = tensionNow(c, i, list[k]);
    if (x > worst) { worst = x; target = list[k]; }
  }
  if (target < 0) return -1;
  const it = i * n + target;
  if (t < s.gritPause[it]) return -1; // answering an exploitation, or waiting after three tries
  const since = s.gritSince[it];
  if (since >= 0 && t - since < p.gritInterval) return -1;
  if (since >= 0) {
    if (s.lastHeard[it] > since) {
      // Reciprocated: expand the initiatives.
      if (s.gritLevel[it] < 4) s.gritLevel[it]++;
      s.gritCount[it] = 0;
    } else if (++s.gritCount[it] >= 3) {
      // Three unreciprocated initiatives: pause, then offer to resume from the start.
      s.gritCount[it] = 0;
      s.gritLevel[it] = 1;
      s.gritPause[it] = t + p.gritPause;
      s.gritSince[it] = -1;
      return -1;
    }
  }
  // The least risky non-threatening kind at the current level (or below).
  let best = -1;
  for (let level = s.gritLevel[it]; level >= 1 && best < 0; level--) {
    for (let k = 0; k < w.bilateral.length; k++) {
      const a = w.activities[w.bilateral[k]];
      if (a.ambition !== level || a.rivalTension > 0 || a.cost > avail) continue;
      if (best < 0 || a.stake < w.activities[best].stake) best = w.bilateral[k];
    }
  }
  if (best >= 0) {
    s.gritSince[it] = t;
    s.gritTarget = target;
  }
  return best;
}
