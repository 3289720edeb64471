/**
 * Richardson's arms-race equations (Richardson 1960, Arms and Insecurity; docs/MODEL.md 7.15)
 * between two rivals, x the arming (hostility) of one toward the other and y the reverse:
 *
 *   dx/dt = a y - m x + g        a: reaction (defence), m: fatigue (expense), g: grievance
 *   dy/dt = b x - n y + h
 *
 * Pure functions of the coefficients, all >= 0. The model (core/arms-race.ts) steps them once
 * per simulation step and reads a pair's tension from the levels through `tensionOfLevels`.
 */
import { exp2 } from './power.js';

/** Richardson's coefficients for one pair of rivals (all >= 0). */
export interface RichardsonCoefficients {
  /** Reaction of x to y, and of y to x. */
  a: number;
  b: number;
  /** Fatigue (the expense of arming) of x and of y. */
  m: number;
  n: number;
  /** Grievances: the arming each side keeps up whatever the other does. */
  g: number;
  h: number;
}

/**
 * One explicit Euler step of length dt, evaluated on the old x and y (simultaneous update):
 * x' = x + dt (a y - m x + g), y' = y + dt (b x - n y + h).
 */
export function richardsonStep(x: number, y: number, k: RichardsonCoefficients, dt: number): [number, number] {
  return [x + dt * (k.a * y - k.m * x + k.g), y + dt * (k.b * x - k.n * y + k.h)];
}

/**
 * The analytic equilibrium (Richardson 1960): x* = (a h + n g) / (m n - a b),
 * y* = (b g + m h) / (m n - a b); null when m n <= a b, where no stable equilibrium exists
 * (the continuous race is then unstable and, from non-negative levels with g + h > 0, runs away).
 */
export function richardsonEquilibrium(k: RichardsonCoefficients): [number, number] | null {
  const d = k.m * k.n - k.a * k.b;
  if (!(d > 0)) return null;
  return [(k.a * k.h + k.n * k.g) / d, (k.b * k.g + k.m * k.h) / d];
}

/**
 * The eigenvalues of J = [[-m, a], [b, -n]], the continuous system's matrix, larger first. They
 * are real because the discriminant (m - n)^2 + 4 a b is never negative.
 */
export function richardsonEigenvalues(k: RichardsonCoefficients): [number, number] {
  const root = Math.sqrt((k.m - k.n) ** 2 + 4 * k.a * k.b);
  return [(-(k.m + k.n) + root) / 2, (-(k.m + k.n) - root) / 2];
}

/**
 * Largest step for which the discrete system converges: dt < 2 / |lambda_min| =
 * 4 / (m + n + sqrt((m - n)^2 + 4 a b)); Infinity when J is zero. Meaningful only with
 * m n > a b (see `richardsonStable`).
 */
export function richardsonMaxStep(k: RichardsonCoefficients): number {
  const fast = -richardsonEigenvalues(k)[1];
  return fast > 0 ? 2 / fast : Infinity;
}

/**
 * Whether the discrete system of step dt converges to the equilibrium from every start. Two
 * conditions, both needed: the continuous system is stable (m n > a b: both eigenvalues of J
 * negative), and the step is small enough that both eigenvalues 1 + dt lambda of I + dt J lie
 * inside the unit circle (dt < `richardsonMaxStep`). A stable race stepped too coarsely
 * oscillates with growing amplitude; an unstable one diverges at any step.
 */
export function richardsonStable(k: RichardsonCoefficients, dt: number): boolean {
  if (!(k.m * k.n > k.a * k.b) || !(dt > 0)) return false;
  const [slow, fast] = richardsonEigenvalues(k);
  return Math.abs(1 + dt * slow) < 1 && Math.abs(1 + dt * fast) < 1;
}

/**
 * Tension from the two levels: X = 1 - 2^(-(x + y) / 2), 0 at no arming, 1/2 at a mean level
 * of 1, exactly 1 in floating point once the mean level passes about 54 (a runaway race).
 * Increasing and saturating, so an unbounded race drives tension to 1 and keeps it finite.
 */
export function tensionOfLevels(x: number, y: number): number {
  const s = (x + y) / 2;
  // exp2, not Math.pow: the same bits in Node and in a browser (model/power.ts).
  return s > 0 ? 1 - exp2(-s) : 0;
}

/**
 * Highest tension a shock or the scenario's initial tension can set through the inverse map:
 * 1 - 2^-10 (mean level 10), so a shock to tension 1 leaves a race that can still come down.
 */
export const SHOCK_TENSION_CAP = 1 - 2 ** -10;

/** The mean level with tension X (the inverse of `tensionOfLevels`), X capped at SHOCK_TENSION_CAP. */
export function levelOfTension(X: number): number {
  if (!(X > 0)) return 0;
  return -Math.log2(1 - (X > SHOCK_TENSION_CAP ? SHOCK_TENSION_CAP : X));
}

/** Levels never grow past this, so a runaway race stays finite (its tension is 1 long before). */
export const LEVEL_MAX = 1e6;

/**
 * Levels after a tension shock dX (an incident, a defection, an arms transfer to a rival, a
 * tension-reduction outcome): both levels scale so that their tension becomes X + dX (clamped
 * to [0, 1]); from zero levels both take the mean level. A rise never lowers levels that are
 * already above the cap of the inverse map.
 */
export function shockLevels(x: number, y: number, dX: number): [number, number] {
  if (dX === 0) return [x, y];
  const X = tensionOfLevels(x, y);
  const target = levelOfTension(X + dX);
  const s = (x + y) / 2;
  if (dX >= 0 && target <= s) return [x, y];
  if (s <= 0) return [target, target];
  const f = target / s;
  return [x * f, y * f];
}
