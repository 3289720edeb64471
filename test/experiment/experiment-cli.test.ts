/**
 * `npm run experiment` and `npm run merge` through their real interface (child processes):
 * the same files whatever the number of workers, shards merged equal a single run, a real kill
 * resumed equals an uninterrupted run, progress lines, and bad input refused with exit code 2.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS } from '../../src/experiment/metrics.js';

import { EXPERIMENT, MERGE, RESULTS, ROOT, SMALL, TSX } from './cli-paths.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-exp-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

function run(script: string, args: string[], cwd = tmp): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, script, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
}

function hashes(dir: string, files = RESULTS): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

describe('npm run experiment', () => {
  let single: string;
  let printed: string;

  beforeAll(() => {
    single = join(tmp, 'single');
    const r = run(EXPERIMENT, [SMALL, '--workers', '1', '--out', single]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    printed = r.stdout;
  }, 120_000);

  it('writes the results, a manifest and the printed comparison', () => {
    for (const f of [...RESULTS, 'manifest.json', 'plan.json']) expect(existsSync(join(single, f)), f).toBe(true);
    const runs = readFileSync(join(single, 'runs.csv'), 'utf8').trim().split('\n');
    // 2 scenarios x 2 sets x 12 replications x 2 hypotheses
    expect(runs).toHaveLength(1 + 96);
    expect(runs[0].split(',').slice(0, 7)).toEqual(['run', 'scenario', 'set', 'tension', 'replication', 'hypothesis', 'seed']);
    // Both hypotheses of a replication have the same seed (common random numbers).
    const rows = runs.slice(1).map((l) => l.split(','));
    for (let k = 0; k < rows.length; k += 2) {
      expect(rows[k][5]).toBe('trust-first');
      expect(rows[k + 1][5]).toBe('habits-first');
      expect(rows[k][6]).toBe(rows[k + 1][6]);
    }
    // Different replications have different seeds; the two parameter sets share them (seeds: common, the default).
    expect(new Set(rows.map((r) => r[6])).size).toBe(24);
    for (const r of rows) expect(r[6]).toBe(rows.find((q) => q[1] === r[1] && q[2] === '0' && q[4] === r[4])![6]);
    const m = JSON.parse(readFileSync(join(single, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ experiment: 'Small test experiment', runs: 96, replications: 12, hypotheses: ['trust-first', 'habits-first'] });
    expect(m.scenarios).toHaveLength(2);
    expect(m.scenarios[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.experimentSha256).toBe(createHash('sha256').update(readFileSync(SMALL)).digest('hex'));
    expect(m.command).toContain('--workers 1');
    expect(m.libraries.seedrandom).toBe(JSON.parse(readFileSync(join(ROOT, 'node_modules', 'seedrandom', 'package.json'), 'utf8')).version);
    expect(m.libraries.piscina).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.codeSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.modelVersion).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const c = JSON.parse(readFileSync(join(single, 'comparison.json'), 'utf8'));
    expect(c.comparisons[0]).toMatchObject({ a: 'trust-first', b: 'habits-first', level: 0.95 });
    // 2 scenarios x 2 sets x every metric
    expect(c.comparisons[0].rows.length).toBe(4 * METRICS.length);
    // Every row has its margin, raw and adjusted p-values, a verdict consistent with its interval, and the replications an undecided one needs.
    const verdicts: Record<string, number> = { leads: 0, equivalent: 0, undecided: 0 };
    for (const row of c.comparisons[0].rows) {
      const what = `${row.scenario} ${row.set} ${row.metric}`;
      expect(row.margin, what).toBe(METRICS.find((m) => m.name === row.metric)!.margin);
      expect(['leads', 'equivalent', 'undecided']).toContain(row.verdict);
      verdicts[row.verdict]++;
      expect('replicationsNeeded' in row, what).toBe(true);
      if (row.pValue === null) { expect(row.verdict, what).toBe('undecided'); continue; }
      expect(row.pAdjusted, what).toBeGreaterThanOrEqual(row.pValue);
      expect(row.pAdjusted, what).toBeLessThanOrEqual(1);
      const [lo, hi] = row.better === 'higher' ? [row.ciLow, row.ciHigh] : [-row.ciHigh, -row.ciLow];
      if (row.verdict === 'leads') {
        expect(row.pAdjusted, what).toBeLessThan(0.05);
        expect(lo > row.margin || hi < -row.margin, what).toBe(true);
        expect(row.leads, what).toBe(lo > row.margin ? 'trust-first' : 'habits-first');
      } else expect(row.leads, what).toBe('neither');
      if (row.verdict === 'equivalent') expect(row.ciLow >= -row.margin && row.ciHigh <= row.margin, what).toBe(true);
      if (row.verdict !== 'undecided') expect(row.replicationsNeeded, what).toBeNull();
    }
    // The printed summary counts the same verdicts.
    expect(printed).toContain(`trust-first vs habits-first, over ${4 * METRICS.length} cells (scenario x set x metric): trust-first leads in `);
    expect(printed).toContain(`equivalent in ${verdicts.equivalent}, undecided in ${verdicts.undecided}`);
    expect(printed).toMatch(/verdict: "leads" when the whole interval lies beyond the metric's margin/);
    expect(printed).toMatch(/\n  partnerBelief +(-?\d+\.\d{3} +){2}-?\d+\.\d{4} +\[[^\]]+\] +0\.02 +(\d\.\d{3}|<0\.001|-) /);
  });

  it('with seeds: per-set, each parameter set has seeds of its own (the rule before common seeds); margins from the file reach comparison.json', () => {
    const file = join(tmp, 'per-set.yaml');
    writeFileSync(file, readFileSync(SMALL, 'utf8').replace(/\.\.\/\.\.\/\.\.\/scenarios/g, join(ROOT, 'scenarios')).replace('replications: 12', 'replications: 2').replace('steps: 36', 'steps: 6').replace('analysis: { resamples: 200 }', 'analysis: { resamples: 200, margins: { partnerBelief: 0.1, incidents: 0 } }') + 'seeds: per-set\n');
    const dir = join(tmp, 'per-set-out');
    const r = run(EXPERIMENT, [file, '--out', dir, '--quiet', '--workers', '0']);
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    // 2 scenarios x 2 sets x 2 replications, each with its own seed; the hypotheses of a replication share it.
    expect(new Set(rows.map((q) => q[6])).size).toBe(8);
    for (let k = 0; k < rows.length; k += 2) expect(rows[k][6]).toBe(rows[k + 1][6]);
    expect(JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')).seeds).toBe('per-set');
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).seeds).toMatch(/^seeds: per-set; .*\|set<k>\|rep<r>/);
    const { comparisons } = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8'));
    const margins = new Map<string, number>(comparisons[0].rows.map((row: { metric: string; margin: number }) => [row.metric, row.margin]));
    expect(margins.get('partnerBelief')).toBe(0.1);
    expect(margins.get('incidents')).toBe(0);
    expect(margins.get('brier')).toBe(METRICS.find((m) => m.name === 'brier')!.margin);
  }, 120_000);

  it('gives identical files with 2 workers and with the runs in the main thread', () => {
    for (const workers of ['2', '0']) {
      const dir = join(tmp, `w${workers}`);
      const r = run(EXPERIMENT, [SMALL, '--workers', workers, '--out', dir, '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toBe('');
      expect(hashes(dir)).toEqual(hashes(single));
      expect(hashes(join(dir, 'data'), ['records.f64', 'traces.f32'])).toEqual(hashes(join(single, 'data'), ['records.f64', 'traces.f32']));
    }
  }, 120_000);

  it('shards merged give the same results as a single run', () => {
    const shards = ['1/3', '2/3', '3/3'].map((s) => {
      const dir = join(tmp, `shard-${s.replace('/', '-')}`);
      const r = run(EXPERIMENT, [SMALL, '--shard', s, '--workers', '1', '--out', dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain('npm run merge');
      expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
      return dir;
    });
    // Two shards are not enough: exit 2, nothing written.
    const partial = run(MERGE, [shards[0], shards[1], '--out', join(tmp, 'partial')]);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/runs are in none of the folders given/);
    expect(existsSync(join(tmp, 'partial'))).toBe(false);
    const merged = join(tmp, 'merged');
    const r = run(MERGE, [...shards, '--out', merged]);
    expect(r.status, r.stderr).toBe(0);
    expect(hashes(merged)).toEqual(hashes(single));
  }, 120_000);

  it('a run killed part-way and resumed gives the same results as an uninterrupted run', async () => {
    const dir = join(tmp, 'killed');
    const child = spawn(process.execPath, ['--import', TSX, EXPERIMENT, SMALL, '--workers', '1', '--out', dir], { cwd: tmp, stdio: 'ignore' });
    // Kill it (no chance to clean up) once some batches are recorded as done.
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const log = join(dir, 'data', 'done.log');
        if (existsSync(log) && readFileSync(log, 'utf8').length > 0) { child.kill('SIGKILL'); clearInterval(poll); resolve(); }
        if (Date.now() - started > 60_000) { clearInterval(poll); reject(new Error('no batch was recorded')); }
      }, 5);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    const again = run(EXPERIMENT, [SMALL, '--workers', '1', '--out', dir]);
    if (!existsSync(join(dir, 'runs.csv'))) {
      // Killed before the end: without --resume the unfinished run is refused, not overwritten.
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/unfinished run of this experiment; add --resume/);
      const resumed = run(EXPERIMENT, [SMALL, '--workers', '2', '--out', dir, '--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(/already done/);
    } else {
      expect(again.status).toBe(0);
    }
    expect(hashes(dir)).toEqual(hashes(single));
  }, 120_000);

  it('Ctrl-C stops with exit code 130, says how to resume, and the resumed results equal an uninterrupted run', () => {
    // The SIGINT is sent at a known point: once the first batch is done, with more in flight on
    // two workers (a test hook of the command line; see testInterrupt in src/cli/interrupt.ts).
    // Sent when done.log first had content, it used to land in the analysis at times (the log is
    // written at least once a second, and at the end), which did not stop: exit 0.
    const dir = join(tmp, 'sigint');
    const r = spawnSync(process.execPath, ['--import', TSX, EXPERIMENT, SMALL, '--workers', '2', '--out', dir],
      { cwd: tmp, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ENTENTE_TEST_INTERRUPT: 'runs:1' } });
    expect(r.status, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: \d+ of 96 runs are saved/);
    expect(r.stderr).toContain('--resume');
    expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
    const resumed = run(EXPERIMENT, [SMALL, '--out', dir, '--resume', '--workers', '1', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(hashes(dir)).toEqual(hashes(single));
  }, 120_000);

  it('prints plain progress lines when not on a terminal, and nothing with --quiet', () => {
    const dir = join(tmp, 'progress');
    const r = run(EXPERIMENT, [SMALL, '--workers', '0', '--out', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^Small test experiment: 96 runs \(2 scenarios x 2 parameter sets x 12 replications x 2 hypotheses\)/);
    expect(r.stderr).toMatch(/runs 96\/96 \(100%\)/);
    expect(r.stdout).toMatch(/trust-first \(A\) versus habits-first \(B\)/);
    expect(r.stdout).toMatch(/regionalTrust/);
  }, 60_000);

  it('--replay N writes run N as a run folder whose numbers are its row of runs.csv', () => {
    const header = readFileSync(join(single, 'runs.csv'), 'utf8').split('\n')[0].split(',');
    const rows = readFileSync(join(single, 'runs.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    for (const n of [37, 90]) {
      const row = rows[n];
      const dir = join(tmp, `replay-${n}`);
      const r = run(EXPERIMENT, [SMALL, '--replay', String(n), '--out', dir]);
      expect(r.status, r.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'pairs.csv', 'run.json', 'series.csv']);
      const m = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
      expect(String(m.seed)).toBe(row[header.indexOf('seed')]);
      expect(m.hypothesis).toBe(row[header.indexOf('hypothesis')]);
      expect(m.experiment).toMatchObject({ run: n, set: Number(row[header.indexOf('set')]), replication: Number(row[header.indexOf('replication')]) });
      const series = readFileSync(join(dir, 'series.csv'), 'utf8').trim().split('\n');
      const cols = series[0].split(',');
      const last = series[series.length - 1].split(',');
      expect(last[cols.indexOf('meanTrust')]).toBe(row[header.indexOf('regionalTrust')]);
    }
    // Another run in the folder is replaced only with --overwrite, as simulate does.
    const other = join(tmp, 'replay-37');
    const refused = run(EXPERIMENT, [SMALL, '--replay', '90', '--out', other]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--out: .*holds another result of simulate .*add --overwrite/);
    expect(JSON.parse(readFileSync(join(other, 'run.json'), 'utf8')).experiment.run).toBe(37);
    expect(run(EXPERIMENT, [SMALL, '--replay', '37', '--out', other]).status).toBe(0); // the same run again
    const replaced = run(EXPERIMENT, [SMALL, '--replay', '90', '--out', other, '--overwrite']);
    expect(replaced.status, replaced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(other, 'run.json'), 'utf8')).experiment.run).toBe(90);
    const bad = run(EXPERIMENT, [SMALL, '--replay', '96', '--out', join(tmp, 'replay-bad')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--replay: expected a run number from 0 to 95/);
  }, 60_000);

  it('--help explains every option', () => {
    const r = run(EXPERIMENT, ['--help']);
    expect(r.status).toBe(0);
    for (const o of ['--workers', '--out', '--resume', '--shard', '--quiet', 'npm run merge']) expect(r.stdout).toContain(o);
    const m = run(MERGE, ['--help']);
    expect(m.status).toBe(0);
    expect(m.stdout).toContain('--out');
  });
});

describe('bad input to npm run experiment', () => {
  const expectRefused = (r: SpawnSyncReturns<string>, out: string, ...patterns: RegExp[]) => {
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stderr).toMatch(/nothing was written/);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(existsSync(out)).toBe(false);
  };

  it('reports every problem in the experiment file at once, with lines', () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, [
      'name: Bad',
      'description: Several problems.',
      'scenarios: [../no-such.yaml]',
      'hypotheses: [trust-first, habits-second]',
      'variations:',
      '  grid: { tension: [0.1, 1.5], recepivity: [0.5] }',
      'replications: 0',
      'replicatoins: 3',
      'analysis: { margins: { partnerBelif: 0.1, brier: 0.01 } }',
      '',
    ].join('\n'));
    const out = join(tmp, 'bad-out');
    const r = run(EXPERIMENT, [file, '--out', out]);
    expectRefused(r, out,
      /bad\.yaml:3:\d+: scenarios\[0\]: no such scenario file/,
      /bad\.yaml:4:\d+: hypotheses\[1\]: .*habits-first, trust-first or blend=X/,
      /bad\.yaml:6:\d+: variations\.grid\.tension\[1\]: expected tension from 0 to 1, got 1\.5/,
      /bad\.yaml:6:\d+: variations\.grid\.recepivity: unknown condition "recepivity"/,
      /bad\.yaml:7:\d+: replications: /,
      /bad\.yaml:8:\d+: replicatoins: unknown key/,
      /bad\.yaml:9:\d+: analysis\.margins\.partnerBelif: unknown metric "partnerBelif"; expected one of partnerBelief, /);
  });

  it('reports problems inside a scenario under the scenario file\'s name', () => {
    const dir = join(tmp, 'badscen');
    cpSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'), join(tmp, 'broken.yaml'));
    writeFileSync(join(tmp, 'broken.yaml'), readFileSync(join(tmp, 'broken.yaml'), 'utf8').replace(/^name: .*$/m, 'name: 7\nnmae: x'));
    const file = join(tmp, 'uses-broken.yaml');
    writeFileSync(file, 'name: X\ndescription: Y\nscenarios: [broken.yaml]\nreplications: 2\n');
    const r = run(EXPERIMENT, [file, '--out', dir]);
    expectRefused(r, dir, /broken\.yaml:\d+:\d+: nmae: unknown key/, /broken\.yaml:\d+:\d+: name: /);
  });

  it('refuses bad options, a foreign folder, and a resume with nothing to resume', () => {
    const out = join(tmp, 'opts');
    expectRefused(run(EXPERIMENT, [SMALL, '--workers', 'many', '--shard', '0/2', '--out', out]), out,
      /--workers: expected a whole number/, /--shard: expected K\/N/);
    expectRefused(run(EXPERIMENT, [SMALL, '--resume', '--out', out]), out, /no interrupted experiment/);
    const foreign = join(tmp, 'foreign');
    cpSync(join(ROOT, 'scenarios'), foreign, { recursive: true });
    const before = readdirSync(foreign).sort();
    const r = run(EXPERIMENT, [SMALL, '--out', foreign]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds files that Entente did not write/);
    expect(readdirSync(foreign).sort()).toEqual(before);
  });

  it('refuses to resume an experiment whose files changed', () => {
    const file = join(tmp, 'changing.yaml');
    writeFileSync(file, readFileSync(SMALL, 'utf8').replace(/\.\.\/\.\.\/\.\.\/scenarios/g, join(ROOT, 'scenarios')).replace('replications: 12', 'replications: 2'));
    const dir = join(tmp, 'changing-out');
    expect(run(EXPERIMENT, [file, '--out', dir, '--quiet']).status).toBe(0);
    const before = hashes(dir);
    writeFileSync(file, readFileSync(file, 'utf8').replace('replications: 2', 'replications: 3'));
    const r = run(EXPERIMENT, [file, '--out', dir, '--resume']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/was started from other files/);
    expect(hashes(dir)).toEqual(before);
  }, 60_000);

  it('never replaces another experiment\'s results without --overwrite', () => {
    const dir = join(tmp, 'keep');
    expect(run(EXPERIMENT, [SMALL, '--replications', '2', '--out', dir, '--quiet']).status).toBe(0);
    const before = hashes(dir);
    const r = run(EXPERIMENT, [SMALL, '--replications', '3', '--out', dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds the results of another experiment .*add --overwrite/);
    expect(hashes(dir)).toEqual(before);
    const o = run(EXPERIMENT, [SMALL, '--replications', '3', '--out', dir, '--overwrite', '--quiet']);
    expect(o.status, o.stderr).toBe(0);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(1 + 2 * 2 * 3 * 2);
  }, 60_000);

  it('a data file cut short is noticed: the batches it lost are run again on --resume', () => {
    const dir = join(tmp, 'cut');
    // 64 runs: three batches; cutting the file in half loses the last one or two.
    expect(run(EXPERIMENT, [SMALL, '--replications', '8', '--out', dir, '--quiet']).status).toBe(0);
    const before = hashes(dir);
    const records = join(dir, 'data', 'records.f64');
    const bytes = readFileSync(records);
    writeFileSync(records, bytes.subarray(0, bytes.length / 2));
    const r = run(EXPERIMENT, [SMALL, '--replications', '8', '--out', dir, '--resume']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/already done/);
    expect(hashes(dir)).toEqual(before);
  }, 60_000);

  it('refuses a scenario listed twice (runs are told apart by scenario name)', () => {
    const file = join(tmp, 'twice.yaml');
    const scen = join(ROOT, 'scenarios', 'minimal-pair.yaml');
    writeFileSync(file, `name: Twice\ndescription: The same scenario twice.\nscenarios:\n  - ${scen}\n  - ${scen}\nreplications: 2\n`);
    const out = join(tmp, 'twice-out');
    expectRefused(run(EXPERIMENT, [file, '--out', out]), out, /twice\.yaml:5:\d+: scenarios\[1\]: has the same name as scenarios\[0\]/);
  });

  it('merge refuses folders from different experiments', () => {
    // Two small experiments of their own, differing only in the number of replications.
    const small = readFileSync(SMALL, 'utf8').replace(/\.\.\/\.\.\/\.\.\/scenarios/g, join(ROOT, 'scenarios'));
    const dirs = [2, 3].map((reps) => {
      const file = join(tmp, `mixed-${reps}.yaml`);
      writeFileSync(file, small.replace('replications: 12', `replications: ${reps}`));
      const dir = join(tmp, `mixed-${reps}`);
      const r = run(EXPERIMENT, [file, '--workers', '0', '--out', dir, '--quiet']);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
      return dir;
    });
    const out = join(tmp, 'mixed');
    const r = run(MERGE, [dirs[0], dirs[1], '--out', out]);
    expectRefused(r, out, /comes from another experiment/);
  }, 120_000);
});
