/**
 * Adjusting p-values for many comparisons at once: when a metric is compared in many cells
 * (scenarios x parameter sets), some intervals exclude zero by chance alone; the
 * Benjamini–Hochberg adjustment keeps the expected share of false discoveries among the cells
 * called different at most alpha.
 */

/**
 * Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg 1995; R's `p.adjust(p, "BH")`,
 * statsmodels' `multipletests(method="fdr_bh")`): with the m finite p-values sorted ascending,
 * p₍ᵢ₎ · m / i made monotone from the largest down (the step-up: the running minimum), capped
 * at 1, returned in the input order. NaN p-values (cells where no test could be made) stay NaN
 * and do not count in m. Each adjusted value is at least its raw p-value.
 */
export function benjaminiHochberg(p: ArrayLike<number>): number[] {
  const out = Array.from({ length: p.length }, () => NaN);
  const order: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i])) order.push(i);
  // Stable: equal p-values keep their input order (they get the same adjusted value anyway).
  order.sort((x, y) => p[x] - p[y] || x - y);
  const m = order.length;
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = order[k];
    running = Math.min(running, (p[i] * m) / (k + 1));
    out[i] = Math.max(p[i], Math.min(1, running));
  }
  return out;
}
