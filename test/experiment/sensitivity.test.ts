/**
 * `runSensitivity` through the library's entry point: a factor the model cannot read gets
 * indices of exactly 0 (and one it reads does not), "all" is the mean over the scenarios at each
 * point, the difference is paired, whole-number parameters are run as whole numbers, and a stop
 * through the AbortSignal keeps the done runs for the next call.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSensitivity, type SensitivityReport, type SensitivityRow } from '../../src/index.js';
import { ROOT } from './cli-paths.js';

const FIXTURE = join(ROOT, 'test', 'experiment', 'fixtures', 'sensitivity.yaml');
const PAIR = join(ROOT, 'scenarios', 'minimal-pair.yaml');
const SENIOR = join(ROOT, 'scenarios', 'senior-partner.yaml');

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-sens-lib-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

const find = (r: SensitivityReport, metric: string, target: string, scenario = r.scenarios[0]): SensitivityRow =>
  r.results.find((x) => x.metric === metric && x.target === target && x.scenario === scenario)!;

/** points.csv as rows of cells keyed by its header. */
function points(dir: string): Record<string, string>[] {
  const [head, ...rest] = readFileSync(join(dir, 'points.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  return rest.map((cells) => Object.fromEntries(head.map((h, k) => [h, cells[k]])));
}

describe('a factor with no effect', () => {
  // parameters.kappa enters operative trust as (1 - b) kappa H, b = 1 under trust-first
  // (core/pair.ts): trust-first's runs are the same at every kappa, habits-first's are not. The
  // seeds are common across points, so only the factors can make two points differ.
  it('has Sobol indices of exactly 0 where the metric cannot depend on it, and not 0 where it does', async () => {
    const r = await runSensitivity(FIXTURE, { out: join(tmp, 'sobol'), workers: 0, metrics: ['partnerBelief', 'reliance'] });
    expect(r.status).toBe('finished');
    const report = r.report!;
    const kappa = report.factors.findIndex((f) => f.name === 'parameters.kappa');
    for (const metric of ['partnerBelief', 'reliance']) {
      const trust = find(report, metric, 'trust-first');
      expect(trust.skipped).toBeNull();
      expect(Math.abs(trust.total![kappa])).toBe(0);
      expect(Math.abs(trust.first![kappa])).toBe(0);
      expect(trust.total![1 - kappa]).toBeGreaterThan(0);
      expect(find(report, metric, 'habits-first').total![kappa]).toBeGreaterThan(0.01);
    }
    // The trust-first means at two points with the same evidence scale are the same numbers.
    const byTension = new Map<string, string>();
    for (const p of points(r.dir).filter((x) => x.target === 'trust-first' && x.metric === 'partnerBelief')) {
      const seen = byTension.get(p['parameters.evidenceScale']);
      if (seen !== undefined) expect(p.mean).toBe(seen);
      byTension.set(p['parameters.evidenceScale'], p.mean);
    }
    expect(byTension.size).toBeLessThan(report.points);
  }, 120_000);

  it('has Morris effects of exactly 0 where the metric cannot depend on it', async () => {
    const r = await runSensitivity(FIXTURE, { out: join(tmp, 'morris'), workers: 0, method: 'morris', samples: 6, metrics: ['partnerBelief'] });
    const report = r.report!;
    const kappa = report.factors.findIndex((f) => f.name === 'parameters.kappa');
    const trust = find(report, 'partnerBelief', 'trust-first');
    expect(trust.muStar![kappa]).toBe(0);
    expect(trust.mu![kappa]).toBe(0);
    expect(trust.muStar![1 - kappa]).toBeGreaterThan(0);
    expect(find(report, 'partnerBelief', 'habits-first').muStar![kappa]).toBeGreaterThan(0);
  }, 120_000);
});

describe('targets and factors', () => {
  it('gives "all" as the mean over the scenarios at each point, and the difference paired', async () => {
    const file = join(tmp, 'two.yaml');
    writeFileSync(file, [
      'name: Two scenarios', 'description: Tension over a range in two scenarios.', `scenarios: [${JSON.stringify(PAIR)}, ${JSON.stringify(SENIOR)}]`,
      'hypotheses: [habits-first, trust-first]', 'variations: { grid: { tension: [0.1, 0.3, 0.5], receptivity: [0.6] } }',
      'replications: 2', 'steps: 12', 'metrics: [partnerBelief]', 'analysis: { resamples: 100 }', '',
    ].join('\n'));
    const r = await runSensitivity(file, { out: join(tmp, 'two'), workers: 0, method: 'morris', samples: 3 });
    expect(r.status).toBe('finished');
    const report = r.report!;
    // tension is a factor (0.1..0.5); receptivity, with one value, is held fixed.
    expect(report.factors).toEqual([{ name: 'tension', min: 0.1, max: 0.5 }]);
    const plan = JSON.parse(readFileSync(join(r.dir, 'plan.json'), 'utf8'));
    for (const set of plan.sets) expect(set.receptivity).toBe(0.6);
    expect(report.results.map((x) => `${x.scenario}|${x.target}`)).toEqual([
      ...[...report.scenarios, 'all'].flatMap((s) => ['habits-first', 'trust-first', 'habits-first - trust-first'].map((t) => `${s}|${t}`)),
    ]);
    const rows = points(r.dir);
    const value = (p: string, scenario: string, target: string) => rows.find((x) => x.point === p && x.scenario === scenario && x.target === target)!;
    for (let p = 0; p < report.points; p++) {
      for (const target of ['habits-first', 'trust-first', 'habits-first - trust-first']) {
        const [a, b] = report.scenarios.map((s) => value(String(p), s, target));
        const all = value(String(p), 'all', target);
        expect(Number(all.mean)).toBeCloseTo((Number(a.mean) + Number(b.mean)) / 2, 12);
        expect(Number(all.n)).toBe(Number(a.n) + Number(b.n));
      }
      for (const s of report.scenarios) {
        const d = value(String(p), s, 'habits-first - trust-first');
        expect(d.n).toBe('2');
        expect(Number(d.mean)).toBeCloseTo(Number(value(String(p), s, 'habits-first').mean) - Number(value(String(p), s, 'trust-first').mean), 12);
      }
    }
  }, 120_000);

  it('runs a whole-number parameter at whole numbers over its range', async () => {
    const file = join(tmp, 'whole.yaml');
    writeFileSync(file, [
      'name: Whole', 'description: A whole-number parameter.', `scenarios: [${JSON.stringify(PAIR)}]`, 'hypotheses: [trust-first]',
      'variations: { latinHypercube: { samples: 2, ranges: { parameters.stanceReview: [1, 4], tension: [0.1, 0.4] } } }',
      'replications: 1', 'steps: 6', 'metrics: [partnerBelief]', 'analysis: { resamples: 100 }', '',
    ].join('\n'));
    const r = await runSensitivity(file, { out: join(tmp, 'whole'), workers: 0, method: 'morris', samples: 8, levels: 4 });
    expect(r.status).toBe('finished');
    const values = (JSON.parse(readFileSync(join(r.dir, 'plan.json'), 'utf8')).sets as Record<string, number>[]).map((s) => s['parameters.stanceReview']);
    for (const v of values) expect([1, 2, 3, 4]).toContain(v);
    expect(new Set(values).size).toBeGreaterThan(1);
    // One hypothesis: no difference target.
    expect(r.report!.results.map((x) => x.target)).toEqual(['trust-first']);
  }, 120_000);

  it('stops through the signal keeping the done runs, and the next call finishes to the same report', async () => {
    const abort = new AbortController();
    const dir = join(tmp, 'stopped');
    const options = { out: dir, workers: 0, method: 'morris' as const, samples: 4, metrics: ['partnerBelief'] };
    const first = await runSensitivity(FIXTURE, { ...options, signal: abort.signal, onProgress: (e) => { if (e.kind === 'runs' && e.done >= 25) abort.abort(); } });
    expect(first.status).toBe('interrupted');
    expect(first.report).toBeNull();
    const second = await runSensitivity(FIXTURE, options);
    expect(second.status).toBe('finished');
    expect(second.already).toBe(first.ran);
    const fresh = await runSensitivity(FIXTURE, { ...options, out: join(tmp, 'fresh') });
    expect(readFileSync(join(dir, 'sensitivity.json'), 'utf8')).toBe(readFileSync(join(fresh.dir, 'sensitivity.json'), 'utf8'));
  }, 120_000);
});
