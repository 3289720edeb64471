/**
 * Properties of `explainPair` over random ranges of real runs, simulated in memory through the
 * public API: the GRIT teaching scenario (both directions, with its scripted tests, incident and
 * betrayal) and the ASEAN run's China-Philippines pair (the pair of the example, with
 * hundreds of events). For every range, `top` and number of periods: contributions add up to
 * the change, every running total in time order is in [0, 1], no share is above 100%, the
 * sentences count the same smaller contributions as the table, the periods join end to end
 * (`expectAddsUp`); and the waterfall's bars stay in [0, 1] while the by-kind bars start at zero.
 * Runs without pairs.csv place the range's ends by the forgetting rate, as a folder without
 * pairs.csv would.
 */
import { describe, expect } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { explainPair, formatProblem, loadScenario, runFromResult, simulate, type ExplainRun } from '../../src/index.js';
import { waterfallBars } from '../../src/charts/waterfall.js';
import { contributionBars } from '../../src/charts/contributions.js';
import { expectAddsUp, ROOT } from './helpers.js';
import { join } from 'node:path';

function run(file: string, pairs: boolean): ExplainRun {
  const loaded = loadScenario(join(ROOT, file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return runFromResult(simulate(loaded.value, { seed: 1, pairs }));
}

const RUNS = {
  'grit-initiative': { file: 'scenarios/grit-initiative.yaml', pairs: [['Osgoodia', 'Rivalia'], ['Rivalia', 'Osgoodia']] },
  'asean-admm': { file: 'scenarios/asean-admm.yaml', pairs: [['PHL', 'CHN'], ['CHN', 'PHL']] },
} as const;

describe.each(Object.entries(RUNS))('random ranges of %s, seed 1', (_, c) => {
  const runs = [run(c.file, true), run(c.file, false)];
  const last = runs[0].dates.length - 1;
  const query = fc.record({
    pair: fc.constantFrom(...c.pairs),
    ends: fc.tuple(fc.integer({ min: 0, max: last }), fc.integer({ min: 0, max: last })),
    top: fc.integer({ min: 1, max: 12 }),
    periods: fc.integer({ min: 1, max: 16 }),
    withPairs: fc.boolean(),
  });

  fcTest.prop([query], { numRuns: 60 })('contributions add up, running totals stay in [0, 1], shares within 100%', (q) => {
    const [from, to] = q.ends[0] <= q.ends[1] ? q.ends : [q.ends[1], q.ends[0]];
    const e = explainPair(runs[q.withPairs ? 0 : 1], { observer: q.pair[0], subject: q.pair[1], from, to, top: q.top, periods: q.periods });
    expectAddsUp(e);
    expect(e.periods.length).toBeLessThanOrEqual(q.periods);
    // The waterfall: chronological, each bar from where the previous ended, inside [0, 1].
    const bars = waterfallBars(e);
    for (const b of bars) expect(b.x1 >= 0 && b.x1 <= 1 && b.x2 >= 0 && b.x2 <= 1).toBe(true);
    for (let k = 2; k < bars.length - 1; k++) expect(bars[k].x1).toBe(bars[k - 1].x2);
    // By kind: from zero, adding up to the change; the remainder as the sentences count it.
    const kinds = contributionBars(e);
    const total = kinds[kinds.length - 1];
    expect(total.value).toBe(e.change.trust);
    const parts = kinds.slice(0, -1).reduce((s, b) => s + b.value, 0);
    expect(Math.abs(parts - e.change.trust)).toBeLessThan(1e-12);
    for (const b of kinds) if (b.share !== null) expect(Math.abs(b.share)).toBeLessThanOrEqual(1);
    expect(kinds.filter((b) => b.type === 'smaller').length).toBe(e.smaller === null ? 0 : 1);
  });
});
