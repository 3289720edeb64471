/**
 * One transmission i -> j of activity a (MODEL 4): the essay's transmitters and receivers.
 * Every transmission draws exactly four numbers from the signal stream, used or not, so both
 * hypotheses see the same dice at the same opportunities (common random numbers).
 */
import { C } from '../world/state.js';
import { EVENT_KIND_INDEX as Kind, EventFlag as Flag } from './events.js';
import { sigmoid } from '../model/logistic.js';
import { addEvidence, addTension, habitNow, OUT, reinforceHabit, sat, tensionNow, trustLogit, type Ctx } from './pair.js';
import type { Uniform } from './rng.js';

/** What a transmission achieved: 0 declined (not undertaken), 1 undertaken, 2 undertaken and heeded. */
export const DECLINED = 0;
export const SENT = 1;
export const HEEDED = 2;

/** Overshadowing of j by i (MODEL 4.6): 0 unless i is larger, 1/2 at ratio 1 + overshadowHalf. */
export function overshadow(c: Ctx, i: number, j: number): number {
  // r / (r + h) with r = c_i / c_j - 1, written without the ratio so extreme capabilities cannot overflow.
  const ci = c.s.capability[i], cj = c.s.capability[j];
  return ci <= cj ? 0 : (ci - cj) / (ci - cj + c.p.overshadowHalf * cj);
}

/** Asymmetry of i over j in [0,1) (seniority only matters for the larger side). */
export function asymmetry(c: Ctx, i: number, j: number): number {
  const ci = c.s.capability[i], cj = c.s.capability[j];
  return ci > cj ? (ci - cj) / (ci + cj) : 0;
}

/** Capability never grows past this (the scenario's own limit): ratios stay finite. */
export const CAPABILITY_MAX = 1e9;

/** Channels of a transmission. */
export const BILATERAL = 0;
export const FORUM = 1;
export const BROADCAST = 2;
/** trust-first's declaration of trust (MODEL 6): a tied-hands signal to the partner, not an act of cooperation. */
export const DECLARATION = 3;

/**
 * Transmits activity `a` from i to j over a channel (BILATERAL, FORUM or BROADCAST) with
 * evidence weight `mode` (1 bilateral, less for forums and broadcasts). Returns DECLINED, SENT
 * or HEEDED. Only a heeded bilateral act counts as reciprocation for GRIT, and as amends for an
 * exploitation in the eyes of a reciprocal receiver. A DECLARATION draws from its own stream
 * (`sig`, the pair's declaration stream) and moves only the receiver's belief: no habit,
 * understanding, outcomes or agreement follow from words alone.
 */
export function transmit(c: Ctx, i: number, j: number, a: number, mode: number, channel: number, sig: Uniform = c.r.signal(i * c.n + j)): number {
  const { w, s, p, n } = c;
  const act = w.activities[a];
  const ij = i * n + j;
  const kind = channel === DECLARATION ? Kind.stance : Kind.activity;
  const uMimic = sig(), uHeed = sig(), uMisread = sig(), uDeceive = sig();
  const ji = j * n + i;

  // Kydd: an untrustworthy type mimics a signal only with probability sigma = 1/LR (MODEL 4b).
  const tw = w.trustworthiness[i];
  if (uMimic >= tw + (1 - tw) * act.sigma) {
    s.counters[C.declined]++;
    if (s.log !== null) s.log.push(c.t, Kind.declined, i, j, -1, -1, a, 0, 0, 0, 0);
    return DECLINED;
  }
  // Declarations are counted apart (RunState.declarations), not as activities.
  const counted = channel !== DECLARATION ? 1 : 0;
  s.counters[C.activities] += counted;

  // 1. Appropriateness: above the tension ceiling the activity arouses suspicion at once,
  // the more so the higher the tension (`suspicion` at tension 1; negative).
  const x = tensionNow(c, i, j);
  const ceil = act.tensionCeiling;
  const app = x <= ceil || ceil >= 1 ? 1 : p.suspicion * (x - ceil) / (1 - ceil);
  // 4. Heeding, raised by incentives received (decided first: an unheeded signal needs nothing else).
  const rec = w.receptivity[j];
  const receptive = rec + (1 - rec) * p.incentiveEffect * sat(c, s.O[OUT.incentives * c.nn + ij]);
  if (uHeed >= receptive) {
    // Not heeded: the receiver's trust does not move, so the row is not a trust row.
    if (s.log !== null) s.log.push(c.t, kind, i, j, -1, -1, a, app < 0 ? Flag.suspicious : 0, 0, 0, 0);
    return SENT;
  }
  // 2. Clarity: an equivocal transmitter is not believed.
  const clarity = 1 - w.equivocation[i];
  // 3. Misreading from language and culture, offset by understanding and empathy. Words carry
  // different meanings in different cultures even between native speakers of one language
  // (MODEL 6c, "divided by a common language"): a usage term grows with cultural distance on top
  // of the second-language term.
  const cult = w.cult[ij];
  const pMis = p.misreadBase * (act.languageLoad * (w.lang[ij] + p.misreadUsage * cult) + act.culturalLoad * cult)
    * (1 - s.U[ij]) * (1 - p.empathyEffect * (w.empathy[i] + w.empathy[j]) / 2);
  // 5. Partnership: a larger partner asserting senior status loses effect.
  const partnership = 1 - p.seniorityPenalty * w.seniority[i] * asymmetry(c, i, j);
  // 6. Parity: overshadowing unless the larger side restrains itself.
  const parity = 1 - act.needsParity * overshadow(c, i, j) * (1 - w.restraint[i]);

  s.counters[C.heeded] += counted;
  if (channel === BILATERAL) {
    s.lastHeard[ji] = c.t;
    // A heeded bilateral act makes amends for an exploitation (tit for tat sees cooperation).
    if (s.lastMove[ij] === 2) s.lastMove[ij] = 1;
  }

  const quality = mode * app * clarity * partnership * parity;
  let flags = Flag.heeded;
  let dL: number;
  // 7. Aims: misaligned, opaque aims leave the receiver feeling deceived, whatever the activity.
  const aims = w.aims[ij];
  const pDeceive = aims < 0
    ? p.deceptionBase * -aims * (1 - w.transparency[i]) * (1 - sat(c, s.O[OUT.transparency * c.nn + ij]))
    : 0;
  if (uDeceive < pDeceive) {
    flags |= Flag.deceived;
    s.counters[C.deceived]++;
    dL = mode * Math.log(p.deceptionLR);
  } else {
    // 8. Evidence: the same likelihood ratio under every hypothesis (MODEL 6), reduced or reversed
    // if misread. A tied-hands signal keeps only the credibility the receiver still grants the
    // sender's commitments (MODEL 6c).
    dL = quality * act.lnLR;
    if (act.signalKind === 'tiedHands') {
      dL *= s.credibility[ij];
      s.lastTied[ij] = c.t;
    }
    if (uMisread < pMis) {
      flags |= Flag.misread;
      s.counters[C.misread]++;
      dL *= p.misreadWeight;
    }
  }
  if (app < 0) {
    flags |= Flag.suspicious;
    s.counters[C.suspicious]++;
    // An inappropriate activity raises tension in proportion to the suspicion it arouses.
    addTension(c, i, j, -app * p.incidentTension);
  }
  addEvidence(c, j, i, dL * p.evidenceScale, kind, i, j, a, flags);
  if (channel === DECLARATION) return HEEDED;

  // 9. Habits, understanding and outcomes for both sides; an activity that arouses suspicion
  // is no longer diplomacy and builds no routine of cooperation.
  if (app > 0) {
    reinforceHabit(c, ji);
    reinforceHabit(c, ij);
    s.U[ij] += p.understandingGain * (1 - s.U[ij]);
    s.U[ji] += p.understandingGain * (1 - s.U[ji]);
  }
  if (act.rivalTension > 0) {
    const { start, list } = w.rivals;
    for (let k = start[j]; k < start[j + 1]; k++) addTension(c, j, list[k], p.rivalTension * act.rivalTension);
  }
  if (app > 0) applyOutcomes(c, i, j, a, quality > 0 ? quality : 0);
  s.lastAct[ij] = a;
  checkAgreement(c, i, j);
  return HEEDED;
}

/** The nine outcomes (MODEL 5): accumulate on the pair and feed back into the dynamics. */
function applyOutcomes(c: Ctx, i: number, j: number, a: number, g: number): void {
  if (g === 0) return;
  const { w, s, p, n, nn } = c;
  const wt = w.activities[a].weights;
  const ij = i * n + j;
  for (let k = 0; k < 9; k++) {
    const v = wt[k] * g;
    if (v !== 0) { s.O[k * nn + ij] += v; s.outcomeTotals[k] += v; }
  }
  // Reduction in hostility or tension.
  if (wt[OUT.tension] > 0) addTension(c, i, j, -p.tensionReduction * wt[OUT.tension] * g);
  // Symbolic positioning: weak evidence about i to the states that watch it in its groups.
  if (wt[OUT.symbolic] > 0 && p.symbolicWeight > 0) {
    const dL = p.evidenceScale * p.symbolicWeight * wt[OUT.symbolic] * g * w.activities[a].lnLR;
    const { start, list } = w.watchers;
    for (let k = start[i]; k < start[i + 1]; k++) {
      const o = list[k];
      if (o !== j) addEvidence(c, o, i, dL, Kind.symbolic, i, j, a, 0);
    }
  }
  // A more competent armed force: the recipient's capability grows (and with it parity).
  if (wt[OUT.competence] > 0) s.capability[j] = Math.min(CAPABILITY_MAX, s.capability[j] * (1 + p.competenceGain * wt[OUT.competence] * g));
  // Transparency of capacity and intentions: understanding grows both ways.
  if (wt[OUT.transparency] > 0) {
    const du = p.transparencyGain * wt[OUT.transparency] * g;
    s.U[ij] += du * (1 - s.U[ij]);
    s.U[i + j * n] += du * (1 - s.U[i + j * n]);
  }
  // Changing perceptions: the receiver's trust baseline moves toward its current trust.
  if (wt[OUT.perceptions] > 0) {
    const ji = j * n + i;
    const L = trustLogit(c, ji);
    s.L0[ji] += p.perceptionRate * wt[OUT.perceptions] * g * (L - s.L0[ji]);
  }
  // Domestic constituency: gathered this year, raises next year's budget of both.
  if (wt[OUT.constituency] > 0) {
    s.constituency[i] += wt[OUT.constituency] * g;
    s.constituency[j] += wt[OUT.constituency] * g;
  }
  // Relationships, confidence and incentives feed back where they are read (habit decay,
  // incident escalation, receptivity).
}

/**
 * A pair signs a defence cooperation agreement when mutual belief and habit pass thresholds
 * (MODEL 7b). The network's records are kept as it grows (did the tie close a triangle; how the
 * endpoints' degrees compare with the mean: Kinne 2018), and every other state o that has no
 * agreement with one signatory takes the tie as reputation evidence about it, weighted by o's
 * witness weight of the other signatory, max(0, 2 q - 1) (as in forums' reputation).
 */
export function checkAgreement(c: Ctx, i: number, j: number): void {
  const { s, p, n } = c;
  const ij = i * n + j, ji = j * n + i;
  if (s.agreement[ij] !== 0) return;
  if (habitNow(c, ij) < p.agreementHabit || habitNow(c, ji) < p.agreementHabit) return;
  if (trustLogit(c, ij) < c.agreementLogit || trustLogit(c, ji) < c.agreementLogit) return;
  const deg = s.agreementDegree;
  let closes = false;
  for (let k = 0; k < n && !closes; k++) if (s.agreement[i * n + k] !== 0 && s.agreement[j * n + k] !== 0) closes = true;
  if (closes) s.triadicTies++;
  if (s.agreementCount > 0) {
    s.attachDegree += deg[i] + deg[j];
    s.attachExpected += 4 * s.agreementCount / n; // twice the mean degree 2 E / n
  }
  s.agreement[ij] = 1;
  s.agreement[ji] = 1;
  deg[i]++; deg[j]++;
  s.agreementCount++;
  s.counters[C.agreements]++;
  if (s.log !== null) s.log.push(c.t, Kind.agreement, i, j, -1, -1, -1, 0, 0, 0, 0);
  if (p.agreementReputation > 0) {
    for (let o = 0; o < n; o++) {
      if (o === i || o === j) continue;
      const wi = 2 * sigmoid(trustLogit(c, o * n + i)) - 1, wj = 2 * sigmoid(trustLogit(c, o * n + j)) - 1;
      if (wi > 0 && s.agreement[o * n + j] === 0) addEvidence(c, o, j, p.agreementReputation * wi, Kind.agreement, i, j, -1, 0);
      if (wj > 0 && s.agreement[o * n + i] === 0) addEvidence(c, o, i, p.agreementReputation * wj, Kind.agreement, i, j, -1, 0);
    }
  }
}
