/** Legends that match what they stand for and never cut a label; a pair chart's caption about the lines it draws only. */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/font.js';
import { renderSvg } from '../../src/charts/render.js';
import { pairTrustChart, trendFromSteps, trustOverTimeChart } from '../../src/charts/trust-over-time.js';
import { aseanRun, aseanSteps } from './fixtures.js';
import { findAll, parseXml, type XmlNode } from './xml.js';

/** Elements named `name` outside Plot's nested <svg> (the page's own text: title, legend, notes, caption). */
function pageElements(root: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (typeof c === 'string' || c.name === 'svg') continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}
const text = (n: XmlNode) => n.children.filter((c): c is string => typeof c === 'string').join('');

describe('trust over time legend', () => {
  it('shows the bands in their own colours: the swatch fills and opacity are the bands\' fills', () => {
    const spec = trustOverTimeChart(trendFromSteps(aseanSteps()), { bandLabel: '95% confidence interval of the mean' });
    const root = parseXml(renderSvg(spec));
    const areas = findAll(root, 'g').filter((g) => g.attrs['aria-label'] === 'area');
    const bandFills = areas.map((g) => `${g.attrs.fill} ${g.attrs['fill-opacity']}`);
    expect(bandFills.length).toBe(2);
    const legend = findAll(root, 'g').find((g) => g.attrs['aria-label'] === 'legend')!;
    const swatches = findAll(legend, 'rect').filter((r) => r.attrs['fill-opacity'] !== undefined).map((r) => `${r.attrs.fill} ${r.attrs['fill-opacity']}`);
    expect(swatches.sort()).toEqual([...bandFills].sort());
    expect(bandFills.some((f) => f.startsWith('#BBBBBB'))).toBe(false);
  });

  it('wraps a long scenario name instead of cutting it: every word is there and no line is wider than the chart', () => {
    const long = 'ASEAN, the ADMM and the ADMM-Plus, 2006-2025, with every dialogue partner, every track-two meeting and every exercise the region held in those twenty years';
    const rows = trendFromSteps(aseanSteps()).map((r) => ({ ...r, series: r.series === 'habits-first' ? long : `${long} (trust-first)` }));
    const spec = trustOverTimeChart(rows, { subtitle: long, bandLabel: 'band' });
    const svg = renderSvg(spec);
    const root = parseXml(svg);
    const width = Number(root.attrs.width);
    const texts = pageElements(root, 'text');
    for (const t of texts) {
      const size = Number(t.attrs['font-size']);
      const w = textWidth(text(t), size, t.attrs['font-weight'] === 'bold');
      const anchor = t.attrs['text-anchor'] ?? 'start';
      const x0 = Number(t.attrs.x) - (anchor === 'middle' ? w / 2 : anchor === 'end' ? w : 0);
      expect(x0, text(t)).toBeGreaterThanOrEqual(0);
      expect(x0 + w, text(t)).toBeLessThanOrEqual(width);
    }
    const legend = findAll(root, 'g').find((g) => g.attrs['aria-label'] === 'legend')!;
    const legendText = findAll(legend, 'text').map(text).join(' ');
    expect(legendText).toContain(long);
    expect(legendText).not.toContain('…');
  });
});

describe('pair chart caption', () => {
  const run = aseanRun();
  /** Every pair the caption names, as "A B" (from "A's trust in B" and "A → B"). */
  const named = (caption: string) => new Set([...caption.matchAll(/\b([A-Z]{3})'s trust in ([A-Z]{3})\b/g), ...caption.matchAll(/\b([A-Z]{3}) → ([A-Z]{3})\b/g)].map((m) => `${m[1]} ${m[2]}`));

  it('names only the pairs whose lines are drawn (chosen pairs)', () => {
    const pairs: [string, string][] = [['PHL', 'CHN'], ['USA', 'AUS']];
    const spec = pairTrustChart(run.pairs, { pairs });
    const drawn = new Set(pairs.map(([a, b]) => `${a} ${b}`));
    expect(named(spec.caption).size).toBeGreaterThan(0);
    for (const p of named(spec.caption)) expect(drawn.has(p), p).toBe(true);
    expect(spec.caption).not.toMatch(/Of the \d+ directed pairs/);
  });

  it('names only the pairs whose lines are drawn (the pairs that moved most)', () => {
    const spec = pairTrustChart(run.pairs, { top: 4 });
    const drawn = new Set(spec.legend!.map((l) => l.label.replace(/ \(.*\)$/, '').replace(' → ', ' ')));
    expect(drawn.size).toBe(4);
    for (const p of named(spec.caption)) expect(drawn.has(p), p).toBe(true);
  });
});
