/**
 * SVG to PNG: resvg with the DejaVu Sans files of the `dejavu-fonts-ttf` package only (no system
 * fonts), so the same chart gives the same PNG bytes on every machine.
 */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { FONT_FAMILY, fontFiles } from './font.js';
import { INK, TYPE } from './palette.js';

/**
 * A PNG of an SVG, drawn by resvg with DejaVu Sans only (no system fonts), on white.
 * `scale` multiplies the pixel size (default 2, sharp on projectors and in print).
 */
export function renderPng(svg: string, opts: { scale?: number; width?: number } = {}): Uint8Array {
  const resvg = new Resvg(svg, resvgOptions(opts.scale ?? 2, opts.width));
  const png = resvg.render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** Pixel width of a slide's PNG: 1920 x 1080, whatever the slide's size in the SVG. */
export const SLIDE_PNG_WIDTH = 1920;

/**
 * The resvg options of {@link renderPng}: DejaVu Sans only, white background, zoom `scale`, or,
 * given `width`, scaled to that many pixels wide (a slide: {@link SLIDE_PNG_WIDTH}).
 */
export function resvgOptions(scale = 2, width?: number): ResvgRenderOptions {
  return {
    fitTo: width === undefined ? { mode: 'zoom', value: scale } : { mode: 'width', value: width },
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
