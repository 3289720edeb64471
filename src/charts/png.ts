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
