/**
 * The named strategies, with the reference library's names and rules (Axelrod-Python,
 * axelrod/strategies/: cooperator.py, defector.py, alternator.py, titfortat.py, grudger.py,
 * memoryone.py, rand.py), and GRIT as this project defines it (grit.ts).
 */
import { argumentProblem, ProblemError, type Problem } from '../io/problem.js';
import type { Action, Game } from './game.js';
import { GRIT } from './grit.js';
import { choose, deterministic, memoryOne, type Strategy } from './strategy.js';

const last = (h: readonly Action[]): Action | undefined => h[h.length - 1];

/**
 * GTFT's forgiveness (memoryone.py, after Nowak and Sigmund 1993):
 * p = min(1 - (T - R) / (R - S), (R - P) / (T - P)), 1/3 with the default payoffs.
 */
export function gtftProbability(game: Game): number {
  const { R, S, T, P } = game;
  return Math.min(1 - (T - R) / (R - S), (R - P) / (T - P));
}

/** Random(p): C with probability p on every move, the first included (rand.py; default p = 0.5). */
export function random(p = 0.5): Strategy {
  return {
    name: `Random(${p})`,
    stochastic: p > 0 && p < 1,
    create: (_game, draw) => ({ move: () => choose(p, draw) }),
  };
}

/** The deterministic and memory-one strategies by name (Random takes its p: `Random(0.3)`). */
export const NAMED: Readonly<Record<string, Strategy>> = Object.freeze({
  Cooperator: deterministic('Cooperator', () => 'C'),
  Defector: deterministic('Defector', () => 'D'),
  // Starts with C, then the opposite of its own last move.
  Alternator: deterministic('Alternator', (own) => (last(own) === 'C' ? 'D' : 'C')),
  // C first, then the opponent's last move: MemoryOnePlayer((1, 0, 1, 0), C).
  TitForTat: memoryOne('TitForTat', [1, 0, 1, 0], 'C'),
  // D only when the opponent's last two moves were both D.
  TitFor2Tats: deterministic('TitFor2Tats', (_own, o) => (o.length >= 2 && o[o.length - 1] === 'D' && o[o.length - 2] === 'D' ? 'D' : 'C')),
  // D when either of the opponent's last two moves was D.
  TwoTitsForTat: deterministic('TwoTitsForTat', (_own, o) => (o.slice(-2).includes('D') ? 'D' : 'C')),
  // C only when the opponent's last move was C (so D first).
  SuspiciousTitForTat: deterministic('SuspiciousTitForTat', (_own, o) => (last(o) === 'C' ? 'C' : 'D')),
  // C until the opponent's first D, then D for ever.
  Grudger: deterministic('Grudger', (_own, o) => (o.includes('D') ? 'D' : 'C')),
  // C first; C after CC or DD, D after CD or DC: MemoryOnePlayer((1, 0, 0, 1), C).
  WinStayLoseShift: memoryOne('WinStayLoseShift', [1, 0, 0, 1], 'C'),
  // C first; (1, p, 1, p) with p from the game.
  GTFT: memoryOne('GTFT', (game) => { const p = gtftProbability(game); return [1, p, 1, p]; }, 'C'),
  GRIT,
});

/** Every valid name, for messages: the named ones, the Random forms and a memory-one vector. */
export const STRATEGY_NAMES: readonly string[] = [...Object.keys(NAMED), 'Random', 'Random(p)', 'MemoryOne(pCC,pCD,pDC,pDD,C|D)'];

const RANDOM = /^Random(?:\((.*)\))?$/;
const MEMORY_ONE = /^MemoryOne\((.*)\)$/;
const probability = (x: string) => (x.trim() === '' ? NaN : Number(x));

/** The strategy a name stands for, or a problem naming the valid ones. */
export function strategyByName(name: string): Strategy | Problem {
  if (Object.hasOwn(NAMED, name)) return NAMED[name];
  const m = RANDOM.exec(name);
  if (m !== null) {
    if (m[1] === undefined) return { ...random(0.5), name };
    const p = Number(m[1]);
    if (m[1].trim() !== '' && Number.isFinite(p) && p >= 0 && p <= 1) return { ...random(p), name };
    return argumentProblem(name, `Random(p) needs p, the probability of cooperating, in [0, 1], got "${m[1]}"`);
  }
  const v = MEMORY_ONE.exec(name);
  if (v !== null) {
    const parts = v[1].split(',').map((x) => x.trim());
    const p = parts.slice(0, 4).map(probability);
    if (parts.length === 5 && p.every((x) => x >= 0 && x <= 1) && (parts[4] === 'C' || parts[4] === 'D')) {
      return memoryOne(name, [p[0], p[1], p[2], p[3]], parts[4]);
    }
    return argumentProblem(name, 'MemoryOne needs P(C) after CC, CD, DC and DD (own move first), each in [0, 1], and the first move, C or D: MemoryOne(1,0,1,0,C) is TitForTat');
  }
  return argumentProblem(name, `unknown strategy; valid names: ${STRATEGY_NAMES.join(', ')}`);
}

/**
 * The strategies of a list of names, ids as given; every unknown name, and with `unique` (the
 * default: a tournament's players are identified by name) every repeated one, reported at once.
 */
export function strategiesByName(names: readonly string[], unique = true): Strategy[] {
  const problems: Problem[] = [];
  const out: Strategy[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const s = strategyByName(name);
    if ('create' in s) out.push(s); else problems.push(s);
    if (unique && seen.has(name)) problems.push(argumentProblem(name, 'named twice; each player is identified by its name'));
    seen.add(name);
  }
  if (problems.length > 0) throw new ProblemError(problems);
  return out;
}
