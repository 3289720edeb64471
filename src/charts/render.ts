/**
 * Chart specifications to standalone SVG and PNG.
 *
 * A chart is a {@link ChartSpec}: Observable Plot options for the plot itself, and a title,
 * subtitle, legend and caption that this module draws as SVG around Plot's chart (Plot would put
 * them in an HTML `<figure>`, which neither a PNG renderer nor a paper's figure can use). The
 * result is one `<svg>` element, well-formed XML, with every string taken from data escaped.
 * Plot runs in Node on linkedom's DOM; PNGs are drawn by resvg with the DejaVu Sans files of the
 * `dejavu-fonts-ttf` package only, so the same chart gives the same PNG bytes on every machine.
 */
import * as Plot from '@observablehq/plot';
import { FONT_FAMILY } from './font.js';
import { layout, plotOptions, type LayoutOptions } from './layout.js';
import { INK, TYPE } from './palette.js';
import { findPlotSvg, serialise, type DomNode } from './plot-svg.js';
import { PAD, type ChartSpec } from './spec.js';
import { escapeXml, fmt, idStem } from './svg-text.js';

export type { ChartSpec, ColorBar, LegendItem } from './spec.js';
export { DEFAULT_HEIGHT, DEFAULT_WIDTH, SLIDE_RATIO } from './spec.js';
export type { LayoutOptions } from './layout.js';
export { escapeXml } from './svg-text.js';

/** Lines of text, one <text> each, `lineHeight` apart from baseline `y`. */
function textLines(lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string): string {
  return lines
    .map((line, k) => `<text x="${fmt(x)}" y="${fmt(y + k * lineHeight)}" font-size="${size}"${attrs}>${escapeXml(line)}</text>`)
    .join('\n');
}

/**
 * One standalone SVG document: a white page with the title, subtitle, legend, Plot's chart, its
 * footnotes and the caption (wrapped), in DejaVu Sans. Well-formed XML; every string from the
 * spec is escaped. With `slide`, the page is 16:9 and has no caption paragraph (the caption stays
 * in the SVG's `<desc>`, for screen readers).
 */
export function renderSvg(spec: ChartSpec, opts: LayoutOptions = {}): string {
  const L = layout(spec, opts);
  const stem = idStem(spec.id);
  const figure = Plot.plot(plotOptions(spec, L.width, L.plotH)) as unknown as DomNode;
  const chart = serialise(findPlotSvg(figure), stem, {
    x: '0',
    y: String(L.headerH),
    width: String(L.width),
    height: String(L.plotH),
    'font-family': FONT_FAMILY,
    'font-size': String(spec.fontSize ?? TYPE.axis),
    color: INK.axis,
  });

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}"` +
      ` font-family="${FONT_FAMILY}" fill="${INK.text}" role="img" aria-labelledby="${stem}-title ${stem}-desc">`,
  );
  parts.push(`<title id="${stem}-title">${escapeXml(spec.title)}</title>`);
  parts.push(`<desc id="${stem}-desc">${escapeXml(spec.caption)}</desc>`);
  parts.push(`<rect width="${L.width}" height="${L.height}" fill="${INK.background}"/>`);
  let y = PAD + TYPE.title * 0.8;
  parts.push(textLines(L.titleLines, PAD, y, TYPE.title, TYPE.title + 6, ` font-weight="bold" fill="${INK.text}"`));
  y = PAD + L.titleH;
  if (L.subtitleLines.length > 0) {
    parts.push(textLines(L.subtitleLines, PAD, y + 4 + TYPE.subtitle * 0.8, TYPE.subtitle, TYPE.subtitle + 6, ` fill="${INK.muted}"`));
    y += 4 + L.subtitleH;
  }
  if (L.legend) parts.push(L.legend.draw(y + 10));
  parts.push(chart);
  if (L.footnotes) parts.push(L.footnotes.draw(L.headerH + L.plotH));
  const cy = L.headerH + L.plotH + L.footH + 12 + TYPE.caption * 0.8;
  if (L.captionLines.length > 0) parts.push(textLines(L.captionLines, PAD, cy, TYPE.caption, TYPE.caption + 7, ` fill="${INK.text}"`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** The size an SVG from {@link renderSvg} declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('not an SVG from renderSvg: no width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}
