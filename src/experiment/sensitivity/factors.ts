/**
 * The factors of a sensitivity analysis, read from an experiment's variations, and the design's
 * points turned into parameter sets.
 *
 * - `latinHypercube`: each range [min, max] is a factor (a range with min = max is fixed);
 * - `grid`: each condition's min..max of its listed values (a condition with one value is fixed);
 * - `list`: each condition's min..max across the sets (one the same in every set is fixed).
 * An experiment without variations has nothing to vary: a sensitivity analysis needs ranges.
 */
import { fileProblem, ProblemError } from '../../io/problem.js';
import { INTEGER_PARAMETERS } from '../../model/params.js';
import type { Factor } from '../../stats/index.js';
import type { Experiment } from '../schema.js';

/** The factors (in the order of the file) and the conditions held fixed; a ProblemError without ranges. */
export function sensitivityFactors(file: string, e: Experiment): { factors: Factor[]; fixed: Record<string, number> } {
  const v = e.variations;
  const spans = new Map<string, [number, number]>();
  const widen = (name: string, x: number) => {
    const s = spans.get(name);
    spans.set(name, s === undefined ? [x, x] : [Math.min(s[0], x), Math.max(s[1], x)]);
  };
  if (v?.latinHypercube !== undefined) for (const [name, [lo, hi]] of Object.entries(v.latinHypercube.ranges)) { widen(name, lo); widen(name, hi); }
  else if (v?.grid !== undefined) for (const [name, xs] of Object.entries(v.grid)) xs.forEach((x) => widen(name, x));
  else if (v?.list !== undefined) for (const set of v.list) for (const [name, x] of Object.entries(set)) widen(name, x);
  const factors: Factor[] = [];
  const fixed: Record<string, number> = {};
  for (const [name, [min, max]] of spans) {
    if (min < max) factors.push({ name, min, max });
    else fixed[name] = min;
  }
  if (factors.length === 0) {
    const why = v === undefined ? 'it has no variations' : 'every condition in its variations has a single value';
    throw new ProblemError([fileProblem(file, `a sensitivity analysis needs ranges to vary, and ${why}; give variations.latinHypercube.ranges (e.g. tension: [0, 0.6]), or a grid or list whose conditions take more than one value`, 'variations')]);
  }
  return { factors, fixed };
}

/** Whether a factor is a whole-number model parameter (`INTEGER_PARAMETERS`). */
export function isWholeFactor(name: string): boolean {
  return name.startsWith('parameters.') && INTEGER_PARAMETERS.has(name.slice('parameters.'.length));
}

/**
 * The parameter set of each design point (rows x factors, row-major, in factor units), with the
 * fixed conditions. A whole-number parameter is rounded as the Latin hypercube does (plan.ts):
 * the point at u = (x - min) / (max - min) takes the whole number whose unit cell [v, v + 1) over
 * [min, max + 1) holds it, so every whole value of the range has an equal share of [0, 1]. The
 * indices are then those of the rounded model, computed on the design's points.
 */
export function pointSets(factors: readonly Factor[], points: Float64Array, fixed: Record<string, number>): Record<string, number>[] {
  const k = factors.length;
  const rows = points.length / k;
  const whole = factors.map((f) => isWholeFactor(f.name));
  const sets: Record<string, number>[] = [];
  for (let i = 0; i < rows; i++) {
    const set: Record<string, number> = { ...fixed };
    factors.forEach((f, j) => {
      const x = points[i * k + j];
      const u = (x - f.min) / (f.max - f.min);
      set[f.name] = whole[j] ? Math.min(f.max, f.min + Math.floor(u * (f.max - f.min + 1))) : x;
    });
    sets.push(set);
  }
  return sets;
}
