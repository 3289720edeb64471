/**
 * Which pair or state a click on a chart landed on. The charts are the command line's SVG
 * (src/charts/trust-matrix.ts, trust-network.ts), drawn by Plot: a matrix's cells are the
 * `<rect>`s of its first cell mark, rows the trusting state and columns the trusted one, in the
 * scenario's order; a network's nodes are the `<circle>`s of its dot mark, in the same order.
 */

/** The [observer, subject] of the matrix cell `target` is in, or null. */
export function pairAt(target: Element, ids: readonly string[]): [string, string] | null {
  const rect = target.closest('rect');
  const mark = rect?.closest('g[aria-label="cell"]');
  if (!rect || !mark) return null;
  const svg = mark.closest('svg');
  const cells = svg?.querySelector('g[aria-label="cell"]');
  // The first cell mark holds the pairs; the second one is the grey diagonal.
  if (cells !== mark) return null;
  const rects = [...mark.querySelectorAll('rect')];
  const xs = sortedUnique(rects.map((r) => Number(r.getAttribute('x'))));
  const ys = sortedUnique(rects.map((r) => Number(r.getAttribute('y'))));
  if (xs.length !== ids.length || ys.length !== ids.length) return null;
  const col = xs.indexOf(Number(rect.getAttribute('x')));
  const row = ys.indexOf(Number(rect.getAttribute('y')));
  return row < 0 || col < 0 || row === col ? null : [ids[row], ids[col]];
}

/** The id of the network node `target` is, or null. */
export function stateAt(target: Element, ids: readonly string[]): string | null {
  const circle = target.closest('circle');
  const mark = circle?.closest('g[aria-label="dot"]');
  if (!circle || !mark) return null;
  const k = [...mark.querySelectorAll('circle')].indexOf(circle);
  return k >= 0 && k < ids.length ? ids[k] : null;
}

function sortedUnique(xs: number[]): number[] {
  return [...new Set(xs)].sort((a, b) => a - b);
}
