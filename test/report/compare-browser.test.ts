/**
 * The report of two runs in a real headless Chromium (as test/report/browser.test.ts): both
 * charts render with a size, the page logs no error and asks for nothing but its own file, and
 * it prints to A4. Its screenshot and PDF go to out/compare-screenshots/ for review.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSimulate } from '../../src/cli/simulate.js';
import { makeReport } from '../../src/report/index.js';
import { ROOT } from './fixtures.js';
import { launchChromium } from './chromium.js';

const SCREENSHOTS = join(ROOT, 'out', 'compare-screenshots');

let tmp: string, ctx: BrowserContext, report: { file: string; charts: number };
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-compare-browser-'));
  const scenario = join(ROOT, 'scenarios/fpda.yaml');
  const a = join(tmp, 'trust-first'), b = join(tmp, 'habits-first');
  runSimulate(scenario, { out: a, seed: '3', hypothesis: 'trust-first', steps: '48', pairs: true, events: true, quiet: true });
  runSimulate(scenario, { out: b, seed: '3', hypothesis: 'habits-first', steps: '48', pairs: true, events: true, quiet: true });
  report = await makeReport([a, b]);
  ctx = await launchChromium({ width: 1100, height: 1000 });
}, 120_000);
afterAll(async () => {
  await ctx?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('a report of two runs in Chromium', () => {
  it('renders both charts, asks for nothing, and prints to A4', async () => {
    const page = await ctx.newPage();
    const errors: string[] = [], requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(report.file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    const boxes = await page.$$eval('figure.chart > svg', (svgs) => svgs.map((s) => { const r = s.getBoundingClientRect(); return { w: r.width, h: r.height }; }));
    expect(boxes.length).toBe(report.charts);
    expect(boxes.length).toBe(2);
    for (const b of boxes) { expect(b.w).toBeGreaterThan(200); expect(b.h).toBeGreaterThan(100); }
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(report.file).href]);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'compare.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(SCREENSHOTS, 'compare.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(12);
    await page.close();
  }, 120_000);
});
