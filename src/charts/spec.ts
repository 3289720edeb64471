/**
 * What a chart is: a {@link ChartSpec} (Observable Plot options for the plot itself, and the
 * title, subtitle, legend and caption drawn around it) and the page sizes it defaults to.
 */
import type * as Plot from '@observablehq/plot';

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

/** One entry of a categorical legend: a swatch and its label (wrapped when longer than a line). */
export interface LegendItem {
  label: string;
  color: string;
  shape?: 'square' | 'line' | 'dashed' | 'circle' | 'outline' | 'band';
  /** `band`: the fills of the bands it stands for, side by side in the swatch (default: `color`). */
  colors?: readonly string[];
  /** `band`: the bands' fill opacity (default 1). */
  opacity?: number;
}

export interface ChartSpec {
  /** File-name stem, e.g. "trust-over-time"; also prefixes the ids inside the SVG. */
  id: string;
  title: string;
  subtitle?: string;
  /** What the chart shows, in words computed from the data. */
  caption: string;
  /** Categorical legend: a swatch and a label per entry. */
  legend?: LegendItem[];
  /** Continuous legend. */
  colorBar?: ColorBar;
  /**
   * Numbered notes below the plot (in two columns when there are several), e.g. the full text of
   * labels the plot shortens; unlike the caption, a slide keeps them.
   */
  footnotes?: string[];
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
/** The smallest height of Plot's part of a chart, whatever the target height. */
export const MIN_PLOT_HEIGHT = 260;
/** Margin around the page, in px. */
export const PAD = 24;
/** A slide is 16:9: `SLIDE_RATIO[0]` wide for `SLIDE_RATIO[1]` high. */
export const SLIDE_RATIO = [16, 9] as const;
