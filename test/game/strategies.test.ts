/**
 * Each named strategy against the opponents of the reference library's own tests
 * (Axelrod-Python, axelrod/tests/strategies/test_*.py, `versus_test(opponent, expected_actions)`:
 * pairs are (player, opponent)), and its documented equivalences (memoryone.py's docstring).
 * `mock(...)` is the library's MockPlayer: it plays its list in order, cycling.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GAME, type Action } from '../../src/game/game.js';
import { playMatch } from '../../src/game/match.js';
import { gtftProbability, NAMED, random, strategiesByName, strategyByName } from '../../src/game/strategies.js';
import { memoryOne, type Strategy } from '../../src/game/strategy.js';
import { ProblemError } from '../../src/io/problem.js';

function mock(actions: string): Strategy {
  const list = [...actions] as Action[];
  return { name: `Mock(${actions})`, stochastic: false, create: () => ({ move: (own) => list[own.length % list.length] }) };
}
const S = NAMED;
/** "CC CD DC" -> the moves of a match, as versus_test writes them. */
const moves = (pairs: string) => pairs.split(' ');
const play = (a: Strategy, b: Strategy, turns: number) => playMatch(a, b, { turns }).actions;
const rep = (pairs: string, k: number) => Array.from({ length: k }, () => moves(pairs)).flat();

describe('the reference library\'s strategy tests, move by move', () => {
  it('TitForTat (test_titfortat.py TestTitForTat)', () => {
    expect(play(S.TitForTat, S.Alternator, 5)).toEqual(moves('CC CD DC CD DC'));
    expect(play(S.TitForTat, S.Cooperator, 5)).toEqual(moves('CC CC CC CC CC'));
    expect(play(S.TitForTat, S.Defector, 5)).toEqual(moves('CD DD DD DD DD'));
    expect(play(S.TitForTat, mock('CD'), 4)).toEqual(moves('CC CD DC CD'));
    expect(play(S.TitForTat, mock('CCDDCD'), 6)).toEqual(moves('CC CC CD DD DC CD'));
  });

  it('TitFor2Tats (TestTitFor2Tats)', () => {
    expect(play(S.TitFor2Tats, mock('DDDCC'), 6)).toEqual(moves('CD CD DD DC CC CD'));
    expect(play(S.TitFor2Tats, mock('CCDDCDDCCDD'), 11)).toEqual(moves('CC CC CD CD DC CD CD DC CC CD CD'));
  });

  it('TwoTitsForTat (TestTwoTitsForTat)', () => {
    expect(play(S.TwoTitsForTat, mock('DCCDC'), 5)).toEqual(moves('CD DC DC CD DC'));
    expect(play(S.TwoTitsForTat, S.Cooperator, 2)).toEqual(moves('CC CC'));
    expect(play(S.TwoTitsForTat, S.Defector, 3)).toEqual(moves('CD DD DD'));
  });

  it('SuspiciousTitForTat (TestSuspiciousTitForTat)', () => {
    expect(play(S.SuspiciousTitForTat, S.TitForTat, 16)).toEqual(rep('DC CD', 8));
    expect(play(S.SuspiciousTitForTat, S.Cooperator, 3)).toEqual(moves('DC CC CC'));
    expect(play(S.SuspiciousTitForTat, S.Defector, 3)).toEqual(moves('DD DD DD'));
  });

  it('Grudger (test_grudger.py TestGrudger)', () => {
    expect(play(S.Grudger, S.Cooperator, 20)).toEqual(rep('CC', 20));
    expect(play(S.Grudger, S.Defector, 21)).toEqual(['CD', ...rep('DD', 20)]);
    expect(play(S.Grudger, mock(`${'C'.repeat(10)}D${'C'.repeat(20)}`), 31)).toEqual([...rep('CC', 10), 'CD', ...rep('DC', 20)]);
  });

  it('WinStayLoseShift (test_memoryone.py TestWinStayLoseShift)', () => {
    expect(play(S.WinStayLoseShift, S.Alternator, 5)).toEqual(moves('CC CD DC DD CC'));
  });

  it('Alternator, Cooperator, Defector (test_alternator.py, test_cooperator.py, test_defector.py)', () => {
    expect(play(S.Alternator, S.Cooperator, 10)).toEqual(rep('CC DC', 5));
    expect(play(S.Alternator, S.Defector, 10)).toEqual(rep('CD DD', 5));
    expect(play(S.Alternator, mock('DC'), 10)).toEqual(rep('CD DC', 5)); // CyclerDC
    expect(play(S.Cooperator, S.Alternator, 19)).toEqual(['CC', ...rep('CD CC', 9)]);
    expect(play(S.Defector, S.Alternator, 19)).toEqual(['DC', ...rep('DD DC', 9)]);
  });
});

describe('memory-one strategies', () => {
  const opponents = [S.Cooperator, S.Defector, S.Alternator, S.TitFor2Tats, S.Grudger, mock('CCDDCDDD'), mock('DCDCCCD')];
  it.each([
    ['Alternator', [0, 0, 1, 1], 'C'], ['Cooperator', [1, 1, 1, 1], 'C'], ['Defector', [0, 0, 0, 0], 'D'],
    ['TitForTat', [1, 0, 1, 0], 'C'], ['WinStayLoseShift', [1, 0, 0, 1], 'C'], ['SuspiciousTitForTat', [1, 0, 1, 0], 'D'],
  ] as const)('%s is MemoryOnePlayer(%j, %s), as memoryone.py documents', (name, vector, first) => {
    const m1 = memoryOne('m1', vector, first);
    for (const o of opponents) expect(play(m1, o, 40), `${name} against ${o.name}`).toEqual(play(S[name], o, 40));
  });

  it('reads the last turn as (own, opponent): CC, CD, DC, DD select the four probabilities in that order', () => {
    // Only P(C | DC) = 1: the player cooperates only after exploiting (own D, opponent C), so it
    // alternates against Cooperator and never cooperates against Defector.
    const onlyDC = memoryOne('dc', [0, 0, 1, 0], 'D');
    expect(play(onlyDC, S.Cooperator, 4)).toEqual(moves('DC CC DC CC'));
    expect(play(onlyDC, S.Defector, 3)).toEqual(moves('DD DD DD'));
  });

  it('GTFT forgives with p = min(1 - (T - R)/(R - S), (R - P)/(T - P)): 1/3 with the default payoffs (TestGTFT.test_four_vector)', () => {
    expect(gtftProbability(DEFAULT_GAME)).toBeCloseTo(1 / 3, 15);
    expect(gtftProbability({ R: 3, S: 0, T: 4, P: 1 })).toBeCloseTo(2 / 3, 15);
    expect(play(S.GTFT, S.Cooperator, 30)).toEqual(rep('CC', 30));
    // Against Defector every move after the first follows CD or DD, both C with probability p.
    const n = 30_000;
    const m = playMatch(S.GTFT, S.Defector, { turns: n + 1, seed: 5 });
    const rate = (m.cooperation[0] - 1) / n;
    expect(Math.abs(rate - 1 / 3)).toBeLessThan(4 * Math.sqrt((1 / 3) * (2 / 3) / n));
  });
});

describe('Random(p)', () => {
  it('cooperates with probability p on every move, the first included (rand.py)', () => {
    const n = 20_000;
    for (const p of [0.1, 0.5, 0.8]) {
      const m = playMatch(random(p), S.Cooperator, { turns: n, seed: 'r' });
      expect(Math.abs(m.cooperation[0] / n - p)).toBeLessThan(4 * Math.sqrt(p * (1 - p) / n));
    }
    const firsts = Array.from({ length: 2000 }, (_, s) => playMatch(random(0.3), S.Cooperator, { turns: 1, seed: s }).cooperation[0]);
    expect(Math.abs(firsts.reduce((a, b) => a + b, 0) / 2000 - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / 2000));
  });

  it('Random(0) is Defector and Random(1) is Cooperator (rand.py, special cases)', () => {
    expect(play(random(0), S.TitForTat, 20)).toEqual(play(S.Defector, S.TitForTat, 20));
    expect(play(random(1), S.Grudger, 20)).toEqual(play(S.Cooperator, S.Grudger, 20));
  });

  it('is seeded: the same seed gives the same moves, another seed others', () => {
    const a = playMatch(random(0.5), S.TitForTat, { turns: 64, seed: 17 }).actions;
    expect(playMatch(random(0.5), S.TitForTat, { turns: 64, seed: 17 }).actions).toEqual(a);
    expect(playMatch(random(0.5), S.TitForTat, { turns: 64, seed: 18 }).actions).not.toEqual(a);
  });
});

describe('names', () => {
  it('finds every named strategy, Random and Random(p)', () => {
    for (const name of Object.keys(NAMED)) expect((strategyByName(name) as Strategy).name).toBe(name);
    expect((strategyByName('Random') as Strategy).stochastic).toBe(true);
    expect(play(strategyByName('Random(0)') as Strategy, S.Cooperator, 5)).toEqual(rep('DC', 5));
  });

  it('reads MemoryOne(pCC,pCD,pDC,pDD,first): MemoryOne(1,0,0,1,C) plays as WinStayLoseShift', () => {
    const wsls = strategyByName('MemoryOne(1, 0, 0, 1, C)') as Strategy;
    expect(wsls.name).toBe('MemoryOne(1, 0, 0, 1, C)');
    for (const o of [S.Alternator, S.TitFor2Tats, mock('CDDCD')]) expect(play(wsls, o, 30)).toEqual(play(S.WinStayLoseShift, o, 30));
    for (const bad of ['MemoryOne(1,0,1,C)', 'MemoryOne(1,0,1,2,C)', 'MemoryOne(1,0,1,0,X)', 'MemoryOne(1,,1,0,C)']) {
      expect((strategyByName(bad) as { message: string }).message, bad).toMatch(/MemoryOne needs/);
    }
  });

  it('reports every unknown name and bad p at once, with the valid names', () => {
    try {
      strategiesByName(['TitForTat', 'Tft', 'Random(1.5)', 'Random()', 'TitForTat']);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      const p = (e as ProblemError).problems;
      expect(p.map((x) => x.path)).toEqual(['Tft', 'Random(1.5)', 'Random()', 'TitForTat']);
      expect(p[0].message).toMatch(/valid names: Cooperator, .*GRIT, Random, Random\(p\)/);
      expect(p[3].message).toMatch(/named twice/);
    }
    expect(strategiesByName(['GRIT', 'GRIT'], false).map((s) => s.name)).toEqual(['GRIT', 'GRIT']);
  });
});
