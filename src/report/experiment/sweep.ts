/** Which two conditions of an experiment vary together over a grid, for a sweep map. */
import type { PlanInfo } from '../../experiment/store.js';

export function sweepAxes(plan: PlanInfo): { x: string; y: string; sets: number[] } | { reason: string } {
  const varying = plan.conditionNames.filter((c) => new Set(plan.sets.map((s) => s[c]).filter((v) => v !== undefined)).size >= 2);
  if (varying.length === 0) return { reason: plan.sets.length <= 1 ? 'the experiment has a single parameter set, so there is nothing to map' : 'no condition takes two or more values' };
  if (varying.length === 1) return { reason: `only one condition varies (${varying[0]}), and a sweep map needs two: the paired differences above show it` };
  let best: { x: string; y: string; sets: number[]; cells: number } | null = null;
  for (let i = 0; i < varying.length; i++) {
    for (let j = i + 1; j < varying.length; j++) {
      const x = varying[i], y = varying[j];
      const sets = plan.sets.map((s, k) => ({ s, k })).filter(({ s }) => s[x] !== undefined && s[y] !== undefined);
      if (sets.length < 4) continue;
      // Every other condition fixed over these sets, so that each (x, y) is one cell.
      const others = plan.conditionNames.filter((c) => c !== x && c !== y);
      if (others.some((c) => new Set(sets.map(({ s }) => String(s[c]))).size > 1)) continue;
      const xs = new Set(sets.map(({ s }) => s[x])), ys = new Set(sets.map(({ s }) => s[y]));
      const cells = new Set(sets.map(({ s }) => `${s[x]}|${s[y]}`));
      if (xs.size < 2 || ys.size < 2 || cells.size !== sets.length) continue;
      if (best === null || cells.size > best.cells) best = { x, y, sets: sets.map(({ k }) => k), cells: cells.size };
    }
  }
  if (best === null) return { reason: noGridReason(plan, varying) };
  return { x: best.x, y: best.y, sets: best.sets };
}

/**
 * Why the varying conditions give no grid, in the words true of the plan's sets: scattered
 * points (each condition a different value in every set, as a Latin hypercube gives), one
 * condition at a time (every set differs from the first in at most one), or a list that crosses
 * no two conditions with the others fixed.
 */
export function noGridReason(plan: Pick<PlanInfo, 'sets'>, varying: string[]): string {
  const crossed = `a sweep map needs two conditions crossed, e.g. variations: { grid: { ${varying[0]}: [...], ${varying[1]}: [...] } }`;
  const sets = plan.sets;
  const scattered = varying.every((c) => sets.every((s) => s[c] !== undefined) && new Set(sets.map((s) => s[c])).size === sets.length);
  if (scattered) {
    return `the conditions (${varying.join(', ')}) vary together, each of the ${sets.length} parameter sets a different point of their ranges (as a Latin hypercube spreads them), so no two of them are crossed over a grid of repeated values; ${crossed}. The maps of where each hypothesis wins, below, show these points`;
  }
  const first = sets[0] ?? {};
  const oneAtATime = sets.every((s) => varying.filter((c) => s[c] !== first[c]).length <= 1);
  if (oneAtATime) return `the conditions that vary (${varying.join(', ')}) vary one at a time, not together over a grid; ${crossed}`;
  return `the parameter sets (a list) vary ${varying.join(', ')}, but no two of them over a grid with the other conditions fixed; ${crossed}`;
}

/** A comparison cell: the difference, the interval, and who leads. */
