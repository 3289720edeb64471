/**
 * The charts of one report: each spec gets an id unique in the report (ids name the chart files
 * and prefix the ids inside its SVG, so two inline SVGs never share an id), is rendered to SVG at
 * once and to PNG off the main thread (resvg's renderAsync, with the options of the chart
 * library's renderPng, so the bytes are the same). Each is also drawn as a slide: 16:9, without
 * the caption paragraph, as `slides/<slug>--<id>.png` and `.svg` in the charts folder.
 */
import { renderAsync } from '@resvg/resvg-js';
import { renderSvg, resvgOptions, svgSize, type ChartSpec } from '../charts/index.js';
import { SLIDE_PNG_WIDTH } from '../charts/png.js';
import { html, raw, type Html } from './html.js';

export interface ReportChart {
  id: string;
  /** Figure number in the report, from 1. */
  number: number;
  title: string;
  caption: string;
  svg: string;
  width: number;
  height: number;
}

/** A file-name-safe id: lower-case letters, digits and dashes. */
export function safeId(id: string): string {
  const s = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'chart' : s;
}

/** A file of the charts folder; `companions` are written with it (a chart's slide). */
export interface ChartFile {
  name: string;
  data: string | Uint8Array;
  companions?: ChartFile[];
}

/** The charts folder's subfolder of slides. */
export const SLIDES_FOLDER = 'slides';

/** A slide's file name in the slides folder: `<slug>--<chart id>.<ext>` (e.g. `asean-admm--trust-over-time.png`). */
export function slideName(slug: string, id: string, ext: 'png' | 'svg'): string {
  return `${SLIDES_FOLDER}/${slug === '' ? '' : safeId(slug)}--${id}.${ext}`;
}

/** PNG bytes of an SVG, drawn off the main thread: at twice its size, or `width` pixels wide. */
function png(svg: string, width?: number): Promise<Uint8Array> {
  const p = renderAsync(svg, resvgOptions(2, width)).then((img) => {
    const b = img.asPng();
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  });
  p.catch(() => undefined); // awaited in files(); keep an early failure from being unhandled
  return p;
}

export class ChartSet {
  readonly charts: ReportChart[] = [];
  private readonly pngs: Promise<Uint8Array>[] = [];
  private readonly slides: { svg: string; png: Promise<Uint8Array> }[] = [];
  private readonly ids = new Set<string>();
  /**
   * What slides are named by: the scenario file's stem in a run report (`asean-admm`); when
   * empty, the report's folder name, filled in where the report is written (write.ts).
   */
  slug = '';

  /** Renders a chart (SVG now, PNG in the background) and returns its figure. */
  add(spec: ChartSpec): ReportChart {
    let id = safeId(spec.id);
    if (this.ids.has(id)) {
      let k = 2;
      while (this.ids.has(`${id}-${k}`)) k++;
      id = `${id}-${k}`;
    }
    this.ids.add(id);
    const svg = renderSvg({ ...spec, id });
    const { width, height } = svgSize(svg);
    const chart: ReportChart = { id, number: this.charts.length + 1, title: spec.title, caption: spec.caption, svg, width, height };
    this.charts.push(chart);
    this.pngs.push(png(svg));
    const slide = renderSvg({ ...spec, id: `${id}-slide` }, { slide: true });
    // A slide's PNG is 1920 x 1080 whatever its size: sharp on a projector, and cheap to draw.
    this.slides.push({ svg: slide, png: png(slide, SLIDE_PNG_WIDTH) });
    return chart;
  }

  /**
   * Every chart file, `<id>.svg` and `<id>.png`, once the PNGs are drawn; the PNG carries the
   * chart's slide (`slides/<slug>--<id>.svg`, `.png`) as its companions, written with it, so
   * that the list still holds two files a chart.
   */
  async files(): Promise<ChartFile[]> {
    const pngs = await Promise.all(this.pngs);
    const slides = await Promise.all(this.slides.map((s) => s.png));
    return this.charts.flatMap((c, k) => [
      { name: `${c.id}.svg`, data: c.svg },
      {
        name: `${c.id}.png`, data: pngs[k],
        companions: [{ name: slideName(this.slug, c.id, 'svg'), data: this.slides[k].svg }, { name: slideName(this.slug, c.id, 'png'), data: slides[k] }],
      },
    ]);
  }
}

/**
 * A chart as a figure of the page: the SVG inline (title, legend and caption are drawn inside
 * it), sized to the column and, in print, never taller than a page; links to its files below.
 */
export function figure(c: ReportChart, chartsHref: string): Html {
  // Width/height ratio: in print the width is capped so that the height fits on one page.
  const ratio = (c.width / c.height).toFixed(4);
  const href = (ext: string) => `${chartsHref}/${c.id}.${ext}`;
  // Wider than tall: printed at most 112 mm high, so that two share a page.
  const cls = c.width / c.height >= 1.3 ? 'chart half' : 'chart';
  return html`<figure class="${cls}" id="fig-${c.id}" style="--ratio: ${ratio}">${raw(c.svg)}<figcaption>Figure ${c.number}. Files: <a href="${href('svg')}">${href('svg')}</a>, <a href="${href('png')}">${href('png')}</a></figcaption></figure>`;
}
