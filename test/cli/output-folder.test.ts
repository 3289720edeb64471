/**
 * `--out` can never destroy a user's work: a non-empty folder without Entente's ledger, a
 * regular file, or the working folder is refused (exit 2, nothing touched); files the ledger
 * does not list are never replaced or deleted; the same run again replaces its own files; another
 * run needs --overwrite.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCENARIO = join(ROOT, 'scenarios/minimal-pair.yaml');

const simulate = (args: string[], cwd = ROOT) => {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/simulate.ts'), ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
};

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

  it('replaces an earlier result folder that explain and report wrote into, stale charts included', () => {
    const dir = join(tmp, 'explained');
    expect(simulate([SCENARIO, '--out', dir, '--quiet']).status).toBe(0);
    writeFileSync(join(dir, 'explain-A-B.svg'), '<svg/>');
    writeFileSync(join(dir, 'report.html'), '<html></html>');
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'timeline.svg'), '<svg/>');
    const r = simulate([SCENARIO, '--out', dir, '--quiet', '--seed', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['events.jsonl', 'final.json', 'run.json', 'series.csv']);
  });
});
