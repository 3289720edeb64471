/**
 * What a strategy is: a name and a factory of players, one fresh player per match (the reference
 * library resets a player before each match and plays self-play against a clone). A player sees
 * both histories and returns its next move; a stochastic player draws from the uniform stream it
 * was made with, and from no other source.
 */
import type { Action, Game } from './game.js';

/** A uniform draw in [0, 1). */
export type Uniform = () => number;

/** One side of one match. `own` and `other` are the moves so far, oldest first, of equal length. */
export interface Player {
  move(own: readonly Action[], other: readonly Action[]): Action;
}

export interface Strategy {
  /** The id the strategy is given by (`TitForTat`, `Random(0.3)`). */
  readonly name: string;
  /** Whether any move depends on the random stream. */
  readonly stochastic: boolean;
  /** A fresh player for one match of `game`, drawing from `random`. */
  create(game: Game, random: Uniform): Player;
}

/**
 * The reference library's `random_choice(p)`: C when p is 1, D when p is 0, else C when a draw
 * r < p. Unlike the library, one number is drawn whatever p (common random numbers: a player's
 * k-th move sees the k-th draw of its stream, whatever p is).
 */
export function choose(p: number, random: Uniform): Action {
  const r = random();
  if (p >= 1) return 'C';
  if (p <= 0) return 'D';
  return r < p ? 'C' : 'D';
}

/** P(C) after each outcome of the last turn, seen from the player: (own, other) = CC, CD, DC, DD. */
export type FourVector = readonly [cc: number, cd: number, dc: number, dd: number];

/**
 * A memory-one strategy (library: `MemoryOnePlayer(four_vector, initial)`): the first move is
 * `first`; afterwards C with the probability the last turn's outcome selects.
 */
export function memoryOne(name: string, vector: FourVector | ((game: Game) => FourVector), first: Action): Strategy {
  const vectorOf = typeof vector === 'function' ? vector : () => vector;
  const fixed = (v: FourVector) => v.every((p) => p === 0 || p === 1);
  return {
    name,
    stochastic: typeof vector === 'function' || !fixed(vector),
    create(game, random) {
      const v = vectorOf(game);
      return {
        move(own, other) {
          const t = own.length;
          if (t === 0) return first;
          const k = (own[t - 1] === 'C' ? 0 : 2) + (other[t - 1] === 'C' ? 0 : 1);
          return choose(v[k], random);
        },
      };
    },
  };
}

/** A strategy whose move is a deterministic function of the two histories. */
export function deterministic(name: string, rule: (own: readonly Action[], other: readonly Action[]) => Action): Strategy {
  return { name, stochastic: false, create: () => ({ move: rule }) };
}
