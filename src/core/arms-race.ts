/**
 * Richardson's arms race between rivals (MODEL 8; docs/MODEL.md 7.15; Richardson 1960, Arms and
 * Insecurity), on in scenarios with `richardson: true`. Each racing pair keeps two arming
 * levels, x_ij (i toward j) and x_ji, stepped once per simulation step by explicit Euler with
 * dt = 1 step:
 *
 *   x_ij' = x_ij + a x_ji - m x_ij + g_ij,     a = richardsonReaction, m = richardsonFatigue
 *   g_ij  = g (1 - sat(O^tension_ij + O^tension_ji)) (1 - sat(O^confidence_ij + O^confidence_ji))
 *
 * with g = richardsonGrievance: the essay's "reduction in hostility or tension" and "confidence
 * building" outcomes lower the pair's grievance, and so its equilibrium. The pair's tension is
 * X = 1 - 2^(-(x_ij + x_ji) / 2) (model/richardson.ts). No random draws: the race shifts no dice.
 */
import { LEVEL_MAX, richardsonStep, tensionOfLevels, type RichardsonCoefficients } from '../model/richardson.js';
import type { Params } from '../model/params.js';
import { OUT, sat, setRaceTension, type Ctx } from './pair.js';

/** Richardson's coefficients from the parameters table, symmetric (a = b, m = n, g = h), grievance times `relief`. */
export function raceCoefficients(p: Params, relief = 1): RichardsonCoefficients {
  const g = p.richardsonGrievance * relief;
  return { a: p.richardsonReaction, b: p.richardsonReaction, m: p.richardsonFatigue, n: p.richardsonFatigue, g, h: g };
}

/** Share of the grievance left between i and j by their tension-reduction and confidence-building outcomes. */
export function grievanceRelief(c: Ctx, i: number, j: number): number {
  const { s, n, nn } = c;
  const ij = i * n + j, ji = j * n + i;
  const tension = sat(c, s.O[OUT.tension * nn + ij] + s.O[OUT.tension * nn + ji]);
  const confidence = sat(c, s.O[OUT.confidence * nn + ij] + s.O[OUT.confidence * nn + ji]);
  return (1 - tension) * (1 - confidence);
}

/** One step of every racing pair (simultaneous within a pair; pairs are independent). */
export function armsRace(c: Ctx): void {
  const race = c.w.richardson;
  if (race === null) return;
  const arms = c.s.arms!;
  const n = c.n;
  const k = raceCoefficients(c.p);
  const g = k.g;
  for (let q = 0; q < race.pairs.length; q++) {
    const u = race.pairs[q];
    const i = (u / n) | 0, j = u % n;
    const ij = i * n + j, ji = j * n + i;
    k.g = k.h = g * grievanceRelief(c, i, j);
    const [x, y] = richardsonStep(arms[ij], arms[ji], k, 1);
    // Capped so a runaway race stays finite; its tension is already exactly 1.
    arms[ij] = x < LEVEL_MAX ? x : LEVEL_MAX;
    arms[ji] = y < LEVEL_MAX ? y : LEVEL_MAX;
    setRaceTension(c, u, tensionOfLevels(arms[ij], arms[ji]));
  }
}
