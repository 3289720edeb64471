/**
 * States with a strategy of the game layer as their policy for tested cooperation (MODEL 4b,
 * docs/MODEL.md "Strategies in tested cooperation"): a pair's tests are the turns of one
 * repeated stage game, the moves decide reliance and honour, and trust reads the partner's move.
 * Run through the public API on the teaching scenario and small variants of it.
 */
import { describe, expect, it } from 'vitest';
import {
  eventsJsonl, finalJson, formatProblem, loadScenario, parseScenario, playMatch, simulate, strategyByName,
  type EventRow, type FinalJson, type Scenario, type Strategy,
} from '../../src/index.js';

const FILE = 'scenarios/strategies-in-tests.yaml';

function teaching(): Scenario {
  const loaded = loadScenario(FILE);
  if (!loaded.ok) expect.fail(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
}

/** The teaching scenario with the states' strategies (and optionally trustworthiness) replaced. */
function withStates(edit: Record<string, { strategy?: string; trustworthiness?: number }>): Scenario {
  const s = teaching();
  return { ...s, states: s.states.map((x) => ({ ...x, ...(edit[x.id] ?? {}) })) };
}

function run(s: Scenario, seed: string | number = 1) {
  const r = simulate(s, { seed, events: true });
  const final = JSON.parse(finalJson(r)) as FinalJson;
  const events = eventsJsonl(r).trim().split('\n').map((l) => JSON.parse(l) as EventRow);
  return { final, tests: events.filter((e): e is Extract<EventRow, { kind: 'test' }> => e.kind === 'test') };
}

const strategy = (name: string): Strategy => strategyByName(name) as Strategy;

describe('strategies as the policy for tested cooperation', () => {
  const { final, tests } = run(teaching());
  const games = final.games ?? [];

  it('records one repeated game per pair that was tested, with the strategies of the scenario', () => {
    expect(games.length).toBe(10); // five states, every pair works together and is tested
    const byId = new Map(teaching().states.map((s) => [s.id, s.strategy]));
    for (const g of games) {
      expect(g.strategies).toEqual([byId.get(g.between[0]), byId.get(g.between[1])]);
      expect(g.moves.length).toBeGreaterThan(0);
    }
    const turns = games.reduce((a, g) => a + g.moves.length, 0);
    expect(turns).toBe(tests.length); // every test is one turn of its pair's game
  });

  it('plays, pair by pair, the same match as the game layer (deterministic strategies)', () => {
    const payoffs = { R: 1, S: -1, T: 1.5, P: 0 }; // the model's defaults (MODEL 6c)
    let checked = 0;
    for (const g of games) {
      const [a, b] = g.strategies.map((n) => strategy(n!));
      if (a.stochastic || b.stochastic) continue;
      const match = playMatch(a, b, { turns: g.moves.length, game: payoffs });
      expect(g.moves, `${g.between.join(' v ')}`).toEqual(match.actions);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6); // every pair but those with GTFT
  });

  it('relies when the truster\'s move is C, honours when the trustee\'s move is C, and trust reads the move', () => {
    const ids = final.states;
    const turn = new Map<string, number>();
    for (const e of tests) {
      const g = games.find((x) => x.between.includes(e.truster) && x.between.includes(e.trustee))!;
      const key = g.between.join('|');
      const k = turn.get(key) ?? 0;
      turn.set(key, k + 1);
      const side = g.between[0] === e.truster ? 0 : 1;
      const own = g.moves[k][side], other = g.moves[k][1 - side];
      expect(e.relied, `${e.truster} tests ${e.trustee}, turn ${k + 1}`).toBe(own === 'C');
      if (e.relied) {
        expect(e.honoured).toBe(other === 'C');
        expect(e.observer).toBe(e.truster);
        expect(Math.sign(e.delta!), 'trust moves toward the partner\'s move').toBe(other === 'C' ? 1 : -1);
      } else {
        expect(e.honoured).toBeUndefined();
      }
    }
    expect(ids.length).toBe(5);
  });

  it('a Defector exploits every test it is relied on in, a Cooperator honours all: trustworthiness is not used', () => {
    const r = run(withStates({ Predatia: { strategy: 'Defector', trustworthiness: 1 }, Amitia: { strategy: 'Cooperator', trustworthiness: 0 } }));
    const relied = (trustee: string) => r.tests.filter((e) => e.trustee === trustee && e.relied);
    expect(relied('Predatia').length).toBeGreaterThan(0);
    expect(relied('Predatia').every((e) => e.honoured === false)).toBe(true);
    expect(relied('Amitia').length).toBeGreaterThan(0);
    expect(relied('Amitia').every((e) => e.honoured === true)).toBe(true);
    // Predatia as truster never relies: its gains are the temptation payoffs only, it loses nothing.
    expect(r.tests.filter((e) => e.truster === 'Predatia').every((e) => !e.relied)).toBe(true);
    const predatia = r.final.perState.find((s) => s.id === 'Predatia')!;
    expect(predatia.losses).toBe(0);
    expect(predatia.gains).toBe(1.5 * relied('Predatia').length);
  });

  it('TitForTat against a Defector: one cooperation at most, then defection on both sides', () => {
    const r = run(withStates({ Reciprocia: { strategy: 'TitForTat' }, Predatia: { strategy: 'Defector' } }));
    const g = r.final.games!.find((x) => x.between[0] === 'Reciprocia' && x.between[1] === 'Predatia')!;
    expect(g.moves[0]).toBe('CD');
    expect(g.moves.slice(1).every((m) => m === 'DD')).toBe(true);
  });

  it('a stochastic strategy draws from its own seeded stream: same seed same bytes, another seed other moves', () => {
    const s = withStates({ Amitia: { strategy: 'Random(0.5)' } });
    const a = JSON.stringify(run(s, 7).final), b = JSON.stringify(run(s, 7).final);
    expect(a).toBe(b);
    const moves = (seed: number) => run(s, seed).final.games!.filter((g) => g.between.includes('Amitia')).map((g) => g.moves.join(' ')).join('|');
    expect(moves(7)).not.toBe(moves(8));
  });

  it('without strategies there are no games and no games field', () => {
    const s = teaching();
    const r = run({ ...s, states: s.states.map(({ strategy: _drop, ...x }) => x) });
    expect(r.final.games).toBeUndefined();
  });
});

describe('a bad strategy name', () => {
  it('is refused with the path, the line and the valid names', () => {
    const text = `name: Two
description: A test scenario with a bad strategy name.
teachingNote: Used by the tests of the strategies.
calendar: { start: "2020-01", steps: 12 }
states:
  - id: A
  - id: B
    strategy: TitForTwoTats
`;
    const r = parseScenario(text, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    const [p] = r.problems;
    expect(p.path).toBe('states[1].strategy');
    expect(p.line).toBe(8);
    expect(p.message).toContain('unknown strategy "TitForTwoTats"');
    expect(p.message).toContain('TitFor2Tats');
    expect(p.message).toContain('Random(p)');
  });

  it('a Random(p) outside [0, 1] says what p must be', () => {
    const r = parseScenario('name: Two\ndescription: d\nteachingNote: t\ncalendar: { start: "2020-01", steps: 12 }\nstates:\n  - { id: A, strategy: Random(1.5) }\n  - id: B\n', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/Random\(p\) needs p.*\[0, 1\]/);
  });
});
