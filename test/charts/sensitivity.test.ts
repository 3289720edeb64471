/**
 * The sensitivity charts and the where-each-wins map, on the sensitivity fixtures
 * (test/charts/fixtures/sensitivity, made by its generate.ts in the shared format
 * entente-sensitivity/1) and on hand-made points whose answer is known: the readers, the
 * binning, the orientation of "better for A", the sentences counted from the cells, and an SVG
 * snapshot of each chart in test/charts/__snapshots__/ (update with -u after looking).
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  binAxis, differencePair, differenceTarget, factorsByImportance, mainScenario, morrisChart, parseSensitivityJson, partialDependence, rankedFactors,
  readSensitivityDir, scenarioWords, sensitivitySentence, sensitivityTargetWords, sobolChart, whereEachWinsChart, winsFromComparison, winsFromPoints, winsMap, winsSentences,
  type Comparison, type ComparisonRow, type WinsInput,
} from '../../src/charts/index.js';
import { snapshotTests } from './snapshot-tests.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'sensitivity');
const sobol = readSensitivityDir(join(FIXTURES, 'sobol'));
const morris = readSensitivityDir(join(FIXTURES, 'morris'));
const diff = (s = sobol.sensitivity) => differenceTarget(s)!;
const result = (d: typeof sobol, metric: string, target = diff(d.sensitivity)) =>
  d.sensitivity.results.find((r) => r.metric === metric && r.target === target && r.scenario === mainScenario(d.sensitivity))!;

/** Points on a 4 x 4 grid of x, y (and a third condition z at two values) where A does better exactly where x > 0.5. */
function thresholdInput(better: 'higher' | 'lower' = 'higher', margin: number | null = 0.01): WinsInput {
  const points: WinsInput['points'] = [];
  for (const x of [0.2, 0.4, 0.6, 0.8]) for (const y of [1, 2, 3, 4]) for (const z of [0, 1]) {
    const adv = x > 0.5 ? 0.05 + 0.01 * y : -0.03;
    points.push({ params: { x, y, z }, diff: better === 'higher' ? adv : -adv, weight: 5 });
  }
  return { a: 'trust-first', b: 'habits-first', metric: better === 'higher' ? 'partnerBelief' : 'brier', better, margin, scenario: 'made-up', unit: 'parameter set', points };
}

describe('reading a sensitivity folder', () => {
  it('reads sensitivity.json and points.csv in the shared format', () => {
    const s = sobol.sensitivity;
    expect(s.method).toBe('sobol');
    expect(s.factors.map((f) => f.name)).toEqual(['tension', 'receptivity', 'equivocation']);
    expect(diff()).toBe('trust-first - habits-first');
    expect(sobol.points.length).toBe(s.points * 4 * 3);
    expect(Object.keys(sobol.points[0].params)).toEqual(['tension', 'receptivity', 'equivocation']);
    // Morris over two scenarios: "all", the mean over them, is summarised.
    expect(morris.sensitivity.levels).toBe(4);
    expect(mainScenario(morris.sensitivity)).toBe('all');
  });

  it('refuses a file of another format, naming each wrong field', () => {
    const text = readFileSync(join(FIXTURES, 'sobol', 'sensitivity.json'), 'utf8');
    const bad = { ...JSON.parse(text), format: 'entente-sensitivity/0', method: 'fast' };
    expect(() => parseSensitivityJson(JSON.stringify(bad))).toThrow(/format: .*; method: /);
  });

  it('reads a null index as NaN', () => {
    const json = JSON.parse(readFileSync(join(FIXTURES, 'sobol', 'sensitivity.json'), 'utf8'));
    json.results[0].total[1] = null;
    const s = parseSensitivityJson(JSON.stringify(json));
    expect(s.results[0].total![1]).toBeNaN();
    // A factor with no total goes last.
    expect(rankedFactors(s, s.results[0]).at(-1)!.factor).toBe('receptivity');
  });

  it('ranks factors by total index (Sobol) or mu* (Morris), and over the metrics for the map', () => {
    const ranked = rankedFactors(sobol.sensitivity, result(sobol, 'partnerBelief'));
    expect(ranked.map((x) => x.factor)).toEqual(['tension', 'receptivity', 'equivocation']);
    for (let k = 1; k < ranked.length; k++) expect(ranked[k - 1].total).toBeGreaterThanOrEqual(ranked[k].total);
    const m = rankedFactors(morris.sensitivity, result(morris, 'trusterPayoff'));
    expect(m[0].factor).toBe('equivocation');
    expect(factorsByImportance(sobol.sensitivity)[0]).toBe('tension');
  });
});

describe('the difference target and the scenarios of "all", as the file records them', () => {
  /** The sobol fixture as if run with `--difference habits-first,trust-first`: the target reversed, its values negated. */
  function reversed() {
    const json = JSON.parse(readFileSync(join(FIXTURES, 'sobol', 'sensitivity.json'), 'utf8'));
    json.difference = ['habits-first', 'trust-first'];
    for (const r of json.results) if (r.target === 'trust-first - habits-first') r.target = 'habits-first - trust-first';
    const points = sobol.points.map((p) => (p.target === 'trust-first - habits-first' ? { ...p, target: 'habits-first - trust-first', mean: -p.mean } : p));
    return { s: parseSensitivityJson(JSON.stringify(json)), points, json };
  }

  it('reads the difference from the file, not from the order of the hypotheses', () => {
    const { s, points, json } = reversed();
    expect(differencePair(s)).toEqual(['habits-first', 'trust-first']);
    expect(differenceTarget(s)).toBe('habits-first - trust-first');
    const r = s.results.find((x) => x.target === 'habits-first - trust-first' && x.metric === 'partnerBelief')!;
    expect(sensitivityTargetWords(s, r)).toBe('the paired difference habits-first − trust-first in final trust in partners');
    expect(factorsByImportance(s)[0]).toBe('tension');
    const input = winsFromPoints(s, points, 'partnerBelief');
    expect([input.a, input.b]).toEqual(['habits-first', 'trust-first']);
    expect(input.points).toHaveLength(s.points);
    // The map is the fixture's, seen from the other side: the same cells, the sides swapped.
    const straight = winsMap(winsFromPoints(sobol.sensitivity, sobol.points, 'partnerBelief'), 'tension', 'receptivity');
    const turned = winsMap(input, 'tension', 'receptivity');
    expect(turned.cells.map((c) => c.side)).toEqual(straight.cells.map((c) => ({ a: 'b', b: 'a' }[c.side as 'a' | 'b'] ?? c.side)));
    // Three hypotheses, the difference of the first and the third.
    const three = parseSensitivityJson(JSON.stringify({ ...JSON.parse(readFileSync(join(FIXTURES, 'sobol', 'sensitivity.json'), 'utf8')), hypotheses: ['trust-first', 'blend', 'habits-first'], difference: ['trust-first', 'habits-first'] }));
    expect(differenceTarget(three)).toBe('trust-first - habits-first');
    expect(winsFromPoints(three, sobol.points, 'partnerBelief').points).toHaveLength(three.points);
    // An older file without the field: the first two hypotheses; one with null: none.
    delete json.difference;
    expect(differenceTarget(parseSensitivityJson(JSON.stringify(json)))).toBe('trust-first - habits-first');
    expect(differenceTarget(parseSensitivityJson(JSON.stringify({ ...json, difference: null })))).toBeNull();
  });

  it('names the scenarios each "all" result averages', () => {
    const s = structuredClone(morris.sensitivity);
    const all = (metric: string) => s.results.filter((r) => r.scenario === 'all' && r.metric === metric);
    expect(all('partnerBelief')[0].over).toEqual(['asean-admm', 'fpda']);
    for (const r of all('trusterPayoff')) r.over = ['fpda'];
    const payoff = all('trusterPayoff').find((r) => r.target === diff(s))!;
    expect(morrisChart(s, payoff).subtitle).toMatch(/^fpda only \(the one of the 2 scenarios with a value at every point\); the paired difference/);
    expect(morrisChart(s, all('brier').find((r) => r.target === diff(s))!).subtitle).toMatch(/^the mean over the 2 scenarios \(asean-admm, fpda\);/);
    expect(whereEachWinsChart(winsFromPoints(s, morris.points, 'trusterPayoff'), 'receptivity', 'equivocation').subtitle).toMatch(/^fpda only \(the one of the 2 scenarios/);
    expect(scenarioWords({ scenarios: ['a', 'b', 'c'] }, { scenario: 'all', over: ['a', 'c'] })).toBe('the mean over 2 of the 3 scenarios (a, c: those with a value at every point)');
    // A file from before `over`: every scenario.
    expect(scenarioWords(s, { scenario: 'all' })).toBe('the mean over the 2 scenarios (asean-admm, fpda)');
    expect(scenarioWords(s, { scenario: 'fpda' })).toBe('fpda');
  });
});

describe('binned partial dependence', () => {
  it('bins a grid by its values and a spread factor by quantiles of about equal counts', () => {
    const grid = binAxis('g', [0.1, 0.1, 0.5, 0.5, 0.9, 0.9], 3);
    expect(grid.kind).toBe('values');
    expect(grid.bins.map((b) => b.label)).toEqual(['0.1', '0.5', '0.9']);
    const spread = Array.from({ length: 100 }, (_, k) => (k * 37) % 100 / 100);
    const q = binAxis('q', spread, 4);
    expect(q.kind).toBe('quantiles');
    const counts = [0, 0, 0, 0];
    for (const v of spread) counts[q.binOf(v)]++;
    expect(counts).toEqual([25, 25, 25, 25]);
  });

  it('gives each cell the weighted mean of its points, and counts every point once', () => {
    const pd = partialDependence([
      { x: 0, y: 0, value: 1, weight: 1 }, { x: 0, y: 0, value: 4, weight: 3 }, { x: 1, y: 0, value: 2 }, { x: 1, y: 1, value: Number.NaN },
    ], 'x', 'y');
    expect(pd.cells).toEqual([
      { xBin: 0, yBin: 0, count: 2, mean: 3.25 },
      { xBin: 1, yBin: 0, count: 1, mean: 2 },
      { xBin: 1, yBin: 1, count: 1, mean: Number.NaN },
    ]);
    const map = winsMap(winsFromPoints(sobol.sensitivity, sobol.points, 'partnerBelief'), 'tension', 'receptivity');
    expect(map.cells.reduce((s, c) => s + c.count, 0)).toBe(sobol.sensitivity.points);
    expect(map.x.bins.length).toBe(5);
  });
});

describe('where each hypothesis wins', () => {
  it('turns the difference so that "better for A" is one side whatever the metric, with a zone within the margin', () => {
    for (const better of ['higher', 'lower'] as const) {
      const map = winsMap(thresholdInput(better), 'x', 'y');
      for (const c of map.cells) expect(c.side).toBe(map.x.bins[c.xBin].lo > 0.5 ? 'a' : 'b');
    }
    const wide = winsMap(thresholdInput('higher', 0.035), 'x', 'y');
    expect(wide.cells.filter((c) => c.side === 'equivalent').length).toBe(8);
  });

  it('says "in one cell only" when a hypothesis does better in one cell only', () => {
    const base = thresholdInput('higher');
    const one = { ...base, points: base.points.map((p) => ({ ...p, diff: p.params.x === 0.8 && p.params.y === 4 ? 0.09 : p.params.x > 0.5 ? 0 : -0.03 })) };
    const s = winsSentences(winsMap(one, 'x', 'y')).join(' ');
    expect(s).toContain('Trust-first builds more trust in partners in one cell only, at x = 0.8 and y = 4 (by +0.090, trust-first − habits-first).');
    expect(s).not.toMatch(/all 1 of its cells|1 cells/);
  });

  it('says where each wins, counted from the cells', () => {
    const s = winsSentences(winsMap(thresholdInput('lower'), 'x', 'y'));
    expect(s[0]).toBe('Of the 16 cells, trust-first does better in 8, habits-first in 8, and the mean difference is within the margin (±0.01) in 0.');
    expect(s[1]).toBe('Trust-first judges partners more accurately (a lower Brier score) mainly where x is 0.6 or more (all 8 of its cells, 8 of the 8 cells there); its largest advantage, -0.090 (trust-first − habits-first), is at x = 0.6 and y = 4.');
    expect(s[2]).toMatch(/^Habits-first judges partners more accurately .* mainly where x is 0.4 or less \(all 8 of its cells/);
    expect(winsSentences(winsMap(thresholdInput('higher', null), 'x', 'y'))[0]).toBe('Of the 16 cells, trust-first does better in 8 and habits-first in 8 (no equivalence margin is recorded for this metric).');
  });

  it('reads comparison rows, with their margin, and draws the grid itself', () => {
    const rows = thresholdInput().points.filter((p) => p.params.z === 0).map((p, set): ComparisonRow => ({
      scenario: 'made-up', set, params: p.params, metric: 'partnerBelief', better: 'higher', n: 5, meanDiff: p.diff, ciLow: p.diff - 0.01, ciHigh: p.diff + 0.01,
      effectSize: 1, winsA: 3, winsB: 2, ties: 0, excludesZero: true, leader: p.diff > 0 ? 'a' : 'b', ...{ margin: 0.04 },
    }));
    const c: Comparison = { a: 'trust-first', b: 'habits-first', level: 0.95, rows };
    const input = winsFromComparison(c, 'partnerBelief');
    expect(input.margin).toBe(0.04);
    const spec = whereEachWinsChart(input, 'x', 'y', { id: 'where-each-wins-grid' });
    expect(spec.subtitle).toContain('x by its 4 values and y by its 4 values');
    expect(spec.caption).toContain('habits-first in 0, and the mean difference is within the margin (±0.04) in 8');
  });
});

describe('where each wins over a Latin hypercube', () => {
  it('bins comparison rows of spread parameter sets into quantile cells that hold them all', () => {
    // 40 sets spread over (tension, blend) in a Latin-hypercube-like pattern: A ahead where tension < 0.3.
    const rows: ComparisonRow[] = Array.from({ length: 40 }, (_, k) => {
      const tension = ((k * 17) % 40) / 40 * 0.6, blend = ((k * 23) % 40) / 40;
      const meanDiff = 0.3 - tension;
      return { scenario: 's', set: k, params: { tension, blend }, metric: 'trusterPayoff', better: 'higher', n: 4, meanDiff, ciLow: meanDiff - 0.1, ciHigh: meanDiff + 0.1,
        effectSize: 1, winsA: 2, winsB: 2, ties: 0, excludesZero: false, leader: 'none', margin: 0.01 };
    });
    const map = winsMap(winsFromComparison({ a: 'trust-first', b: 'habits-first', rows }, 'trusterPayoff'), 'tension', 'blend');
    expect(map.x.kind).toBe('quantiles');
    expect(map.x.bins.length).toBe(3);
    expect(map.cells.reduce((s, c) => s + c.count, 0)).toBe(40);
    const words = winsSentences(map);
    expect(words[1]).toMatch(/^Trust-first earns states that rely a higher payoff mainly where tension is below 0\.\d+ \(all \d+ of its cells/);
  });
});

describe('sensitivity sentences', () => {
  it('name the factors that matter from the numbers', () => {
    expect(sensitivitySentence(sobol.sensitivity, result(sobol, 'partnerBelief'))).toMatch(/^For the paired difference trust-first − habits-first in final trust in partners, tension matters most \(total index 0\.59 \[0\.32, 0\.92\]\), then receptivity \(0\.22\)/);
    expect(sensitivitySentence(morris.sensitivity, result(morris, 'trusterPayoff'))).toMatch(/equivocation matters most \(μ\* 2\.0 /);
    const skipped = { ...result(sobol, 'brier'), skipped: 'no finite values at 12 points' };
    expect(sensitivitySentence(sobol.sensitivity, skipped)).toContain('no index could be computed: no finite values at 12 points');
  });
  it('say in the Sobol caption when an estimate has S1 below 0 or above ST', () => {
    const r = result(sobol, 'partnerBelief');
    expect(sobolChart(sobol.sensitivity, r).caption).toContain('The estimates for tension and equivocation have S1 below 0 or above ST, which a share cannot be: noise of the runs and the estimator');
    const clean = { ...r, first: r.total!.map((t) => t / 2) };
    expect(sobolChart(sobol.sensitivity, clean).caption).not.toContain('which a share cannot be');
  });
  it('say "1 replication", not "1 replications"', () => {
    const one = { ...sobol.sensitivity, replications: 1 };
    const caption = sobolChart(one, result(sobol, 'partnerBelief')).caption ?? '';
    expect(caption).toContain('1 replication each');
    expect(caption).not.toContain('1 replications');
    const m = { ...morris.sensitivity, replications: 1 };
    expect(morrisChart(m, result(morris, 'trusterPayoff')).caption).toContain('1 replication each');
  });
  it('call a Morris effect non-linear or interacting where sigma is above mu*, the chart\'s dashed line', () => {
    // tension: sigma 0.8 mu* (below the line); receptivity: sigma 1.5 mu* (above it).
    const r = { ...result(morris, 'trusterPayoff'), mu: [2, 2, 2], muStar: [2, 2, 2], sigma: [1.6, 3, 0.1], muStarInterval: [[1, 3], [1, 3], [1, 3]] as [number, number][] };
    const words = sensitivitySentence(morris.sensitivity, r);
    expect(words).toContain('; receptivity acts non-linearly or together with other conditions (σ above μ*: above the chart\'s dashed line)');
    expect(words).not.toMatch(/tension acts|and receptivity act|half of/);
    const caption = morrisChart(morris.sensitivity, r).caption ?? '';
    expect(caption).toContain('Receptivity lies above the line');
  });
});

describe('sensitivity chart snapshots', () => {
  const specs = [
    sobolChart(sobol.sensitivity, result(sobol, 'partnerBelief')),
    sobolChart(sobol.sensitivity, result(sobol, 'brier', 'habits-first')),
    morrisChart(morris.sensitivity, result(morris, 'trusterPayoff')),
    whereEachWinsChart(winsFromPoints(sobol.sensitivity, sobol.points, 'partnerBelief', { margin: 0.01 }), 'tension', 'receptivity'),
    whereEachWinsChart(winsFromPoints(morris.sensitivity, morris.points, 'brier'), 'receptivity', 'equivocation', { id: 'where-each-wins-morris-brier' }),
  ];

  it('refuse the other method and skipped results', () => {
    expect(() => morrisChart(sobol.sensitivity, result(sobol, 'brier'))).toThrow(/Sobol/);
    expect(() => sobolChart(morris.sensitivity, result(morris, 'brier'))).toThrow(/Morris/);
    expect(() => sobolChart(sobol.sensitivity, { ...result(sobol, 'brier'), skipped: 'no variance' })).toThrow(/no variance/);
  });

  it('say what S1, ST, mu* and sigma mean, and name the zone within the margin in the legend', () => {
    expect(specs[0].caption).toContain('due to that condition alone');
    expect(specs[0].caption).toContain('with all its interactions');
    expect(specs[0].legend!.map((l) => l.label)).toContain('ST: share with its interactions');
    expect(specs[2].caption).toContain('Far right means influential; high means the effect is non-linear');
    expect(specs[3].legend!.map((l) => l.label)).toEqual(['trust-first better', 'habits-first better', 'within the margin (|trust-first − habits-first| within ±0.01)']);
    expect(specs[3].caption).toContain('grey cells are within the margin');
    expect(specs[3].caption).not.toMatch(/equivalent \(|are equivalent/);
    // Without a margin in the file, the metric's default (brier: 0.005) draws the zone.
    expect(specs[4].legend![2].label).toBe('within the margin (|trust-first − habits-first| within ±0.005)');
    // A Morris move is Δ = p / (2 (p - 1)) of the range (p/2 grid steps), and mu* a change per whole range.
    expect(specs[2].caption).toContain('moves by Δ = 0.67 of its range (2 steps of a 4-level grid), divided by Δ: a change per whole range');
    expect(specs[2].caption).not.toContain('one step');
  });

  snapshotTests(specs);
});
