/**
 * Seeded random streams, one per purpose (STYLE principle 3): changing one mechanism never
 * shifts another's dice, and both hypotheses draw the same numbers at the same opportunities
 * (common random numbers). Each stream is seedrandom's Alea generator seeded with
 * `entente|<run seed>|<purpose>`.
 *
 * Signals get one stream per directed pair (`entente|<run seed>|signal|<from id>><to id>`),
 * created the first time the pair transmits: the k-th transmission from i to j sees the same
 * dice under every hypothesis, however many other transmissions each hypothesis makes.
 */
import seedrandom from 'seedrandom';

export const RNG_ALGORITHM = 'seedrandom alea; one stream per purpose seeded "entente|<seed>|<purpose>", and per directed pair for signals "entente|<seed>|signal|<from>><to>" and stance declarations "entente|<seed>|declaration|<from>><to>", and the moves of game strategies "entente|<seed>|game|<own>><partner>"';

/**
 * `choice`: discretionary activities; `tests` and `incidents`: the random ones. Scheduled tests,
 * scheduled incidents and the gates of programme lines draw from streams of their own, so that
 * adding one to a scenario shifts no other mechanism's dice (model version 0.2.1).
 */
export const PURPOSES = ['choice', 'tests', 'incidents', 'scheduledTests', 'scheduledIncidents', 'programmeGates'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A uniform draw in [0, 1). */
export type Uniform = () => number;

export type Streams = Record<Purpose, Uniform> & {
  /** The signal stream of the directed pair i -> j (index i * n + j). */
  signal: (pair: number) => Uniform;
  /** The stance-declaration stream of the directed pair i -> j (trust-first, MODEL 6). */
  declaration: (pair: number) => Uniform;
  /** The stream of i's stochastic strategy in its game with j (index i * n + j; tested cooperation, MODEL 4b). */
  game: (pair: number) => Uniform;
};

/** Streams for a run; `ids` name the states (pair streams are keyed by ids, not positions). */
export function createStreams(seed: string | number, ids: readonly string[]): Streams {
  const n = ids.length;
  const perPair = (purpose: string) => {
    const pairs: (Uniform | undefined)[] = new Array(n * n).fill(undefined);
    return (pair: number): Uniform => {
      let g = pairs[pair];
      if (g === undefined) {
        g = seedrandom.alea(`entente|${seed}|${purpose}|${ids[(pair / n) | 0]}>${ids[pair % n]}`);
        pairs[pair] = g;
      }
      return g;
    };
  };
  const out = { signal: perPair('signal'), declaration: perPair('declaration'), game: perPair('game') } as Streams;
  for (const p of PURPOSES) out[p] = seedrandom.alea(`entente|${seed}|${p}`);
  return out;
}
