/**
 * Slides: every chart a report draws is also written as a 16:9 PNG and SVG without its caption,
 * `slides/<scenario file>--<chart>.png` in the charts folder, as part of the report's result.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/index.js';
import { makeExperiment, makeRun, ROOT, TINY_EXPERIMENT } from './fixtures.js';

const pngSize = (file: string) => {
  const b = readFileSync(file);
  expect([...b.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

let tmp: string, run: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-slides-'));
  run = makeRun(join(tmp, 'run'), join(ROOT, 'scenarios/minimal-pair.yaml'), { steps: '24' });
}, 120_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('slides', () => {
  it('npm run report on a run folder writes a 16:9 slide of every chart, named by scenario and chart', async () => {
    await makeReport(run);
    const charts = join(run, 'charts');
    const ids = readdirSync(charts).filter((n) => n.endsWith('.png')).map((n) => n.replace(/\.png$/, '')).sort();
    expect(ids).toContain('trust-over-time');
    const slides = readdirSync(join(charts, 'slides')).sort();
    expect(slides).toEqual(ids.flatMap((id) => [`minimal-pair--${id}.png`, `minimal-pair--${id}.svg`]).sort());
    expect(slides).toContain('minimal-pair--trust-over-time.png');
    for (const id of ids) {
      const { width, height } = pngSize(join(charts, 'slides', `minimal-pair--${id}.png`));
      expect(width * 9, id).toBe(height * 16);
      expect([width, height]).toEqual([1920, 1080]);
      // No caption paragraph: the figure's caption text is in the figure, not on the slide.
      const svg = readFileSync(join(charts, 'slides', `minimal-pair--${id}.svg`), 'utf8');
      const figure = readFileSync(join(charts, `${id}.svg`), 'utf8');
      const firstCaptionWords = /<desc[^>]*>([^<]{0,40})/.exec(figure)![1].split(' ').slice(0, 4).join(' ');
      expect(figure.split(firstCaptionWords).length, id).toBeGreaterThan(2); // in <desc> and drawn
      expect(svg.split(firstCaptionWords).length, id).toBe(2); // in <desc> only
    }
    // Part of the report's result in the ledger.
    const ledger = JSON.parse(readFileSync(join(run, '.entente.json'), 'utf8')) as { entries: { writer: string; files: string[] }[] };
    const files = ledger.entries.find((e) => e.writer === 'report')!.files;
    expect(files).toContain('charts/slides/minimal-pair--timeline.png');
  }, 120_000);

  it('the same report again keeps the user\'s own file in the slides folder', async () => {
    writeFileSync(join(run, 'charts', 'slides', 'my-title-slide.png'), 'mine');
    await makeReport(run);
    expect(readFileSync(join(run, 'charts', 'slides', 'my-title-slide.png'), 'utf8')).toBe('mine');
    expect(existsSync(join(run, 'charts', 'slides', 'minimal-pair--timeline.png'))).toBe(true);
  }, 120_000);

  it('an experiment report names its slides by the experiment folder', async () => {
    const file = join(tmp, 'tiny.yaml');
    mkdirSync(join(tmp, 'exps'), { recursive: true });
    const exp = await makeExperiment(join(tmp, 'exps', 'tiny-experiment'), file, TINY_EXPERIMENT);
    await makeReport(exp);
    const slides = readdirSync(join(exp, 'charts', 'slides'));
    expect(slides.length).toBeGreaterThan(0);
    expect(slides.every((n) => n.startsWith('tiny-experiment--'))).toBe(true);
    const png = slides.find((n) => n.endsWith('.png'))!;
    expect(pngSize(join(exp, 'charts', 'slides', png))).toEqual({ width: 1920, height: 1080 });
  }, 240_000);
});
