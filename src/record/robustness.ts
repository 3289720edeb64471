/**
 * What the robustness metrics need (MODEL 6b): around the first scripted betrayal or defection
 * that takes place, the belief of the betrayed in the betrayer and the activity between them.
 *
 * Scripted events are read from the world: a scheduled test whose answer is exploitation for
 * certain (`honours: false`, or a trustee of trustworthiness 0) is a betrayal, which takes place
 * when the truster relies and is exploited; a scheduled core-interest issue takes place as a
 * defection when a member defects. The tracked pairs are (victim, betrayer), or (observer,
 * defector) for every defector and every other member of the group.
 *
 * Cost: before the event, a snapshot of each candidate's pairs at two steps (12 steps before
 * and the step before); from the event on, O(tracked pairs) per step into two buffers of one
 * number per step. Nothing is read of the other pairs of the region.
 */
import { trustLogit, type Ctx } from '../core/pair.js';

/** Steps over which the drop and the activity kept are measured (MODEL 6b: "the next 12 steps"). */
export const ROBUSTNESS_WINDOW = 12;

export interface Robustness {
  kind: 'betrayal' | 'defection';
  /** The step of the event (t0). */
  step: number;
  /** Tracked directed pairs `i * n + j`: i the betrayed (victim or observer), j the betrayer. */
  pairs: Int32Array;
  /** Per tracked pair: belief (log-odds) at the end of step t0 - 1 (the initial belief when t0 = 0). */
  beforeL: Float64Array;
  /** Per tracked pair: lowest end-of-step belief (log-odds) over steps t0 .. t0 + 11 (those run). */
  lowL: Float64Array;
  /** Mean belief (log-odds) over the tracked pairs at the end of steps t0, t0 + 1, ... to the last. */
  belief: Float64Array;
  /** Mean belief (log-odds) over the tracked pairs at the end of step t0 - 1. */
  beliefBefore: number;
  /** Activities undertaken on the tracked pairs (both directions, each unordered pair once) over the `beforeSteps` steps before t0. */
  activityBefore: number;
  /** min(12, t0). */
  beforeSteps: number;
  /** Activities on the tracked pairs (both directions) in each step t0, t0 + 1, ... to the last. */
  activity: Float64Array;
}

interface Candidate {
  kind: 'betrayal' | 'defection';
  step: number;
  /** Members whose defection would make it take place (the group), or [victim, betrayer]. */
  members: Int32Array;
  /** Snapshots over every ordered member pair (x * m + y): belief at t0 - 1, activity both ways at t0 - 1 and t0 - 13. */
  L1: Float64Array;
  A1: Float64Array;
  A13: Float64Array;
  /** Defections per member (or the victim's exploitations by the betrayer) at t0 - 1. */
  before: Int32Array;
}

/** Activity both ways between i and j so far. */
const both = (c: Ctx, i: number, j: number): number => c.s.tally.activities[i * c.n + j] + c.s.tally.activities[j * c.n + i];

export class RobustnessRecorder {
  private readonly candidates: Candidate[] = [];
  private event: (Robustness & { activityPairs: Int32Array; lastA: number }) | null = null;

  constructor(c: Ctx) {
    const { w } = c;
    for (const e of w.events) {
      if (e.type === 'test' && (e.honours === false || (e.honours === undefined && w.trustworthiness[e.trustee] === 0))) {
        this.candidates.push(candidate('betrayal', e.step, Int32Array.of(e.truster, e.trustee)));
      } else if (e.type === 'coreInterestIssue') {
        this.candidates.push(candidate('defection', e.step, w.groups[e.group].members));
      }
    }
  }

  /** After step t (t = -1: before step 0). */
  observe(c: Ctx, t: number): void {
    if (this.event !== null) { this.track(c, t); return; }
    for (const k of this.candidates) {
      if (k.step - 1 === t) this.snapshot(c, k, k.L1, k.A1, true);
      if (k.step - 13 === t) this.snapshot(c, k, null, k.A13, false);
    }
    for (const k of this.candidates) {
      if (k.step === t && this.tookPlace(c, k)) {
        this.fix(c, k);
        this.track(c, t);
        return;
      }
    }
  }

  result(): Robustness | null {
    if (this.event === null) return null;
    const { activityPairs: _a, lastA: _l, ...r } = this.event;
    return r;
  }

  private snapshot(c: Ctx, k: Candidate, L: Float64Array | null, A: Float64Array, counts: boolean): void {
    const m = k.members.length, n = c.n;
    for (let x = 0; x < m; x++) for (let y = 0; y < m; y++) {
      if (x === y) continue;
      const i = k.members[x], j = k.members[y];
      if (L !== null) L[x * m + y] = trustLogit(c, i * n + j);
      A[x * m + y] = both(c, i, j);
    }
    if (!counts) return;
    if (k.kind === 'betrayal') k.before[0] = c.s.tally.exploited[k.members[0] * n + k.members[1]];
    else for (let x = 0; x < m; x++) k.before[x] = c.s.defections[k.members[x]];
  }

  private tookPlace(c: Ctx, k: Candidate): boolean {
    if (k.kind === 'betrayal') return c.s.tally.exploited[k.members[0] * c.n + k.members[1]] > k.before[0];
    return k.members.some((d, x) => c.s.defections[d] > k.before[x]);
  }

  /** The event took place at the end of step k.step: choose the pairs and the state before. */
  private fix(c: Ctx, k: Candidate): void {
    const m = k.members.length, n = c.n;
    const betrayer = (y: number) => (k.kind === 'betrayal' ? y === 1 : c.s.defections[k.members[y]] > k.before[y]);
    const pairs: number[] = [], beforeL: number[] = [], activityPairs: number[] = [];
    let activityBefore = 0, lastA = 0, beliefBefore = 0;
    for (let y = 0; y < m; y++) {
      if (!betrayer(y)) continue;
      for (let x = 0; x < m; x++) {
        if (x === y || (k.kind === 'betrayal' && x !== 0)) continue;
        const i = k.members[x], j = k.members[y];
        pairs.push(i * n + j);
        beforeL.push(k.L1[x * m + y]);
        beliefBefore += k.L1[x * m + y];
        // Each unordered pair's activity once: a pair of two defectors is counted from its lower index.
        if (betrayer(x) && x > y) continue;
        activityPairs.push(i * n + j);
        activityBefore += k.A1[x * m + y] - k.A13[x * m + y];
        lastA += k.A1[x * m + y];
      }
    }
    const left = c.w.steps - k.step;
    this.event = {
      kind: k.kind, step: k.step, pairs: Int32Array.from(pairs), beforeL: Float64Array.from(beforeL),
      lowL: new Float64Array(pairs.length).fill(Infinity), belief: new Float64Array(left),
      beliefBefore: pairs.length > 0 ? beliefBefore / pairs.length : NaN,
      activityBefore, beforeSteps: Math.min(ROBUSTNESS_WINDOW, k.step), activity: new Float64Array(left),
      activityPairs: Int32Array.from(activityPairs), lastA,
    };
  }

  private track(c: Ctx, t: number): void {
    const e = this.event!;
    const at = t - e.step;
    if (at < 0 || at >= e.belief.length) return;
    let sum = 0;
    for (let k = 0; k < e.pairs.length; k++) {
      const L = trustLogit(c, e.pairs[k]);
      sum += L;
      if (at < ROBUSTNESS_WINDOW && L < e.lowL[k]) e.lowL[k] = L;
    }
    e.belief[at] = e.pairs.length > 0 ? sum / e.pairs.length : NaN;
    let a = 0;
    for (let k = 0; k < e.activityPairs.length; k++) {
      const p = e.activityPairs[k];
      a += both(c, Math.floor(p / c.n), p % c.n);
    }
    e.activity[at] = a - e.lastA;
    e.lastA = a;
  }
}

function candidate(kind: 'betrayal' | 'defection', step: number, members: Int32Array): Candidate {
  const m = members.length;
  return { kind, step, members, L1: new Float64Array(m * m), A1: new Float64Array(m * m), A13: new Float64Array(m * m), before: new Int32Array(m) };
}
