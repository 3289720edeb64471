/**
 * The report's one typeface, DejaVu Sans (the charts' own, from the `dejavu-fonts-ttf` package),
 * embedded in the page so that it needs no network and no installed font: each TrueType file is
 * repacked as WOFF 1.0 (its tables compressed with zlib, about half the size) and inlined as a
 * data: URL in an @font-face rule.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { FONT_FAMILY } from '../charts/index.js';
import { fontDirectory } from '../charts/font.js';

/** A TrueType (sfnt) font repacked as WOFF 1.0: the same tables, each zlib-compressed when that is smaller. */
export function ttfToWoff(ttf: Uint8Array): Uint8Array {
  const src = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const flavor = src.getUint32(0);
  const numTables = src.getUint16(4);
  interface Table { tag: number; checksum: number; data: Uint8Array; stored: Uint8Array }
  const tables: Table[] = [];
  let sfntSize = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = src.getUint32(rec);
    const checksum = src.getUint32(rec + 4);
    const offset = src.getUint32(rec + 8);
    const length = src.getUint32(rec + 12);
    if (offset + length > ttf.byteLength) throw new Error('font file is truncated');
    const data = ttf.subarray(offset, offset + length);
    const packed = deflateSync(data, { level: 9 });
    tables.push({ tag, checksum, data, stored: packed.byteLength < length ? packed : data });
    sfntSize += (length + 3) & ~3;
  }
  // WOFF wants the directory sorted by tag (TrueType files already are; sort anyway).
  tables.sort((a, b) => a.tag - b.tag);
  const headerSize = 44 + 20 * numTables;
  let size = headerSize;
  const offsets: number[] = [];
  for (const t of tables) {
    offsets.push(size);
    size += (t.stored.byteLength + 3) & ~3;
  }
  const out = new Uint8Array(size);
  const dst = new DataView(out.buffer);
  dst.setUint32(0, 0x774f4646); // 'wOFF'
  dst.setUint32(4, flavor);
  dst.setUint32(8, size);
  dst.setUint16(12, numTables);
  dst.setUint16(14, 0);
  dst.setUint32(16, sfntSize);
  // Version, metadata and private blocks: all zero.
  tables.forEach((t, k) => {
    const rec = 44 + 20 * k;
    dst.setUint32(rec, t.tag);
    dst.setUint32(rec + 4, offsets[k]);
    dst.setUint32(rec + 8, t.stored.byteLength);
    dst.setUint32(rec + 12, t.data.byteLength);
    dst.setUint32(rec + 16, t.checksum);
    out.set(t.stored, offsets[k]);
  });
  return out;
}

let cached: string | null = null;

/** @font-face rules for DejaVu Sans, regular and bold, as inline WOFF data. */
export function fontFaceCss(): string {
  if (cached !== null) return cached;
  const dir = fontDirectory();
  const face = (file: string, weight: string) => {
    const woff = Buffer.from(ttfToWoff(readFileSync(join(dir, file)))).toString('base64');
    return `@font-face{font-family:"${FONT_FAMILY}";font-style:normal;font-weight:${weight};src:url(data:font/woff;base64,${woff}) format("woff");}`;
  };
  cached = [face('DejaVuSans.ttf', '400'), face('DejaVuSans-Bold.ttf', '700')].join('\n');
  return cached;
}
