/**
 * Incidents at sea (MODEL 8): they occur at a rate set by naval presence and escalate less
 * often between adopters of a code for unplanned encounters (WPNS's CUES), between trusting
 * states, and where confidence building has accumulated.
 */
import { C } from '../world/state.js';
import { EVENT_KIND_INDEX as Kind, EventFlag as Flag } from './events.js';
import { sigmoid } from '../model/logistic.js';
import { addEvidence, addTension, OUT, sat, trustLogit, type Ctx } from './pair.js';

/** Random incidents this step: a Poisson count, each between two states drawn by naval presence. */
export function randomIncidents(c: Ctx): void {
  const { w, p } = c;
  const draw = c.r.incidents;
  const rate = p.incidentRate * w.navalPairSum;
  if (rate <= 0) return;
  // Poisson by inversion (rates here are small).
  let count = 0;
  let term = Math.exp(-rate), cum = term;
  const u = draw();
  while (u > cum && count < 50) { count++; term *= rate / count; cum += term; }
  for (let k = 0; k < count; k++) {
    const a = pickNaval(c, draw(), -1);
    const b = pickNaval(c, draw(), a);
    incident(c, a, b, draw(), undefined);
  }
}

/** The state whose naval presence covers u (excluding one state). */
function pickNaval(c: Ctx, u: number, exclude: number): number {
  const nav = c.w.naval;
  let total = 0;
  for (let i = 0; i < c.n; i++) if (i !== exclude) total += nav[i];
  let target = u * total;
  let last = -1;
  for (let i = 0; i < c.n; i++) {
    if (i === exclude || nav[i] === 0) continue;
    last = i;
    if (target < nav[i]) return i;
    target -= nav[i];
  }
  return last;
}

/** One incident between a and b; `forced` decides escalation when given. */
export function incident(c: Ctx, a: number, b: number, uEscalate: number, forced: boolean | undefined): void {
  const { w, s, p, n, t } = c;
  if (a < 0 || b < 0 || a === b) return;
  s.counters[C.incidents]++;
  const adopted = w.codeFrom[a * n + b] >= 0 && t >= w.codeFrom[a * n + b] ? 1 : 0;
  const mutual = (sigmoid(trustLogit(c, a * n + b)) + sigmoid(trustLogit(c, b * n + a))) / 2;
  const confidence = sat(c, s.O[OUT.confidence * c.nn + a * n + b] + s.O[OUT.confidence * c.nn + b * n + a]);
  const pEscalate = p.escalationBase * (1 - p.codeEffect * adopted) * (1 - p.trustDampening * mutual)
    * (1 - p.confidenceEffect * confidence);
  const escalates = forced ?? uEscalate < pEscalate;
  if (escalates) {
    s.counters[C.escalations]++;
    const x = addTension(c, a, b, p.escalationTension);
    const dL = Math.log(p.escalationLR);
    addEvidence(c, a, b, dL, Kind.incident, a, b, -1, Flag.escalated);
    addEvidence(c, b, a, dL, Kind.incident, a, b, -1, Flag.escalated);
    if (s.log !== null) s.log.push(t, Kind.incident, a, b, -1, -1, -1, Flag.escalated, 0, 0, x);
  } else {
    const x = addTension(c, a, b, p.incidentTension);
    if (s.log !== null) s.log.push(t, Kind.incident, a, b, -1, -1, -1, 0, 0, 0, x);
  }
}
