/**
 * Words about sensitivity indices, computed from them: what a target is ("the paired difference
 * trust-first − habits-first in final trust in partners"), and one sentence per result naming
 * the conditions that matter most, for captions and the report.
 */
import { f, listWords } from './common.js';
import { metricWords } from './comparison-common.js';
import { capitalFirst } from './where-each-wins-words.js';
import { differencePair, rankedFactors, type FactorIndex, type Sensitivity, type SensitivityResult } from './sensitivity-data.js';

/** The target of a result in words. */
export function sensitivityTargetWords(s: Pick<Sensitivity, 'hypotheses' | 'difference'>, r: Pick<SensitivityResult, 'target' | 'metric'>): string {
  const pair = differencePair(s);
  if (pair !== null && r.target === `${pair[0]} - ${pair[1]}`) return `the paired difference ${pair[0]} − ${pair[1]} in ${metricWords(r.metric)}`;
  return `${metricWords(r.metric)} under ${r.target}`;
}

/**
 * The scenario of a result in words. For "all", the scenarios its mean is over (`over`: those
 * with a value at every point; an older file without it averaged every scenario): "the mean over
 * the 2 scenarios (asean-admm, fpda)", "fpda only (the one of 2 scenarios with a value at every point)".
 */
export function scenarioWords(s: Pick<Sensitivity, 'scenarios'>, r: Pick<SensitivityResult, 'scenario' | 'over'>): string {
  if (r.scenario !== 'all') return r.scenario;
  const over = r.over ?? s.scenarios;
  const n = s.scenarios.length;
  if (over.length === 0) return `the mean over the scenarios with a value at every point (none of the ${n})`;
  if (over.length === 1) return `${over[0]} only (the one of the ${n} scenarios with a value at every point)`;
  if (over.length === n) return `the mean over the ${n} scenarios (${over.join(', ')})`;
  return `the mean over ${over.length} of the ${n} scenarios (${over.join(', ')}: those with a value at every point)`;
}

/**
 * The move of a Morris step in words: Δ = p / (2 (p - 1)) of the condition's range, p/2 steps of
 * its p-level grid (src/stats/morris-design.ts); an elementary effect is the change over it
 * divided by Δ (src/stats/morris.ts).
 */
export function morrisMoveWords(levels: number | null): string {
  if (levels === null) return 'by Δ of its range';
  return `by Δ = ${f(levels / (2 * (levels - 1)), 2)} of its range (${levels / 2} steps of a ${levels}-level grid)`;
}

/** Decimals for a value of magnitude up to `v` (about two significant digits). */
function d2(v: number): number {
  if (!Number.isFinite(v) || v === 0) return 2;
  return Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(Math.abs(v)))));
}

/** A share of the total of the most influential factor below which a factor "matters little". */
export const MINOR_SHARE = 0.1;

/**
 * One sentence on a result: the factor that matters most, the next ones that matter, and those
 * that matter little (total index below 0.05 for Sobol; mu* under a tenth of the largest for
 * Morris, whose sigma over mu* above 0.5 is read as non-linear or interacting, after Garcia
 * Sanchez et al. 2014, Energy and Buildings 68, 741-750).
 */
export function sensitivitySentence(s: Sensitivity, r: SensitivityResult): string {
  const what = sensitivityTargetWords(s, r);
  if (r.skipped !== null) return `For ${what}, no index could be computed: ${r.skipped}.`;
  const ranked = rankedFactors(s, r);
  const key = (x: FactorIndex) => (s.method === 'sobol' ? x.total : x.muStar);
  const finite = ranked.filter((x) => Number.isFinite(key(x)));
  if (finite.length === 0) return `For ${what}, every index is undefined (the outcome did not vary over the points).`;
  const top = finite[0];
  const minor = (x: FactorIndex) => (s.method === 'sobol' ? x.total < 0.05 : x.muStar < MINOR_SHARE * top.muStar);
  const next = finite.slice(1).filter((x) => !minor(x));
  const little = finite.slice(1).filter(minor).map((x) => x.factor);
  const value = (x: FactorIndex) => (s.method === 'sobol' ? f(x.total, 2) : f(x.muStar, d2(top.muStar)));
  const name = s.method === 'sobol' ? 'total index' : 'μ*';
  const interval = s.method === 'sobol' ? top.totalInterval : top.muStarInterval;
  const shown = s.method === 'sobol' ? 2 : d2(top.muStar);
  let out = `For ${what}, ${top.factor} matters most (${name} ${value(top)} [${f(interval[0], shown)}, ${f(interval[1], shown)}])`;
  if (next.length > 0) out += `, then ${listWords(next.map((x) => `${x.factor} (${value(x)})`))}`;
  if (little.length > 0) out += `; ${listWords(little)} ${little.length === 1 ? 'matters' : 'matter'} little`;
  if (s.method === 'morris') {
    const bent = finite.filter((x) => !minor(x) && x.muStar > 0 && x.sigma > x.muStar).map((x) => x.factor);
    if (bent.length > 0) out += `; ${listWords(bent)} ${bent.length === 1 ? 'acts' : 'act'} non-linearly or together with other conditions (σ above μ*: above the chart's dashed line)`;
  } else {
    // A negative first-order estimate is noise around zero: count it as zero.
    const inter = finite.filter((x) => Number.isFinite(x.first) && x.total - Math.max(0, x.first) > 0.1).map((x) => x.factor);
    if (inter.length > 0) out += `; ${listWords(inter)} ${inter.length === 1 ? 'matters' : 'matter'} largely through interactions (total above first-order by more than 0.1)`;
  }
  return capitalFirst(`${out}.`);
}
