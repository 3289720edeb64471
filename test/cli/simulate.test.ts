/**
 * `npm run simulate -- <file>` through its real interface, a child process: exit codes, the files
 * it writes and their contents, options, reproducibility; and `npm start`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildProgram } from '../../src/cli/simulate.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCENARIO = 'scenarios/minimal-pair.yaml';
const SCENARIO_BYTES = readFileSync(join(ROOT, SCENARIO));
const SCENARIO_DATA = parseYaml(SCENARIO_BYTES.toString('utf8')) as {
  name: string; calendar: { start: string; steps: number }; states: { id: string }[]; run: { seed: number; hypothesis: string };
};
const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

function cli(script: 'simulate' | 'start', args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', `${script}.ts`), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-simulate-')); });
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

/** Each distinct run happens once, when a test first needs it. */
const runs = new Map<string, { r: SpawnSyncReturns<string>; dir: string }>();
function run(name: string, args: string[]): { r: SpawnSyncReturns<string>; dir: string; file: (f: string) => string } {
  let got = runs.get(name);
  if (!got) {
    const dir = join(tmp, name);
    got = { r: cli('simulate', [SCENARIO, '--out', dir, ...args]), dir };
    runs.set(name, got);
  }
  const { r, dir } = got;
  expect(r.status, `simulate ${args.join(' ')} failed:\n${r.stderr}`).toBe(0);
  return { r, dir, file: (f: string) => readFileSync(join(dir, f), 'utf8') };
}
const good = () => run('good', []);

interface Manifest {
  scenario: { name: string; file: string; sha256: string };
  seed: number | string;
  hypothesis: string;
  steps: number;
  modelVersion: string;
  gitCommit: string;
  node: string;
  rng: string;
  wallTimeMs: number;
  files: string[];
}
const manifest = (text: string) => JSON.parse(text) as Manifest;

/** Rows of a CSV file (header first); every line must end with a newline. */
function csv(text: string): string[][] {
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').map((l) => l.split(','));
}

/** The month `k` months after `start` (YYYY-MM). */
function monthAfter(start: string, k: number): string {
  const [y, m] = start.split('-').map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

describe('npm run simulate -- scenarios/minimal-pair.yaml', () => {
  it('exits 0, writes exactly run.json, series.csv, events.jsonl and final.json, and prints a summary', () => {
    const { r, dir } = good();
    expect(r.stderr).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'run.json', 'series.csv']);
    expect(readdirSync(tmp).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(r.stdout).toContain(SCENARIO_DATA.name);
    expect(r.stdout).toMatch(/mean trust\s+[01]\.\d{3}\s+[01]\.\d{3}/);
    expect(r.stdout).toContain(`Results written to ${dir}`);
  });

  it('records the run in run.json: scenario, SHA-256 of the file, seed, hypothesis, versions, wall time', () => {
    const m = manifest(good().file('run.json'));
    expect(m.scenario).toEqual({
      name: SCENARIO_DATA.name,
      file: SCENARIO,
      sha256: createHash('sha256').update(SCENARIO_BYTES).digest('hex'),
    });
    expect(m.seed).toBe(SCENARIO_DATA.run.seed);
    expect(m.hypothesis).toBe(SCENARIO_DATA.run.hypothesis);
    expect(m.steps).toBe(SCENARIO_DATA.calendar.steps);
    expect(m.modelVersion).toBe(PACKAGE.version);
    const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    expect(head.status).toBe(0);
    expect(m.gitCommit).toMatch(new RegExp(`^${head.stdout.trim()}(\\+dirty)?$`));
    expect(m.node).toBe(process.version);
    expect(typeof m.rng).toBe('string');
    expect(m.rng.length).toBeGreaterThan(0);
    expect(Number.isFinite(m.wallTimeMs)).toBe(true);
    expect(m.wallTimeMs).toBeGreaterThanOrEqual(0);
    expect([...m.files].sort()).toEqual(['events.jsonl', 'final.json', 'series.csv']);
  });

  it('series.csv has step, date, meanTrust, ... the initial state (step 0) and one row per step', () => {
    const [header, ...rows] = csv(good().file('series.csv'));
    expect(header.slice(0, 3)).toEqual(['step', 'date', 'meanTrust']);
    expect(new Set(header).size).toBe(header.length);
    expect(rows).toHaveLength(SCENARIO_DATA.calendar.steps + 1);
    const meanTrust = header.indexOf('meanTrust');
    rows.forEach((row, t) => {
      expect(row).toHaveLength(header.length);
      expect(row[0]).toBe(String(t));
      // Step 0 carries the start month; step t >= 1 the month it simulates.
      expect(row[1]).toBe(monthAfter(SCENARIO_DATA.calendar.start, Math.max(0, t - 1)));
      for (const cell of row.slice(2)) expect(Number.isFinite(Number(cell)), `cell "${cell}" in row ${t}`).toBe(true);
      const v = Number(row[meanTrust]);
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThan(1);
    });
  });

  it('events.jsonl has one valid JSON object per line, in step order', () => {
    const text = good().file('events.jsonl');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines.length).toBeGreaterThan(0);
    let last = 0;
    for (const line of lines) {
      const e = JSON.parse(line) as { step: number; kind: string };
      expect(typeof e).toBe('object');
      expect(Number.isInteger(e.step)).toBe(true);
      expect(e.step).toBeGreaterThanOrEqual(Math.max(1, last)); // step 0 is the initial state, before any event
      expect(e.step).toBeLessThanOrEqual(SCENARIO_DATA.calendar.steps);
      expect(typeof e.kind).toBe('string');
      last = e.step;
    }
  });

  it('final.json has an n x n trust matrix, each trust in (0,1) (the diagonal, self-trust, is 1)', () => {
    const f = JSON.parse(good().file('final.json')) as { states: string[]; step: number; trust: number[][] };
    const n = SCENARIO_DATA.states.length;
    expect(f.states).toEqual(SCENARIO_DATA.states.map((s) => s.id));
    expect(f.step).toBe(SCENARIO_DATA.calendar.steps);
    expect(f.trust).toHaveLength(n);
    f.trust.forEach((row, i) => {
      expect(row).toHaveLength(n);
      row.forEach((v, j) => {
        if (i === j) expect(v).toBe(1);
        else {
          expect(v).toBeGreaterThan(0);
          expect(v).toBeLessThan(1);
        }
      });
    });
  });

  it('the same seed gives byte-identical series.csv, events.jsonl and final.json', () => {
    const a = good();
    const b = run('good-again', []);
    for (const f of ['series.csv', 'events.jsonl', 'final.json']) expect(b.file(f), f).toBe(a.file(f));
  });

  it('a different seed gives a different events.jsonl, and is recorded', () => {
    const a = good();
    const b = run('seed-2', ['--seed', '2']);
    expect(manifest(b.file('run.json')).seed).toBe(2);
    expect(b.file('events.jsonl')).not.toBe(a.file('events.jsonl'));
  });

  it('--steps 5 gives the initial row and 5 more, and --pairs adds pairs.csv with every ordered pair at every step', () => {
    const { dir, file } = run('steps-5-pairs', ['--steps', '5', '--pairs']);
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'pairs.csv', 'run.json', 'series.csv']);
    expect(csv(file('series.csv')).slice(1).map((r) => r[0])).toEqual(['0', '1', '2', '3', '4', '5']);
    const m = manifest(file('run.json'));
    expect(m.steps).toBe(5);
    expect(m.files).toContain('pairs.csv');
    const [header, ...rows] = csv(file('pairs.csv'));
    expect(header).toEqual(['step', 'date', 'from', 'to', 'trust']);
    const ids = SCENARIO_DATA.states.map((s) => s.id);
    const expected = [0, 1, 2, 3, 4, 5].flatMap((t) => ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => `${t},${a},${b}`)));
    expect(rows.map((r) => `${r[0]},${r[2]},${r[3]}`)).toEqual(expected);
    for (const r of rows) {
      expect(r[1]).toBe(monthAfter(SCENARIO_DATA.calendar.start, Math.max(0, Number(r[0]) - 1)));
      expect(Number(r[4])).toBeGreaterThan(0);
      expect(Number(r[4])).toBeLessThan(1);
    }
    const final = JSON.parse(file('final.json')) as { step: number };
    expect(final.step).toBe(5);
  });

  it('--no-events omits events.jsonl, and --quiet prints nothing', () => {
    const { r, dir, file } = run('no-events', ['--no-events', '--quiet']);
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'final.json', 'run.json', 'series.csv']);
    expect(manifest(file('run.json')).files).not.toContain('events.jsonl');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    // The event log is a record only: leaving it out changes no result.
    expect(file('series.csv')).toBe(good().file('series.csv'));
  });

  it('--hypothesis trust-first is recorded in run.json', () => {
    const { file } = run('trust-first', ['--hypothesis', 'trust-first', '--steps', '24', '--quiet']);
    expect(manifest(file('run.json')).hypothesis).toBe('trust-first');
  });

  it('--hypothesis blend=0.5 is recorded in run.json', () => {
    const { file } = run('blend', ['--hypothesis', 'blend=0.5', '--steps', '24', '--quiet']);
    expect(manifest(file('run.json')).hypothesis).toBe('blend=0.5');
  });

  it('--help exits 0 and mentions every option', () => {
    const r = cli('simulate', ['--help']);
    expect(r.status).toBe(0);
    const longs = buildProgram().options.map((o) => o.long).filter((l): l is string => l !== undefined);
    expect(longs).toEqual(expect.arrayContaining(['--seed', '--hypothesis', '--steps', '--out', '--pairs', '--no-events', '--overwrite', '--quiet']));
    for (const option of [...longs, '--help']) expect(r.stdout, option).toContain(option);
    for (const f of ['run.json', 'series.csv', 'events.jsonl', 'final.json', 'pairs.csv']) expect(r.stdout).toContain(f);
  });

  it('without --out, writes to out/<scenario>/<hypothesis>-seed<seed> under the working folder', () => {
    const cwd = mkdtempSync(join(tmp, 'cwd-'));
    const r = cli('simulate', [join(ROOT, SCENARIO), '--steps', '3', '--seed', '9', '--quiet'], cwd);
    expect(r.status, r.stderr).toBe(0);
    const dir = join(cwd, 'out', 'minimal-pair', 'habits-first-seed9');
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'run.json', 'series.csv']);
    expect(readdirSync(cwd)).toEqual(['out']);
  });

  it('reads the same scenario as JSON and gives the same results', () => {
    const json = join(tmp, 'minimal-pair.json');
    const text = JSON.stringify(SCENARIO_DATA, null, 2);
    writeFileSync(json, text);
    const r = cli('simulate', [json, '--out', join(tmp, 'json'), '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const m = manifest(readFileSync(join(tmp, 'json', 'run.json'), 'utf8'));
    expect(m.scenario.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    for (const f of ['series.csv', 'events.jsonl', 'final.json']) {
      expect(readFileSync(join(tmp, 'json', f), 'utf8'), f).toBe(good().file(f));
    }
  });

  it('the recorded SHA-256 is of the file\'s bytes, also when they are not valid UTF-8', () => {
    // A Latin-1 "é" in a comment (as a Windows editor may save it): the file still loads.
    const bytes = Buffer.concat([Buffer.from('# Caf\xe9 diplomacy\n', 'latin1'), SCENARIO_BYTES]);
    const file = join(tmp, 'latin1.yaml');
    writeFileSync(file, bytes);
    const r = cli('simulate', [file, '--out', join(tmp, 'latin1'), '--steps', '2', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const m = manifest(readFileSync(join(tmp, 'latin1', 'run.json'), 'utf8'));
    expect(m.scenario.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('npm start', () => {
  it('runs the default experiment and its sensitivity analysis, writes their results and one report, and says where they are', () => {
    expect(PACKAGE.scripts.start).toMatch(/\bsrc\/cli\/start\.ts$/);
    const tmp = mkdtempSync(join(tmpdir(), 'entente-start-'));
    try {
      // The smallest sizes instead of the quick defaults, to keep the test short; the same path.
      const out = join(tmp, 'start');
      const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', 'start.ts'), '--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out],
        { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/experiments\/trust-vs-habits\.yaml: 4 teaching scenarios x 100 points of a Latin hypercube of 9 conditions x 1 replications x 2 hypotheses .* = 800 runs/);
      expect(r.stdout).toMatch(/Sobol indices from 2 base samples x \(9 conditions \+ 2\) = 22 points x 1 replications x 2 hypotheses x 4 scenarios = 176 runs/);
      expect(r.stdout).toContain('report.html');
      for (const f of ['runs.csv', 'summary.csv', 'steps.csv', 'comparison.json', 'manifest.json', 'report.html']) {
        expect(existsSync(join(out, f)), f).toBe(true);
      }
      for (const f of ['sensitivity.json', 'sensitivity.csv', 'points.csv']) expect(existsSync(join(`${out}-sobol`, f)), f).toBe(true);
      expect(readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 800);
      const page = readFileSync(join(out, 'report.html'), 'utf8');
      expect(page).toContain('<svg');
      expect(page).toContain('Which conditions matter');
      expect(page).toContain('Where each hypothesis wins');
      // The command that made it, as typed.
      expect(page).toContain(`npm start -- --replications 1 --samples 2 --sensitivity-replications 1 --out ${out}`);
      expect(page).not.toContain('npm run experiment -- npm start');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});

