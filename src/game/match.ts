/**
 * A match: two players, a fixed number of turns, moves chosen simultaneously from the history
 * before the turn (reference library: `axl.Match(players, turns).play()`). Scores are the sums
 * of each side's payoffs; cooperation counts each side's C moves (`match.cooperation()`).
 */
import seedrandom from 'seedrandom';
import { argumentProblem, ProblemError } from '../io/problem.js';
import { DEFAULT_GAME, payoff, type Action, type Game } from './game.js';
import type { Strategy, Uniform } from './strategy.js';

/** The reference library's default number of turns (`axl.DEFAULT_TURNS`). */
export const DEFAULT_TURNS = 200;
export const MAX_TURNS = 1_000_000;

export interface MatchResult {
  /** The two sides' moves turn by turn, first player's first: `"CD"` = first cooperates, second defects. */
  actions: string[];
  /** Total payoff of each side. */
  scores: [number, number];
  /** C moves of each side. */
  cooperation: [number, number];
}

/**
 * The random stream of one side of one match: seedrandom's Alea seeded with
 * `entente|game|<seed>|<repetition>|<own id>><opponent id>` (the second side of self-play adds
 * `|clone`). A side's dice depend only on the seed, the repetition and who plays whom, not on
 * which side it is or where it stands in the list of players: swapping the players mirrors a
 * match exactly, stochastic strategies included (a lone match is repetition 0).
 */
export function sideStream(seed: string | number, repetition: number, own: string, opponent: string, clone = false): Uniform {
  return seedrandom.alea(`entente|game|${seed}|${repetition}|${own}>${opponent}${clone ? '|clone' : ''}`);
}

export interface MatchOptions {
  /** Turns, 1 .. MAX_TURNS (default DEFAULT_TURNS). */
  turns?: number;
  /** Payoffs (default DEFAULT_GAME). */
  game?: Game;
  /** Seed of the players' random streams (default 0). */
  seed?: string | number;
  /** Repetition index the streams are keyed by (default 0). */
  repetition?: number;
}

export function checkTurns(turns: number): number {
  if (!Number.isInteger(turns) || turns < 1 || turns > MAX_TURNS) {
    throw new ProblemError([argumentProblem('turns', `must be a whole number from 1 to ${MAX_TURNS}, got ${turns}`)]);
  }
  return turns;
}

/** Plays `first` against `second`. Throws a ProblemError for bad turns. */
export function playMatch(first: Strategy, second: Strategy, options: MatchOptions = {}): MatchResult {
  const turns = checkTurns(options.turns ?? DEFAULT_TURNS);
  const game = options.game ?? DEFAULT_GAME;
  const seed = options.seed ?? 0;
  const rep = options.repetition ?? 0;
  const a = first.create(game, sideStream(seed, rep, first.name, second.name));
  const b = second.create(game, sideStream(seed, rep, second.name, first.name, first.name === second.name));
  const ha: Action[] = [];
  const hb: Action[] = [];
  const actions: string[] = [];
  const scores: [number, number] = [0, 0];
  const cooperation: [number, number] = [0, 0];
  for (let t = 0; t < turns; t++) {
    // Simultaneous moves: each sees only the turns before this one.
    const x = a.move(ha, hb);
    const y = b.move(hb, ha);
    ha.push(x);
    hb.push(y);
    actions.push(x + y);
    scores[0] += payoff(game, x, y);
    scores[1] += payoff(game, y, x);
    if (x === 'C') cooperation[0]++;
    if (y === 'C') cooperation[1]++;
  }
  return { actions, scores, cooperation };
}
