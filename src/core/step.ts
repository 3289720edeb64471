/**
 * One step of the model (a month by default, MODEL 9). Pure: it reads and writes the run state
 * through the context and draws only from the context's seeded streams; no I/O, no clock.
 *
 * Order within a step: budgets; the rivals' arms race (only with `richardson: true`,
 * docs/MODEL.md 7.15); stance reviews (trust-first, every `stanceReview` steps from
 * step 0); scheduled events; forum meetings; bilateral programmes;
 * discretionary activities (all chosen first, then carried out); random tests; random
 * incidents. Every mechanism draws a fixed number of numbers per opportunity from its own
 * stream, so the hypotheses run on the same dice.
 */
import { armsRace } from './arms-race.js';
import { EVENT_KIND_INDEX as Kind } from './events.js';
import { chooseActivities } from './choose.js';
import { coreInterestIssue } from './defection.js';
import { forumMeeting, meetsAt } from './forums.js';
import { incident, randomIncidents } from './incidents.js';
import { clampLogit } from '../model/logistic.js';
import { addEvidence, addTension, cutHabit, operativeTrust, prune, PRUNE_EVERY, touchL, type Ctx } from './pair.js';
import { randomTests, scheduledTest } from './reliance.js';
import { reviewStances } from './stance.js';
import { BILATERAL, BROADCAST, DECLINED, transmit } from './transmit.js';

export function step(c: Ctx): void {
  const { w, s } = c;
  s.t = c.t;
  s.counters.fill(0);
  s.declarations = 0; s.revocations = 0; s.cancelled = 0; s.audienceCosts = 0;
  budgets(c);
  if (w.richardson !== null) armsRace(c);
  if (c.t % c.p.stanceReview === 0) for (let i = 0; i < w.n; i++) reviewStances(c, i);
  for (let k = w.eventStart[c.t]; k < w.eventStart[c.t + 1]; k++) scheduledEvent(c, k);
  for (let f = 0; f < w.forums.length; f++) if (meetsAt(w.forums[f], c.t)) forumMeeting(c, f);
  programmes(c);
  chooseActivities(c);
  carryOut(c);
  randomTests(c);
  randomIncidents(c);
  if (c.t % PRUNE_EVERY === PRUNE_EVERY - 1) prune(c);
}

/** Budgets never grow past this (a run of thousands of years stays finite). */
export const BUDGET_MAX = 1e9;

/** Monthly credit from the yearly budget; at each new year the constituency outcome raises budgets (MODEL 5). */
function budgets(c: Ctx): void {
  const { w, s, p, n } = c;
  const months = c.t * w.stepMonths;
  if (c.t > 0 && months % 12 < w.stepMonths) {
    for (let i = 0; i < n; i++) {
      // Audience costs make the constituency negative (MODEL 6c); a budget never goes below 0.
      s.budget[i] = Math.min(BUDGET_MAX, s.budget[i] * Math.max(0, 1 + p.constituencyGain * s.constituency[i]));
      s.constituency[i] = 0;
    }
  }
  const share = w.stepMonths / 12;
  for (let i = 0; i < n; i++) s.credit[i] = Math.min(s.credit[i] + s.budget[i] * share, s.budget[i]);
}

function scheduledEvent(c: Ctx, k: number): void {
  const { w, s, n } = c;
  const e = w.events[k];
  // The rows this event makes carry its note (the scenario's words for it), if it has one.
  const from = s.log !== null && e.note !== null ? s.log.length : -1;
  switch (e.type) {
    case 'coreInterestIssue':
      coreInterestIssue(c, e.group, e.issue, e.decision);
      break;
    case 'incident':
      incident(c, e.a, e.b, c.r.scheduledIncidents(), e.escalates);
      break;
    case 'test':
      scheduledTest(c, e.truster, e.trustee, e.stake, e.honours);
      break;
    case 'shock': {
      const m = e.states;
      for (let x = 0; x < m.length; x++) for (let y = x + 1; y < m.length; y++) {
        const after = addTension(c, m[x], m[y], e.tension);
        if (s.log !== null) s.log.push(c.t, Kind.shock, m[x], m[y], -1, -1, -1, 0, 0, 0, after);
      }
      break;
    }
    case 'leadershipChange': {
      // A new leadership: belief and its baseline move by the event's shift (under every
      // hypothesis), its willingness to take a leap of faith may change, and it reviews its
      // stances (a decision point, MODEL 6).
      const i = e.state;
      const shiftPair = (j: number) => {
        if (j === i) return;
        const p = i * n + j;
        addEvidence(c, i, j, e.trustShift, Kind.leadership, i, j, -1, 0);
        touchL(c, p);
        s.L0[p] = clampLogit(s.L0[p] + e.trustShift);
      };
      if (e.trustShift !== 0) {
        if (e.toward === null) for (let j = 0; j < n; j++) shiftPair(j);
        else for (const j of e.toward) shiftPair(j);
      }
      if (e.will !== null) s.will[i] = e.will;
      reviewStances(c, i);
      break;
    }
  }
  if (from >= 0) s.log!.annotate(from, e.note!);
}

/**
 * Scheduled bilateral programmes and broadcasts. Under trust-first a state carries out an
 * occurrence only if its operative trust in the partner passes the activity's stake threshold;
 * under habits-first it keeps to the routine; a blend gates with probability `blend` (two
 * `programmeGates` draws per occurrence, one per direction, always drawn). A cancelled occurrence is seen by the partner as weak
 * negative evidence (MODEL 6c) and is an action not taken for the canceller's habit.
 */
function programmes(c: Ctx): void {
  const { w, s, n, t } = c;
  for (const g of w.programmes) {
    if (t < g.start || t > g.end || (t - g.start) % g.every !== 0) continue;
    const act = w.activities[g.activity];
    if (g.to < 0) {
      let sent = false;
      for (let j = 0; j < n; j++) if (j !== g.from && transmit(c, g.from, j, g.activity, c.p.broadcastWeight, BROADCAST) !== DECLINED) sent = true;
      if (sent) s.credit[g.from] -= act.cost;
      continue;
    }
    const uGate = c.r.programmeGates();
    const uGateBack = c.r.programmeGates();
    occurrence(c, g.from, g.to, g.activity, uGate);
    if (g.mutual) occurrence(c, g.to, g.from, g.activity, uGateBack);
  }
}

function occurrence(c: Ctx, i: number, j: number, a: number, uGate: number): void {
  const { s, n } = c;
  if (uGate >= c.w.blend || operativeTrust(c, i * n + j) >= c.stakeQ[a]) {
    if (transmit(c, i, j, a, 1, BILATERAL) !== DECLINED) s.credit[i] -= c.w.activities[a].cost;
    return;
  }
  s.cancelled++;
  addEvidence(c, j, i, Math.log(c.p.cancelledLR), Kind.cancelled, i, j, a, 0);
  cutHabit(c, i * n + j, c.p.habitEta);
}

/** Carries out the discretionary activities chosen this step; only those undertaken are paid. */
function carryOut(c: Ctx): void {
  const { w, s } = c;
  const A = c.p.maxActsPerStep;
  for (let k = 0; k < s.slotPartner.length && k < w.n * A; k++) {
    const j = s.slotPartner[k];
    if (j < 0) continue;
    const i = (k / A) | 0;
    const a = s.slotActivity[k];
    if (transmit(c, i, j, a, 1, BILATERAL) !== DECLINED) s.credit[i] -= w.activities[a].cost;
  }
}
