/**
 * The agreement network's null (record/network.ts: tieNulls, agreementNull): each new tie held
 * against a tie drawn uniformly from the partner pairs without an agreement then. Hand-built tie
 * sequences with answers worked out by hand; properties against a brute-force count; and the
 * core's own running records (triadicTies, attachDegree) read back from a real run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { agreementNull, partnerPairs, tieNulls } from '../../src/record/network.js';
import { simulateWorld } from '../../src/run/simulate.js';
import type { Adjacency } from '../../src/world/world.js';
import { resolveWorld } from '../../src/world/resolve.js';

/** CSR adjacency of `n` states from undirected edges. */
function adjacency(n: number, edges: readonly (readonly [number, number])[]): Adjacency {
  const sets = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of edges) { sets[a].add(b); sets[b].add(a); }
  const start = new Int32Array(n + 1);
  const list: number[] = [];
  for (let i = 0; i < n; i++) { list.push(...[...sets[i]].sort((x, y) => x - y)); start[i + 1] = list.length; }
  return { start, list: Int32Array.from(list) };
}

const complete = (n: number) => adjacency(n, Array.from({ length: n }, (_, i) => Array.from({ length: n - i - 1 }, (_, k) => [i, i + k + 1] as const)).flat());
const ties = (n: number, pairs: readonly (readonly [number, number])[]) => pairs.map(([i, j]) => Math.min(i, j) * n + Math.max(i, j));

describe('the null among partner pairs, by hand', () => {
  it('a star grows: the hub attracts more than chance (attachment ratio 3 / 2.3), and no triangle is closed', () => {
    // Four states, all partners. Tie 1 (0,1): every degree 0, both nulls degenerate.
    // Tie 2 (0,2): candidates 02 03 12 13 23 with degree sums 1 1 1 1 0: expected 4/5, observed 1; nothing can close.
    // Tie 3 (0,3): candidates 03 12 13 23 with sums 2 2 1 1: expected 6/4, observed 2; only 12 would close (shares 0): expected 1/4, observed 0.
    const z = agreementNull(ties(4, [[0, 1], [0, 2], [0, 3]]), 3, 4, complete(4));
    expect(z).toMatchObject({ ties: 3, attachmentTies: 2, degreeObserved: 3, closureTies: 1, closingObserved: 0, closingExpected: 0.25, closureRatio: 0 });
    expect(z.degreeExpected).toBeCloseTo(2.3, 12);
    expect(z.attachmentRatio).toBeCloseTo(3 / 2.3, 12);
    expect(z.attachmentRatio).toBeGreaterThan(1);
  });

  it('a triangle closes: one closing tie where a quarter was expected (closure ratio 4)', () => {
    // Ties 01, 12, then 02: its candidates 02 03 13 23; only 02 shares a partner (1).
    const steps = tieNulls(ties(4, [[0, 1], [1, 2], [0, 2]]), 3, 4, complete(4));
    expect(steps.map((t) => [t.candidates, t.closingCandidates, t.closes])).toEqual([[6, 0, false], [5, 0, false], [4, 1, true]]);
    expect(steps.map((t) => [t.degreeSum, t.candidateDegreeTotal])).toEqual([[0, 0], [1, 4], [2, 6]]);
    const z = agreementNull(ties(4, [[0, 1], [1, 2], [0, 2]]), 3, 4, complete(4));
    expect(z).toMatchObject({ closureTies: 1, closingObserved: 1, closingExpected: 0.25, closureRatio: 4, degreeObserved: 3 });
    expect(z.attachmentRatio).toBeCloseTo(3 / 2.3, 12);
  });

  it('only partner pairs are candidates: along a path the second tie is twice chance (all pairs would say 1.25)', () => {
    // Partners 01, 12, 23. Tie 2 (1,2): candidates 12 and 23 with sums 1 and 0: expected 1/2, observed 1.
    const z = agreementNull(ties(4, [[0, 1], [1, 2]]), 2, 4, adjacency(4, [[0, 1], [1, 2], [2, 3]]));
    expect(z).toMatchObject({ attachmentTies: 1, degreeObserved: 1, degreeExpected: 0.5, attachmentRatio: 2 });
  });

  it('is undefined (NaN, not 0) when no tie had a non-degenerate null', () => {
    expect(agreementNull([], 0, 3, complete(3))).toMatchObject({ ties: 0, closureTies: 0, attachmentTies: 0 });
    expect(agreementNull([], 0, 3, complete(3)).closureRatio).toBeNaN();
    const one = agreementNull(ties(3, [[0, 1]]), 1, 3, complete(3));
    expect(one.closureRatio).toBeNaN();
    expect(one.attachmentRatio).toBeNaN();
    // A tie between states that are not partners is its own only candidate: degenerate.
    const odd = tieNulls(ties(3, [[0, 1], [1, 2]]), 2, 3, adjacency(3, [[0, 1]]));
    expect(odd[1]).toMatchObject({ candidates: 1, closingCandidates: 0, degreeSum: 1, candidateDegreeTotal: 1 });
    expect(agreementNull(ties(3, [[0, 1], [1, 2]]), 2, 3, adjacency(3, [[0, 1]])).attachmentRatio).toBeNaN();
  });

  it('lists partner pairs once each, i < j', () => {
    expect(partnerPairs(4, adjacency(4, [[2, 0], [1, 3], [0, 2]]))).toEqual([0 * 4 + 2, 1 * 4 + 3]);
  });
});

/** A random partner graph on n states and a random signing order of some of its pairs. */
const networkArb = fc.integer({ min: 2, max: 9 }).chain((n) => {
  const all: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) all.push([i, j]);
  return fc.subarray(all, { minLength: 1 }).chain((edges) =>
    fc.shuffledSubarray(edges).map((order) => ({ n, edges, order })));
});

describe('the null among partner pairs, as properties', () => {
  it('candidates and closing candidates match a brute-force count over all pairs; ratios are NaN or finite and non-negative', () => {
    fc.assert(fc.property(networkArb, ({ n, edges, order }) => {
      const partners = adjacency(n, edges);
      const isPartner = (u: number, v: number) => edges.some(([a, b]) => (a === u && b === v) || (a === v && b === u));
      const codes = ties(n, order);
      const steps = tieNulls(codes, codes.length, n, partners);
      const signed = new Set<number>();
      codes.forEach((code, t) => {
        const has = (u: number, v: number) => signed.has(Math.min(u, v) * n + Math.max(u, v));
        let candidates = 0, closing = 0, total = 0;
        for (let u = 0; u < n; u++) for (let v = u + 1; v < n; v++) {
          if (!isPartner(u, v) || has(u, v)) continue;
          candidates++;
          let shares = false;
          for (let k = 0; k < n; k++) if (k !== u && k !== v && has(u, k) && has(v, k)) shares = true;
          if (shares) closing++;
          const deg = (x: number) => [...Array(n).keys()].filter((y) => y !== x && has(x, y)).length;
          total += deg(u) + deg(v);
        }
        expect(steps[t]).toMatchObject({ candidates, closingCandidates: closing, candidateDegreeTotal: total });
        signed.add(code);
      });
      const z = agreementNull(codes, codes.length, n, partners);
      for (const r of [z.closureRatio, z.attachmentRatio]) expect(Number.isNaN(r) || (Number.isFinite(r) && r >= 0)).toBe(true);
      expect(Number.isNaN(z.closureRatio)).toBe(z.closureTies === 0);
      expect(Number.isNaN(z.attachmentRatio)).toBe(z.attachmentTies === 0);
      expect(z.closingObserved).toBeLessThanOrEqual(z.closureTies);
      expect(z.closureTies).toBeLessThanOrEqual(z.ties);
      if (z.closureTies > 0) expect(z.closingExpected).toBeGreaterThan(0);
      if (z.attachmentTies > 0) expect(z.degreeExpected).toBeGreaterThan(0);
    }));
  });
});

describe('the null read from a real run', () => {
  it('agrees with the core\'s running records of the same ties (closing ties, endpoint degrees)', () => {
    const loaded = loadScenario('scenarios/fpda.yaml');
    if (!loaded.ok) throw new Error('fpda.yaml does not load');
    const world = resolveWorld(loaded.value, { hypothesis: 'trust-first' });
    const r = simulateWorld(world, 3, { events: false });
    const order = r.final.agreementOrder;
    expect(order.length).toBe(r.final.agreements.length);
    expect(order.length).toBeGreaterThan(2);
    const steps = tieNulls(order, order.length, world.n, world.partners);
    expect(steps.filter((t) => t.closes).length).toBe(Math.round(r.final.network.triadicShare * order.length));
    // degreeDependence = sum of endpoint degrees after the first tie / sum of 4 E / n.
    const degree = steps.slice(1).reduce((s, t) => s + t.degreeSum, 0);
    const expected = steps.slice(1).reduce((s, _, k) => s + (4 * (k + 1)) / world.n, 0);
    expect(degree / expected).toBeCloseTo(r.final.network.degreeDependence, 12);
  });
});
