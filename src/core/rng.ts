/**
 * Seeded random streams, one per purpose (STYLE principle 3): changing one mechanism never
 * shifts another's dice, and both hypotheses draw the same numbers at the same opportunities
 * (common random numbers). Each stream is seedrandom's Alea generator seeded with
 * `entente|<run seed>|<purpose>`.
 */
import seedrandom from 'seedrandom';

export const RNG_ALGORITHM = 'seedrandom alea, one stream per purpose seeded "entente|<seed>|<purpose>"';

export const PURPOSES = ['choice', 'signal', 'tests', 'incidents'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** A uniform draw in [0, 1). */
export type Uniform = () => number;

export type Streams = Record<Purpose, Uniform>;

export function createStreams(seed: string | number): Streams {
  const out = {} as Streams;
  for (const p of PURPOSES) {
    const g = seedrandom.alea(`entente|${seed}|${p}`);
    out[p] = g;
  }
  return out;
}
