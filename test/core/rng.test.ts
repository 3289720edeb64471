import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { createStreams, PURPOSES, type Uniform } from '../../src/core/rng.js';

const take = (u: Uniform, k: number) => Array.from({ length: k }, () => u());
const IDS = ['A', 'B', 'C'];

describe('seeded streams', () => {
  it('give the same numbers for the same seed', () => {
    const a = createStreams(42, IDS), b = createStreams(42, IDS);
    for (const p of PURPOSES) expect(take(a[p], 50)).toEqual(take(b[p], 50));
    expect(take(a.signal(1), 50)).toEqual(take(b.signal(1), 50));
  });

  it('give different numbers for a different seed', () => {
    const a = createStreams(1, IDS), b = createStreams(2, IDS);
    for (const p of PURPOSES) expect(take(a[p], 5)).not.toEqual(take(b[p], 5));
    expect(take(a.signal(1), 5)).not.toEqual(take(b.signal(1), 5));
  });

  it('are seedrandom alea seeded "entente|<seed>|<purpose>" (numbers and strings alike)', () => {
    for (const p of PURPOSES) {
      const g = seedrandom.alea(`entente|7|${p}`);
      expect(take(createStreams(7, IDS)[p], 10)).toEqual(take(g, 10));
      expect(take(createStreams('7', IDS)[p], 10)).toEqual(take(seedrandom.alea(`entente|7|${p}`), 10));
    }
    expect(take(createStreams('x', IDS).signal(2), 10)).toEqual(take(seedrandom.alea('entente|x|signal|A>C'), 10));
  });

  it('draw uniformly in [0, 1)', () => {
    const u = createStreams(3, IDS).choice;
    const xs = take(u, 20000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
  });
});

describe('independence', () => {
  it('one stream per purpose: drawing from one never shifts another', () => {
    for (const p of PURPOSES) {
      const a = createStreams(9, IDS), b = createStreams(9, IDS);
      take(a[p], 1000); // a's stream p runs ahead
      for (const q of PURPOSES) if (q !== p) expect(take(a[q], 20)).toEqual(take(b[q], 20));
      expect(take(a.signal(5), 20)).toEqual(take(b.signal(5), 20));
    }
  });

  it('purposes give different sequences', () => {
    const s = createStreams(9, IDS);
    const seqs = [...PURPOSES.map((p) => take(s[p], 5).join()), take(s.signal(1), 5).join(), take(s.signal(3), 5).join()];
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('one signal stream per directed pair, created once: the k-th transmission i -> j sees the same dice', () => {
    const a = createStreams(4, IDS), b = createStreams(4, IDS);
    expect(a.signal(1)).toBe(a.signal(1)); // the same generator, not a fresh one
    take(a.signal(3), 100); // B -> A runs ahead in a
    take(a.signal(2), 7);
    expect(take(a.signal(1), 20)).toEqual(take(b.signal(1), 20));
    expect(take(a.signal(1), 5)).not.toEqual(take(a.signal(3), 5));
  });

  it('pair streams are keyed by ids, not positions', () => {
    const a = createStreams(4, ['A', 'B', 'C']);
    const b = createStreams(4, ['C', 'A', 'B']);
    // A -> C is pair 0 * 3 + 2 in a, 1 * 3 + 0 in b
    expect(take(a.signal(2), 10)).toEqual(take(b.signal(3), 10));
  });
});
