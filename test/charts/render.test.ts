import { describe, expect, it } from 'vitest';
import * as Plot from '@observablehq/plot';
import { Resvg } from '@resvg/resvg-js';
import { escapeXml, renderSvg, svgSize, type ChartSpec } from '../../src/charts/render.js';
import { renderPng, resvgOptions } from '../../src/charts/png.js';
import { FONT_FAMILY, fontFiles, textWidth, wrapText } from '../../src/charts/font.js';
import { existsSync } from 'node:fs';
import { allText, findAll, parseXml } from './xml.js';

const spec: ChartSpec = {
  id: 'sample',
  title: 'Regional mean trust',
  subtitle: 'A made-up series',
  caption:
    'Mean trust rose from 0.50 to 0.63 over five months. This caption is deliberately long so that it has to wrap onto ' +
    'several lines at the chart width, and every word of it must still be inside the one SVG element that renderSvg returns.',
  legend: [
    { label: 'habits-first', color: '#0072B2', shape: 'line' },
    { label: 'trust-first', color: '#D55E00', shape: 'line' },
  ],
  plot: {
    x: { label: 'month' },
    y: { label: 'trust', domain: [0, 1] },
    marks: [Plot.lineY([0.5, 0.55, 0.6, 0.58, 0.63], { stroke: '#0072B2' }), Plot.lineY([0.5, 0.6, 0.65, 0.7, 0.72], { stroke: '#D55E00' })],
  },
};

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngSize = (png: Uint8Array) => {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
};

describe('renderSvg', () => {
  it('returns one well-formed <svg> with title, subtitle, legend and caption inside it', () => {
    const svg = renderSvg(spec);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    // Plot's chart is nested inside the root, not next to it.
    expect(findAll(root, 'svg').length).toBe(2);
    const text = allText(root);
    expect(text).toContain('Regional mean trust');
    expect(text).toContain('A made-up series');
    expect(text).toContain('habits-first');
    expect(text).toContain('trust-first');
    // The caption is wrapped onto several <text> lines that together give the whole caption.
    const kids = root.children.filter((c) => typeof c !== 'string') as Exclude<(typeof root.children)[number], string>[];
    const plotAt = kids.findIndex((c) => c.name === 'svg');
    const caption = kids.slice(plotAt + 1).filter((c) => c.name === 'text').map((t) => t.children.join(''));
    expect(caption.length).toBeGreaterThan(1);
    expect(caption.join(' ')).toBe(spec.caption);
    // Axis labels from Plot are there too.
    expect(text.some((t) => t.includes('month'))).toBe(true);
    // Accessible name and description.
    expect(findAll(root, 'title')[0].children.join('')).toBe(spec.title);
    expect(findAll(root, 'desc')[0].children.join('')).toBe(spec.caption);
  });

  it('uses the bundled font family everywhere and keeps no CSS or classes from Plot', () => {
    const svg = renderSvg(spec);
    expect(svg).toContain(`font-family="${FONT_FAMILY}"`);
    expect(svg).not.toContain('system-ui');
    expect(svg).not.toContain('<style');
    expect(svg).not.toContain('class=');
  });

  it('gives the same bytes on two calls (ids are renumbered per chart)', () => {
    expect(renderSvg(spec)).toBe(renderSvg(spec));
    expect(renderSvg({ ...spec, id: 'other' })).not.toContain('sample-');
  });

  it('escapes every string from the spec, so data cannot inject markup', () => {
    const evil = '<script>alert(1)</script> & "quotes"';
    const svg = renderSvg({
      ...spec, id: evil, title: evil, subtitle: evil, caption: evil,
      legend: [{ label: evil, color: '"/><script>alert(2)</script>' }],
      plot: { marks: [Plot.text([evil], { x: 0, y: 0, text: (d: string) => d, title: (d: string) => d })] },
    });
    expect(svg).not.toMatch(/<script/i);
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    const root = parseXml(svg);
    expect(allText(root).filter((t) => t === evil).length).toBeGreaterThanOrEqual(4);
  });

  it('grows the page rather than squash the plot when the caption is long', () => {
    const long = renderSvg({ ...spec, caption: `${spec.caption} `.repeat(12) });
    expect(svgSize(long).height).toBeGreaterThan(540);
    expect(svgSize(renderSvg(spec))).toEqual({ width: 960, height: 540 });
  });

  it('makes the plot area square when asked', () => {
    const svg = renderSvg({ ...spec, squarePlot: true, plot: { marginTop: 20, marginBottom: 20, x: { axis: null }, y: { axis: null }, marks: [Plot.frame()] } });
    const frame = findAll(findAll(parseXml(svg), 'svg')[1], 'rect')[0];
    expect(Number(frame.attrs.width)).toBeCloseTo(Number(frame.attrs.height), 0);
    expect(Number(frame.attrs.height)).toBeGreaterThan(200);
  });
});

describe('renderPng', () => {
  it('returns a PNG of the SVG size times the scale, the same bytes on two calls', () => {
    const svg = renderSvg(spec);
    const a = renderPng(svg);
    const b = renderPng(svg);
    expect([...a.slice(0, 8)]).toEqual(PNG_MAGIC);
    expect(pngSize(a)).toEqual({ width: 1920, height: 1080 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(pngSize(renderPng(svg, { scale: 1 }))).toEqual({ width: 960, height: 540 });
  });

  it('draws text with the bundled DejaVu Sans (no system fonts)', () => {
    for (const f of fontFiles()) expect(existsSync(f)).toBe(true);
    const textOnly = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="30" font-size="24" font-family="DejaVu Sans">Entente</text></svg>';
    const pixels = new Resvg(textOnly, resvgOptions(1)).render().pixels;
    let ink = 0;
    for (let k = 0; k < pixels.length; k += 4) if (pixels[k] < 128) ink++;
    expect(ink).toBeGreaterThan(100);
    // The glyphs cover about the width the font metrics predict.
    const bbox = new Resvg(textOnly, resvgOptions(1)).getBBox();
    expect(bbox).toBeDefined();
    expect(Math.abs(bbox!.width - textWidth('Entente', 24))).toBeLessThan(6);
  });
});

describe('font metrics and wrapping', () => {
  it('measures from the TTF: wider strings are wider, bold is wider than regular', () => {
    expect(textWidth('WWW', 16)).toBeGreaterThan(textWidth('iii', 16));
    expect(textWidth('Trust', 16, true)).toBeGreaterThan(textWidth('Trust', 16));
    expect(textWidth('abc', 32)).toBeCloseTo(2 * textWidth('abc', 16), 6);
  });

  it('wraps at spaces within the width and cuts a word longer than a line', () => {
    const lines = wrapText('one two three four five six seven eight nine ten', 120, 16);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(textWidth(l, 16)).toBeLessThanOrEqual(120);
    expect(lines.join(' ')).toBe('one two three four five six seven eight nine ten');
    const cut = wrapText('x'.repeat(100), 100, 16);
    expect(cut.join('')).toBe('x'.repeat(100));
    for (const l of cut) expect(textWidth(l, 16)).toBeLessThanOrEqual(100);
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('geometry far outside the chart', () => {
  it('is clamped, so a point a billion pixels away neither crashes resvg nor shows', () => {
    const far: ChartSpec = {
      id: 'far', title: 'Far', caption: 'A point far outside the x domain.',
      plot: { x: { domain: [0, 1] }, marks: [Plot.dot([{ x: -7e8 }, { x: 0.5 }], { x: 'x', r: 6 })] },
    };
    const svg = renderSvg(far);
    const xs = [...svg.matchAll(/cx="(-?[\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xs.length).toBe(2);
    expect(Math.min(...xs)).toBe(-1e6);
    const png = renderPng(svg);
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  });
});
