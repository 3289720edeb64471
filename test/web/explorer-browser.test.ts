/**
 * The explorer as a class uses it, in a real headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core), loaded from the built folder (`buildWeb`, what `npm run build:web`
 * writes) served by Vite's static preview server: pick a scenario, move a slider, run, pause,
 * step, click a pair and read why its trust moved, download series.csv, events.jsonl and the
 * edited scenario and compare them byte for byte with `npm run simulate` on that scenario, load
 * a bad file and see the command line's messages; no console errors, no request beyond the page's
 * own files. Screenshots at projector and laptop sizes go to out/explorer-screenshots/.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, ROOT, STAMP } from '../../web/build.js';
import { launchChromium } from '../report/chromium.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const SCREENSHOTS = join(ROOT, 'out', 'explorer-screenshots');

let tmp: string;
let site: string;
let url: string;
let stop: () => Promise<void>;
let ctx: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const requests: string[] = [];

/** `npm run simulate` on a file, in `cwd`; returns the run folder. */
function simulate(cwd: string, file: string, args: string[]): { status: number | null; stdout: string; stderr: string; out: string } {
  const out = join(cwd, `run-${args.join('-').replace(/[^a-z0-9.-]+/gi, '_')}`);
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', 'simulate.ts'), file, ...args, '--out', out, '--quiet'], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, out };
}

/** The month the status line shows. */
async function month(p: Page): Promise<number> {
  const text = (await p.locator('#status').textContent()) ?? '';
  const m = /Month (\d+) of|all (\d+) months/.exec(text);
  if (m === null) throw new Error(`no month in the status "${text}"`);
  return Number(m[1] ?? m[2]);
}

/** Clicks a download button and returns the file's name and text. */
async function download(p: Page, button: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button, exact: true }).click()]);
  const path = join(tmp, `download-${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(path);
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

const figure = async (p: Page, side: 0 | 1, label: string) =>
  p.locator(`#side-${side} .figures tr`, { hasText: label }).locator('td').textContent();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-explorer-'));
  site = join(tmp, 'site');
  mkdirSync(SCREENSHOTS, { recursive: true });
  const built = await buildWeb(site);
  expect(built.files).toBeGreaterThan(3);
  const { preview } = await import('vite');
  const server = await preview({
    configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'silent',
    build: { outDir: site }, preview: { port: 4300 + Math.floor(Math.random() * 500), host: '127.0.0.1', strictPort: false, open: false },
  });
  url = server.resolvedUrls!.local[0];
  stop = () => new Promise((done) => server.httpServer.close(() => done()));
  ctx = await launchChromium({ width: 1366, height: 768 });
  page = await ctx.newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  ctx.on('request', (q) => requests.push(q.url()));
  await page.goto(url);
  await page.getByText(/Month 0 of \d+/).waitFor({ timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await ctx?.close();
  await stop?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the explorer in a browser', () => {
  it('is a static folder with its build stamp, and starts on a teaching scenario with both hypotheses at month 0', async () => {
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('Entente explorer');
    expect(JSON.parse(readFileSync(join(site, STAMP), 'utf8')).inputs).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.locator('#side-0-heading').textContent()).toBe('trust-first');
    expect(await page.locator('#side-1-heading').textContent()).toBe('habits-first');
    expect(await page.locator('#trust-chart > svg').count()).toBe(1);
    expect(await page.locator('.matrix > svg').count()).toBe(2);
    expect(await page.locator('.network > svg').count()).toBe(2);
    const options = await page.locator('#scenario option').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(10);
  });

  it('every control is labelled and reachable from the keyboard, with the buttons the seminar names', async () => {
    for (const name of ['Run', 'Pause', 'Step', 'Reset', 'Download series.csv']) {
      await expect(page.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
    }
    const unlabelled = await page.$$eval('input, select, button', (els) => els
      .filter((el) => {
        const e = el as HTMLInputElement;
        const named = (e.labels?.length ?? 0) > 0 || e.getAttribute('aria-label') || (el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '');
        return !named;
      })
      .map((el) => el.outerHTML.slice(0, 80)));
    expect(unlabelled).toEqual([]);
    // Tab from the top: the scenario picker, the file input, the sliders, Run are all reached.
    await page.locator('body').focus();
    const reached = new Set<string>();
    for (let k = 0; k < 40; k++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate(() => document.activeElement?.id ?? ''));
    }
    for (const id of ['scenario', 'file', 'condition-tension', 'seed', 'blend', 'restore', 'run', 'step', 'reset', 'speed']) expect(reached, id).toContain(id);
  });

  it('picks a scenario, moves a slider, runs, pauses and steps; the charts and figures change', async () => {
    await page.locator('#scenario').selectOption('fpda.yaml');
    await expect.poll(() => page.locator('#scenario-name').textContent()).toContain('Five Power');
    await page.getByText(/Month 0 of \d+/).waitFor();
    const tensionBefore = await figure(page, 0, 'Mean tension');
    // The keyboard moves the slider as a student would (each key press is a change).
    await page.locator('#condition-tension').focus();
    for (let k = 0; k < 6; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => figure(page, 0, 'Mean tension')).not.toBe(tensionBefore);
    await expect.poll(() => page.locator('#condition-tension-value').textContent()).not.toContain('as in the scenario');
    await page.getByText(/Month 0 of \d+/).waitFor();
    const chart0 = await page.locator('#trust-chart').innerHTML();
    const matrix0 = await page.locator('#side-0 .matrix').innerHTML();

    await page.locator('#speed').selectOption('36');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => month(page), { timeout: 30_000 }).toBeGreaterThan(12);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.locator('#status').textContent()).toContain('paused');
    const paused = await month(page);
    await page.waitForTimeout(800);
    expect(await month(page)).toBe(paused);
    expect(await page.locator('#trust-chart').innerHTML()).not.toBe(chart0);
    expect(await page.locator('#side-0 .matrix').innerHTML()).not.toBe(matrix0);
    expect(await page.locator('#side-0 .feed li').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => month(page)).toBe(paused + 1);
  });

  it('a click on a matrix cell, or on two states of a network, explains that pair', async () => {
    // Row 1 (the second state) trusting column 0 (the first): FPDA's states in scenario order.
    const states = await page.locator('#observer option').allTextContents();
    const cells = page.locator('#side-0 .matrix svg g[aria-label="cell"]').first().locator('rect');
    const boxes = await cells.evaluateAll((rs) => rs.map((r) => ({ x: Number(r.getAttribute('x')), y: Number(r.getAttribute('y')) })));
    const xs = [...new Set(boxes.map((b) => b.x))].sort((a, b) => a - b), ys = [...new Set(boxes.map((b) => b.y))].sort((a, b) => a - b);
    const k = boxes.findIndex((b) => b.y === ys[1] && b.x === xs[0]);
    await cells.nth(k).click();
    const nameOf = (option: string) => option.replace(/ \([A-Z0-9_-]+\)$/, '');
    await expect.poll(() => page.locator('#explanation-title').textContent()).toContain(`Why ${nameOf(states[1])}'s trust in ${nameOf(states[0])} moved`);
    expect(await page.locator('#explanation-sentences li').count()).toBeGreaterThan(0);
    expect(await page.locator('#waterfall > svg').count()).toBe(1);

    const dots = page.locator('#side-1 .network svg g[aria-label="dot"]').first().locator('circle');
    await dots.nth(0).click();
    await expect.poll(() => page.locator('#network-pick').textContent()).toContain('picked');
    await dots.nth(2).click();
    await expect.poll(() => page.locator('#explanation-title').textContent()).toContain(`Why ${nameOf(states[0])}'s trust in ${nameOf(states[2])} moved`);
    await expect.poll(() => page.locator('#explanation-title').textContent()).toContain('habits-first');
  });

  it('downloads series.csv, events.jsonl and the edited scenario: the same bytes as npm run simulate', async () => {
    const m = await month(page);
    const scenario = await download(page, 'Download the scenario (YAML)');
    expect(scenario.name).toBe('scenario.yaml');
    const file = join(tmp, 'scenario.yaml');
    writeFileSync(file, scenario.text);
    const seed = await page.locator('#seed').inputValue();

    const series = await download(page, 'Download series.csv');
    expect(series.name).toBe('series.csv');
    expect(await page.locator('#command').textContent()).toBe(`npm run simulate -- scenario.yaml --hypothesis trust-first --seed ${seed} --steps ${m}`);
    const cli = simulate(tmp, 'scenario.yaml', ['--hypothesis', 'trust-first', '--seed', seed, '--steps', String(m)]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(series.text).toBe(readFileSync(join(cli.out, 'series.csv'), 'utf8'));

    await page.locator('#download-side').selectOption('1');
    const events = await download(page, 'Download events.jsonl');
    const cli1 = simulate(tmp, 'scenario.yaml', ['--hypothesis', 'habits-first', '--seed', seed, '--steps', String(m)]);
    expect(cli1.status, cli1.stderr).toBe(0);
    expect(events.text.length).toBeGreaterThan(0);
    expect(events.text).toBe(readFileSync(join(cli1.out, 'events.jsonl'), 'utf8'));
    await page.locator('#download-side').selectOption('0');
  });

  it('a bad scenario file gets the command line\'s messages (file, line, column, path) in the page, and the run it had stays', async () => {
    const bad = 'name: Broken\ndescription: a file with mistakes\nteachingNote: none\ncalendar: { start: 2020-01, steps: 12 }\nstates:\n  - id: A\n    receptivity: 2\n  - id: B\n    trustworthines: 0.5\n';
    writeFileSync(join(tmp, 'broken.yaml'), bad);
    const cli = simulate(tmp, 'broken.yaml', []);
    expect(cli.status).toBe(2);
    const expected = cli.stderr.split('\n').filter((l) => l.startsWith('broken.yaml:'));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const before = await page.locator('#scenario-name').textContent();
    await page.locator('#file').setInputFiles({ name: 'broken.yaml', mimeType: 'text/yaml', buffer: Buffer.from(bad) });
    await expect.poll(() => page.locator('#problems li').count()).toBe(expected.length);
    expect(await page.locator('#problems li').allTextContents()).toEqual(expected);
    expect(await page.locator('#scenario-name').textContent()).toBe(before);
    // A good file loads, and clears the problems.
    const good = readFileSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'));
    await page.locator('#file').setInputFiles({ name: 'mine.yaml', mimeType: 'text/yaml', buffer: good });
    await expect.poll(() => page.locator('#problems').textContent()).toBe('');
    await page.getByText(/Month 0 of \d+/).waitFor();
  });

  it('reads on a projector (large type, high contrast) and on a laptop; screenshots saved', async () => {
    await page.locator('#scenario').selectOption('asean-admm.yaml');
    await page.getByText(/Month 0 of 240/).waitFor();
    await page.locator('#speed').selectOption('120');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => month(page), { timeout: 60_000 }).toBeGreaterThan(60);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.screenshot({ path: join(SCREENSHOTS, 'laptop-1366x768.png') });
    await page.screenshot({ path: join(SCREENSHOTS, 'laptop-full.png'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByLabel('Large type (projector)').check();
    const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(size).toBe('22px');
    await page.locator('#results').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'projector-1920x1080.png') });
    await page.getByLabel('High contrast').check();
    const colours = await page.evaluate(() => ({ bg: getComputedStyle(document.documentElement).backgroundColor, ink: getComputedStyle(document.body).color }));
    expect(colours).toEqual({ bg: 'rgb(0, 0, 0)', ink: 'rgb(255, 255, 255)' });
    await page.screenshot({ path: join(SCREENSHOTS, 'projector-high-contrast.png') });
  });

  it('made no console errors and no request beyond its own files', () => {
    expect(consoleErrors).toEqual([]);
    const origin = new URL(url).origin;
    const foreign = requests.filter((r) => !r.startsWith(`${origin}/`) && !r.startsWith('blob:') && !r.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(requests.length).toBeGreaterThan(3);
  });
});
