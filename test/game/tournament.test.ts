/**
 * Matches and tournaments against the results the reference library documents
 * (Axelrod-Python, docs/tutorials/new_to_game_theory_and_or_python/match.rst, tournament.rst,
 * summarising_tournaments.rst and docs/how-to/access_tournament_results.rst), all with the
 * default payoffs R = 3, S = 0, T = 5, P = 1.
 */
import { describe, expect, it } from 'vitest';
import { checkGame, DEFAULT_GAME, payoff } from '../../src/game/game.js';
import { DEFAULT_TURNS, playMatch } from '../../src/game/match.js';
import { NAMED, random } from '../../src/game/strategies.js';
import { DEFAULT_REPETITIONS, median, playTournament } from '../../src/game/tournament.js';
import { ProblemError } from '../../src/io/problem.js';

const { Cooperator, Defector, TitForTat, Grudger, Alternator } = NAMED;

describe('the stage game', () => {
  it('pays R = 3, S = 0, T = 5, P = 1 by default (axl.Game())', () => {
    expect(DEFAULT_GAME).toEqual({ R: 3, S: 0, T: 5, P: 1 });
    expect([payoff(DEFAULT_GAME, 'C', 'C'), payoff(DEFAULT_GAME, 'C', 'D'), payoff(DEFAULT_GAME, 'D', 'C'), payoff(DEFAULT_GAME, 'D', 'D')]).toEqual([3, 0, 5, 1]);
  });

  it('takes other payoffs, and refuses ones that are not finite numbers', () => {
    const g = checkGame({ R: 4, T: 6 });
    expect(g).toEqual({ R: 4, S: 0, T: 6, P: 1 });
    expect(playMatch(Cooperator, Alternator, { turns: 2, game: g }).scores).toEqual([4, 10]);
    expect(() => checkGame({ R: Number.NaN, P: Infinity })).toThrow(ProblemError);
  });
});

describe('matches (match.rst)', () => {
  it('Cooperator against Alternator, 5 turns: [(C, C), (C, D), (C, C), (C, D), (C, C)]', () => {
    expect(playMatch(Cooperator, Alternator, { turns: 5 }).actions).toEqual(['CC', 'CD', 'CC', 'CD', 'CC']);
  });

  it('25 turns: final_score (39, 99), cooperation (25, 13), final_score_per_turn (1.56, 3.96)', () => {
    const m = playMatch(Cooperator, Alternator, { turns: 25 });
    expect(m.actions).toEqual(['CC', ...Array.from({ length: 12 }, () => ['CD', 'CC']).flat()]);
    expect(m.scores).toEqual([39, 99]);
    expect(m.cooperation).toEqual([25, 13]);
    expect(m.scores.map((s) => s / 25)).toEqual([1.56, 3.96]);
  });

  it('plays 200 turns by default, as axl.Match does', () => {
    expect(DEFAULT_TURNS).toBe(200);
    expect(playMatch(Cooperator, Defector).actions).toHaveLength(200);
  });

  it('refuses a number of turns that is not a whole number from 1', () => {
    for (const turns of [0, -1, 2.5, Number.NaN]) expect(() => playMatch(Cooperator, Defector, { turns })).toThrow(ProblemError);
  });
});

describe('the tournament of access_tournament_results.rst: Cooperator, Defector, TitForTat, Grudger, 10 turns, 3 repetitions', () => {
  const r = playTournament([Cooperator, Defector, TitForTat, Grudger], { turns: 10, repetitions: 3 });

  it('scores: [[60, 60, 60], [78, 78, 78], [69, 69, 69], [69, 69, 69]] (self-play left out)', () => {
    expect(r.totalScores).toEqual([[60, 60, 60], [78, 78, 78], [69, 69, 69], [69, 69, 69]]);
  });

  it('normalised scores: [2.0, 2.6, 2.3, 2.3] per repetition; Median_score 2.6, 2.3, 2.3, 2.0 (summarising_tournaments.rst)', () => {
    [2.0, 2.6, 2.3, 2.3].forEach((v, i) => r.normalisedScores[i].forEach((x) => expect(x).toBeCloseTo(v, 12)));
    [2.0, 2.6, 2.3, 2.3].forEach((v, i) => expect(r.medianScores[i]).toBeCloseTo(v, 12));
  });

  it('ranking [1, 2, 3, 0]: Defector, Tit For Tat, Grudger, Cooperator (the tie of TitForTat and Grudger in the order given)', () => {
    expect(r.ranking).toEqual([1, 2, 3, 0]);
  });

  it('payoff matrix: [[3, 0, 3, 3], [5, 1, 1.4, 1.4], [3, 0.9, 3, 3], [3, 0.9, 3, 3]] (self-play on the diagonal)', () => {
    const expected = [[3, 0, 3, 3], [5, 1, 1.4, 1.4], [3, 0.9, 3, 3], [3, 0.9, 3, 3]];
    expected.forEach((row, i) => row.forEach((v, j) => expect(r.payoffMatrix[i][j], `${i},${j}`).toBeCloseTo(v, 12)));
  });

  it('cooperation: [[30, 30, 30, 30], [0, 0, 0, 0], [30, 3, 30, 30], [30, 3, 30, 30]]', () => {
    expect(r.cooperation).toEqual([[30, 30, 30, 30], [0, 0, 0, 0], [30, 3, 30, 30], [30, 3, 30, 30]]);
  });

  it('a tie keeps the order given: Grudger ahead of TitForTat when given first', () => {
    const s = playTournament([Defector, Grudger, TitForTat, Cooperator], { turns: 10, repetitions: 3 });
    expect(s.medianScores[1]).toBe(s.medianScores[2]);
    expect(s.ranking.map((i) => s.players[i])).toEqual(['Defector', 'Grudger', 'TitForTat', 'Cooperator']);
  });
});

describe('the tournament of axelrod/tests/unit/test_resultset.py: Alternator, TitForTat, Defector, 5 turns, 3 repetitions', () => {
  // The library's test plays the three pairs only (edges (0, 1), (0, 2), (1, 2)); total and
  // normalised scores leave self-play out, so they and the off-diagonal entries carry over.
  const r = playTournament([Alternator, TitForTat, Defector], { turns: 5, repetitions: 3 });

  it('scores [[15, 15, 15], [17, 17, 17], [26, 26, 26]], normalised 3/2, (13/5 + 4/5)/2, (17/5 + 9/5)/2, ranking [2, 1, 0]', () => {
    expect(r.totalScores).toEqual([[15, 15, 15], [17, 17, 17], [26, 26, 26]]);
    [3 / 2, (13 / 5 + 4 / 5) / 2, (17 / 5 + 9 / 5) / 2].forEach((v, i) => r.normalisedScores[i].forEach((x) => expect(x).toBeCloseTo(v, 12)));
    expect(r.ranking).toEqual([2, 1, 0]);
  });

  it('payoffs off the diagonal [[-, 13/5, 2/5], [13/5, -, 4/5], [17/5, 9/5, -]], cooperation [[-, 9, 9], [9, -, 3], [0, 0, -]]', () => {
    const payoffs = [[NaN, 13 / 5, 2 / 5], [13 / 5, NaN, 4 / 5], [17 / 5, 9 / 5, NaN]];
    const cooperation = [[NaN, 9, 9], [9, NaN, 3], [0, 0, NaN]];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      if (i === j) continue;
      expect(r.payoffMatrix[i][j], `${i},${j}`).toBeCloseTo(payoffs[i][j], 12);
      expect(r.cooperation[i][j], `${i},${j}`).toBe(cooperation[i][j]);
    }
  });

  it('self-play on the diagonals: Alternator against itself CC DD CC DD CC (11/5 per turn, 3 C per match), TitForTat 3, Defector 1', () => {
    expect(playMatch(Alternator, Alternator, { turns: 5 }).actions).toEqual(['CC', 'DD', 'CC', 'DD', 'CC']);
    [11 / 5, 3, 1].forEach((v, i) => expect(r.payoffMatrix[i][i]).toBeCloseTo(v, 12));
    expect([0, 1, 2].map((i) => r.cooperation[i][i])).toEqual([9, 15, 0]);
  });
});

describe('tournament.rst: the same four players with the defaults', () => {
  it('plays 200 turns and 10 repetitions and ranks Defector, Tit For Tat, Grudger, Cooperator', () => {
    expect(DEFAULT_REPETITIONS).toBe(10);
    const r = playTournament([Cooperator, Defector, TitForTat, Grudger]);
    expect(r.totalScores[0]).toHaveLength(10);
    expect(r.ranking.map((i) => r.players[i])).toEqual(['Defector', 'TitForTat', 'Grudger', 'Cooperator']);
    // Cooperator: 3 x 200 against TitForTat and Grudger, 0 against Defector; self-play not counted.
    expect(r.totalScores[0]).toEqual(new Array(10).fill(1200));
  });
});

describe('tournament rules', () => {
  it('takes the median over repetitions, not the mean', () => {
    expect(median([1, 5, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('halves the two sides of self-play on the diagonal of the cooperation matrix, rounding down (result_set.py)', () => {
    const rnd = random(0.5);
    const r = playTournament([rnd, Cooperator], { turns: 7, repetitions: 3, seed: 3 });
    // The self-play matches the tournament plays: repetition r, Random(0.5) against its clone.
    const selfPlay = [0, 1, 2].map((repetition) => playMatch(rnd, rnd, { turns: 7, seed: 3, repetition }));
    const both = selfPlay.reduce((s, m) => s + m.cooperation[0] + m.cooperation[1], 0);
    expect(r.cooperation[0][0]).toBe(Math.floor(both / 2));
    expect(selfPlay.some((m) => m.cooperation[0] !== m.cooperation[1])).toBe(true); // the clone has dice of its own
    expect(r.payoffMatrix[0][0]).toBeCloseTo(selfPlay.reduce((s, m) => s + (m.scores[0] + m.scores[1]) / 14, 0) / 3, 12);
    expect(r.cooperation[1][1]).toBe(21);
  });

  it('refuses fewer than two players and bad repetitions', () => {
    expect(() => playTournament([Cooperator])).toThrow(ProblemError);
    expect(() => playTournament([Cooperator, Defector], { repetitions: 0 })).toThrow(ProblemError);
    expect(() => playTournament([Cooperator, Defector], { turns: 1_000_000, repetitions: 100 })).toThrow(/more than 200000000/);
  });
});
