/**
 * The readers and experiment charts on a trimmed copy of a real experiment's results
 * (test/charts/fixtures/experiment, see its README).
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readExperimentDir } from '../../src/charts/data.js';
import { differencesChart, hypothesisTrajectoriesChart, sweepChart } from '../../src/charts/comparison.js';
import { renderSvg } from '../../src/charts/render.js';
import { parseXml } from './xml.js';

const dir = join(import.meta.dirname, 'fixtures', 'experiment');

describe('charts from a real experiment folder', () => {
  const exp = readExperimentDir(dir);

  it('reads steps.csv, summary.csv with its condition columns, and comparison.json', () => {
    expect(exp.steps.length).toBe(240);
    expect(new Set(exp.steps.map((r) => r.hypothesis))).toEqual(new Set(['trust-first', 'habits-first']));
    expect(Object.keys(exp.summary[0].params)).toEqual(['tension', 'receptivity']);
    expect(exp.comparisons[0].a).toBe('trust-first');
    expect(exp.comparisons[0].rows.length).toBe(18);
  });

  it('maps the sweep, for a higher-is-better and a lower-is-better metric', () => {
    const c = exp.comparisons[0];
    const trust = sweepChart(c, { metric: 'partnerBelief' });
    const error = sweepChart(c, { metric: 'brier' });
    const leads = c.rows.filter((r) => r.metric === 'partnerBelief' && r.leader === 'a').length;
    expect(trust.caption).toContain(`Of the 9 combinations, trust-first leads clearly in ${leads}`);
    expect(error.caption).toContain('error of trust in partners (Brier score) (lower is better)');
    for (const spec of [trust, error, differencesChart(c, { metric: 'partnerBelief' }), hypothesisTrajectoriesChart(exp.steps)]) {
      expect(() => parseXml(renderSvg(spec))).not.toThrow();
    }
  });

  it('reads wins written as shares as shares', () => {
    const caption = differencesChart(exp.comparisons[0], { metric: 'partnerBelief' }).caption;
    expect(caption).toMatch(/better on \d+% of 8 seeds/);
  });
});
