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
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import { FONT_FAMILY, fontFiles, textWidth, truncateText, wrapText } from './font.js';
import { INK, TYPE } from './palette.js';
import { escapeMarkup } from '../text/escape.js';

/** A continuous colour legend (a ramp with ticks), drawn with the legend. */
export interface ColorBar {
  label: string;
  /** Values at the two ends of the ramp. */
  domain: [number, number];
  /** Evenly spaced colours from domain[0] to domain[1]. */
  colors: readonly string[];
  /** Tick values to label (default: the two ends and the middle). */
  ticks?: number[];
  /** Tick label format (default: up to two decimals). */
  format?: (v: number) => string;
}

export interface ChartSpec {
  /** File-name stem, e.g. "trust-over-time"; also prefixes the ids inside the SVG. */
  id: string;
  title: string;
  subtitle?: string;
  /** What the chart shows, in words computed from the data. */
  caption: string;
  /** Categorical legend: a swatch and a label per entry. */
  legend?: { label: string; color: string; shape?: 'square' | 'line' | 'dashed' | 'circle' | 'outline' }[];
  /** Continuous legend. */
  colorBar?: ColorBar;
  /** Total width in px (default 960). */
  width?: number;
  /** Target total height in px (default 540); the plot shrinks to fit title and caption, but not below 260 px. */
  height?: number;
  /**
   * Widen the left and right margins so the plotting area is square (for layouts such as a
   * network on a circle, where x and y are the same unit).
   */
  squarePlot?: boolean;
  /** Type size of Plot's axes and marks' text in px (default 15). */
  fontSize?: number;
  /** Marks, scales and axes; no title, subtitle, caption or legend here. */
  plot: Plot.PlotOptions;
}

export const DEFAULT_WIDTH = 960;
export const DEFAULT_HEIGHT = 540;
const MIN_PLOT_HEIGHT = 260;
const PAD = 24;

/** Escapes text for XML character data and attribute values: the one escaping of markup (src/text/escape.ts), shared with the report's HTML. */
export const escapeXml = escapeMarkup;

/** A safe id stem: letters, digits and dashes. */
function idStem(id: string): string {
  const s = id.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'chart' : /^[A-Za-z]/.test(s) ? s : `c-${s}`;
}

/**
 * Geometry far outside any chart is clamped: such a point is invisible either way, and resvg
 * aborts the whole process on coordinates near its numeric limits.
 */
const FAR = 1e6;
const fmt = (v: number): string => {
  const r = Math.round(Math.min(FAR, Math.max(-FAR, v)) * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Attributes whose numbers are rounded to 0.01 px (keeps files small and snapshots stable). */
const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'points', 'viewBox', 'dx', 'dy']);
const roundNumbers = (s: string): string => s.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?/g, (m) => fmt(Number(m)));

// --- Plot on linkedom, serialised as XML ---------------------------------------------------

interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

let dom: { document: Document } | null = null;
function plotDocument(): Document {
  if (dom === null) dom = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as { document: Document };
  return dom.document;
}

/** Plot's chart element: the last <svg> of a figure, or the element itself. */
function findPlotSvg(el: DomNode): DomNode {
  if (el.nodeName.toLowerCase() === 'svg') return el;
  let found: DomNode | null = null;
  const walk = (n: DomNode) => {
    if (n.nodeType !== 1) return;
    if (n.nodeName.toLowerCase() === 'svg') found = n;
    else for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]);
  };
  walk(el);
  if (found === null) throw new Error('Plot produced no <svg>');
  return found;
}

/** Serialises an SVG subtree as XML: drops <style> and class, renames ids under `stem`, rounds geometry. */
function serialise(root: DomNode, stem: string, overrides: Record<string, string>): string {
  const ids = new Map<string, string>();
  const collect = (n: DomNode) => {
    if (n.nodeType !== 1) return;
    for (let i = 0; i < (n.attributes?.length ?? 0); i++) {
      const a = n.attributes![i];
      if (a.name === 'id' && !ids.has(a.value)) ids.set(a.value, `${stem}-p${ids.size + 1}`);
    }
    for (let i = 0; i < n.childNodes.length; i++) collect(n.childNodes[i]);
  };
  collect(root);
  const remap = (value: string): string =>
    value.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));

  const out: string[] = [];
  const write = (n: DomNode, isRoot: boolean) => {
    if (n.nodeType === 3) {
      out.push(escapeXml(n.textContent ?? ''));
      return;
    }
    if (n.nodeType !== 1) return;
    const tag = n.localName ?? n.nodeName.toLowerCase(); // localName keeps SVG's camelCase (clipPath)
    if (tag.toLowerCase() === 'style') return;
    const attrs: [string, string][] = [];
    for (let i = 0; i < (n.attributes?.length ?? 0); i++) {
      const { name, value } = n.attributes![i];
      if (name === 'class' || name === 'style' || name.startsWith('on')) continue;
      if (isRoot && name in overrides) continue;
      let v = value;
      if (name === 'id') v = ids.get(value) ?? value;
      else if (name === 'href' || name === 'xlink:href') v = value.startsWith('#') && ids.has(value.slice(1)) ? `#${ids.get(value.slice(1))}` : value;
      else v = remap(v);
      if (GEOMETRY.has(name)) v = roundNumbers(v);
      attrs.push([name, v]);
    }
    if (isRoot) for (const [k, v] of Object.entries(overrides)) attrs.push([k, v]);
    out.push(`<${tag}`);
    for (const [k, v] of attrs) out.push(` ${k}="${escapeXml(v)}"`);
    if (n.childNodes.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    // One element per line (easier to review in diffs), except inside text, where a line break would be a space.
    const inText = tag === 'text' || tag === 'tspan' || tag === 'title';
    for (let i = 0; i < n.childNodes.length; i++) {
      const child = n.childNodes[i];
      if (!inText && child.nodeType === 1) out.push('\n');
      write(child, false);
    }
    if (!inText) out.push('\n');
    out.push(`</${tag}>`);
  };
  write(root, true);
  return out.join('');
}

// --- Header, legend and caption ------------------------------------------------------------

function textLines(lines: string[], x: number, y: number, size: number, lineHeight: number, attrs: string): string {
  return lines
    .map((line, k) => `<text x="${fmt(x)}" y="${fmt(y + k * lineHeight)}" font-size="${size}"${attrs}>${escapeXml(line)}</text>`)
    .join('\n');
}

interface Block { height: number; draw: (y: number) => string }

function legendBlock(spec: ChartSpec, width: number): Block | null {
  const items = spec.legend ?? [];
  const bar = spec.colorBar;
  if (items.length === 0 && bar === undefined) return null;
  const size = TYPE.legend;
  const rowH = size + 12;
  const maxLabel = width - 2 * PAD - 40;
  // Flow the categorical items into rows.
  const placed: { x: number; row: number; label: string; color: string; shape: string }[] = [];
  let x = PAD;
  let row = 0;
  for (const item of items) {
    const label = truncateText(item.label, maxLabel, size);
    const w = 22 + 8 + textWidth(label, size) + 22;
    if (x > PAD && x + w - 22 > width - PAD) {
      row++;
      x = PAD;
    }
    placed.push({ x, row, label, color: item.color, shape: item.shape ?? 'square' });
    x += w;
  }
  const catRows = items.length === 0 ? 0 : row + 1;
  const barH = bar === undefined ? 0 : size + 14 + 6 + size + 4;
  const height = catRows * rowH + (catRows > 0 && bar ? 8 : 0) + barH;
  return {
    height,
    draw: (y0: number) => {
      const parts: string[] = ['<g aria-label="legend">'];
      for (const p of placed) {
        const cy = y0 + p.row * rowH + rowH / 2 - 2;
        const color = escapeXml(p.color);
        if (p.shape === 'line' || p.shape === 'dashed') {
          parts.push(`<line x1="${fmt(p.x)}" x2="${fmt(p.x + 22)}" y1="${fmt(cy)}" y2="${fmt(cy)}" stroke="${color}" stroke-width="3.5"${p.shape === 'dashed' ? ' stroke-dasharray="6,4"' : ''}/>`);
        } else if (p.shape === 'circle') {
          parts.push(`<circle cx="${fmt(p.x + 11)}" cy="${fmt(cy)}" r="7" fill="${color}" stroke="${INK.axis}" stroke-width="0.5"/>`);
        } else if (p.shape === 'outline') {
          parts.push(`<rect x="${fmt(p.x + 3)}" y="${fmt(cy - 7)}" width="16" height="14" fill="none" stroke="${color}" stroke-width="3"/>`);
        } else {
          parts.push(`<rect x="${fmt(p.x + 2)}" y="${fmt(cy - 8)}" width="18" height="16" fill="${color}" stroke="${INK.axis}" stroke-width="0.5"/>`);
        }
        parts.push(`<text x="${fmt(p.x + 30)}" y="${fmt(cy + size * 0.35)}" font-size="${size}" fill="${INK.text}">${escapeXml(p.label)}</text>`);
      }
      if (bar !== undefined) {
        const by = y0 + catRows * rowH + (catRows > 0 ? 8 : 0);
        const labelW = textWidth(bar.label, size);
        const rampX = PAD + labelW + 16;
        const rampW = Math.min(320, Math.max(160, width - rampX - PAD - 20));
        const gid = `${idStem(spec.id)}-ramp`;
        const stops = bar.colors
          .map((c, k) => `<stop offset="${fmt((k / Math.max(1, bar.colors.length - 1)) * 100)}%" stop-color="${escapeXml(c)}"/>`)
          .join('');
        parts.push(`<defs><linearGradient id="${gid}" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>`);
        parts.push(`<text x="${PAD}" y="${fmt(by + 14)}" font-size="${size}" fill="${INK.text}">${escapeXml(bar.label)}</text>`);
        parts.push(`<rect x="${fmt(rampX)}" y="${fmt(by)}" width="${fmt(rampW)}" height="16" fill="url(#${gid})" stroke="${INK.axis}" stroke-width="0.5"/>`);
        const [d0, d1] = bar.domain;
        const ticks = bar.ticks ?? [d0, (d0 + d1) / 2, d1];
        const f = bar.format ?? ((v: number) => String(Math.round(v * 100) / 100));
        for (const t of ticks) {
          const tx = rampX + ((t - d0) / (d1 - d0 || 1)) * rampW;
          parts.push(`<line x1="${fmt(tx)}" x2="${fmt(tx)}" y1="${fmt(by + 16)}" y2="${fmt(by + 21)}" stroke="${INK.axis}"/>`);
          parts.push(`<text x="${fmt(tx)}" y="${fmt(by + 21 + size)}" font-size="${size - 1}" text-anchor="middle" fill="${INK.text}">${escapeXml(f(t))}</text>`);
        }
      }
      parts.push('</g>');
      return parts.join('\n');
    },
  };
}

/** Default Plot options sized for projection; the spec's own options win. */
function plotOptions(spec: ChartSpec, width: number, height: number): Plot.PlotOptions {
  const square: Partial<Plot.PlotOptions> = {};
  if (spec.squarePlot) {
    const top = spec.plot.marginTop ?? spec.plot.margin ?? 20;
    const bottom = spec.plot.marginBottom ?? spec.plot.margin ?? 20;
    const side = Math.max(0, (width - (height - top - bottom)) / 2);
    square.marginLeft = side;
    square.marginRight = side;
  }
  return {
    marginTop: 34,
    marginRight: 40,
    marginBottom: 52,
    marginLeft: 70,
    ...spec.plot,
    ...square,
    width,
    height,
    title: undefined,
    subtitle: undefined,
    caption: undefined,
    document: plotDocument(),
  } as Plot.PlotOptions;
}

/** Layout of a chart: its blocks and the plot's height. */
function layout(spec: ChartSpec) {
  const width = spec.width ?? DEFAULT_WIDTH;
  const target = spec.height ?? DEFAULT_HEIGHT;
  const inner = width - 2 * PAD;
  const titleLines = wrapText(spec.title, inner, TYPE.title, true);
  const subtitleLines = spec.subtitle ? wrapText(spec.subtitle, inner, TYPE.subtitle) : [];
  const captionLines = wrapText(spec.caption, inner, TYPE.caption);
  const titleH = titleLines.length * (TYPE.title + 6);
  const subtitleH = subtitleLines.length * (TYPE.subtitle + 6);
  const legend = legendBlock(spec, width);
  const headerH = PAD + titleH + (subtitleH > 0 ? 4 + subtitleH : 0) + (legend ? 10 + legend.height : 0) + 8;
  const captionH = 12 + captionLines.length * (TYPE.caption + 7) + PAD - 6;
  const plotH = Math.max(MIN_PLOT_HEIGHT, Math.round(target - headerH - captionH));
  return { width, inner, titleLines, subtitleLines, captionLines, titleH, subtitleH, legend, headerH, captionH, plotH, height: headerH + plotH + captionH };
}

/**
 * One standalone SVG document: a white page with the title, subtitle, legend, Plot's chart and
 * the caption (wrapped), in DejaVu Sans. Well-formed XML; every string from the spec is escaped.
 */
export function renderSvg(spec: ChartSpec): string {
  const L = layout(spec);
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
  const cy = L.headerH + L.plotH + 12 + TYPE.caption * 0.8;
  parts.push(textLines(L.captionLines, PAD, cy, TYPE.caption, TYPE.caption + 7, ` fill="${INK.text}"`));
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

/** The size an SVG from {@link renderSvg} declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"/.exec(svg);
  if (!m) throw new Error('not an SVG from renderSvg: no width and height');
  return { width: Number(m[1]), height: Number(m[2]) };
}

/**
 * A PNG of an SVG, drawn by resvg with DejaVu Sans only (no system fonts), on white.
 * `scale` multiplies the pixel size (default 2, sharp on projectors and in print).
 */
export function renderPng(svg: string, opts: { scale?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, resvgOptions(opts.scale ?? 2));
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** The resvg options of {@link renderPng}: DejaVu Sans only, white background, zoom `scale`. */
export function resvgOptions(scale = 2): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: INK.background,
    font: {
      loadSystemFonts: false,
      fontFiles: fontFiles(),
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
      monospaceFamily: FONT_FAMILY,
      defaultFontSize: TYPE.label,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  };
}
