/**
 * The rules of src/io/output.ts, on real folders: what a command may write, replace or delete.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  commitOutput, isInside, LEDGER_FILE, planOutput, readLedger, removeStaleTemporaries, safeComponent, samePath, temporaryName,
  type OutputRequest,
} from '../../src/io/output.js';

let tmp: string;
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-output-')); });
afterEach(() => { rmSync(tmp, { recursive: true, force: true }); });

const run = (id: string, extra: Partial<OutputRequest> = {}): OutputRequest => ({ writer: 'simulate', id, files: ['run.json', 'series.csv'], exclusive: true, label: `run ${id}`, ...extra });
const write = (dir: string, req: OutputRequest, text = req.id) => {
  const plan = planOutput(dir, req);
  if (!plan.ok) return plan;
  return commitOutput(plan.value, req.files.map((f) => [f, `${text}:${f}`] as const));
};
const message = (r: { ok: boolean; problems?: { message: string }[] }) => (r.ok ? '' : r.problems![0].message);

describe('output folders', () => {
  it('writes a new folder with its ledger', () => {
    const dir = join(tmp, 'a', 'b');
    expect(write(dir, run('x')).ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([LEDGER_FILE, 'run.json', 'series.csv']);
    const ledger = readLedger(dir);
    expect(ledger.ok && ledger.value?.entries.map((e) => `${e.writer}:${e.id}`)).toEqual(['simulate:x']);
  });

  it('refuses a non-empty folder without a ledger, whatever the names in it', () => {
    const dir = join(tmp, 'mine');
    mkdirSync(join(dir, 'data'), { recursive: true });
    writeFileSync(join(dir, 'data', 'survey.csv'), 'answers');
    const r = write(dir, { writer: 'experiment', id: 'k', files: ['data/', 'plan.json'], exclusive: true });
    expect(message(r)).toMatch(/holds files that Entente did not write \(data\/, data\/survey\.csv\)/);
    expect(readFileSync(join(dir, 'data', 'survey.csv'), 'utf8')).toBe('answers');
    expect(existsSync(join(dir, LEDGER_FILE))).toBe(false);
  });

  it('refuses a file and the working folder', () => {
    writeFileSync(join(tmp, 'f'), 'x');
    expect(message(write(join(tmp, 'f'), run('x')))).toMatch(/is a file, not a folder/);
    expect(message(write(join(tmp, 'f', 'sub'), run('x')))).toMatch(/is a file, so/);
    expect(message(write(process.cwd(), run('x')))).toMatch(/working folder/);
  });

  it('replaces the same result freely and keeps what was derived from it', () => {
    const dir = join(tmp, 'r');
    expect(write(dir, run('x')).ok).toBe(true);
    expect(write(dir, { writer: 'report', id: 'report.html', files: ['report.html'], derivedFrom: 'simulate:x' }).ok).toBe(true);
    expect(write(dir, run('x'), 'again').ok).toBe(true);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('again:run.json');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('report.html:report.html');
  });

  it('needs overwrite to replace another result, and then removes what was derived from it', () => {
    const dir = join(tmp, 'r');
    write(dir, run('x', { files: ['run.json', 'series.csv', 'pairs.csv'] }));
    write(dir, { writer: 'explain', id: 'explain-A-B', files: ['explain-A-B.svg'], derivedFrom: 'simulate:x' });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const refused = write(dir, run('y'));
    expect(message(refused)).toMatch(/holds another result of simulate \(run x\); choose another folder, or add --overwrite/);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('x:run.json');
    expect(write(dir, run('y', { overwrite: true })).ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([LEDGER_FILE, 'notes.txt', 'run.json', 'series.csv']);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('never lands on a file it did not write, even with overwrite', () => {
    const dir = join(tmp, 'r');
    write(dir, run('x'));
    mkdirSync(join(dir, 'charts'));
    writeFileSync(join(dir, 'charts', 'slide.svg'), '<svg/>');
    const r = write(dir, { writer: 'report', id: 'report.html', files: ['report.html', 'charts/slide.svg'], overwrite: true });
    expect(message(r)).toMatch(/did not write where this result goes \(charts\/, charts\/slide\.svg\)/);
    expect(readFileSync(join(dir, 'charts', 'slide.svg'), 'utf8')).toBe('<svg/>');
  });

  it('keeps results of other writers whose files do not overlap', () => {
    const dir = join(tmp, 'e');
    write(dir, { writer: 'report', id: 'week3.html', files: ['week3.html', 'week3-charts/a.svg'] });
    write(dir, { writer: 'report', id: 'week5.html', files: ['week5.html', 'week5-charts/a.svg'] });
    expect(readFileSync(join(dir, 'week3-charts', 'a.svg'), 'utf8')).toBe('week3.html:week3-charts/a.svg');
  });

  it('leaves no temporary file when a write fails, and names the file', () => {
    const dir = join(tmp, 'd');
    write(dir, run('x'));
    // A folder where a file should go makes the rename fail after the temporaries are written.
    rmSync(join(dir, 'series.csv'));
    mkdirSync(join(dir, 'series.csv'));
    writeFileSync(join(dir, 'series.csv', 'keep'), '1');
    // series.csv/keep is not the tool's: the plan refuses it before writing anything.
    expect(message(planOutput(dir, run('x')))).toMatch(/did not write where this result goes \(series\.csv\/, series\.csv\/keep\)/);
    // A dangling link on the path: the write fails, leaves nothing behind and says where and why.
    const dangling = join(tmp, 'dangling');
    symlinkSync(join(tmp, 'nowhere', 'deeper'), dangling);
    const plan = planOutput(join(dangling, 'out'), run('x'));
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const r = commitOutput(plan.value, [['run.json', 'x']]);
    expect(message(r)).toMatch(/cannot be written \(.*(EEXIST|ENOENT)\); nothing was replaced/);
    expect(readdirSync(tmp).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('a write that fails part-way (a full disk) leaves no temporary file, puts the ledger back, and names the file and the cause', () => {
    const dir = join(tmp, 'full');
    expect(write(dir, run('x')).ok).toBe(true);
    const before = readFileSync(join(dir, LEDGER_FILE), 'utf8');
    const plan = planOutput(dir, run('y', { overwrite: true }));
    if (!plan.ok) throw new Error('plan');
    function* filling() {
      yield 'step,date\n';
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    const r = commitOutput(plan.value, [['series.csv', filling()], ['run.json', () => 'never']]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: join(dir, 'series.csv'), message: 'cannot be written (no space left on the device, ENOSPC); nothing was replaced' });
    expect(readdirSync(dir).sort()).toEqual([LEDGER_FILE, 'run.json', 'series.csv']);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toBe('x:run.json');
    expect(readFileSync(join(dir, LEDGER_FILE), 'utf8')).toBe(before);
  });

  it('removes temporaries of stopped processes only', () => {
    const dir = join(tmp, 't');
    mkdirSync(dir);
    writeFileSync(join(dir, '.summary.csv.tmp-999999999'), 'partial');
    writeFileSync(temporaryName(join(dir, 'mine.csv')).replace(`${process.pid}`, `${process.ppid}`), 'in flight');
    expect(removeStaleTemporaries(dir)).toEqual(['.summary.csv.tmp-999999999']);
    expect(readdirSync(dir)).toEqual([`.mine.csv.tmp-${process.ppid}`]);
  });

  it('compares paths by identity, not spelling', () => {
    const dir = join(tmp, 's1');
    mkdirSync(dir);
    symlinkSync(dir, join(tmp, 'link'));
    expect(samePath(`${dir}/`, join(tmp, 'link'))).toBe(true);
    expect(samePath(join(tmp, '.', 's1'), dir)).toBe(true);
    expect(samePath(join(tmp, 's2'), dir)).toBe(false);
    expect(isInside(join(tmp, 'link', 'x', 'y'), dir)).toBe(true);
    expect(isInside(join(tmp, 's10'), dir)).toBe(false);
  });

  it('makes values safe as one path component', () => {
    expect(safeComponent('../../../..')).toBe('.._.._.._..');
    expect(safeComponent('..')).toBe('___');
    expect(safeComponent('')).toBe('_');
    expect(safeComponent('seed 7/x')).toBe('seed_7_x');
    expect(safeComponent('42')).toBe('42');
  });
});
