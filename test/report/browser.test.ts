/**
 * Reports opened in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): every chart renders with a size, the page logs no error and asks for nothing
 * but its own file, it prints to PDF on A4 and Letter with no chart taller than a printed page,
 * and a hostile scenario or experiment cannot put markup or script into it. Full-page
 * screenshots are saved in out/report-screenshots/ for review.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/index.js';
import { hostileExperiment, hostileScenario, IMG, makeExperiment, makeRun, ROOT, SCRIPT } from './fixtures.js';
import { launchChromium } from './chromium.js';

export const SCREENSHOTS = join(ROOT, 'out', 'report-screenshots');

/** Printable area in CSS px (96 per inch) with the report's margins (13 mm each side, 14 mm top, 16 mm bottom). */
const MM = 96 / 25.4;
const A4 = { width: (210 - 26) * MM, height: (297 - 30) * MM };
const LETTER = { width: (215.9 - 26) * MM, height: (279.4 - 30) * MM };

let tmp: string;
let ctx: BrowserContext;
let started: number;
const reports: Record<string, { file: string; charts: number }> = {};

beforeAll(async () => {
  // Screenshots left by an earlier run must not count: start from an empty folder.
  started = Date.now();
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  tmp = mkdtempSync(join(tmpdir(), 'entente-report-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const run = makeRun(join(tmp, 'run'));
  const exp = await makeExperiment(join(tmp, 'exp'), join(tmp, 'exp.yaml'));
  const hostile = hostileScenario(join(tmp, 'hostile'));
  const hostileRun = makeRun(join(tmp, 'hostile-run'), hostile);
  const hostileExp = await makeExperiment(join(tmp, 'hostile-exp'), join(tmp, 'hostile', 'experiment.yaml'), hostileExperiment(hostile));
  reports.run = await makeReport(run, { pairs: [['MYS', 'SGP']] });
  reports.experiment = await makeReport(exp);
  reports.hostileRun = await makeReport(hostileRun);
  reports.hostileExperiment = await makeReport(hostileExp);
  ctx = await launchChromium({ width: 1100, height: 1000 });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Opened { page: Page; errors: string[]; requests: string[]; dialogs: string[] }

async function open(file: string): Promise<Opened> {
  const page = await ctx.newPage();
  const errors: string[] = [], requests: string[] = [], dialogs: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  return { page, errors, requests, dialogs };
}

async function checkReport(name: string, pdfs: boolean): Promise<Page> {
  const r = reports[name];
  const { page, errors, requests, dialogs } = await open(r.file);
  // Every chart is drawn, with a size.
  const boxes = await page.$$eval('figure.chart > svg', (svgs) => svgs.map((s) => {
    const b = s.getBoundingClientRect();
    return { w: b.width, h: b.height, texts: s.querySelectorAll('text').length };
  }));
  expect(boxes.length).toBe(r.charts);
  expect(boxes.length).toBeGreaterThan(3);
  for (const b of boxes) {
    expect(b.w).toBeGreaterThan(300);
    expect(b.h).toBeGreaterThan(150);
    expect(b.texts).toBeGreaterThan(3);
  }
  // The embedded fonts load; nothing else is asked for.
  const fonts = await page.evaluate(() => [...document.fonts].map((f) => `${f.family} ${f.weight} ${f.status}`));
  expect(fonts).toEqual(['DejaVu Sans 400 loaded', 'DejaVu Sans 700 loaded']);
  expect(errors).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([pathToFileURL(r.file).href]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  if (pdfs) {
    for (const format of ['A4', 'Letter'] as const) {
      const pdf = await page.pdf({ format, printBackground: true });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThan(4);
    }
    // Laid out for print at A4's printable width, no chart is taller than the shorter printable
    // height (Letter's), so `break-inside: avoid` can always keep a chart on one page.
    await page.emulateMedia({ media: 'print' });
    for (const size of [A4, LETTER]) {
      await page.setViewportSize({ width: Math.floor(size.width), height: 1000 });
      const heights = await page.$$eval('figure.chart', (figs) => figs.map((f) => f.getBoundingClientRect().height));
      expect(heights.length).toBe(r.charts);
      for (const h of heights) expect(h).toBeLessThan(LETTER.height);
    }
    const toc = await page.$eval('nav.toc', (n) => getComputedStyle(n).display);
    expect(toc).toBe('none');
    const breaks = await page.$$eval('main > section', (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
    expect(new Set(breaks)).toEqual(new Set(['page']));
  }
  return page;
}

describe('a report in Chromium', () => {
  it('of a run folder: every chart renders, no errors, no request but the file, prints to A4 and Letter', async () => {
    const page = await checkReport('run', true);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Why trust moved');
    expect(text).toContain("Malaysia's trust in Singapore (MYS → SGP)");
    expect(text).toContain('a comparison needs an experiment');
    expect(text).toContain('npm run experiment --');
    await page.close();
  }, 60_000);

  it('of an experiment folder: every chart renders, with a sweep map, and prints', async () => {
    const page = await checkReport('experiment', true);
    const ids = await page.$$eval('figure.chart', (fs) => fs.map((f) => f.id));
    // With a comparison the trajectories on the same dice show trust over time (no separate bands chart).
    expect(ids).toEqual(expect.arrayContaining(['fig-verdicts', 'fig-trajectories-1', 'fig-differences-scenarios', 'fig-differences-1', 'fig-sweep-1', 'fig-sweep-2']));
    expect(ids).not.toContain('fig-trust-over-time-1');
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('Which hypothesis leads');
    expect(text).toContain('The comparison table');
    await page.close();
  }, 60_000);
});

describe('a hostile scenario or experiment', () => {
  for (const name of ['hostileRun', 'hostileExperiment']) {
    it(`cannot inject markup or script (${name})`, async () => {
      const html = readFileSync(reports[name].file, 'utf8');
      // The document holds no element a file could have smuggled in...
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<svg[^>]*onload/i);
      expect(html).not.toMatch(/<h1>fake heading/i);
      const { page, errors, requests, dialogs } = await checkReportOpen(name);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(reports[name].file).href]);
      const dom = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        imgs: document.querySelectorAll('img').length,
        handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
        h1: document.querySelectorAll('h1').length,
        text: document.body.innerText,
        title: document.title,
      }));
      expect(dom).toMatchObject({ scripts: 0, imgs: 0, handlers: 0, h1: 1 });
      // ...and shows the hostile text as text.
      expect(dom.text).toContain(SCRIPT);
      expect(dom.text).toContain(IMG);
      expect(dom.title).toContain(SCRIPT);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
      await page.close();
    }, 60_000);
  }
});

async function checkReportOpen(name: string): Promise<Opened> {
  const o = await open(reports[name].file);
  const n = await o.page.$$eval('figure.chart > svg', (s) => s.length);
  expect(n).toBe(reports[name].charts);
  return o;
}

it('saves its screenshots for review', () => {
  for (const name of ['run', 'experiment']) {
    const file = join(SCREENSHOTS, `${name}.png`);
    expect(existsSync(file), file).toBe(true);
    // Written by this run (the folder was emptied before it), and a PNG.
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    expect(readFileSync(file).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  }
});
