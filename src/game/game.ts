/**
 * The stage game: two players each choose C (cooperate) or D (defect) and are paid by the
 * prisoner's dilemma table. Defaults are the reference library's (Axelrod-Python, `axl.Game()`:
 * R = 3, S = 0, T = 5, P = 1) and Axelrod's own tournaments (Axelrod 1980).
 */
import { argumentProblem, ProblemError, type Problem } from '../io/problem.js';

export type Action = 'C' | 'D';

/** Payoffs: R reward (both C), S sucker (C against D), T temptation (D against C), P punishment (both D). */
export interface Game {
  readonly R: number;
  readonly S: number;
  readonly T: number;
  readonly P: number;
}

export const DEFAULT_GAME: Game = Object.freeze({ R: 3, S: 0, T: 5, P: 1 });

/** The row player's payoff for playing `own` against `other`. */
export function payoff(game: Game, own: Action, other: Action): number {
  if (own === 'C') return other === 'C' ? game.R : game.S;
  return other === 'C' ? game.T : game.P;
}

/** Checks a game: four finite numbers (any order, as the reference library allows). Throws a ProblemError. */
export function checkGame(game: Partial<Game>): Game {
  const problems: Problem[] = [];
  const out = { ...DEFAULT_GAME, ...game };
  for (const k of ['R', 'S', 'T', 'P'] as const) {
    if (typeof out[k] !== 'number' || !Number.isFinite(out[k])) problems.push(argumentProblem(k, `must be a finite number, got ${String(out[k])}`));
  }
  if (problems.length > 0) throw new ProblemError(problems);
  return Object.freeze(out);
}
