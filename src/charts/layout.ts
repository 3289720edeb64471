/**
 * Layout of a chart page: title, subtitle and legend above, footnotes and caption below, and the
 * height left for Plot's chart, with the default Plot options sized for projection. A slide has
 * no caption paragraph and is exactly 16:9: as large as the chart's own width and target height
 * ask, larger when its blocks leave the plot less than its minimum height.
 */
import type * as Plot from '@observablehq/plot';
import { wrapText } from './font.js';
import { legendBlock, type Block } from './legend.js';
import { INK, TYPE } from './palette.js';
import { plotDocument } from './plot-svg.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_PLOT_HEIGHT, PAD, SLIDE_RATIO, type ChartSpec } from './spec.js';
import { escapeXml, fmt } from './svg-text.js';

/** Default Plot options sized for projection; the spec's own options win. */
export function plotOptions(spec: ChartSpec, width: number, height: number): Plot.PlotOptions {
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

/** Line height of footnotes. */
const FOOT_LINE = TYPE.label + 5;

/** The footnotes of a chart `width` px wide: one column, or two when there are four or more. */
export function footnoteBlock(notes: readonly string[], width: number): Block | null {
  if (notes.length === 0) return null;
  const inner = width - 2 * PAD;
  const cols = notes.length >= 4 ? 2 : 1;
  const gap = 24;
  const colW = (inner - gap * (cols - 1)) / cols;
  const wrapped = notes.map((n) => wrapText(n, colW, TYPE.label));
  const perCol = Math.ceil(notes.length / cols);
  const columns = Array.from({ length: cols }, (_, c) => wrapped.slice(c * perCol, (c + 1) * perCol).flat());
  const height = 10 + Math.max(...columns.map((c) => c.length)) * FOOT_LINE;
  return {
    height,
    draw: (y0: number) => {
      const parts = ['<g aria-label="notes">'];
      columns.forEach((lines, c) => lines.forEach((line, k) => {
        parts.push(`<text x="${fmt(PAD + c * (colW + gap))}" y="${fmt(y0 + 10 + TYPE.label * 0.8 + k * FOOT_LINE)}" font-size="${TYPE.label}" fill="${INK.text}">${escapeXml(line)}</text>`);
      }));
      parts.push('</g>');
      return parts.join('\n');
    },
  };
}

/** The blocks of a chart page `width` px wide, without the caption. */
function blocks(spec: ChartSpec, width: number) {
  const inner = width - 2 * PAD;
  const titleLines = wrapText(spec.title, inner, TYPE.title, true);
  const subtitleLines = spec.subtitle ? wrapText(spec.subtitle, inner, TYPE.subtitle) : [];
  const titleH = titleLines.length * (TYPE.title + 6);
  const subtitleH = subtitleLines.length * (TYPE.subtitle + 6);
  const legend = legendBlock(spec, width);
  const footnotes = footnoteBlock(spec.footnotes ?? [], width);
  const headerH = PAD + titleH + (subtitleH > 0 ? 4 + subtitleH : 0) + (legend ? 10 + legend.height : 0) + 8;
  return { width, inner, titleLines, subtitleLines, titleH, subtitleH, legend, footnotes, headerH, footH: footnotes?.height ?? 0 };
}

/** What a page is drawn as: a figure with its caption (default), or a 16:9 slide without it. */
export interface LayoutOptions { slide?: boolean }

/** Layout of a chart: its blocks and the plot's height. */
export function layout(spec: ChartSpec, opts: LayoutOptions = {}) {
  const target = spec.height ?? DEFAULT_HEIGHT;
  if (opts.slide) {
    const [rw, rh] = SLIDE_RATIO;
    // Bottom margin of a slide, below the plot or its footnotes.
    const captionH = PAD - 6;
    let k = Math.ceil(Math.max((spec.width ?? DEFAULT_WIDTH) / rw, target / rh));
    for (;;) {
      const b = blocks(spec, k * rw);
      const plotH = k * rh - b.headerH - b.footH - captionH;
      if (plotH >= MIN_PLOT_HEIGHT || k > 1000) return { ...b, captionLines: [] as string[], captionH, plotH, height: k * rh };
      k = Math.max(k + 1, Math.ceil((b.headerH + b.footH + captionH + MIN_PLOT_HEIGHT) / rh));
    }
  }
  const b = blocks(spec, spec.width ?? DEFAULT_WIDTH);
  const captionLines = wrapText(spec.caption, b.inner, TYPE.caption);
  const captionH = 12 + captionLines.length * (TYPE.caption + 7) + PAD - 6;
  // Footnotes add to the page rather than take the plot's height.
  const plotH = Math.max(MIN_PLOT_HEIGHT, Math.round(target - b.headerH - captionH));
  return { ...b, captionLines, captionH, plotH, height: b.headerH + plotH + b.footH + captionH };
}
