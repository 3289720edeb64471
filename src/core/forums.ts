/**
 * Forum meetings (ADMM, ADMM-Plus, ARF ISM, EAMF, Shangri-La, CSCAP, WPNS, ...): every member
 * transmits the forum's activity to every other at multilateral weight (less on track 2), then
 * members share views of each other: reputation through partners (MODEL 7b), each witness
 * discounted by the listener's trust in it (as in the Beta reputation system's discounting).
 */
import { C } from '../world/state.js';
import { EVENT_KIND_INDEX as Kind } from './events.js';
import type { Forum } from '../world/world.js';
import { sigmoid } from '../model/logistic.js';
import { addEvidence, trustLogit, type Ctx } from './pair.js';
import { transmit, DECLINED, FORUM } from './transmit.js';

export function meetsAt(f: Forum, t: number): boolean {
  return t >= f.start && t <= f.end && (t - f.start) % f.every === 0;
}

export function forumMeeting(c: Ctx, index: number): void {
  const { w, s, p, t } = c;
  const f = w.forums[index];
  s.counters[C.forumMeetings]++;
  if (s.log !== null) s.log.push(t, Kind.forum, index, -1, -1, -1, f.activity, 0, 0, 0, f.members.length);
  const trackWeight = f.track === 1 ? 1 : f.track === 2 ? p.track2Weight : (1 + p.track2Weight) / 2;
  const weight = p.multilateralWeight * trackWeight;
  const cost = w.activities[f.activity].cost;
  const m = f.members;
  for (let x = 0; x < m.length; x++) {
    let attended = false;
    for (let y = 0; y < m.length; y++) {
      if (x !== y && transmit(c, m[x], m[y], f.activity, weight, FORUM) !== DECLINED) attended = true;
    }
    if (attended) s.credit[m[x]] -= cost;
  }
  if (p.reputationWeight > 0 && m.length > 2) reputation(c, m);
}

/**
 * Witness reputation among forum members, applied simultaneously (read all, then write).
 * Listener i's view of j moves toward the witnesses' views of j, each witness k weighted by
 * w_ik = max(0, 2 q_ik - 1) (only trusted witnesses count):
 *   D_ij = reputationWeight * (s / (s + 1)) * (sum_k w_ik L_kj / s - L_ij),  s = sum_k w_ik,
 * over k other than i and j. Computed as a product of member-local matrices (diagonals zero,
 * so k = i and k = j drop out): O(m^3) multiply-adds in a tight loop, no exponentials.
 */
function reputation(c: Ctx, m: Int32Array): void {
  const { s, p, n } = c;
  const len = m.length;
  const T = s.scratch, W = s.scratch3, D = s.scratch2; // member-local, row-major len x len
  for (let x = 0; x < len; x++) {
    const i = m[x];
    for (let y = 0; y < len; y++) {
      if (x === y) { T[x * len + y] = 0; W[x * len + y] = 0; continue; }
      const L = trustLogit(c, i * n + m[y]);
      T[x * len + y] = L;
      const wk = 2 * sigmoid(L) - 1;
      W[x * len + y] = wk > 0 ? wk : 0;
    }
  }
  const rw = p.reputationWeight;
  for (let x = 0; x < len; x++) {
    const row = x * len;
    let S = 0;
    for (let z = 0; z < len; z++) { S += W[row + z]; D[row + z] = 0; }
    for (let z = 0; z < len; z++) {
      const wk = W[row + z];
      if (wk === 0) continue;
      const tz = z * len;
      for (let y = 0; y < len; y++) D[row + y] += wk * T[tz + y];
    }
    for (let y = 0; y < len; y++) {
      if (y === x) continue;
      const sw = S - W[row + y];
      D[row + y] = sw > 0 ? rw * (sw / (sw + 1)) * (D[row + y] / sw - T[row + y]) : 0;
    }
  }
  for (let x = 0; x < len; x++) {
    for (let y = 0; y < len; y++) {
      const d = D[x * len + y];
      if (x !== y && d !== 0) addEvidence(c, m[x], m[y], d, Kind.reputation, -1, -1, -1, 0);
    }
  }
}
