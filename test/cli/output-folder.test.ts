/**
 * `--out` can never destroy a user's work: a non-empty folder without Entente's ledger, a
 * regular file, or the working folder is refused (exit 2, nothing touched); files the ledger
 * does not list are never replaced or deleted; the same run again replaces its own files; another
 * run needs --overwrite.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCENARIO = join(ROOT, 'scenarios/minimal-pair.yaml');

const cli = (name: string, args: string[], cwd = ROOT) => {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, `src/cli/${name}.ts`), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
};
const simulate = (args: string[], cwd = ROOT) => cli('simulate', args, cwd);

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-out-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('--out', () => {
  it('refuses a folder holding someone\'s own files, and leaves them alone', () => {
    const dir = join(tmp, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.docx'), 'three years of work');
    const r = simulate([SCENARIO, '--out', dir, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: .*holds files that Entente did not write \(thesis\.docx\)/);
    expect(readdirSync(dir)).toEqual(['thesis.docx']);
    expect(readFileSync(join(dir, 'thesis.docx'), 'utf8')).toBe('three years of work');
  });

  it('refuses a path that is a regular file', () => {
    const file = join(tmp, 'notes.txt');
    writeFileSync(file, 'notes');
    const r = simulate([SCENARIO, '--out', file, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is a file, not a folder/);
    expect(readFileSync(file, 'utf8')).toBe('notes');
  });

  it('refuses the working folder', () => {
    const work = join(tmp, 'work');
    mkdirSync(work);
    copyFileSync(SCENARIO, join(work, 'pair.yaml'));
    const r = simulate(['pair.yaml', '--out', '.', '--quiet'], work);
    expect(r.status).toBe(2);
    expect(readdirSync(work)).toEqual(['pair.yaml']);
  });

  it('replaces an earlier run with --overwrite, as a whole', () => {
    const dir = join(tmp, 'result');
    expect(simulate([SCENARIO, '--out', dir, '--pairs', '--quiet']).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'pairs.csv', 'run.json', 'series.csv']);
    // Other files make another result: refused without --overwrite, nothing touched.
    const refused = simulate([SCENARIO, '--out', dir, '--no-events', '--quiet']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--out: .*holds another result of simulate \(Minimal transmitter and receiver, habits-first, seed 1\); choose another folder, or add --overwrite/);
    expect(readdirSync(dir)).toHaveLength(6);
    expect(simulate([SCENARIO, '--out', dir, '--no-events', '--overwrite', '--quiet']).status).toBe(0);
    // The new result only: no stale pairs.csv or events.jsonl from the earlier run.
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'final.json', 'run.json', 'series.csv']);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('keeps the report and explanation charts made from the same run, and removes them with --overwrite for another run', () => {
    const dir = join(tmp, 'explained');
    expect(simulate([SCENARIO, '--out', dir, '--quiet']).status).toBe(0);
    expect(cli('explain', [dir, '--pair', 'B,A']).status).toBe(0);
    expect(cli('report', [dir, '--quiet']).status).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'my notes on this run');
    const derived = ['explain-B-A.png', 'explain-B-A.svg', 'report.html', 'charts'];
    // The same run again: its report and charts stay (explain --help promises it).
    const again = simulate([SCENARIO, '--out', dir, '--quiet']);
    expect(again.status, again.stderr).toBe(0);
    for (const f of derived) expect(existsSync(join(dir, f)), f).toBe(true);
    // Another run: refused, nothing touched...
    const other = simulate([SCENARIO, '--out', dir, '--quiet', '--seed', '2']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/add --overwrite to replace/);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).seed).toBe(1);
    // ...unless asked: the stale report and charts go, the user's notes stay.
    expect(simulate([SCENARIO, '--out', dir, '--quiet', '--seed', '2', '--overwrite']).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'notes.txt', 'run.json', 'series.csv']);
    expect(JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).seed).toBe(2);
  });

  it("never deletes a user's charts/ folder in --out", () => {
    const dir = join(tmp, 'slides');
    mkdirSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'charts', 'figure-1.svg'), '<svg>mine</svg>');
    const r = simulate([SCENARIO, '--out', dir, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds files that Entente did not write \(charts\/, charts\/figure-1\.svg\)/);
    expect(readFileSync(join(dir, 'charts', 'figure-1.svg'), 'utf8')).toBe('<svg>mine</svg>');
    expect(readdirSync(dir)).toEqual(['charts']);
  });

  it('keeps a seed or hypothesis from steering the default folder out of out/', () => {
    const work = join(tmp, 'steer');
    mkdirSync(work);
    writeFileSync(join(work, 'pair.yaml'), readFileSync(SCENARIO, 'utf8').replace(/seed: \d+/, "seed: '../../../..'"));
    expect(readFileSync(join(work, 'pair.yaml'), 'utf8')).toContain("seed: '../../../..'");
    const r = simulate(['pair.yaml', '--quiet', '--steps', '3'], work);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(work, 'out', 'pair'))).toEqual(['habits-first-seed.._.._.._..']);
    const flag = simulate(['pair.yaml', '--quiet', '--steps', '3', '--seed', '../../../../x'], work);
    expect(flag.status, flag.stderr).toBe(0);
    expect(readdirSync(join(work, 'out', 'pair')).sort()).toEqual(['habits-first-seed.._.._.._..', 'habits-first-seed.._.._.._.._x']);
    expect(readdirSync(work).sort()).toEqual(['out', 'pair.yaml']);
    expect(readdirSync(tmp)).not.toContain('x');
  });

  it('a failed write (a dangling link as --out) says which file and why, exit 2, and leaves nothing behind', () => {
    const link = join(tmp, 'dangling');
    symlinkSync(join(tmp, 'nowhere', 'deeper'), link);
    const r = simulate([SCENARIO, '--out', link, '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dangling: cannot be written \(.*(EEXIST|ENOENT)\); nothing was replaced/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false);
  });
});
