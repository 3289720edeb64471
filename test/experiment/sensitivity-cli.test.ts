/**
 * `npm run sensitivity` through its real interface (child processes, as experiment-cli.test.ts):
 * the files and their formats (Sobol and Morris), the same bytes whatever the workers, a resume
 * after an interruption, shards merged equal to one run, a finished folder recognised, and bad
 * input refused with exit code 2.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGE, ROOT, TSX } from './cli-paths.js';
import { METRICS as METRIC_DEFS } from '../../src/experiment/metrics.js';

const SENSITIVITY = join(ROOT, 'src', 'cli', 'sensitivity.ts');
const REPORT = join(ROOT, 'src', 'cli', 'report.ts');
const FIXTURE = join(ROOT, 'test', 'experiment', 'fixtures', 'sensitivity.yaml');
const FILES = ['sensitivity.json', 'sensitivity.csv', 'points.csv'];
const METRICS = ['partnerBelief', 'activityRate', 'reliance', 'betrayalDrop'];
const TARGETS = ['trust-first', 'habits-first', 'trust-first - habits-first'];
const SCENARIO = 'Benign reference (calibration)';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-sens-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

function run(script: string, args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, script, ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
}

function hashes(dir: string, files = FILES): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('npm run sensitivity, Sobol', () => {
  let single: string;
  beforeAll(() => {
    single = join(tmp, 'sobol');
    const r = run(SENSITIVITY, [FIXTURE, '--workers', '1', '--out', single]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('top factors by total');
  }, 120_000);

  it('writes sensitivity.json, sensitivity.csv and points.csv in the agreed formats', () => {
    for (const f of [...FILES, 'plan.json', 'manifest.json']) expect(existsSync(join(single, f)), f).toBe(true);
    // Not the experiment's per-set files.
    for (const f of ['runs.csv', 'summary.csv', 'steps.csv', 'comparison.json']) expect(existsSync(join(single, f)), f).toBe(false);
    const s = JSON.parse(readFileSync(join(single, 'sensitivity.json'), 'utf8'));
    expect(Object.keys(s)).toEqual(['format', 'method', 'experiment', 'factors', 'samples', 'levels', 'secondOrder', 'points', 'replications', 'hypotheses', 'difference', 'scenarios', 'seed', 'resamples', 'level', 'margins', 'results']);
    expect(s.margins).toEqual(Object.fromEntries(s.results.filter((r: { scenario: string }) => r.scenario === s.scenarios[0]).map((r: { metric: string }) => [r.metric, METRIC_DEFS.find((m) => m.name === r.metric)!.margin])));
    expect(s).toMatchObject({
      format: 'entente-sensitivity/1', method: 'sobol', samples: 8, levels: null, secondOrder: false, points: 8 * (2 + 2), replications: 3,
      hypotheses: ['trust-first', 'habits-first'], difference: ['trust-first', 'habits-first'], scenarios: [SCENARIO], seed: '5|sensitivity|sobol', resamples: 200, level: 0.95,
      factors: [{ name: 'parameters.evidenceScale', min: 0.05, max: 0.3 }, { name: 'parameters.kappa', min: 0.5, max: 4 }],
    });
    expect(s.experiment.sha256).toBe(createHash('sha256').update(readFileSync(FIXTURE)).digest('hex'));
    // One scenario: no "all"; every metric x target.
    expect(s.results).toHaveLength(METRICS.length * TARGETS.length);
    for (const row of s.results) {
      expect(row.scenario).toBe(SCENARIO);
      if (row.metric === 'betrayalDrop') {
        // No scripted betrayal in the benign reference: no value anywhere, so no indices (never NaN).
        expect(row.skipped).toMatch(/^no value at 32 of 32 points \(the metric is empty where it is undefined/);
        expect(row.first).toBeNull();
        continue;
      }
      expect(row.skipped).toBeNull();
      for (const k of ['first', 'total']) {
        expect(row[k]).toHaveLength(2);
        for (const x of row[k]) expect(Number.isFinite(x)).toBe(true);
        expect(row[`${k}Interval`]).toHaveLength(2);
      }
      expect(row).not.toHaveProperty('muStar');
    }
    const csv = lines(join(single, 'sensitivity.csv'));
    expect(csv[0]).toBe('scenario,metric,target,factor,index,value,low,high');
    // 3 metrics with indices x 3 targets x 2 factors x (first, total)
    expect(csv).toHaveLength(1 + 3 * 3 * 2 * 2);
    const total = csv.find((l) => l.startsWith(`${SCENARIO},partnerBelief,habits-first,parameters.evidenceScale,total,`))!.split(',');
    const row = s.results.find((x: { metric: string; target: string }) => x.metric === 'partnerBelief' && x.target === 'habits-first');
    expect(total.slice(5).map(Number)).toEqual([row.total[0], ...row.totalInterval[0]]);
    const points = lines(join(single, 'points.csv'));
    expect(points[0]).toBe('point,parameters.evidenceScale,parameters.kappa,scenario,target,metric,n,mean');
    expect(points).toHaveLength(1 + 32 * TARGETS.length * METRICS.length);
    const first = points[1].split(',');
    expect(first[0]).toBe('0');
    expect(Number(first[1])).toBeGreaterThanOrEqual(0.05);
    expect(Number(first[1])).toBeLessThanOrEqual(0.3);
    expect(Number(first[2])).toBeLessThanOrEqual(4);
    expect(first.slice(3, 6)).toEqual([SCENARIO, 'trust-first', 'partnerBelief']);
    expect(first[6]).toBe('3');
    // The points run are the plan's parameter sets, and the descriptor is in plan.json.
    const plan = JSON.parse(readFileSync(join(single, 'plan.json'), 'utf8'));
    expect(plan.sets).toHaveLength(32);
    expect(plan.sensitivity).toMatchObject({ method: 'sobol', samples: 8, seed: '5|sensitivity|sobol', difference: ['trust-first', 'habits-first'] });
    expect(JSON.parse(readFileSync(join(single, 'manifest.json'), 'utf8')).sensitivity).toEqual(plan.sensitivity);
  });

  it('gives the same bytes with the runs in the main thread, and a finished folder is done', () => {
    const dir = join(tmp, 'sobol-w0');
    const r = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
    expect(hashes(dir)).toEqual(hashes(single));
    expect(hashes(join(dir, 'data'), ['records.f64'])).toEqual(hashes(join(single, 'data'), ['records.f64']));
    const again = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('already holds this analysis');
    expect(again.stderr).not.toContain('runs ');
    // A missing analysis file is written again, nothing run.
    rmSync(join(dir, 'points.csv'));
    const redo = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir]);
    expect(redo.status, redo.stderr).toBe(0);
    expect(redo.stderr).toContain('written again');
    expect(hashes(dir)).toEqual(hashes(single));
    // --overwrite runs it again, staged, and swaps the new files in: the same bytes, no staging left.
    const over = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir, '--overwrite', '--quiet']);
    expect(over.status, over.stderr).toBe(0);
    expect(hashes(dir)).toEqual(hashes(single));
    expect(existsSync(join(dir, '.entente-staging'))).toBe(false);
  }, 120_000);

  it('resumes after an interruption in the runs or in the analysis, to the same bytes', () => {
    for (const at of ['runs:50', 'analysis:0']) {
      const dir = join(tmp, `resume-${at.replace(':', '-')}`);
      const stopped = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir], { ENTENTE_TEST_INTERRUPT: at });
      expect(stopped.status, stopped.stderr).toBe(130);
      expect(stopped.stderr).toContain('the same command again finishes');
      expect(existsSync(join(dir, 'sensitivity.json'))).toBe(false);
      const resumed = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--out', dir]);
      expect(resumed.status, resumed.stderr).toBe(0);
      if (at.startsWith('runs')) expect(resumed.stderr).toMatch(/; (\d+) already done/);
      expect(hashes(dir)).toEqual(hashes(single));
    }
  }, 120_000);

  it('records a reversed --difference in sensitivity.json, and npm run report maps and words it', () => {
    const dir = join(tmp, 'reversed');
    const r = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--difference', 'habits-first,trust-first', '--out', dir, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, 'sensitivity.json'), 'utf8'));
    expect(s.hypotheses).toEqual(['trust-first', 'habits-first']);
    expect(s.difference).toEqual(['habits-first', 'trust-first']);
    expect([...new Set(s.results.map((x: { target: string }) => x.target))]).toEqual(['trust-first', 'habits-first', 'habits-first - trust-first']);
    // The difference at each point is the other order's, negated.
    const diffs = (folder: string, target: string) => lines(join(folder, 'points.csv')).map((l) => l.split(',')).filter((c) => c[4] === target && c[5] === 'partnerBelief').map((c) => Number(c[7]));
    const reversed = diffs(dir, 'habits-first - trust-first'), straight = diffs(single, 'trust-first - habits-first');
    expect(reversed).toHaveLength(32);
    expect(reversed.every((v, k) => Number.isFinite(v) && v + straight[k] === 0)).toBe(true);
    const rep = run(REPORT, [dir, '--quiet']);
    expect(rep.status, rep.stderr).toBe(0);
    const page = readFileSync(join(dir, 'report.html'), 'utf8').replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).toContain('the paired difference is habits-first − trust-first on the same seeds');
    expect(page).toMatch(/For the paired difference habits-first − trust-first in final trust in partners, parameters\.\w+ matters most/);
    expect(page).toMatch(/Axes: parameters\.\w+ across and parameters\.\w+ up/);
    expect(page).not.toContain('No map');
    expect(page).toMatch(/Of the \d+ cells, habits-first does better in \d+, trust-first in \d+/);
  }, 120_000);

  it('shards merged give the same files as one run', () => {
    const shards = ['1/2', '2/2'].map((k) => {
      const dir = join(tmp, `shard-${k.replace('/', '-')}`);
      const r = run(SENSITIVITY, [FIXTURE, '--workers', '0', '--shard', k, '--out', dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(dir, 'sensitivity.json'))).toBe(false);
      return dir;
    });
    const merged = join(tmp, 'merged');
    const m = run(MERGE, [...shards, '--out', merged]);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toContain('sensitivity.json');
    expect(m.stdout).toContain('top factors by total');
    expect(hashes(merged)).toEqual(hashes(single));
  }, 120_000);
});

describe('npm run sensitivity, Morris', () => {
  it('writes mu, muStar and sigma per factor, the same bytes with 0 or 1 workers', () => {
    const dirs = ['0', '1'].map((w) => {
      const dir = join(tmp, `morris-${w}`);
      const r = run(SENSITIVITY, [FIXTURE, '--method', 'morris', '--samples', '6', '--levels', '4', '--workers', w, '--out', dir, '--metric', 'partnerBelief,activityRate']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('top factors by muStar');
      return dir;
    });
    expect(hashes(dirs[1])).toEqual(hashes(dirs[0]));
    const s = JSON.parse(readFileSync(join(dirs[0], 'sensitivity.json'), 'utf8'));
    expect(s).toMatchObject({ method: 'morris', samples: 6, levels: 4, points: 6 * 3, seed: '5|sensitivity|morris' });
    expect(s.results.map((x: { metric: string }) => x.metric)).toEqual(['partnerBelief', 'partnerBelief', 'partnerBelief', 'activityRate', 'activityRate', 'activityRate']);
    for (const row of s.results) {
      for (const k of ['mu', 'muStar', 'sigma', 'muStarInterval']) expect(row[k]).toHaveLength(2);
      expect(row).not.toHaveProperty('total');
      for (const x of row.muStar) expect(x).toBeGreaterThanOrEqual(0);
    }
    const csv = lines(join(dirs[0], 'sensitivity.csv'));
    expect(csv).toHaveLength(1 + 2 * 3 * 2 * 3);
    for (const l of csv.slice(1)) {
      const c = l.split(',');
      if (c[4] === 'muStar') expect(c[6]).not.toBe(''); else expect([c[6], c[7]]).toEqual(['', '']);
    }
  }, 120_000);
});

describe('npm run sensitivity, bad input', () => {
  it('refuses bad options with exit code 2 and a clear message, writing nothing', () => {
    const dir = join(tmp, 'bad');
    const r = run(SENSITIVITY, [FIXTURE, '--out', dir, '--method', 'latin', '--samples', '1', '--levels', '3', '--metric', 'partnerBelief,trustiness',
      '--difference', 'trust-first', '--workers', 'two', '--shard', '3/2', '--replications', '0', '--resamples', '5']);
    expect(r.status).toBe(2);
    for (const want of ['--method: expected sobol or morris, got "latin"', '--samples: expected a whole number from 2', '--levels: expected an even number',
      '--metric: unknown metric "trustiness"', '--difference: expected two hypotheses', '--workers', '--shard', '--replications', '--resamples']) expect(r.stderr).toContain(want);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(existsSync(dir)).toBe(false);
    const h = run(SENSITIVITY, [FIXTURE, '--out', dir, '--difference', 'trust-first,blend=0.5']);
    expect(h.status).toBe(2);
    expect(h.stderr).toContain('"blend=0.5" is not one of the experiment\'s hypotheses');
    expect(existsSync(dir)).toBe(false);
  }, 120_000);

  it('refuses a bad sensitivity block in the experiment file, naming it', () => {
    const file = join(tmp, 'bad-block.yaml');
    writeFileSync(file, readFileSync(FIXTURE, 'utf8').replace('../../../scenarios/', `${join(ROOT, 'scenarios')}/`).replace('sensitivity: { samples: 8 }', 'sensitivity: { method: latin, sample: 8, metrics: [brierr] }'));
    const r = run(SENSITIVITY, [file, '--out', join(tmp, 'bad-block')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sensitivity\.method/);
    expect(r.stderr).toMatch(/sample/);
    expect(r.stderr).toMatch(/bad-block\.yaml:\d+:\d+: sensitivity\.metrics\[0\]: unknown metric "brierr"; expected one of partnerBelief, /);
    expect(existsSync(join(tmp, 'bad-block'))).toBe(false);
  }, 120_000);

  it('refuses an experiment without ranges', () => {
    const file = join(tmp, 'fixed.yaml');
    writeFileSync(file, `name: Fixed\ndescription: No variations.\nscenarios: [${JSON.stringify(join(ROOT, 'scenarios', 'minimal-pair.yaml'))}]\nreplications: 2\nsteps: 12\n`);
    const dir = join(tmp, 'fixed');
    const r = run(SENSITIVITY, [file, '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('a sensitivity analysis needs ranges to vary, and it has no variations');
    expect(existsSync(dir)).toBe(false);
    const grid = join(tmp, 'grid-one.yaml');
    writeFileSync(grid, readFileSync(file, 'utf8').replace('name: Fixed', 'name: Grid').concat('variations: { grid: { tension: [0.3] } }\n'));
    const g = run(SENSITIVITY, [grid, '--out', dir]);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain('every condition in its variations has a single value');
  }, 120_000);
});
