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
  if (best === null) {
    return { reason: `the conditions that vary (${varying.join(', ')}) vary one at a time, not together over a grid; a sweep map needs two conditions crossed, e.g. variations: { grid: { ${varying[0]}: [...], ${varying[1]}: [...] } }` };
  }
  return { x: best.x, y: best.y, sets: best.sets };
}

/** A comparison cell: the difference, the interval, and who leads. */
