/**
 * trust-first's choice to trust (MODEL 6): a stance per partner, withhold or extend, chosen at
 * decision points (step 0, every `stanceReview` steps, a leadership change) by the rule
 *   extend  iff  logit B_ij + will_i >= logit q_ref
 * (q_ref the reliance threshold of the reference test). Extending is declared to the partner, a
 * tied-hands signal (Fearon 1997) sent through the channel of MODEL 4 on the pair's own
 * declaration stream. An exploited extension is revoked and the revoker pays an audience cost
 * (MODEL 6, 6c).
 *
 * Each review draws exactly five numbers per partner from the pair's declaration stream, used
 * or not (`u_declare` and the transmission's four): the k-th review of i -> j sees the same dice
 * under every blend.
 */
import { EVENT_KIND_INDEX as Kind } from './events.js';
import { clampLogit, logit } from '../model/logistic.js';
import { addEvidence, trustLogit, type Ctx } from './pair.js';
import { DECLARATION, DECLINED, transmit } from './transmit.js';

/** State i reviews its stance toward each partner (a no-op under habits-first, b = 0). */
export function reviewStances(c: Ctx, i: number): void {
  const { w, s, n } = c;
  const b = w.blend;
  if (b === 0) return;
  const qRef = clampLogit(logit(c.qRef));
  const { start, list } = w.partners;
  for (let k = start[i]; k < start[i + 1]; k++) {
    const j = list[k];
    const ij = i * n + j;
    const sig = c.r.declaration(ij);
    const uDeclare = sig();
    const extend = trustLogit(c, ij) + s.will[i] >= qRef ? 1 : 0;
    if (extend !== s.stance[ij]) {
      s.stance[ij] = extend;
      if (s.log !== null) s.log.push(c.t, Kind.stance, i, j, -1, -1, -1, 0, 0, 0, extend);
    }
    // The stance is declared (or reaffirmed) with probability b, when it can be paid for. A
    // declaration is a discretionary act: a region without discretionary slots
    // (maxActsPerStep 0) sends none, as it chooses no other activity.
    const cost = w.activities[w.declaration].cost;
    if (extend === 1 && uDeclare < b && s.credit[i] > 0 && s.credit[i] >= cost && c.p.maxActsPerStep > 0) {
      s.declarations++;
      if (transmit(c, i, j, w.declaration, 1, DECLARATION, sig) !== DECLINED) s.credit[i] -= cost;
    } else {
      sig(); sig(); sig(); sig();
    }
  }
}

/**
 * i, exploited by j while extending trust, revokes until its next decision point: j takes the
 * revocation as negative evidence about i (revocationLR), and i is caught acting against its
 * declaration (audience cost, lost credibility with j).
 */
export function revoke(c: Ctx, i: number, j: number): void {
  const { s, n, p } = c;
  s.stance[i * n + j] = 0;
  s.revocations++;
  addEvidence(c, j, i, Math.log(p.revocationLR), Kind.stance, i, j, -1, 0);
  breakTiedHands(c, i, j, true);
}

/**
 * The sender acted against a tied-hands signal the receiver heeded within `tiedHandsMemory`
 * steps (or, with `always`, against a declaration it is revoking): the sender pays the audience
 * cost (its constituency falls, and with it next year's budget) and the receiver grants its
 * tied-hands signals a lower likelihood ratio from now on (MODEL 6c). Returns whether it did.
 */
export function breakTiedHands(c: Ctx, sender: number, receiver: number, always = false): boolean {
  const { s, p, n } = c;
  const sr = sender * n + receiver;
  const last = s.lastTied[sr];
  if (!always && (last < 0 || c.t - last > p.tiedHandsMemory)) return false;
  s.constituency[sender] -= p.audienceCost;
  s.audienceCosts++;
  s.credibility[sr] *= p.tiedHandsCredibility;
  s.lastTied[sr] = -1;
  return true;
}
