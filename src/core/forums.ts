/**
 * Forum meetings (ADMM, ADMM-Plus, ARF ISM, EAMF, Shangri-La, CSCAP, WPNS, ...): every member
 * transmits the forum's activity to every other at multilateral weight (less on track 2), then
 * members share views of each other: reputation through partners (MODEL 7b), each witness
 * discounted by the listener's trust in it (as in the Beta reputation system's discounting).
 */
import { C } from '../world/state.js';
import { K } from '../record/event-log.js';
import type { Forum } from '../world/world.js';
import { addEvidence, sigmoid, trustLogit, type Ctx } from './pair.js';
import { transmit, DECLINED } from './transmit.js';

export function meetsAt(f: Forum, t: number): boolean {
  return t >= f.start && t <= f.end && (t - f.start) % f.every === 0;
}

export function forumMeeting(c: Ctx, index: number): void {
  const { w, s, p, t } = c;
  const f = w.forums[index];
  s.counters[C.forumMeetings]++;
  if (s.log !== null) s.log.push(t, K.forum, index, -1, -1, -1, f.activity, 0, 0, 0, f.members.length);
  const trackWeight = f.track === 1 ? 1 : f.track === 2 ? p.track2Weight : (1 + p.track2Weight) / 2;
  const weight = p.multilateralWeight * trackWeight;
  const cost = w.activities[f.activity].cost;
  const m = f.members;
  for (let x = 0; x < m.length; x++) {
    let attended = false;
    for (let y = 0; y < m.length; y++) {
      if (x !== y && transmit(c, m[x], m[y], f.activity, weight) !== DECLINED) attended = true;
    }
    if (attended) s.credit[m[x]] -= cost;
  }
  if (p.reputationWeight > 0 && m.length > 2) reputation(c, m);
}

/** Witness reputation among forum members, applied simultaneously (read all, then write). */
function reputation(c: Ctx, m: Int32Array): void {
  const { s, p, n } = c;
  const T = s.scratch, D = s.scratch2, W = s.scratch3;
  const len = m.length;
  // T: log-odds; W: weight of witness k for listener i, 2 q_ik - 1 if positive (only trusted witnesses count).
  for (let x = 0; x < len; x++) {
    const i = m[x];
    for (let y = 0; y < len; y++) {
      const k = m[y];
      if (k === i) continue;
      const L = trustLogit(c, i * n + k);
      T[i * n + k] = L;
      const wk = 2 * sigmoid(L) - 1;
      W[i * n + k] = wk > 0 ? wk : 0;
    }
  }
  for (let x = 0; x < len; x++) {
    const i = m[x];
    for (let y = 0; y < len; y++) {
      const j = m[y];
      if (i === j) continue;
      let sw = 0, swl = 0;
      for (let z = 0; z < len; z++) {
        const k = m[z];
        if (k === i || k === j) continue;
        const wk = W[i * n + k];
        sw += wk;
        swl += wk * T[k * n + j];
      }
      D[i * n + j] = sw > 0 ? p.reputationWeight * (sw / (sw + 1)) * (swl / sw - T[i * n + j]) : 0;
    }
  }
  for (let x = 0; x < len; x++) {
    const i = m[x];
    for (let y = 0; y < len; y++) {
      const j = m[y];
      if (i !== j && D[i * n + j] !== 0) addEvidence(c, i, j, D[i * n + j], K.reputation, -1, -1, -1, 0);
    }
  }
}
