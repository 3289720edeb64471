/**
 * Pair bookkeeping shared by every mechanism: the step context, lazy closed-form decay, and the
 * active-pair sets that keep aggregates O(active pairs).
 *
 * Forgetting (MODEL 9, "trust returns to baseline"): L(t) = L0 + (L - L0) (1 - f)^dt.
 * Tension relaxation (MODEL 8): X(t) = X0 + (X - X0) (1 - r)^dt.
 * Habit decay (MODEL 6): H(t) = F + (H - F) (1 - d)^dt on steps without an interaction, toward a
 * floor F that the "good relationships" outcome raises (MODEL 5: habits persist).
 * Rival pairs under Richardson's arms race (docs/MODEL.md 7.15) do not relax: their tension is
 * set from the arming levels each step (core/arms-race.ts), and additions shock the levels.
 */
import { clampLogit, logit, sigmoid } from '../model/logistic.js';
import type { Params } from '../model/params.js';
import { powInt } from '../model/power.js';
import { shockLevels, tensionOfLevels } from '../model/richardson.js';
import type { EventSink } from './events.js';
import type { Streams } from './rng.js';
import type { RunState } from '../world/state.js';
import type { World } from '../world/world.js';

export const OUT = {
  tension: 0, symbolic: 1, competence: 2, transparency: 3, relationships: 4,
  perceptions: 5, confidence: 6, incentives: 7, constituency: 8,
} as const;

/** Everything a mechanism may read or write during one step. */
export interface Ctx {
  w: World;
  s: RunState<EventSink>;
  p: Params;
  r: Streams;
  t: number;
  n: number;
  nn: number;
  /** (1 - forgetting)^dt, (1 - tensionRelax)^dt and (1 - habitDecay)^dt for dt = 0 .. steps. */
  forget: Float64Array;
  relax: Float64Array;
  habitDecay: Float64Array;
  /** Kydd's stake threshold q* = c / (1 - t + c) of each activity kind (MODEL 6). */
  stakeQ: Float64Array;
  /** Reliance threshold of the reference test (stake testStake): trust-first's q_ref (MODEL 6, 6c). */
  qRef: number;
  /** Log-odds of the agreement trust threshold. */
  agreementLogit: number;
  /** Scratch for per-state partner weights (length: the largest degree). */
  weights: Float64Array;
}

export function createCtx(w: World, s: RunState<EventSink>, r: Streams): Ctx {
  const p = w.params;
  const forget = new Float64Array(w.steps + 2);
  const relax = new Float64Array(w.steps + 2);
  const habitDecay = new Float64Array(w.steps + 2);
  for (let dt = 0; dt < forget.length; dt++) {
    // powInt, not Math.pow: the same bits in Node and in a browser (model/power.ts).
    forget[dt] = powInt(1 - p.forgetting, dt);
    relax[dt] = powInt(1 - p.tensionRelax, dt);
    habitDecay[dt] = powInt(1 - p.habitDecay, dt);
  }
  const stakeQ = Float64Array.from(w.activities, (a) => stakeThreshold(a.stake, p.temptation));
  let maxDeg = 1;
  for (let i = 0; i < w.n; i++) maxDeg = Math.max(maxDeg, w.partners.start[i + 1] - w.partners.start[i]);
  return { w, s, p, r, t: 0, n: w.n, nn: w.n * w.n, forget, relax, habitDecay, stakeQ, qRef: relianceThreshold(p, p.testStake),
    agreementLogit: logit(p.agreementTrust), weights: new Float64Array(maxDeg) };
}

/** Kydd: rely on a partner when trust q >= c / (1 - t + c), c the cost of being exploited, t the temptation. */
export const stakeThreshold = (stake: number, temptation: number): number => (stake <= 0 ? 0 : stake / (1 - temptation + stake));

/** Payoff S to a truster exploited in a test at stake c: payoffSucker at the reference stake, in proportion (MODEL 6c). */
export const suckerPayoff = (p: Params, stake: number): number => (p.testStake > 0 ? p.payoffSucker * stake / p.testStake : p.payoffSucker);

/**
 * One payoff table for reliance (MODEL 6c): relying at operative trust q is worth q R + (1 - q) S,
 * not relying P, so a truster relies when q >= (P - S) / (R - S) (clamped to [0, 1]).
 */
export function relianceThreshold(p: Params, stake: number): number {
  const R = p.payoffReward, S = suckerPayoff(p, stake), P = p.payoffPunishment;
  if (R <= S) return P <= R ? 0 : 1;
  const q = (P - S) / (R - S);
  return q < 0 ? 0 : q > 1 ? 1 : q;
}

/**
 * Operative trust log-odds of pair p = i * n + j (MODEL 6): what i acts on.
 * logit O = logit B + (1 - b) kappa H_ij + b will_i S_ij, b the trust-first weight: familiarity
 * under habits-first, the chosen leap of faith under trust-first. Belief B itself is never offset.
 */
export function operativeLogit(c: Ctx, p: number): number {
  const b = c.w.blend;
  let L = trustLogit(c, p);
  if (b < 1) L += (1 - b) * c.p.kappa * habitNow(c, p);
  if (b > 0 && c.s.stance[p] !== 0) L += b * c.s.will[(p / c.n) | 0];
  return L;
}

/** Operative trust of pair p as a probability. */
export const operativeTrust = (c: Ctx, p: number): number => sigmoid(operativeLogit(c, p));

/** Saturating feedback of an outcome accumulator: x / (x + scale), a half at x = scale (no exponential in the hot loop). */
export const sat = (c: Ctx, x: number): number => x / (x + c.p.outcomeScale);

/** Trust log-odds of pair p now, without writing. */
export function trustLogit(c: Ctx, p: number): number {
  const s = c.s;
  const L0 = s.L0[p];
  return L0 + (s.L[p] - L0) * c.forget[c.t - s.lastL[p]];
}

/**
 * Brings pair p's trust up to step t and marks it active. Returns the forgetting applied, in
 * log-odds (the "drift" an explanation accounts for).
 */
export function touchL(c: Ctx, p: number): number {
  const s = c.s;
  activate(c, p);
  const dt = c.t - s.lastL[p];
  if (dt === 0) return 0;
  const before = s.L[p];
  const L0 = s.L0[p];
  s.L[p] = L0 + (before - L0) * c.forget[dt];
  s.lastL[p] = c.t;
  return s.L[p] - before;
}

/**
 * Marks pair p active so the aggregates read it. Its stored trust and the step it was stored at
 * are left alone: forgetting is applied, and logged, when its trust is next changed.
 */
export function activate(c: Ctx, p: number): void {
  const s = c.s;
  if (s.isActiveL[p] !== 0) return;
  s.isActiveL[p] = 1;
  s.activeL[s.activeLCount++] = p;
  const q = sigmoid(s.L0[p]);
  s.restTrust -= q;
  s.restTrust2 -= q * q;
}

/** Habit of pair p now, without writing: decays toward its floor on steps without an interaction. */
export function habitNow(c: Ctx, p: number): number {
  const s = c.s;
  const h = s.H[p];
  if (h === 0) return 0;
  const f = s.HF[p];
  return f + (h - f) * c.habitDecay[c.t - s.lastH[p]];
}

/**
 * A heeded interaction on pair p: decay for the steps without one since the last, then
 * H += eta (1 - H) (MODEL 6; Miller, Shenhav and Ludvig 2019: habit follows the action).
 * Good relationships (MODEL 5) set the floor that no longer decays.
 */
export function reinforceHabit(c: Ctx, p: number): void {
  const s = c.s;
  activate(c, p); // a pair with habit is active, so aggregates see it
  const last = s.lastH[p];
  let h = s.H[p];
  if (h !== 0 && c.t - 1 > last) h = s.HF[p] + (h - s.HF[p]) * c.habitDecay[c.t - 1 - last];
  h += c.p.habitEta * (1 - h);
  s.H[p] = h;
  s.HF[p] = habitFloor(c, p) * h;
  s.lastH[p] = c.t;
}

/** Share of a pair's habit that does not decay: good relationships (MODEL 5) plus an agreement (MODEL 7b). */
function habitFloor(c: Ctx, p: number): number {
  const f = c.p.relationshipPersistence * sat(c, c.s.O[OUT.relationships * c.nn + p]) + c.p.agreementPersistence * c.s.agreement[p];
  return f > 1 ? 1 : f;
}

/**
 * Cuts pair p's habit by a share (MODEL 6: a betrayal shakes the routine, `habitShock`; a
 * cancelled occurrence is an action not taken, H += eta (0 - H)). Habit and floor scale alike.
 */
export function cutHabit(c: Ctx, p: number, share: number): void {
  const s = c.s;
  const h = habitNow(c, p);
  if (h === 0 || share <= 0) return;
  s.H[p] = h * (1 - share);
  s.HF[p] *= 1 - share;
  s.lastH[p] = c.t;
}

/** Index of the unordered pair {i, j} in the tension array (upper triangle). */
export const upper = (n: number, i: number, j: number): number => (i < j ? i * n + j : j * n + i);

/** Tension between i and j now, without writing. */
export function tensionNow(c: Ctx, i: number, j: number): number {
  const s = c.s;
  const u = upper(c.n, i, j);
  const X0 = s.X0[u];
  return X0 + (s.X[u] - X0) * c.relax[c.t - s.lastX[u]];
}

/** Adds dx to the tension between i and j (clamped to [0,1]); returns the tension after. */
export function addTension(c: Ctx, i: number, j: number, dx: number): number {
  const s = c.s;
  const u = upper(c.n, i, j);
  const race = c.w.richardson;
  if (race !== null && race.isPair[u] !== 0) return shockRace(c, u, dx);
  if (s.isActiveX[u] === 0) {
    s.isActiveX[u] = 1;
    s.activeX[s.activeXCount++] = u;
    s.restTension -= s.X0[u];
  } else {
    const dt = c.t - s.lastX[u];
    if (dt !== 0) s.X[u] = s.X0[u] + (s.X[u] - s.X0[u]) * c.relax[dt];
  }
  s.lastX[u] = c.t;
  const x = Math.min(1, Math.max(0, s.X[u] + dx));
  s.X[u] = x;
  return x;
}

/**
 * A tension addition dx to a racing rival pair u (docs/MODEL.md 7.15): both arming levels scale
 * so that their tension rises (or falls) by dx, as the same addition would move it off the race;
 * the race then carries the shock forward. Returns the tension after.
 */
function shockRace(c: Ctx, u: number, dx: number): number {
  const arms = c.s.arms!;
  const n = c.n, i = (u / n) | 0, j = u % n;
  const [x, y] = shockLevels(arms[i * n + j], arms[j * n + i], dx);
  arms[i * n + j] = x;
  arms[j * n + i] = y;
  return setRaceTension(c, u, tensionOfLevels(x, y));
}

/**
 * Sets the tension of racing pair u to X, held without relaxation (X0 = X, so `tensionNow` and
 * the reporters read X exactly); the pair stays in the active set for the whole run.
 */
export function setRaceTension(c: Ctx, u: number, X: number): number {
  const s = c.s;
  if (s.isActiveX[u] === 0) {
    s.isActiveX[u] = 1;
    s.activeX[s.activeXCount++] = u;
    s.restTension -= s.X0[u];
  }
  s.X[u] = X;
  s.X0[u] = X;
  s.lastX[u] = c.t;
  return X;
}

/**
 * Returns pairs that have relaxed back to rest to the resting sums, so the active sets stay
 * small. Called every `PRUNE_EVERY` steps; exact up to the snap tolerance.
 */
export function prune(c: Ctx): void {
  const s = c.s;
  let k = 0;
  for (let a = 0; a < s.activeLCount; a++) {
    const p = s.activeL[a];
    const L = trustLogit(c, p);
    if (Math.abs(L - s.L0[p]) < 1e-9 && habitNow(c, p) < 1e-9) {
      // Back at rest: the resting sums count it at its baseline again. Its stored trust is kept
      // (it keeps decaying in closed form), so the log still adds up when it is next touched.
      s.H[p] = 0; s.isActiveL[p] = 0;
      const q = sigmoid(s.L0[p]);
      s.restTrust += q; s.restTrust2 += q * q;
    } else {
      s.activeL[k++] = p;
    }
  }
  s.activeLCount = k;
  k = 0;
  const race = c.w.richardson;
  for (let a = 0; a < s.activeXCount; a++) {
    const u = s.activeX[a];
    const x = s.X0[u] + (s.X[u] - s.X0[u]) * c.relax[c.t - s.lastX[u]];
    // A racing pair is always active: its X0 is its current tension, not a resting value.
    if (Math.abs(x - s.X0[u]) < 1e-9 && (race === null || race.isPair[u] === 0)) {
      s.X[u] = s.X0[u]; s.isActiveX[u] = 0; s.restTension += s.X0[u];
    } else {
      s.activeX[k++] = u;
    }
  }
  s.activeXCount = k;
}
export const PRUNE_EVERY = 12;

/**
 * Adds evidence dL (log-odds) to observer's trust in subject, logging it. `kind`, `actor`,
 * `target`, `activity` and `flags` describe the cause for the event log.
 */
export function addEvidence(c: Ctx, observer: number, subject: number, dL: number,
  kind: number, actor: number, target: number, activity: number, flags: number): void {
  const s = c.s;
  const p = observer * c.n + subject;
  const stored = s.L[p];
  touchL(c, p);
  const before = s.L[p];
  // Keep log-odds finite and trust inside (0,1) in floating point.
  const after = clampLogit(before + dL);
  s.L[p] = after;
  if (s.log !== null) s.log.push(c.t, kind, actor, target, observer, subject, activity, flags, stored, before, after);
}
