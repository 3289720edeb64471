/**
 * `npm run report -- <run A> <run B>`: two real runs of one scenario and seed under the two
 * hypotheses, set side by side. The report has one trust-over-time chart with both runs' lines,
 * the key figures with differences equal to final.json's, the pair whose final trust differs
 * most (found here from final.json) with both explanations; bad input exits 2 and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../../src/cli/simulate.js';
import { explainPair, readRunDir } from '../../src/explain/index.js';
import { escapeHtml, makeReport } from '../../src/report/index.js';
import { makeExperiment, ROOT, TINY_EXPERIMENT } from './fixtures.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const report = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/report.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return r;
};

interface Final { states: string[]; trust: number[][]; tension: number[][]; agreements: unknown[]; outcomes: Record<string, number> }
const final = (dir: string) => JSON.parse(readFileSync(join(dir, 'final.json'), 'utf8')) as Final;
const mean = (m: number[][]) => { let s = 0, n = 0; m.forEach((row, i) => row.forEach((v, j) => { if (i !== j) { s += v; n++; } })); return s / n; };
const signed = (v: number, d: number) => { const t = Math.abs(v).toFixed(d); return Number(t) === 0 ? (0).toFixed(d) : `${v > 0 ? '+' : '-'}${t}`; };
const listing = (dir: string) => readdirSync(dir).sort();
/** The cells of the key figures table's row for `measure`. */
function row(page: string, measure: string): string[] {
  const table = page.slice(page.indexOf('<table class="key-figures">'));
  const tr = table.split('<tr>').find((r) => r.startsWith(`<td>${measure}</td>`));
  if (tr === undefined) throw new Error(`no row "${measure}"`);
  return [...tr.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
}

let tmp: string, a: string, b: string, exp: string;
const scenario = join(ROOT, 'scenarios/fpda.yaml');
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-report-compare-'));
  a = join(tmp, 'trust-first');
  b = join(tmp, 'habits-first');
  runSimulate(scenario, { out: a, seed: '7', hypothesis: 'trust-first', steps: '36', pairs: true, events: true, quiet: true });
  // Run B without pairs.csv: its pair's trust over time comes from the event log.
  runSimulate(scenario, { out: b, seed: '7', hypothesis: 'habits-first', steps: '36', events: true, quiet: true });
  exp = await makeExperiment(join(tmp, 'exp'), join(tmp, 'exp.yaml'), TINY_EXPERIMENT);
}, 180_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('npm run report -- <run A> <run B>', () => {
  let page = '';
  it('writes compare-<B>.html in run A\'s folder, with its charts beside it', () => {
    const r = report([a, b]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('compare-habits-first.html');
    expect(listing(a)).toContain('compare-habits-first.html');
    expect(listing(join(a, 'compare-habits-first-charts'))).toEqual(expect.arrayContaining(['trust-over-time.svg', 'trust-over-time.png', 'pair-trust.svg', 'pair-trust.png']));
    // Run B's folder is untouched.
    expect(listing(b)).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'run.json', 'series.csv']);
    page = readFileSync(join(a, 'compare-habits-first.html'), 'utf8');
    expect(page).toContain('the same dice');
    expect(page).toContain('trust-first');
    expect(page).toContain('habits-first');
  });

  it('draws regional trust of both runs on one chart: two lines, labelled A and B with their hypothesis', () => {
    expect(page.split('id="fig-trust-over-time"').length - 1).toBe(1);
    const svg = readFileSync(join(a, 'compare-habits-first-charts', 'trust-over-time.svg'), 'utf8');
    expect(svg.split('aria-label="line"').length - 1).toBe(2);
    expect(svg).toContain('A: trust-first');
    expect(svg).toContain('B: habits-first');
  });

  it('gives the key figures of both with their differences, equal to final.json\'s', () => {
    const fa = final(a), fb = final(b);
    const trust = row(page, 'regional mean trust at the end');
    expect(trust.slice(1, 3)).toEqual([mean(fa.trust).toFixed(3), mean(fb.trust).toFixed(3)]);
    expect(trust[3]).toContain(signed(mean(fb.trust) - mean(fa.trust), 3));
    expect(trust[3]).toContain(`${(Math.abs(mean(fb.trust) - mean(fa.trust)) * 100).toFixed(1)} trust points`);
    expect(row(page, 'regional mean tension at the end')[3]).toBe(signed(mean(fb.tension) - mean(fa.tension), 3));
    const d = fb.agreements.length - fa.agreements.length;
    expect(row(page, 'defence cooperation agreements in force at the end')[3]).toBe(d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '0');
    // The nine outcomes' totals: one row each, its difference B − A.
    const outcomeRows = page.slice(page.indexOf('<table class="key-figures">')).split('<tr>').filter((r) => r.startsWith('<td>outcome: '));
    expect(outcomeRows.length).toBe(Object.keys(fa.outcomes).length);
    const diffs = outcomeRows.map((r) => [...r.matchAll(/<td[^>]*>(.*?)<\/td>/g)][3][1]);
    expect(diffs).toEqual(Object.keys(fa.outcomes).map((k) => signed(fb.outcomes[k] - fa.outcomes[k], 2)));
  });

  it('names the pair whose final trust differs most and explains it in each run', () => {
    const fa = final(a), fb = final(b);
    let best = { i: 0, j: 1, d: -1 };
    fa.states.forEach((_, i) => fa.states.forEach((__, j) => {
      const d = Math.abs(fb.trust[i][j] - fa.trust[i][j]);
      if (i !== j && d > best.d) best = { i, j, d };
    }));
    const from = fa.states[best.i], to = fa.states[best.j];
    expect(page).toContain(`(${from} → ${to}) differs most between the runs`);
    expect(page.split('id="fig-pair-trust"').length - 1).toBe(1);
    expect(page.split('<div class="explanation">').length - 1).toBe(2);
    for (const dir of [a, b]) {
      const run = readRunDir(dir);
      if (!run.ok) throw new Error('run not read');
      const e = explainPair(run.value, { observer: from, subject: to });
      expect(e.sentences.length).toBeGreaterThan(0);
      for (const s of e.sentences) expect(page).toContain(escapeHtml(s));
    }
    // B has no pairs.csv: its line comes from the event log, and the page says so.
    expect(page).toContain('of run B from the event log');
  });

  it('compares only regional figures when the runs have different states', async () => {
    const other = join(tmp, 'minimal');
    runSimulate(join(ROOT, 'scenarios/minimal-pair.yaml'), { out: other, steps: '24', events: true, quiet: true });
    const out = join(tmp, 'seminar', 'different.html');
    const r = await makeReport([a, other], { out });
    expect(r.charts).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('different states');
    expect(html).toContain('not the same dice');
    expect(html).not.toContain('<div class="explanation">');
    expect(listing(other)).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'run.json', 'series.csv']);
  });
});

describe('bad input to a report of two runs', () => {
  it('refuses a run folder and an experiment folder: exit 2, a message, nothing written', () => {
    const before = [listing(a), listing(exp)];
    const r = report([a, exp, '--out', join(tmp, 'bad', 'x.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is an experiment folder');
    expect(r.stderr).toContain('nothing was written');
    expect([listing(a), listing(exp)]).toEqual(before);
    expect(existsSync(join(tmp, 'bad'))).toBe(false);
  });

  it('refuses a missing folder: exit 2, a message, nothing written', () => {
    const before = listing(a);
    const r = report([a, join(tmp, 'no-such-run')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no such folder');
    expect(listing(a)).toEqual(before);
    expect(existsSync(join(a, 'compare-no-such-run.html'))).toBe(false);
  });

  it('refuses options of one run or an experiment', () => {
    const r = report([a, b, '--pair', 'AUS,MYS', '--out', join(tmp, 'bad2', 'x.html')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--pair');
    expect(existsSync(join(tmp, 'bad2'))).toBe(false);
  });
});
