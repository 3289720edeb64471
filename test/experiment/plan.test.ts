/**
 * An experiment file expanded into its plan (src/experiment/plan.ts): parameter sets from a
 * grid, a list or a Latin hypercube; run numbering and its inverse; run seeds; the plan key;
 * where each run's trace lives in the data file; batches and shards.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner } from '../../src/experiment/batch.js';
import { METRICS, RECORD_WIDTH, TRACE_WIDTH } from '../../src/experiment/metrics.js';
import { planInfo } from '../../src/experiment/plan-info.js';
import {
  BATCH_SIZE, buildPlan, latinHypercube, loadPlan, perSetSeed, runCoords, runIndex, runSeed, seedOf, traceAt, traceOffsets, type Layout, type Plan,
} from '../../src/experiment/plan.js';
import { batchContext } from '../../src/experiment/runner.js';
import { batchRange, shardBatches } from '../../src/experiment/store.js';
import { formatProblem } from '../../src/io/document.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIOS = join(ROOT, 'scenarios');

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-plan-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

let files = 0;
/** Writes an experiment file (lines of YAML) into the temporary folder and returns its path. */
function experimentFile(lines: string[], name = `exp-${files++}.yaml`): string {
  const file = join(tmp, name);
  writeFileSync(file, [...lines, ''].join('\n'));
  return file;
}

function plan(lines: string[], overrides: { replications?: number } = {}): Plan {
  const r = loadPlan(experimentFile(lines), overrides);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

const HEAD = ['name: Plan test', 'description: A plan.', `scenarios: [${join(SCENARIOS, 'minimal-pair.yaml')}, ${join(SCENARIOS, 'senior-partner.yaml')}]`];

describe('parameter sets', () => {
  it('a grid expands to the full product, the last condition varying fastest', () => {
    const p = plan([...HEAD, 'replications: 3', 'variations:', '  grid: { tension: [0.1, 0.5], receptivity: [0.2, 0.4, 0.6], parameters.kappa: [1] }']);
    expect(p.sets).toEqual([
      { tension: 0.1, receptivity: 0.2, 'parameters.kappa': 1 },
      { tension: 0.1, receptivity: 0.4, 'parameters.kappa': 1 },
      { tension: 0.1, receptivity: 0.6, 'parameters.kappa': 1 },
      { tension: 0.5, receptivity: 0.2, 'parameters.kappa': 1 },
      { tension: 0.5, receptivity: 0.4, 'parameters.kappa': 1 },
      { tension: 0.5, receptivity: 0.6, 'parameters.kappa': 1 },
    ]);
    expect(p.conditionNames).toEqual(['tension', 'receptivity', 'parameters.kappa']);
    // 2 scenarios x 6 sets x 3 replications x 2 hypotheses (the default two)
    expect(p.hypotheses).toEqual(['habits-first', 'trust-first']);
    expect(p.runs).toBe(72);
    expect(p.batches).toBe(Math.ceil(72 / BATCH_SIZE));
  });

  it('a list is taken as given, its conditions named in order of first appearance', () => {
    const p = plan([...HEAD, 'replications: 1', 'variations:', '  list:', '    - { seniority: 0.9 }', '    - { tension: 0.3, seniority: 0.1 }', '    - {}']);
    expect(p.sets).toEqual([{ seniority: 0.9 }, { tension: 0.3, seniority: 0.1 }, {}]);
    expect(p.conditionNames).toEqual(['seniority', 'tension']);
  });

  it('without variations there is one set, the scenarios as written', () => {
    const p = plan([...HEAD, 'replications: 2', 'hypotheses: [trust-first, trust-first, blend=0.5]']);
    expect(p.sets).toEqual([{}]);
    expect(p.conditionNames).toEqual([]);
    expect(p.hypotheses).toEqual(['trust-first', 'blend=0.5']); // repeated hypotheses run once
    expect(p.runs).toBe(2 * 1 * 2 * 2);
  });

  /** Checks one point per stratum in every dimension (sorted values: the k-th in stratum k). */
  function expectLatin(sets: Record<string, number>[], ranges: Record<string, [number, number]>): void {
    const n = sets.length;
    for (const [name, [lo, hi]] of Object.entries(ranges)) {
      const xs = sets.map((s) => s[name]).sort((a, b) => a - b);
      const w = (hi - lo) / n;
      const eps = 1e-9 * Math.max(1, Math.abs(lo), Math.abs(hi));
      xs.forEach((x, k) => {
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
        expect(x, `${name}: value ${k} of ${n}`).toBeGreaterThanOrEqual(lo + k * w - eps);
        expect(x, `${name}: value ${k} of ${n}`).toBeLessThanOrEqual(lo + (k + 1) * w + eps);
      });
    }
  }

  const ranges = fc.dictionary(
    fc.constantFrom('tension', 'receptivity', 'equivocation', 'parameters.kappa', 'culturalDistance'),
    fc.tuple(fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0, max: 50, noNaN: true })).map(([lo, w]): [number, number] => [lo, lo + w]),
    { minKeys: 1, maxKeys: 5 },
  );

  fcTest.prop([fc.integer({ min: 1, max: 60 }), ranges, fc.string()], { numRuns: 100 })(
    'a Latin hypercube puts exactly one point in each stratum of each range, and is repeatable',
    (samples, r, seed) => {
      const sets = latinHypercube(samples, r, seed);
      expect(sets).toHaveLength(samples);
      for (const s of sets) expect(Object.keys(s).sort()).toEqual(Object.keys(r).sort());
      expectLatin(sets, r);
      expect(latinHypercube(samples, r, seed)).toEqual(sets);
    });

  it('a Latin hypercube depends on its seed, which defaults to the base seed', () => {
    const r: Record<string, [number, number]> = { tension: [0, 1], receptivity: [0.2, 0.9] };
    const a = latinHypercube(10, r, 'a');
    const b = latinHypercube(10, r, 'b');
    expect(a).not.toEqual(b);
    for (const name of Object.keys(r)) expect(a.map((s) => s[name])).not.toEqual(b.map((s) => s[name]));
    const lhs = (baseSeed: string) => plan([...HEAD, 'replications: 1', `baseSeed: ${baseSeed}`, 'variations:',
      '  latinHypercube: { samples: 10, ranges: { tension: [0, 1], receptivity: [0.2, 0.9] } }']);
    expect(lhs('a').sets).toEqual(a);
    expect(lhs('b').sets).toEqual(b);
    expect(lhs('7').sets).toEqual(latinHypercube(10, r, '7'));
    const seeded = plan([...HEAD, 'replications: 1', 'baseSeed: a', 'variations:',
      '  latinHypercube: { samples: 10, ranges: { tension: [0, 1], receptivity: [0.2, 0.9] }, seed: b }']);
    expect(seeded.sets).toEqual(b);
    expectLatin(seeded.sets, r);
    expect(seeded.conditionNames).toEqual(['tension', 'receptivity']);
  });
});

describe('whole-number parameters', () => {
  it('a Latin hypercube samples them as whole numbers, each value in the range about equally often', () => {
    const p = plan([...HEAD, 'replications: 1', 'variations:',
      '  latinHypercube: { samples: 60, ranges: { parameters.maxActsPerStep: [0, 5], tension: [0, 1] } }']);
    const values = p.sets.map((s) => s['parameters.maxActsPerStep']);
    for (const v of values) expect(Number.isInteger(v), String(v)).toBe(true);
    const counts = [0, 1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length);
    expect(counts).toEqual([10, 10, 10, 10, 10, 10]);
    // Other conditions are sampled as before.
    expect(p.sets.map((s) => s.tension)).toEqual(latinHypercube(60, { 'parameters.maxActsPerStep': [0, 5], tension: [0, 1] }, '1').map((s) => s.tension));
    // Every set is a valid scenario: the runs of the plan can be made.
    const runner = new BatchRunner(batchContext(p));
    expect(() => runner.run(0, Math.min(p.runs, 4))).not.toThrow();
  });

  it('a range with a bound that is not a whole number is refused with its place in the file', () => {
    const r = loadPlan(experimentFile([...HEAD, 'replications: 1', 'variations:',
      '  latinHypercube: { samples: 4, ranges: { parameters.gritPause: [1, 6.5] } }']));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map(formatProblem).join('\n')).toMatch(/:\d+:\d+: variations\.latinHypercube\.ranges\.parameters\.gritPause\[1\]: .*int/);
  });

  it('every parameter has bounds that keep outputs finite: an enormous payoff is refused', () => {
    for (const [name, value] of [['payoffReward', 1e308], ['payoffSucker', -1e308], ['honourLR', 1e300], ['incidentRate', 1e9], ['gritPause', 2 ** 40]] as const) {
      const r = loadPlan(experimentFile([...HEAD, 'replications: 1', 'variations:', `  list: [ { parameters.${name}: ${value} } ]`]));
      expect(r.ok, name).toBe(false);
    }
  });
});

describe('run numbering', () => {
  const layout = fc.record({
    scenarios: fc.integer({ min: 1, max: 4 }),
    sets: fc.integer({ min: 1, max: 6 }),
    replications: fc.integer({ min: 1, max: 12 }),
    hypotheses: fc.integer({ min: 1, max: 3 }),
  }).map((l) => ({
    scenarios: Array.from({ length: l.scenarios }, () => ({ steps: 1 })),
    sets: Array.from({ length: l.sets }, () => ({})),
    replications: l.replications,
    hypotheses: Array.from({ length: l.hypotheses }, () => 'h'),
  }));
  const runsOf = (p: Layout) => p.scenarios.length * p.sets.length * p.replications * p.hypotheses.length;

  fcTest.prop([layout.chain((p) => fc.tuple(fc.constant(p), fc.nat({ max: runsOf(p) - 1 })))], { numRuns: 300 })(
    'runCoords and runIndex are inverse, and the coordinates are in range',
    ([p, run]) => {
      const c = runCoords(p, run);
      expect(c.scenario).toBeGreaterThanOrEqual(0);
      expect(c.scenario).toBeLessThan(p.scenarios.length);
      expect(c.set).toBeLessThan(p.sets.length);
      expect(c.replication).toBeLessThan(p.replications);
      expect(c.hypothesis).toBeLessThan(p.hypotheses.length);
      for (const v of Object.values(c)) expect(Number.isInteger(v) && v >= 0).toBe(true);
      expect(runIndex(p, c)).toBe(run);
    });

  fcTest.prop([layout], { numRuns: 50 })('runs are numbered scenario, set, replication, hypothesis, the hypothesis fastest', (p) => {
    let run = 0;
    for (let scenario = 0; scenario < p.scenarios.length; scenario++) {
      for (let set = 0; set < p.sets.length; set++) {
        for (let replication = 0; replication < p.replications; replication++) {
          for (let hypothesis = 0; hypothesis < p.hypotheses.length; hypothesis++) {
            expect(runCoords(p, run)).toEqual({ scenario, set, replication, hypothesis });
            expect(runIndex(p, { scenario, set, replication, hypothesis })).toBe(run);
            run++;
          }
        }
      }
    }
  });
});

describe('run seeds', () => {
  const sha48 = (text: string) => createHash('sha256').update(text).digest().readUIntBE(0, 6);

  it('are the first 48 bits of the SHA-256 the manifest describes, without the set under seeds: common', () => {
    for (const [base, name, set, rep] of [[1, 'Minimal transmitter and receiver', 0, 0], ['x y', 'S', 3, 41], [0, '', 0, 999]] as const) {
      const common = runSeed(base, name, rep);
      expect(common).toBe(sha48(`entente|experiment|${base}|${name}|rep${rep}`));
      expect(perSetSeed(base, name, set, rep)).toBe(sha48(`entente|experiment|${base}|${name}|set${set}|rep${rep}`));
      expect(seedOf({ baseSeed: base, seeds: 'common' }, name, set, rep)).toBe(common);
      expect(seedOf({ baseSeed: base, seeds: 'per-set' }, name, set, rep)).toBe(perSetSeed(base, name, set, rep));
      // A plan.json written before the option was per-set.
      expect(seedOf({ baseSeed: base }, name, set, rep)).toBe(perSetSeed(base, name, set, rep));
      expect(Number.isSafeInteger(common)).toBe(true);
      expect(common).toBeLessThan(2 ** 48);
    }
  });

  it('differ across base seeds, scenarios and replications (and parameter sets under per-set)', () => {
    const common = new Set<number>(), perSet = new Set<number>();
    let count = 0;
    for (const base of [1, 2, 'one'])
      for (const name of ['Minimal transmitter and receiver', 'Senior partner', 'A'])
        for (let rep = 0; rep < 20; rep++) {
          common.add(runSeed(base, name, rep));
          for (let set = 0; set < 5; set++) { perSet.add(perSetSeed(base, name, set, rep)); count++; }
        }
    expect(common.size).toBe(count / 5);
    expect(perSet.size).toBe(count);
  });

  it('seeds: common (the default) gives every parameter set the same seeds; per-set does not; the plan key tells them apart', () => {
    const lines = [...HEAD, 'replications: 2', 'steps: 6', 'variations:', '  grid: { tension: [0.1, 0.4] }'];
    const seeds = (p: Plan) => Array.from({ length: p.runs }, (_, run) => {
      const c = runCoords(p, run);
      return { ...c, seed: seedOf(batchContext(p), p.scenarios[c.scenario].name, c.set, c.replication) };
    });
    const byDefault = plan(lines), common = plan([...lines, 'seeds: common']), perSet = plan([...lines, 'seeds: per-set']);
    expect(byDefault.experiment.seeds).toBe('common');
    for (const [p, same] of [[byDefault, true], [common, true], [perSet, false]] as const) {
      const s = seeds(p);
      for (const x of s.filter((c) => c.set === 1)) {
        const twin = s.find((c) => c.set === 0 && c.scenario === x.scenario && c.replication === x.replication && c.hypothesis === x.hypothesis)!;
        if (same) expect(x.seed).toBe(twin.seed); else expect(x.seed).not.toBe(twin.seed);
      }
    }
    // The same file bytes with the other seeds mode: another key (a resume or a merge of the other kind is refused).
    expect(buildPlan(common.experimentFile, common.experimentSha256, { ...common.experiment, seeds: 'per-set' }, common.scenarios).key).not.toBe(common.key);
    expect(buildPlan(common.experimentFile, common.experimentSha256, common.experiment, common.scenarios).key).toBe(common.key);
  });

  it('are shared by the hypotheses of a replication: two names for the same model give the same records', () => {
    // habits-first and blend=0 are the same model: on common random numbers their runs match bit for bit.
    const p = plan([...HEAD, 'replications: 3', 'steps: 24', 'hypotheses: [habits-first, blend=0, trust-first]', 'variations:', '  grid: { tension: [0.1, 0.4] }']);
    const result = new BatchRunner(batchContext(p)).run(0, p.runs);
    const record = (run: number) => [...result.records.subarray(run * RECORD_WIDTH, (run + 1) * RECORD_WIDTH)];
    let differs = 0;
    for (let run = 0; run < p.runs; run += 3) {
      expect(runCoords(p, run).hypothesis).toBe(0);
      expect(record(run + 1)).toEqual(record(run));
      if (JSON.stringify(record(run + 2)) !== JSON.stringify(record(run))) differs++;
    }
    expect(differs).toBeGreaterThan(0); // trust-first is another model on the same dice
    // And runs of different replications differ.
    expect(record(3)).not.toEqual(record(0));
  });
});

describe('analysis margins', () => {
  it('default to each metric\'s margin; the experiment file overrides some; plan.json records them all', () => {
    const p = plan([...HEAD, 'replications: 2', 'metrics: [partnerBelief, brier, incidents]', 'analysis: { margins: { brier: 0.001, incidents: 0 } }']);
    expect(planInfo(p, BATCH_SIZE, null).analysis.margins).toEqual({ partnerBelief: METRICS.find((m) => m.name === 'partnerBelief')!.margin, brier: 0.001, incidents: 0 });
    expect(METRICS.every((m) => Number.isFinite(m.margin) && m.margin >= 0)).toBe(true);
  });

  it('refuses an unknown metric name and a negative margin, with the path of each', () => {
    const r = loadPlan(experimentFile([...HEAD, 'replications: 2', 'analysis:', '  margins: { partnerBelif: 0.1, brier: -1 }']));
    expect(r.ok).toBe(false);
    const text = r.ok ? '' : r.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/:6:\d+: analysis\.margins\.partnerBelif: unknown metric "partnerBelif"; expected one of partnerBelief, /);
    expect(text).toMatch(/:6:\d+: analysis\.margins\.brier: /);
  });
});

describe('the plan key', () => {
  it('is the same when nothing changed, and changes with a scenario file\'s bytes, the experiment file or the replications', () => {
    const scenario = join(tmp, 'my-scenario.yaml');
    copyFileSync(join(SCENARIOS, 'minimal-pair.yaml'), scenario);
    const lines = ['name: Key test', 'description: The key.', 'scenarios: [my-scenario.yaml]', 'replications: 2'];
    const file = experimentFile(lines, 'key.yaml');
    const key = () => {
      const r = loadPlan(file);
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      return r.value.key;
    };
    const k0 = key();
    expect(k0).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(k0);
    // The same bytes written again, with another modification time: same key.
    writeFileSync(scenario, readFileSync(scenario));
    utimesSync(scenario, new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(key()).toBe(k0);
    // One comment added to the scenario: the results could differ, so the key does.
    writeFileSync(scenario, `${readFileSync(scenario, 'utf8')}# a comment\n`);
    const k1 = key();
    expect(k1).not.toBe(k0);
    copyFileSync(join(SCENARIOS, 'minimal-pair.yaml'), scenario);
    expect(key()).toBe(k0);
    // The experiment file changed.
    writeFileSync(file, `${readFileSync(file, 'utf8')}# a comment\n`);
    expect(key()).not.toBe(k0);
    // --replications.
    const base = loadPlan(file);
    const more = loadPlan(file, { replications: 3 });
    expect(base.ok && more.ok && base.value.key !== more.value.key).toBe(true);
  });
});

describe('the traces file', () => {
  const layout = fc.record({
    steps: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 5 }),
    sets: fc.integer({ min: 1, max: 5 }),
    replications: fc.integer({ min: 1, max: 6 }),
    hypotheses: fc.integer({ min: 1, max: 3 }),
  }).map((l): Layout => ({
    scenarios: l.steps.map((steps) => ({ steps })),
    sets: Array.from({ length: l.sets }, () => ({})),
    replications: l.replications,
    hypotheses: Array.from({ length: l.hypotheses }, () => 'h'),
  }));

  fcTest.prop([layout], { numRuns: 200 })('lays the runs out one after another, without overlap or gaps', (p) => {
    const offsets = traceOffsets(p);
    const perScenario = p.sets.length * p.replications * p.hypotheses.length;
    const runs = p.scenarios.length * perScenario;
    expect(offsets).toHaveLength(p.scenarios.length + 1);
    let at = 0;
    for (let run = 0; run < runs; run++) {
      const s = runCoords(p, run).scenario;
      if (run % perScenario === 0) expect(offsets[s]).toBe(at);
      expect(traceAt(p, offsets, run)).toBe(at);
      at += p.scenarios[s].steps * TRACE_WIDTH;
    }
    // The last run ends where the file ends: steps x TRACE_WIDTH numbers for every run.
    expect(offsets[p.scenarios.length]).toBe(at);
    expect(at).toBe(p.scenarios.reduce((a, s) => a + s.steps, 0) * perScenario * TRACE_WIDTH);
  });
});

describe('batches and shards', () => {
  fcTest.prop([fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 9 })], { numRuns: 200 })(
    'batches cover every run once, and the shards of N cover every batch once',
    (runs, n) => {
      const info = { runs, batchSize: BATCH_SIZE };
      const batches = Math.ceil(runs / BATCH_SIZE);
      let next = 0;
      for (let b = 0; b < batches; b++) {
        const [start, end] = batchRange(info, b);
        expect(start).toBe(next);
        expect(end).toBeGreaterThan(start);
        expect(end - start).toBeLessThanOrEqual(BATCH_SIZE);
        next = end;
      }
      expect(next).toBe(runs);
      const all = Array.from({ length: n }, (_, k) => shardBatches(batches, { k: k + 1, n })).flat().sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: batches }, (_, b) => b));
      expect(shardBatches(batches, null)).toEqual(all);
    });
});
