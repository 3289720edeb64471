/**
 * `npm start` run again: a finished experiment is recognised and only its report is written
 * again (the results and the runs are kept as they are); another experiment's results in
 * `--out` are refused without --overwrite.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/io/hash.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cli = (name: string, args: string[]): SpawnSyncReturns<string> =>
  spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', `${name}.ts`), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-start-again-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

const stamp = (f: string) => `${sha256(readFileSync(f))} ${statSync(f).mtimeMs}`;

describe('npm start again', () => {
  it('after a finished start says it is done, runs nothing, keeps the results and writes the report again', () => {
    const out = join(tmp, 'start');
    const first = cli('start', ['--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out, '--workers', '1']);
    expect(first.status, first.stderr).toBe(0);
    const kept = ['summary.csv', 'runs.csv', 'steps.csv', 'comparison.json', 'manifest.json', 'data/records.f64', 'data/done.log'];
    const before = Object.fromEntries(kept.map((f) => [f, stamp(join(out, f))]));
    const again = cli('start', ['--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out, '--workers', '1']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/experiments\/trust-vs-habits\.yaml \(800 runs\) is already done in .*: nothing to run\./);
    expect(again.stdout).toContain('Writing the report');
    expect(again.stderr).not.toMatch(/runs \d+\/(800|176)/);
    expect(again.stdout).toMatch(/The sensitivity analysis \(176 runs\) is already done in .*: nothing to run\./);
    for (const f of kept) expect(stamp(join(out, f)), f).toBe(before[f]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<svg');
    expect(statSync(join(out, 'charts')).isDirectory()).toBe(true);
  }, 340_000);

  it('does not replace a sensitivity analysis it did not make beside --out, and refuses before running anything', () => {
    const out = join(tmp, 'mine');
    const theirs = cli('sensitivity', ['experiments/trust-vs-habits.yaml', '--samples', '3', '--replications', '1', '--metric', 'partnerBelief', '--out', `${out}-sobol`, '--workers', '1', '--quiet']);
    expect(theirs.status, theirs.stderr).toBe(0);
    const before = stamp(join(`${out}-sobol`, 'sensitivity.json'));
    const r = cli('start', ['--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--sensitivity-out: .*-sobol" holds the results of another experiment .*choose another --sensitivity-out, or add --overwrite/);
    expect(r.stdout).not.toContain('runs on');
    expect(stamp(join(`${out}-sobol`, 'sensitivity.json'))).toBe(before);
  }, 120_000);

  it('into an --out holding another experiment\'s results is refused without --overwrite', () => {
    const out = join(tmp, 'other');
    const small = join(ROOT, 'test', 'experiment', 'fixtures', 'small.yaml');
    expect(cli('experiment', [small, '--replications', '2', '--out', out, '--quiet']).status).toBe(0);
    const before = stamp(join(out, 'summary.csv'));
    const r = cli('start', ['--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/holds the results of another experiment .*--overwrite/);
    expect(stamp(join(out, 'summary.csv'))).toBe(before);
  }, 120_000);
});
