/**
 * What `npm start` hands an instructor, printed in a real headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core): the handout prints on one or two A4 pages, the
 * report of the default experiment on at most 25, and both read as the seminar needs (the two
 * views with the essay's passage first, then the answer with its caveat, then the evidence; no
 * section that has nothing to show). Screenshots and the PDFs go to out/handout-screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ESSAY_PASSAGE } from '../../src/report/experiment/answer.js';
import { ROOT } from './fixtures.js';
import { launchChromium } from './chromium.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCREENSHOTS = join(ROOT, 'out', 'handout-screenshots');

let tmp: string;
let out: string;
let ctx: BrowserContext;

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-handout-'));
  out = join(tmp, 'start');
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The default experiment at its smallest: the same 4 scenarios x 100 points, so the same report structure.
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', 'start.ts'), '--replications', '1', '--samples', '2', '--sensitivity-replications', '1', '--out', out, '--workers', '2'],
    { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain(`Handout: `);
  ctx = await launchChromium({ width: 1000, height: 1300 });
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm start writes a handout and a report a class can follow', () => {
  it('the handout prints on one or two A4 pages: the two views, the question, the answer and its caveat, a chart per finding, three questions', async () => {
    const file = join(out, 'handout.html');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(ESSAY_PASSAGE.slice(0, 60));
    const page = await ctx.newPage();
    const errors: string[] = [], requests: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (q) => requests.push(q.url()));
    await page.goto(pathToFileURL(file).href);
    const headings = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent));
    expect(headings).toEqual(['The two views', 'The question', 'The answer', 'The evidence', 'For discussion']);
    expect(await page.$$eval('.view h3', (hs) => hs.map((h) => h.textContent))).toEqual(['Habits first: trust grows out of cooperation', 'Trust first: states must choose to trust']);
    const answer = await page.$$eval('.answer p', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(answer.length).toBeGreaterThanOrEqual(2);
    expect(answer.length).toBeLessThanOrEqual(4);
    expect(answer[0]).toMatch(/^Trust in partners at the end: in \d+ of 400 cells the two views end within 2 trust points of each other/);
    // The sentence's counts are comparison.json's.
    const { comparisons } = JSON.parse(readFileSync(join(out, 'comparison.json'), 'utf8')) as { comparisons: { a: string; b: string; rows: { metric: string; n: number; verdict: string; leads: string }[] }[] };
    const c = comparisons[0];
    const rows = c.rows.filter((r) => r.metric === 'partnerBelief' && r.n > 0);
    const k = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(answer[0]).toContain(`in ${k((r) => r.verdict === 'equivalent')} of ${rows.length} cells`);
    expect(answer[0]).toContain(`${c.a} ends higher in ${k((r) => r.verdict === 'leads' && r.leads === c.a)}, ${c.b} in ${k((r) => r.verdict === 'leads' && r.leads === c.b)}, and ${k((r) => r.verdict === 'undecided')} cells are undecided`);
    expect(await page.$eval('.caveat', (p) => p.textContent)).toMatch(/not a finding about real states/);
    const questions = await page.$$eval('ol.questions li', (ls) => ls.map((l) => l.textContent ?? ''));
    expect(questions.length).toBe(3);
    // The first question starts from what the numbers showed about trust, not from an expectation.
    const eq = k((r) => r.verdict === 'equivalent'), und = k((r) => r.verdict === 'undecided');
    if (eq * 2 > rows.length) expect(questions[0]).toMatch(/^The two views end with much the same trust/);
    else if (und * 2 > rows.length) expect(questions[0]).toMatch(/^These runs cannot yet tell whether the two views end with the same trust/);
    else expect(questions[0]).not.toMatch(/much the same trust/);
    const charts = await page.$$eval('figure.chart svg', (ss) => ss.map((s) => s.getBoundingClientRect().height));
    expect(charts.length).toBe(2); // which view leads, and what decides the difference
    for (const h of charts) expect(h).toBeGreaterThan(150);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(join(SCREENSHOTS, 'handout.pdf'), pdf);
    const n = pages(pdf);
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'handout.png'), fullPage: true });
  });

  it('the report opens with the two views and the answer, shows no empty section, and prints on at most 25 A4 pages', async () => {
    const file = join(out, 'report.html');
    const text = readFileSync(file, 'utf8');
    // No section that has nothing to show.
    for (const empty of ['No sweep map', 'did not record the nine outcomes', 'not available']) expect(text).not.toContain(empty);
    const page = await ctx.newPage();
    await page.goto(pathToFileURL(file).href);
    const sections = await page.$$eval('main > section > h2', (hs) => hs.map((h) => h.textContent ?? ''));
    expect(sections[0]).toBe('Two views, one question');
    expect(sections[1]).toBe('Key figures');
    expect(sections.at(-2)).toBe('Appendix: the comparison, cell by cell');
    const first = await page.$eval('main > section', (s) => s.textContent ?? '');
    expect(first).toContain(ESSAY_PASSAGE.slice(0, 60));
    expect(first).toMatch(/The answer.*Trust in partners at the end/s);
    // The full comparison of 400 cells stays in the files the appendix links to.
    expect(await page.$$eval('#comparison-table a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['./comparison.txt', './comparison.json']);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'report.pdf'), pdf);
    expect(pages(pdf)).toBeLessThanOrEqual(25);
    expect(pages(pdf)).toBeGreaterThan(8);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-first-page.png') });
  });
});
