/**
 * Nothing lost, nothing silently wrong, through the commands' real interface (child processes):
 * output folders recognised by their ledger and compared by identity, finished experiments
 * recognised, --overwrite keeping the old results until the new ones are complete, damaged data
 * found by its checksums, temporaries cleaned, failed writes reported, whole-number parameters
 * sampled as such, the workers capped, and Ctrl-C honoured at known points.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_WIDTH } from '../../src/experiment/metrics.js';
import { sha256 } from '../../src/io/hash.js';

import { EXPERIMENT, MERGE, RESULTS, ROOT, SMALL, TSX } from './cli-paths.js';
const DATA = ['data/records.f64', 'data/traces.f32'];

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-folders-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

function run(script: string, args: string[], env: Record<string, string> = {}, cwd = tmp): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, script, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
}
const experiment = (args: string[], env: Record<string, string> = {}) => run(EXPERIMENT, [SMALL, ...args], env);

/** Every file below `dir` (relative path -> SHA-256), and its modification times. */
function tree(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix + name;
    const st = statSync(join(dir, rel));
    if (st.isDirectory()) Object.assign(out, tree(dir, `${rel}/`));
    else out[rel] = `${sha256(readFileSync(join(dir, rel)))} ${st.mtimeMs}`;
  }
  return out;
}
const hashes = (dir: string, files = [...RESULTS, ...DATA]) => Object.fromEntries(files.map((f) => [f, sha256(readFileSync(join(dir, f)))]));
const refused = (r: SpawnSyncReturns<string>, ...patterns: RegExp[]) => {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const p of patterns) expect(r.stderr).toMatch(p);
};

/** Changes bytes of a file in place. */
function damage(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try { writeSync(fd, bytes, 0, bytes.length, at); } finally { closeSync(fd); }
}

// 64 runs, three batches: the reference every other run is compared with.
let reference: string;
let shards: string[];
beforeAll(() => {
  reference = join(tmp, 'reference');
  const r = experiment(['--replications', '8', '--out', reference, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  shards = ['1/2', '2/2'].map((s) => {
    const dir = join(tmp, `shard-${s[0]}`);
    const x = experiment(['--replications', '8', '--shard', s, '--out', dir, '--quiet']);
    expect(x.status, x.stderr).toBe(0);
    return dir;
  });
}, 240_000);

describe('merge --out', () => {
  it('refuses a shard folder however it is spelled (trailing slash, relative, a link) or a folder inside one, and keeps the shard', () => {
    const before = tree(shards[0]);
    symlinkSync(shards[0], join(tmp, 'link-to-shard-1'));
    for (const out of [`${shards[0]}/`, relative(tmp, shards[0]), join('shard-2', '..', 'shard-1'), 'link-to-shard-1', join(shards[0], 'merged')]) {
      refused(run(MERGE, [...shards, '--out', out]), /--out: .*shard folder/);
    }
    expect(tree(shards[0])).toEqual(before);
    expect(existsSync(join(shards[0], 'merged'))).toBe(false);
  }, 60_000);

  it('refuses to replace another finished experiment without --overwrite; with it, the merged results replace it', () => {
    const other = join(tmp, 'merge-other');
    expect(experiment(['--replications', '2', '--out', other, '--quiet']).status).toBe(0);
    const before = tree(other);
    refused(run(MERGE, [...shards, '--out', other]), /holds the results of another experiment .*--overwrite/);
    expect(tree(other)).toEqual(before);
    const r = run(MERGE, [...shards, '--out', other, '--overwrite', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(hashes(other)).toEqual(hashes(reference));
    expect(readdirSync(other).filter((f) => f.startsWith('.') && f !== '.entente.json')).toEqual([]);
  }, 60_000);

  it('refuses a damaged shard, naming the file', () => {
    const damaged = join(tmp, 'damaged-shard');
    cpSync(shards[1], damaged, { recursive: true });
    // Shard 2 of 2 holds batch 1: runs 25 to 49.
    damage(join(damaged, 'data', 'records.f64'), 25 * RECORD_WIDTH * 8 + 3, Buffer.from([0x55]));
    const out = join(tmp, 'merge-damaged');
    refused(run(MERGE, [shards[0], damaged, '--out', out]), new RegExp(`${join(damaged, 'data', 'records.f64').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*damaged`));
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('a finished experiment', () => {
  it('run again into its folder is said to be done: nothing is run again or deleted, exit 0', () => {
    const dir = join(tmp, 'finished');
    cpSync(reference, dir, { recursive: true });
    writeFileSync(join(dir, 'report.html'), '<!-- a report -->');
    const before = tree(dir);
    for (const extra of [[], ['--resume']]) {
      const r = experiment(['--replications', '8', '--out', dir, ...extra]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/already holds this experiment, finished \(64 runs\): nothing to run/);
      expect(tree(dir)).toEqual(before);
    }
  }, 60_000);

  it('with --overwrite, keeps the old results until the new ones are complete, even when stopped', () => {
    const dir = join(tmp, 'replaced');
    expect(experiment(['--replications', '2', '--out', dir, '--quiet']).status).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'my notes');
    // The ledger records the new result's ownership first; every other file stays as it was.
    const before = Object.fromEntries(Object.entries(tree(dir)).filter(([f]) => f !== '.entente.json'));
    // Stopped part-way through the new runs, and then killed in the analysis: the old results stay.
    const stopped = experiment(['--replications', '8', '--out', dir, '--overwrite', '--workers', '0'], { ENTENTE_TEST_INTERRUPT: 'runs:25' });
    expect(stopped.status, stopped.stderr).toBe(130);
    for (const [f, h] of Object.entries(before)) expect(tree(dir)[f], f).toBe(h);
    refused(experiment(['--replications', '8', '--out', dir]), /interrupted replacement .*--resume/);
    const killed = experiment(['--replications', '8', '--out', dir, '--resume', '--workers', '0'], { ENTENTE_TEST_INTERRUPT: 'kill-analysis:1' });
    expect(killed.signal).toBe('SIGKILL');
    for (const [f, h] of Object.entries(before)) expect(tree(dir)[f], f).toBe(h);
    const resumed = experiment(['--replications', '8', '--out', dir, '--resume', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(hashes(dir)).toEqual(hashes(reference));
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('my notes');
    expect(readdirSync(dir).filter((f) => f.startsWith('.') && f !== '.entente.json')).toEqual([]);
  }, 120_000);
});

describe('folders that are not the tool\'s', () => {
  it('a folder holding only a data/ folder of the user\'s is refused, with or without --overwrite', () => {
    const dir = join(tmp, 'users-data');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'survey.csv'), 'respondent,answer\n1,yes\n');
    for (const extra of [[], ['--overwrite']]) refused(experiment(['--replications', '2', '--out', dir, ...extra]), /holds files that Entente did not write/);
    expect(readdirSync(dir)).toEqual(['data']);
    expect(readdirSync(join(dir, 'data'))).toEqual(['survey.csv']);
  }, 30_000);

  it('a dangling link as --out is refused, naming it and the cause, and nothing is left behind', () => {
    const parent = join(tmp, 'dangling');
    mkdirSync(parent);
    symlinkSync(join(tmp, 'nowhere', 'x'), join(parent, 'out'));
    refused(experiment(['--replications', '2', '--out', join(parent, 'out')]), /dangling\/out" is a link to .*which does not exist/);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false);
  }, 30_000);
});

describe('failed writes', () => {
  it('a full disk (the records file on /dev/full) exits 2 naming the file and the cause, leaving no temporary', () => {
    const dir = join(tmp, 'full-disk');
    cpSync(reference, dir, { recursive: true });
    rmSync(join(dir, 'data', 'records.f64'));
    symlinkSync('/dev/full', join(dir, 'data', 'records.f64'));
    const r = experiment(['--replications', '8', '--out', dir, '--resume', '--workers', '0']);
    refused(r, /data\/records\.f64: cannot be written \(no space left on the device, ENOSPC\)/);
    expect(readdirSync(dir).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    expect(readdirSync(join(dir, 'data')).filter((f) => /\.tmp-/.test(f))).toEqual([]);
  }, 60_000);

  it('--replay into a dangling link is refused, and the link is left as it was', () => {
    const link = join(tmp, 'replay-link');
    symlinkSync(join(tmp, 'no-such-folder'), link);
    refused(run(EXPERIMENT, [SMALL, '--replay', '3', '--out', link]), /is a link to .*which does not exist/);
    expect(readdirSync(tmp).filter((f) => /^\.tmp-/.test(f))).toEqual([]);
    expect(existsSync(join(tmp, 'no-such-folder'))).toBe(false);
  }, 30_000);
});

describe('damaged data', () => {
  for (const [name, file, at, bytes] of [
    ['a flipped byte in records.f64', 'data/records.f64', 25 * RECORD_WIDTH * 8 + 7, Buffer.from([0x01])],
    ['a zeroed block in traces.f32', 'data/traces.f32', 4096, Buffer.alloc(4096)],
  ] as const) {
    it(`${name} is found: the run is not taken as finished, and --resume runs the damaged batch again`, () => {
      const dir = join(tmp, `damaged-${file.replace(/\W/g, '-')}`);
      cpSync(reference, dir, { recursive: true });
      damage(join(dir, file), at, bytes);
      refused(experiment(['--replications', '8', '--out', dir]), /unfinished run of this experiment; add --resume/);
      const r = experiment(['--replications', '8', '--out', dir, '--resume']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/did not match/);
      expect(hashes(dir)).toEqual(hashes(reference));
    }, 60_000);
  }
});

describe('interruptions', () => {
  it('Ctrl-C while runs are in flight: exit 130, says how to resume; resumed, the results equal an uninterrupted run', () => {
    const dir = join(tmp, 'sigint-runs');
    const r = experiment(['--replications', '8', '--out', dir, '--workers', '1'], { ENTENTE_TEST_INTERRUPT: 'runs:1' });
    expect(r.status, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: \d+ of 64 runs are saved/);
    expect(r.stderr).toContain('--resume');
    expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
    const resumed = experiment(['--replications', '8', '--out', dir, '--resume', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(hashes(dir)).toEqual(hashes(reference));
  }, 60_000);

  it('Ctrl-C during the analysis: exit 130, no result file and no temporary left; resumed, the same results', () => {
    const dir = join(tmp, 'sigint-analysis');
    const r = experiment(['--replications', '8', '--out', dir, '--workers', '0'], { ENTENTE_TEST_INTERRUPT: 'analysis:1' });
    expect(r.status, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted: 64 of 64 runs are saved/);
    for (const f of RESULTS) expect(existsSync(join(dir, f)), f).toBe(false);
    expect(readdirSync(dir).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    const resumed = experiment(['--replications', '8', '--out', dir, '--resume', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(hashes(dir)).toEqual(hashes(reference));
  }, 60_000);

  it('temporaries a kill during the analysis leaves are removed by the next run', () => {
    const dir = join(tmp, 'killed-analysis');
    const r = experiment(['--replications', '8', '--out', dir, '--workers', '0'], { ENTENTE_TEST_INTERRUPT: 'kill-analysis:1' });
    expect(r.signal).toBe('SIGKILL');
    expect(readdirSync(dir).filter((f) => /\.tmp-\d+$/.test(f)).length).toBeGreaterThan(0);
    const resumed = experiment(['--replications', '8', '--out', dir, '--resume', '--quiet']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(readdirSync(dir).filter((f) => /\.tmp-/.test(f))).toEqual([]);
    expect(hashes(dir)).toEqual(hashes(reference));
  }, 60_000);
});

describe('options and parameters', () => {
  it('--workers beyond twice the cores is capped, with a warning', () => {
    const dir = join(tmp, 'many-workers');
    const r = experiment(['--replications', '2', '--out', dir, '--workers', '256']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: 256 workers asked for; using \d+, twice the \d+ cores/);
    expect(r.stderr).not.toMatch(/256 workers;/);
  }, 60_000);

  it('a Latin hypercube over a whole-number parameter runs, with whole numbers', () => {
    const file = join(tmp, 'lhs-int.yaml');
    writeFileSync(file, `name: LHS int\ndescription: A whole-number parameter sampled.\nscenarios: [${join(ROOT, 'scenarios', 'minimal-pair.yaml')}]\n`
      + 'variations:\n  latinHypercube: { samples: 4, ranges: { parameters.maxActsPerStep: [0, 3], tension: [0, 0.5] } }\nreplications: 2\nsteps: 12\nanalysis: { resamples: 100 }\n');
    const dir = join(tmp, 'lhs-int');
    const r = run(EXPERIMENT, [file, '--out', dir, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    const rows = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n');
    const col = rows[0].split(',').indexOf('parameters.maxActsPerStep');
    const values = rows.slice(1).map((l) => Number(l.split(',')[col]));
    for (const v of values) expect(Number.isInteger(v), String(v)).toBe(true);
    expect(new Set(values)).toEqual(new Set([0, 1, 2, 3]));
  }, 60_000);
});
