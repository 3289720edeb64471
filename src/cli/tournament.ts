/**
 * `npm run tournament -- [options] <strategy names>`: a round-robin prisoner's dilemma
 * tournament (src/game/), or with --match one match, docked against the Axelrod library.
 */
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { COMMAND_LINE, ProblemError, type Problem } from '../io/problem.js';
import { checkGame, type Game } from '../game/game.js';
import { DEFAULT_TURNS, MAX_TURNS, playMatch } from '../game/match.js';
import { strategiesByName, STRATEGY_NAMES } from '../game/strategies.js';
import type { Strategy } from '../game/strategy.js';
import { DEFAULT_REPETITIONS, MAX_REPETITIONS, MAX_TOTAL_TURNS, playTournament } from '../game/tournament.js';
import { fixed } from '../text/number.js';
import { optionProblem, runCommand, table } from './common.js';

const HELP_AFTER = () => `
Strategies (the reference library's names and rules, Axelrod-Python): ${STRATEGY_NAMES.join(', ')}.
  Random is Random(0.5); Random(p) cooperates with probability p. MemoryOne(1,0,1,0,C) is a
  memory-one strategy: P(C) after CC, CD, DC and DD (own move first), then the first move.
  GTFT forgives with p = min(1 - (T - R)/(R - S), (R - P)/(T - P)) (1/3 with the default
  payoffs); GRIT is this project's (src/game/grit.ts). Each name is one player; in a tournament
  a name may be given once (quote names with parentheses in a shell).

A tournament: every pair meets once per repetition and each player also plays itself.
  total scores   per player and repetition, against the others (self-play left out)
  payoff matrix  mean payoff per turn of the row player against the column player,
                 over the repetitions (self-play on the diagonal)
  cooperation    C moves of the row player against the column player, all repetitions
  ranking        by the median over repetitions of the mean score per turn; ties keep
                 the order the names were given in
With --json, one JSON object: a tournament's {players, totalScores, payoffMatrix, ranking,
cooperation} (ranking as names, best first), a match's {players, actions, scores, cooperation}.

The same names, options and seed give the same output. Bad names or options exit with code 2.

Examples:
  npm run tournament -- Cooperator Defector TitForTat Grudger --turns 10 --repetitions 3
  npm run tournament -- --match Cooperator Alternator --turns 5 --json
`;

export interface TournamentCliOptions {
  turns?: string;
  repetitions?: string;
  seed?: string;
  payoffs?: string;
  match?: boolean;
  json?: boolean;
}

export function buildProgram(): Command {
  return new Command('tournament')
    .description('Play a round-robin prisoner\'s dilemma tournament, or one match with --match.')
    .argument('<strategies...>', 'strategy names (two with --match)')
    .option('--turns <n>', `turns per match (default: ${DEFAULT_TURNS})`)
    .option('--repetitions <r>', `repetitions of the tournament (default: ${DEFAULT_REPETITIONS})`)
    .option('--seed <s>', 'seed of the random strategies, an integer or a word (default: 0)')
    .option('--payoffs <R,S,T,P>', 'the stage game\'s payoffs (default: 3,0,5,1)')
    .option('--match', 'play one match between the two strategies named and print its moves')
    .option('--json', 'print one JSON object instead of tables')
    .addHelpText('after', HELP_AFTER())
    .showHelpAfterError('(run with --help for usage)');
}

interface Checked {
  strategies: Strategy[];
  turns: number;
  repetitions: number;
  seed: string | number;
  game: Game;
}

function whole(o: string | undefined, option: string, fallback: number, max: number, problems: Problem[]): number {
  if (o === undefined) return fallback;
  const v = Number(o);
  if (!/^\d+$/.test(o) || v < 1 || v > max) problems.push(...optionProblem(option, `expected a whole number from 1 to ${max}, got "${o}"`).problems);
  return v;
}

/** Every problem with the names and options at once. */
export function checkArguments(names: readonly string[], o: TournamentCliOptions): Checked {
  const problems: Problem[] = [];
  let strategies: Strategy[] = [];
  try {
    strategies = strategiesByName(names, o.match !== true);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    problems.push(...e.problems.map((p) => ({ ...p, file: COMMAND_LINE })));
  }
  if (o.match === true && names.length !== 2) problems.push(...optionProblem('--match', `expected two strategy names, got ${names.length}`).problems);
  if (o.match !== true && names.length < 2) problems.push(...optionProblem('<strategies>', `a tournament needs at least two strategy names, got ${names.length}`).problems);
  if (o.match === true && o.repetitions !== undefined) problems.push(...optionProblem('--repetitions', 'a match has no repetitions; leave it out with --match').problems);
  const turns = whole(o.turns, '--turns', DEFAULT_TURNS, MAX_TURNS, problems);
  const repetitions = whole(o.repetitions, '--repetitions', DEFAULT_REPETITIONS, MAX_REPETITIONS, problems);
  const matches = (names.length * (names.length + 1)) / 2;
  if (o.match !== true && problems.length === 0 && turns * repetitions * matches > MAX_TOTAL_TURNS) {
    problems.push(...optionProblem('--turns', `${turns} turns x ${repetitions} repetitions x ${matches} matches is more than ${MAX_TOTAL_TURNS} turns in all`).problems);
  }
  let seed: string | number = 0;
  if (o.seed !== undefined) {
    if (o.seed.trim() === '') problems.push(...optionProblem('--seed', 'expected an integer or a word, got an empty value').problems);
    seed = /^-?\d+$/.test(o.seed) ? Number(o.seed) : o.seed;
  }
  let game = checkGame({});
  if (o.payoffs !== undefined) {
    const v = o.payoffs.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (v.length !== 4 || v.some((x) => !Number.isFinite(x))) problems.push(...optionProblem('--payoffs', `expected four numbers R,S,T,P, got "${o.payoffs}"`).problems);
    else game = checkGame({ R: v[0], S: v[1], T: v[2], P: v[3] });
  }
  if (problems.length > 0) {
    // The valid names once: in an unknown name's message, or after the other problems.
    const listed = problems.some((p) => p.message.includes('valid names'));
    throw new ProblemError(listed ? problems : [...problems, ...optionProblem('<strategies>', `valid names: ${STRATEGY_NAMES.join(', ')}`).problems]);
  }
  return { strategies, turns, repetitions, seed, game };
}

/** What the command prints for the arguments given (without a trailing newline). */
export function runTournamentCli(names: readonly string[], o: TournamentCliOptions): string {
  const c = checkArguments(names, o);
  const f3 = (v: number) => fixed(v, 3);
  if (o.match === true) {
    const [a, b] = c.strategies;
    const m = playMatch(a, b, { turns: c.turns, game: c.game, seed: c.seed });
    const players = [a.name, b.name];
    if (o.json === true) return JSON.stringify({ players, actions: m.actions, scores: m.scores, cooperation: m.cooperation });
    return [
      `${a.name} against ${b.name}, ${c.turns} turns`,
      '',
      table(['turn', a.name, b.name], m.actions.map((x, t) => [String(t + 1), x[0], x[1]])),
      '',
      table(['player', 'score', 'per turn', 'cooperations'], players.map((p, k) => [p, String(m.scores[k]), f3(m.scores[k] / c.turns), String(m.cooperation[k])])),
    ].join('\n');
  }
  const r = playTournament(c.strategies, { turns: c.turns, repetitions: c.repetitions, game: c.game, seed: c.seed });
  const ranked = r.ranking.map((i) => r.players[i]);
  if (o.json === true) {
    return JSON.stringify({ players: r.players, totalScores: r.totalScores, payoffMatrix: r.payoffMatrix, ranking: ranked, cooperation: r.cooperation });
  }
  const total = (i: number) => r.totalScores[i].reduce((s, v) => s + v, 0) / c.repetitions;
  return [
    `${r.players.length} players, ${c.turns} turns, ${c.repetitions} repetition${c.repetitions === 1 ? '' : 's'}, seed ${c.seed}`,
    '',
    table(['rank', 'player', 'median score per turn', 'total score (mean over repetitions)'],
      r.ranking.map((i, k) => [String(k + 1), r.players[i], f3(r.medianScores[i]), fixed(total(i), 1)])),
    '',
    'Payoff matrix: mean payoff per turn of the row player against the column player',
    table(['', ...r.players], r.players.map((p, i) => [p, ...r.payoffMatrix[i].map(f3)])),
    '',
    'Cooperation: C moves of the row player against the column player, all repetitions',
    table(['', ...r.players], r.players.map((p, i) => [p, ...r.cooperation[i].map(String)])),
  ].join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, () => {
    console.log(runTournamentCli(program.args, program.opts<TournamentCliOptions>()));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
