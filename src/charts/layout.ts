/**
 * Layout of a chart page: title, subtitle and legend above, caption below, and the height left
 * for Plot's chart, with the default Plot options sized for projection.
 */
import type * as Plot from '@observablehq/plot';
import { wrapText } from './font.js';
import { legendBlock } from './legend.js';
import { TYPE } from './palette.js';
import { plotDocument } from './plot-svg.js';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, MIN_PLOT_HEIGHT, PAD, type ChartSpec } from './spec.js';

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

/** Layout of a chart: its blocks and the plot's height. */
export function layout(spec: ChartSpec) {
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
