/**
 * `npm run tournament` through its real interface, a child process: the JSON of a tournament
 * and of a match against the reference library's documented results (access_tournament_results.rst,
 * match.rst), the tables, the seed, and bad names and options (exit 2, the valid names, no stack).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function cli(args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', 'tournament.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}
function json(args: string[]): Record<string, unknown> {
  const r = cli([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('npm run tournament', () => {
  it('is a package script', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.tournament).toBe('tsx src/cli/tournament.ts');
  });

  it('--json: the four-player tournament of access_tournament_results.rst, ids as given', () => {
    const out = json(['Cooperator', 'Defector', 'TitForTat', 'Grudger', '--turns', '10', '--repetitions', '3']);
    expect(Object.keys(out)).toEqual(['players', 'totalScores', 'payoffMatrix', 'ranking', 'cooperation']);
    expect(out.players).toEqual(['Cooperator', 'Defector', 'TitForTat', 'Grudger']);
    expect(out.totalScores).toEqual([[60, 60, 60], [78, 78, 78], [69, 69, 69], [69, 69, 69]]);
    expect(out.ranking).toEqual(['Defector', 'TitForTat', 'Grudger', 'Cooperator']);
    expect(out.cooperation).toEqual([[30, 30, 30, 30], [0, 0, 0, 0], [30, 3, 30, 30], [30, 3, 30, 30]]);
    // Exact: with whole payoffs the matrix is one division of whole scores (42 / 30 = 1.4).
    expect(out.payoffMatrix).toEqual([[3, 0, 3, 3], [5, 1, 1.4, 1.4], [3, 0.9, 3, 3], [3, 0.9, 3, 3]]);
  });

  it('--match --json: Cooperator against Alternator, as match.rst shows it', () => {
    expect(json(['--match', 'Cooperator', 'Alternator', '--turns', '5'])).toEqual({
      players: ['Cooperator', 'Alternator'], actions: ['CC', 'CD', 'CC', 'CD', 'CC'], scores: [9, 19], cooperation: [5, 3], // (3, 3), (0, 5), (3, 3), (0, 5), (3, 3)
    });
    const long = json(['--match', 'Cooperator', 'Alternator', '--turns', '25']);
    expect(long.scores).toEqual([39, 99]);
    expect(long.cooperation).toEqual([25, 13]);
  });

  it('prints the ranking with median scores, the payoff matrix and the cooperation counts as tables', () => {
    const r = cli(['Cooperator', 'Defector', 'TitForTat', 'Grudger', '--turns', '10', '--repetitions', '3']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 players, 10 turns, 3 repetitions, seed 0/);
    expect(r.stdout).toMatch(/1\s+Defector\s+2\.600\s+78\.0/);
    expect(r.stdout).toMatch(/4\s+Cooperator\s+2\.000\s+60\.0/);
    expect(r.stdout).toMatch(/Defector\s+5\.000\s+1\.000\s+1\.400\s+1\.400/);
    expect(r.stdout).toMatch(/TitForTat\s+30\s+3\s+30\s+30/);
  });

  it('prints a match turn by turn with scores and cooperations', () => {
    const r = cli(['--match', 'TitForTat', 'Alternator', '--turns', '5']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/TitForTat against Alternator, 5 turns/);
    expect(r.stdout).toMatch(/3\s+D\s+C/); // test_titfortat.py: (C, C), (C, D), (D, C), ...
    expect(r.stdout).toMatch(/TitForTat\s+13\s+2\.600\s+3/);
  });

  it('--seed decides the random strategies: the same seed gives the same output', () => {
    const args = ['Random(0.5)', 'GTFT', 'TitForTat', '--turns', '30', '--repetitions', '2', '--json'];
    const a = cli([...args, '--seed', '7']).stdout;
    expect(cli([...args, '--seed', '7']).stdout).toBe(a);
    expect(cli([...args, '--seed', '8']).stdout).not.toBe(a);
  });

  it('bad names and options: exit 2, every problem, the valid names, no stack, nothing on stdout', () => {
    const r = cli(['TitForTat', 'Tft', 'Random(3)', '--turns', '0', '--repetitions', 'x', '--payoffs', '3,0,5']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Tft: unknown strategy; valid names: Cooperator, Defector, Alternator, TitForTat, TitFor2Tats, TwoTitsForTat, SuspiciousTitForTat, Grudger, WinStayLoseShift, GTFT, GRIT, Random, Random\(p\)/);
    expect(r.stderr).toMatch(/Random\(3\): Random\(p\) needs p/);
    expect(r.stderr).toMatch(/--turns: expected a whole number/);
    expect(r.stderr).toMatch(/--repetitions: expected a whole number/);
    expect(r.stderr).toMatch(/--payoffs: expected four numbers/);
    expect(r.stderr).toMatch(/5 problems found/);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('an option problem alone still lists the valid names; --match needs two names; a tournament two players', () => {
    const bad = cli(['TitForTat', 'Grudger', '--turns', '-3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/valid names: Cooperator/);
    const m = cli(['--match', 'TitForTat', '--turns', '3']);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/--match: expected two strategy names, got 1/);
    expect(cli(['GRIT']).stderr).toMatch(/at least two strategy names/);
    expect(cli(['GRIT', 'GRIT']).stderr).toMatch(/GRIT: named twice/);
    expect(cli([]).status).toBe(2);
    expect(cli(['GRIT', 'Defector', '--turns', '1000000', '--repetitions', '1000']).stderr).toMatch(/--turns: .* more than 200000000 turns in all/);
  });

  it('--payoffs sets the stage game', () => {
    expect(json(['--match', 'Cooperator', 'Cooperator', '--turns', '4', '--payoffs', '4,0,6,1']).scores).toEqual([16, 16]);
  });
});
