/**
 * The explanation charts on real runs simulated in memory (ASEAN, seed 1, habits-first: the
 * Philippines' trust in China, the pair of the issue's example; and the GRIT scenario's
 * Rivalia -> Osgoodia): the waterfall in time order between levels trust had, and the groups by
 * kind as bars from zero with the start and end trust stated; their SVG snapshots in
 * test/charts/__snapshots__/explain-*.svg (update with `npx vitest run test/charts -u` after
 * looking).
 */
import { describe, expect, it } from 'vitest';
import { explainPair, formatProblem, loadScenario, runFromResult, simulate, type PairExplanation } from '../../src/index.js';
import { waterfallBars, waterfallChart } from '../../src/charts/waterfall.js';
import { contributionBars, contributionsChart } from '../../src/charts/contributions.js';
import { snapshotTests } from './snapshot-tests.js';

function explain(file: string, observer: string, subject: string): PairExplanation {
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return explainPair(runFromResult(simulate(loaded.value, { seed: 1, hypothesis: 'habits-first' })), { observer, subject });
}

const CASES = [explain('scenarios/asean-admm.yaml', 'PHL', 'CHN'), explain('scenarios/grit-initiative.yaml', 'Rivalia', 'Osgoodia')];

describe.each(CASES)('the charts of $observer.id -> $subject.id', (e) => {
  it('the waterfall: start, one bar a period in time order, end; each bar from where the last ended, all in [0, 1]', () => {
    const bars = waterfallBars(e);
    expect(bars[0]).toMatchObject({ type: 'start', x1: e.from.trust, x2: e.from.trust });
    expect(bars[bars.length - 1]).toMatchObject({ type: 'end', x1: e.to.trust, x2: e.to.trust });
    const moves = bars.slice(1, -1);
    expect(moves).toHaveLength(e.periods.length);
    expect(moves[0].x1).toBe(e.from.trust);
    expect(moves[moves.length - 1].x2).toBe(e.to.trust);
    moves.forEach((b, k) => {
      if (k > 0) expect(b.x1).toBe(moves[k - 1].x2);
      expect(b.type).toBe(b.x2 >= b.x1 ? 'rise' : 'fall');
      expect(b.label.startsWith(e.periods[k].firstDate)).toBe(true);
      if (k > 0) expect(e.periods[k].firstStep).toBeGreaterThan(e.periods[k - 1].lastStep);
    });
    for (const b of bars) for (const x of [b.x1, b.x2]) expect(x >= 0 && x <= 1).toBe(true);
    const spec = waterfallChart(e);
    const [lo, hi] = (spec.plot.x as { domain: [number, number] }).domain;
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    expect(spec.title).toContain('in the order it happened');
  });

  it('by kind: the top groups, the smaller contributions as the sentences count them, the total; from zero; start and end trust stated', () => {
    const bars = contributionBars(e);
    expect(bars.slice(0, e.top).map((b) => b.value)).toEqual(e.groups.slice(0, e.top).map((g) => g.probability));
    const smaller = bars.find((b) => b.type === 'smaller')!;
    expect(smaller.label).toBe(`${e.smaller!.groups} smaller contributions (${e.smaller!.events} events)`);
    expect(e.sentences.join(' ')).toContain(`${e.smaller!.groups} smaller contributions (${e.smaller!.events} events)`);
    const total = bars[bars.length - 1];
    expect(total).toMatchObject({ type: 'total', value: e.change.trust });
    expect(Math.abs(bars.slice(0, -1).reduce((s, b) => s + b.value, 0) - e.change.trust)).toBeLessThan(1e-12);
    for (const b of bars) if (b.share !== null) expect(Math.abs(b.share)).toBeLessThanOrEqual(1);
    const spec = contributionsChart(e);
    const marks = spec.plot.marks as unknown[];
    expect(marks.length).toBeGreaterThan(0);
    const [lo] = (spec.plot.x as { domain: [number, number] }).domain;
    expect(lo).toBeLessThanOrEqual(0);
    expect(spec.subtitle).toContain(`Trust ${e.from.trust.toFixed(3)} at the start (${e.from.date}), ${e.to.trust.toFixed(3)} at the end (${e.to.date})`);
  });
});

describe('explanation chart snapshots', () => {
  snapshotTests(CASES.flatMap((e) => [waterfallChart(e), contributionsChart(e)]));
});
