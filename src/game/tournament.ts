/**
 * A round-robin tournament with repetitions, following the reference library's conventions
 * (Axelrod-Python: axelrod/tournament.py, match_generator.py, result_set.py):
 *
 * - every pair of players meets once per repetition, and each player also plays itself (a
 *   clone with its own random stream): n(n - 1)/2 + n matches;
 * - total scores (`scores`) sum, per repetition, a player's match scores against the others,
 *   leaving out self-play; normalised scores (`normalised_scores`) are their mean per turn over
 *   the opponents, self-play left out too;
 * - the payoff matrix (`payoff_matrix`) holds the mean payoff per turn of the row player against
 *   the column player over the repetitions, self-play included on the diagonal (the mean of its
 *   two sides);
 * - the cooperation matrix (`cooperation`) counts the row player's C moves against the column
 *   player over all repetitions; on the diagonal the two sides' counts are summed and halved,
 *   rounded down, as the library does to "address double count";
 * - the ranking sorts players by the median over repetitions of their normalised score,
 *   highest first; ties keep the order the players were given in (Python's `sorted` is stable).
 */
import { argumentProblem, ProblemError } from '../io/problem.js';
import { DEFAULT_GAME, type Game } from './game.js';
import { checkTurns, DEFAULT_TURNS, playMatch } from './match.js';
import type { Strategy } from './strategy.js';

/** The reference library's default repetitions (`axl.Tournament(..., repetitions=10)`). */
export const DEFAULT_REPETITIONS = 10;
export const MAX_REPETITIONS = 10_000;
/** At most this many turns in all (turns x repetitions x matches): minutes, not days. */
export const MAX_TOTAL_TURNS = 200_000_000;

export interface TournamentOptions {
  turns?: number;
  repetitions?: number;
  game?: Game;
  seed?: string | number;
}

export interface TournamentResult {
  /** The players' ids, as given. */
  players: string[];
  /** [player][repetition]: total score against the others (self-play left out). */
  totalScores: number[][];
  /** [player][repetition]: mean score per turn against the others (self-play left out). */
  normalisedScores: number[][];
  /** [player]: median of normalisedScores over the repetitions. */
  medianScores: number[];
  /** [row][column]: mean payoff per turn of row against column, self-play on the diagonal. */
  payoffMatrix: number[][];
  /** [row][column]: C moves of row against column over all repetitions. */
  cooperation: number[][];
  /** Player indices, best first. */
  ranking: number[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Plays the tournament. Throws a ProblemError for bad options or fewer than two players. */
export function playTournament(strategies: readonly Strategy[], options: TournamentOptions = {}): TournamentResult {
  const turns = checkTurns(options.turns ?? DEFAULT_TURNS);
  const reps = options.repetitions ?? DEFAULT_REPETITIONS;
  if (!Number.isInteger(reps) || reps < 1 || reps > MAX_REPETITIONS) {
    throw new ProblemError([argumentProblem('repetitions', `must be a whole number from 1 to ${MAX_REPETITIONS}, got ${reps}`)]);
  }
  const n = strategies.length;
  if (n < 2) throw new ProblemError([argumentProblem('strategies', `a tournament needs at least two players, got ${n}`)]);
  const total = turns * reps * (n * (n + 1)) / 2;
  if (total > MAX_TOTAL_TURNS) {
    throw new ProblemError([argumentProblem('turns', `${turns} turns x ${reps} repetitions x ${(n * (n + 1)) / 2} matches is ${total} turns, more than ${MAX_TOTAL_TURNS}`)]);
  }
  const game = options.game ?? DEFAULT_GAME;
  const seed = options.seed ?? 0;
  const grid = (): number[][] => Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const totalScores = Array.from({ length: n }, () => new Array<number>(reps).fill(0));
  const scoreSum = grid();
  const cooperation = grid();
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < n; i++) {
      for (let j = i; j < n; j++) {
        const m = playMatch(strategies[i], strategies[j], { turns, game, seed, repetition: r });
        if (i === j) {
          scoreSum[i][i] += (m.scores[0] + m.scores[1]) / 2;
          cooperation[i][i] += m.cooperation[0] + m.cooperation[1]; // halved below
          continue;
        }
        scoreSum[i][j] += m.scores[0];
        scoreSum[j][i] += m.scores[1];
        cooperation[i][j] += m.cooperation[0];
        cooperation[j][i] += m.cooperation[1];
        totalScores[i][r] += m.scores[0];
        totalScores[j][r] += m.scores[1];
      }
    }
  }
  for (let i = 0; i < n; i++) cooperation[i][i] = Math.floor(cooperation[i][i] / 2);
  // The mean over opponents of the score per turn; every match has the same turns, so it is the
  // total over turns and opponents (exact for whole payoffs, whatever the order of the players).
  const normalisedScores = totalScores.map((row) => row.map((v) => v / turns / (n - 1)));
  const medianScores = normalisedScores.map(median);
  // A stable sort on the median alone: ties stay in the order given, as in result_set.py.
  const ranking = [...Array(n).keys()].sort((a, b) => medianScores[b] - medianScores[a]);
  return {
    players: strategies.map((s) => s.name),
    totalScores,
    normalisedScores,
    medianScores,
        // Every match has the same turns, so the mean over repetitions of the payoff per turn is the
    // sum of the scores over turns x repetitions: one division, exact for whole payoffs.
    payoffMatrix: scoreSum.map((row) => row.map((v) => v / (turns * reps))),
    cooperation,
    ranking,
  };
}
