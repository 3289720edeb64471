/**
 * Invariants of matches and tournaments, for any strategies, payoffs, turns and seed (fast-check,
 * the fixed seed of test/setup.ts): swapping the players mirrors a match, a Cooperator against
 * itself scores R per turn, scores are sums of the table's payoffs, total scores leave self-play
 * out, and a tournament does not depend on the order the players are listed in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Game } from '../../src/game/game.js';
import { GRIT } from '../../src/game/grit.js';
import { playMatch } from '../../src/game/match.js';
import { NAMED, random } from '../../src/game/strategies.js';
import { memoryOne, type Strategy } from '../../src/game/strategy.js';
import { playTournament } from '../../src/game/tournament.js';

const prob = fc.double({ min: 0, max: 1, noNaN: true });
const strategyArb: fc.Arbitrary<Strategy> = fc.oneof(
  fc.constantFrom(...Object.values(NAMED), GRIT),
  prob.map((p) => random(Math.round(p * 100) / 100)),
  fc.tuple(prob, prob, prob, prob, fc.constantFrom('C' as const, 'D' as const))
    .map(([a, b, c, d, first]) => memoryOne(`MemoryOne(${a},${b},${c},${d},${first})`, [a, b, c, d], first)),
);
const gameArb: fc.Arbitrary<Game> = fc.record({
  R: fc.integer({ min: -5, max: 10 }), S: fc.integer({ min: -5, max: 10 }), T: fc.integer({ min: -5, max: 10 }), P: fc.integer({ min: -5, max: 10 }),
});
const seedArb = fc.oneof(fc.integer(), fc.string({ maxLength: 8 }));
const mirror = (x: string) => x[1] + x[0];

describe('a match', () => {
  it('swapping the players mirrors it: moves, scores and cooperation swap sides (stochastic strategies too)', () => {
    fc.assert(fc.property(strategyArb, strategyArb, fc.integer({ min: 1, max: 60 }), gameArb, seedArb, (a, b, turns, game, seed) => {
      fc.pre(a.name !== b.name);
      const ab = playMatch(a, b, { turns, game, seed });
      const ba = playMatch(b, a, { turns, game, seed });
      expect(ba.actions).toEqual(ab.actions.map(mirror));
      expect(ba.scores).toEqual([ab.scores[1], ab.scores[0]]);
      expect(ba.cooperation).toEqual([ab.cooperation[1], ab.cooperation[0]]);
    }));
  });

  it('a Cooperator against itself scores R per turn, whatever the payoffs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 300 }), gameArb, (turns, game) => {
      const m = playMatch(NAMED.Cooperator, NAMED.Cooperator, { turns, game });
      expect(m.scores).toEqual([game.R * turns, game.R * turns]);
      expect(m.cooperation).toEqual([turns, turns]);
    }));
  });

  it('scores are the sums of the table\'s payoffs for the moves played, and cooperation counts the C moves', () => {
    fc.assert(fc.property(strategyArb, strategyArb, fc.integer({ min: 1, max: 60 }), gameArb, seedArb, (a, b, turns, game, seed) => {
      const m = playMatch(a, b, { turns, game, seed });
      expect(m.actions).toHaveLength(turns);
      const pay = { CC: [game.R, game.R], CD: [game.S, game.T], DC: [game.T, game.S], DD: [game.P, game.P] } as Record<string, number[]>;
      expect(m.scores).toEqual([0, 1].map((k) => m.actions.reduce((s, x) => s + pay[x][k], 0)));
      expect(m.cooperation).toEqual([0, 1].map((k) => m.actions.filter((x) => x[k] === 'C').length));
    }));
  });

  it('is a pure function of the strategies, turns, payoffs and seed', () => {
    fc.assert(fc.property(strategyArb, strategyArb, fc.integer({ min: 1, max: 60 }), seedArb, (a, b, turns, seed) => {
      expect(playMatch(a, b, { turns, seed })).toEqual(playMatch(a, b, { turns, seed }));
    }));
  });
});

const playersArb = fc.uniqueArray(strategyArb, { minLength: 2, maxLength: 5, selector: (s) => s.name });

describe('a tournament', () => {
  it('total scores are the off-diagonal payoffs times the turns (self-play left out), in every repetition', () => {
    fc.assert(fc.property(playersArb, fc.integer({ min: 1, max: 20 }), gameArb, (players, turns, game) => {
      const det = players.filter((s) => !s.stochastic);
      fc.pre(det.length >= 2);
      const r = playTournament(det, { turns, repetitions: 2, game });
      det.forEach((_, i) => {
        const off = r.payoffMatrix[i].reduce((s, v, j) => (j === i ? s : s + v), 0) * turns;
        for (const t of r.totalScores[i]) expect(t).toBeCloseTo(off, 9);
        expect(r.medianScores[i]).toBeCloseTo(off / turns / (det.length - 1), 9);
      });
    }));
  });

  it('does not depend on the order of the players, but for the order of ties in the ranking', () => {
    fc.assert(fc.property(playersArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 3 }), seedArb, (players, turns, repetitions, seed) => {
      const rev = [...players].reverse();
      const a = playTournament(players, { turns, repetitions, seed });
      const b = playTournament(rev, { turns, repetitions, seed });
      const n = players.length;
      const at = (i: number) => n - 1 - i;
      for (let i = 0; i < n; i++) {
        expect(b.totalScores[at(i)]).toEqual(a.totalScores[i]);
        expect(b.cooperation[at(i)]).toEqual([...a.cooperation[i]].reverse());
        for (let j = 0; j < n; j++) expect(b.payoffMatrix[at(i)][at(j)]).toBeCloseTo(a.payoffMatrix[i][j], 12);
      }
      const medians = (r: typeof a) => r.ranking.map((i) => r.medianScores[i]);
      expect(medians(b)).toEqual(medians(a));
    }));
  });

  it('ranks by the median score, highest first, ties in the order given', () => {
    fc.assert(fc.property(playersArb, fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1, max: 4 }), seedArb, (players, turns, repetitions, seed) => {
      const r = playTournament(players, { turns, repetitions, seed });
      for (let k = 1; k < r.ranking.length; k++) {
        const [p, q] = [r.ranking[k - 1], r.ranking[k]];
        expect(r.medianScores[p] > r.medianScores[q] || (r.medianScores[p] === r.medianScores[q] && p < q)).toBe(true);
      }
    }));
  });

  it('a Cooperator against itself has R on the diagonal of the payoff matrix and every C counted once', () => {
    fc.assert(fc.property(playersArb, fc.integer({ min: 1, max: 20 }), gameArb, (others, turns, game) => {
      const players = [NAMED.Cooperator, ...others.filter((s) => s.name !== 'Cooperator')];
      const r = playTournament(players, { turns, repetitions: 2, game });
      expect(r.payoffMatrix[0][0]).toBeCloseTo(game.R, 12);
      expect(r.cooperation[0]).toEqual(new Array(players.length).fill(2 * turns));
    }));
  });
});
