/**
 * The one typeface of every chart: DejaVu Sans, from the `dejavu-fonts-ttf` npm package, so a
 * PNG is the same on every machine (resvg is given these files and never looks at the system's
 * fonts). Text widths for wrapping and layout are measured from the font's own advance widths,
 * read from the TTF's `cmap` and `hmtx` tables, rather than guessed.
 */
import { fontBytes } from './font-files.js';

export { fontDirectory, fontFiles } from './font-files.js';

/** The family name written in every SVG and given to resvg. */
export const FONT_FAMILY = 'DejaVu Sans';

interface Metrics { unitsPerEm: number; advance: (codePoint: number) => number }

const metricsCache = new Map<string, Metrics>();

/** Advance widths of a TrueType font (cmap format 4, BMP only; other code points get the fallback). */
function loadMetrics(file: string, buf: Uint8Array): Metrics {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(buf[rec], buf[rec + 1], buf[rec + 2], buf[rec + 3]);
    tables.set(tag, view.getUint32(rec + 8));
  }
  const table = (tag: string): number => {
    const off = tables.get(tag);
    if (off === undefined) throw new Error(`font ${file} has no ${tag} table`);
    return off;
  };
  const unitsPerEm = view.getUint16(table('head') + 18);
  const numberOfHMetrics = view.getUint16(table('hhea') + 34);
  const hmtx = table('hmtx');
  const glyphAdvance = (g: number): number =>
    view.getUint16(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));

  // Find the Windows Unicode BMP subtable (platform 3, encoding 1), format 4.
  const cmap = table('cmap');
  const nSub = view.getUint16(cmap + 2);
  let sub = -1;
  for (let i = 0; i < nSub; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const offset = view.getUint32(cmap + 8 + i * 8);
    if (platform === 3 && encoding === 1 && view.getUint16(cmap + offset) === 4) sub = cmap + offset;
  }
  if (sub < 0) throw new Error(`font ${file} has no Unicode BMP cmap`);
  const segX2 = view.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const glyphOf = (c: number): number => {
    for (let s = 0; s < segX2; s += 2) {
      if (c > view.getUint16(ends + s)) continue;
      const start = view.getUint16(starts + s);
      if (c < start) return 0;
      const delta = view.getInt16(deltas + s);
      const ro = view.getUint16(rangeOffsets + s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = view.getUint16(rangeOffsets + s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const cache = new Map<number, number>();
  const advance = (c: number): number => {
    let a = cache.get(c);
    if (a === undefined) {
      a = c > 0xffff ? unitsPerEm : glyphAdvance(glyphOf(c));
      cache.set(c, a);
    }
    return a;
  };
  return { unitsPerEm, advance };
}

function metrics(bold: boolean): Metrics {
  const file = bold ? 'DejaVuSans-Bold.ttf' : 'DejaVuSans.ttf';
  let m = metricsCache.get(file);
  if (m === undefined) {
    m = loadMetrics(file, fontBytes(file));
    metricsCache.set(file, m);
  }
  return m;
}

/** Width in pixels of `text` set in DejaVu Sans at `size` px (no kerning: a slight overestimate). */
export function textWidth(text: string, size: number, bold = false): number {
  const m = metrics(bold);
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0)!);
  return (units / m.unitsPerEm) * size;
}

/**
 * Breaks `text` into lines no wider than `maxWidth` at `size` px, at spaces (a word longer than
 * a line is cut). Explicit newlines start new paragraphs.
 */
export function wrapText(text: string, maxWidth: number, size: number, bold = false): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
    let line = '';
    for (let word of words) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate, size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      // A single word wider than the line: cut it.
      while (textWidth(word, size, bold) > maxWidth && word.length > 1) {
        let cut = word.length - 1;
        while (cut > 1 && textWidth(word.slice(0, cut), size, bold) > maxWidth) cut--;
        lines.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      line = word;
    }
    if (line !== '' || words.length === 0) lines.push(line);
  }
  return lines;
}

/** `text` shortened with an ellipsis to fit `maxWidth`. */
export function truncateText(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = Array.from(text);
  while (chars.length > 0 && textWidth(chars.join('') + '…', size, bold) > maxWidth) chars.pop();
  return chars.join('') + '…';
}
