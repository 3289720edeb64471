/**
 * Markup-safe text and numbers for the SVG: escaping, id stems and geometry rounded to 0.01 px
 * and clamped far outside the chart.
 */
import { escapeMarkup } from '../text/escape.js';

/** Escapes text for XML character data and attribute values: the one escaping of markup (src/text/escape.ts), shared with the report's HTML. */
export const escapeXml = escapeMarkup;

/** A safe id stem: letters, digits and dashes. */
export function idStem(id: string): string {
  const s = id.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return s === '' ? 'chart' : /^[A-Za-z]/.test(s) ? s : `c-${s}`;
}

/**
 * Geometry far outside any chart is clamped: such a point is invisible either way, and resvg
 * aborts the whole process on coordinates near its numeric limits.
 */
const FAR = 1e6;
/** A coordinate for an attribute: clamped to +-{@link FAR}, rounded to 0.01, no "-0". */
export const fmt = (v: number): string => {
  const r = Math.round(Math.min(FAR, Math.max(-FAR, v)) * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Attributes whose numbers are rounded to 0.01 px (keeps files small and snapshots stable). */
export const GEOMETRY = new Set(['d', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'width', 'height', 'cx', 'cy', 'r', 'rx', 'ry', 'points', 'viewBox', 'dx', 'dy']);
/** Every number in an attribute value through {@link fmt}. */
export const roundNumbers = (s: string): string => s.replace(/-?\d*\.?\d+(?:e[-+]?\d+)?/g, (m) => fmt(Number(m)));
