/**
 * The chart's legend, drawn as SVG above the plot: categorical swatches flowed into rows (a long
 * label wraps rather than being cut), and a continuous colour bar with ticks.
 */
import { textWidth, wrapText } from './font.js';
import { INK, TYPE } from './palette.js';
import { PAD, type ChartSpec, type LegendItem } from './spec.js';
import { escapeXml, fmt, idStem } from './svg-text.js';

/** A block of the page: its height, and how to draw it with its top at `y`. */
export interface Block { height: number; draw: (y: number) => string }

/** The legend of a chart `width` px wide, or null when it has none. */
export function legendBlock(spec: ChartSpec, width: number): Block | null {
  const items = spec.legend ?? [];
  const bar = spec.colorBar;
  if (items.length === 0 && bar === undefined) return null;
  const size = TYPE.legend;
  const rowH = size + 12;
  const maxLabel = width - 2 * PAD - 40;
  // Flow the categorical items into rows; a label longer than a line wraps, on rows of its own.
  const placed: { x: number; row: number; lines: string[]; item: LegendItem }[] = [];
  let x = PAD;
  let row = 0;
  for (const item of items) {
    const lines = wrapText(item.label, maxLabel, size);
    const w = 22 + 8 + Math.max(...lines.map((l) => textWidth(l, size))) + 22;
    if (x > PAD && (lines.length > 1 || x + w - 22 > width - PAD)) {
      row++;
      x = PAD;
    }
    placed.push({ x, row, lines, item });
    if (lines.length > 1) {
      row += lines.length;
      x = PAD;
    } else x += w;
  }
  const catRows = items.length === 0 ? 0 : x > PAD ? row + 1 : row;
  const barH = bar === undefined ? 0 : size + 14 + 6 + size + 4;
  const height = catRows * rowH + (catRows > 0 && bar ? 8 : 0) + barH;
  return {
    height,
    draw: (y0: number) => {
      const parts: string[] = ['<g aria-label="legend">'];
      for (const p of placed) {
        const cy = y0 + p.row * rowH + rowH / 2 - 2;
        const color = escapeXml(p.item.color);
        const shape = p.item.shape ?? 'square';
        if (shape === 'line' || shape === 'dashed') {
          parts.push(`<line x1="${fmt(p.x)}" x2="${fmt(p.x + 22)}" y1="${fmt(cy)}" y2="${fmt(cy)}" stroke="${color}" stroke-width="3.5"${shape === 'dashed' ? ' stroke-dasharray="6,4"' : ''}/>`);
        } else if (shape === 'circle') {
          parts.push(`<circle cx="${fmt(p.x + 11)}" cy="${fmt(cy)}" r="7" fill="${color}" stroke="${INK.axis}" stroke-width="0.5"/>`);
        } else if (shape === 'outline') {
          parts.push(`<rect x="${fmt(p.x + 3)}" y="${fmt(cy - 7)}" width="16" height="14" fill="none" stroke="${color}" stroke-width="3"/>`);
        } else if (shape === 'band') {
          // The bands' own fills side by side, at the bands' opacity.
          const fills = p.item.colors ?? [p.item.color];
          const w = 20 / fills.length;
          fills.forEach((c, k) => parts.push(`<rect x="${fmt(p.x + 1 + k * w)}" y="${fmt(cy - 8)}" width="${fmt(w)}" height="16" fill="${escapeXml(c)}"${p.item.opacity !== undefined ? ` fill-opacity="${p.item.opacity}"` : ''}/>`));
          parts.push(`<rect x="${fmt(p.x + 1)}" y="${fmt(cy - 8)}" width="20" height="16" fill="none" stroke="${INK.axis}" stroke-width="0.5"/>`);
        } else {
          parts.push(`<rect x="${fmt(p.x + 2)}" y="${fmt(cy - 8)}" width="18" height="16" fill="${color}" stroke="${INK.axis}" stroke-width="0.5"/>`);
        }
        p.lines.forEach((line, k) => parts.push(`<text x="${fmt(p.x + 30)}" y="${fmt(cy + size * 0.35 + k * rowH)}" font-size="${size}" fill="${INK.text}">${escapeXml(line)}</text>`));
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

/**
 * The key of short state names a chart labels with when the full names do not fit: one line,
 * "Short names: BRN Brunei Darussalam, KHM Cambodia, ...", for the footnotes; null when every
 * name is its id (nothing to explain).
 */
export function shortNamesKey(ids: readonly string[], names: ReadonlyMap<string, string>): string | null {
  const pairs = ids.filter((id) => (names.get(id) ?? id) !== id).map((id) => `${id} ${names.get(id)}`);
  return pairs.length === 0 ? null : `Short names: ${pairs.join(', ')}.`;
}
