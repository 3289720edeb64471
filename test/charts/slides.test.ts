/** Slide layout: every chart as a 16:9 page without its caption paragraph, footnotes kept. */
import { describe, expect, it } from 'vitest';
import { renderSvg, svgSize } from '../../src/charts/render.js';
import { renderPng } from '../../src/charts/png.js';
import { allCharts } from './fixtures.js';
import { allText, parseXml } from './xml.js';

describe('slides', () => {
  const specs = allCharts();
  it.each(specs.map((s) => [s.id, s] as const))('%s is 16:9, without the caption paragraph', (_id, spec) => {
    const svg = renderSvg(spec, { slide: true });
    const { width, height } = svgSize(svg);
    expect(width * 9).toBe(height * 16);
    expect(width).toBeGreaterThanOrEqual(960);
    const drawn = allText(parseXml(svg)).slice(2); // after <title> and <desc>
    const figureLines = allText(parseXml(renderSvg(spec))).slice(2);
    const captionStart = spec.caption.split(' ').slice(0, 5).join(' ');
    expect(figureLines.some((t) => t.startsWith(captionStart))).toBe(true);
    expect(drawn.some((t) => t.startsWith(captionStart))).toBe(false);
    for (const note of spec.footnotes ?? []) expect(drawn.join('\n')).toContain(note.split(' ').slice(0, 3).join(' '));
  });

  it('draws a PNG of twice its size, still 16:9', () => {
    const png = renderPng(renderSvg(specs[0], { slide: true }));
    const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(v.getUint32(16) * 9).toBe(v.getUint32(20) * 16);
    expect(v.getUint32(16)).toBe(1920);
  });
});
