/**
 * Sensitivity reports in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core), as test/report/browser.test.ts opens the others: a Sobol and a Morris
 * sensitivity folder on their own, and an experiment report with --sensitivity. Every chart
 * renders with a size, the page logs no error and asks for nothing but its own file, it prints
 * to PDF on A4 and Letter, and no chart is taller than a printed page. Screenshots go to
 * out/sensitivity-screenshots/ for review.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/index.js';
import { ROOT } from './fixtures.js';
import { copySensitivity, makeGridExperiment } from './sensitivity-fixtures.js';
import { launchChromium } from './chromium.js';

/** Apart from browser.test.ts's folder, which that test empties when it starts. */
const SCREENSHOTS = join(ROOT, 'out', 'sensitivity-screenshots');
/** Printable area in CSS px with the report's margins (13 mm each side, 14 mm top, 16 mm bottom). */
const MM = 96 / 25.4;
const A4 = { width: (210 - 26) * MM, height: (297 - 30) * MM };
const LETTER = { width: (215.9 - 26) * MM, height: (279.4 - 30) * MM };

let tmp: string;
let ctx: BrowserContext;
const reports: Record<string, { file: string; charts: number }> = {};

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-sensitivity-browser-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const sobol = copySensitivity('sobol', join(tmp, 'sobol'));
  const morris = copySensitivity('morris', join(tmp, 'morris'));
  const exp = await makeGridExperiment(join(tmp, 'exp'), join(tmp, 'exp.yaml'));
  reports.sobol = await makeReport(sobol);
  reports.morris = await makeReport(morris);
  reports.experiment = await makeReport(exp, { sensitivity: sobol, where: ['equivocation', 'tension'] });
  ctx = await launchChromium({ width: 1100, height: 1000 });
}, 120_000);

afterAll(async () => {
  await ctx?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('a sensitivity report in Chromium', () => {
  for (const [name, want] of [
    ['sobol', ['fig-sobol-partnerbelief', 'fig-where-partnerbelief', 'fig-where-activitycontinuation']],
    ['morris', ['fig-morris-trusterpayoff', 'fig-where-brier']],
    // An experiment report draws the key measures' Sobol bars (the others are in its summary table) and the verdicts chart.
    ['experiment', ['fig-where-partnerbelief', 'fig-sobol-partnerbelief', 'fig-sweep-1', 'fig-verdicts']],
  ] as const) {
    it(`of ${name === 'experiment' ? 'an experiment with --sensitivity' : `a ${name} folder`}: every chart renders, no errors, no request but the file, prints to A4 and Letter`, async () => {
      const r = reports[name];
      const page = await ctx.newPage();
      const errors: string[] = [], requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('request', (q) => requests.push(q.url()));
      await page.goto(pathToFileURL(r.file).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const boxes = await page.$$eval('figure.chart > svg', (svgs) => svgs.map((s) => {
        const b = s.getBoundingClientRect();
        return { w: b.width, h: b.height, texts: s.querySelectorAll('text').length };
      }));
      expect(boxes.length).toBe(r.charts);
      for (const b of boxes) {
        expect(b.w).toBeGreaterThan(300);
        expect(b.h).toBeGreaterThan(150);
        expect(b.texts).toBeGreaterThan(3);
      }
      const ids = await page.$$eval('figure.chart', (fs) => fs.map((f) => f.id));
      expect(ids).toEqual(expect.arrayContaining([...want]));
      const headings = await page.$$eval('main > section > h2', (hs) => hs.map((h) => h.textContent));
      expect(headings).toEqual(expect.arrayContaining(['Which conditions matter', 'Where each hypothesis wins']));
      expect(errors).toEqual([]);
      expect(requests).toEqual([pathToFileURL(r.file).href]);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      for (const format of ['A4', 'Letter'] as const) {
        const pdf = await page.pdf({ format, printBackground: true });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
      await page.emulateMedia({ media: 'print' });
      for (const size of [A4, LETTER]) {
        await page.setViewportSize({ width: Math.floor(size.width), height: 1000 });
        const heights = await page.$$eval('figure.chart', (figs) => figs.map((f) => f.getBoundingClientRect().height));
        expect(heights.length).toBe(r.charts);
        for (const h of heights) expect(h).toBeLessThan(LETTER.height);
      }
      await page.close();
    }, 90_000);
  }
});
