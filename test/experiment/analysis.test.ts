/**
 * The analysis of a finished experiment (src/experiment/analysis.ts), checked the way a
 * researcher would: every run of runs.csv reproduced by hand from its seed with the public API,
 * summary.csv and comparison.json recomputed from runs.csv, steps.csv from the reproduced
 * trajectories; and the analysis of hand-made records with known answers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse, type Comparison, type ComparisonRow } from '../../src/experiment/analysis.js';
import { applySet } from '../../src/experiment/conditions.js';
import { METRICS, RECORD_COLUMNS, RECORD_WIDTH, TRACE_WIDTH } from '../../src/experiment/metrics.js';
import { runSeed } from '../../src/experiment/plan.js';
import { benjaminiHochberg } from '../../src/stats/index.js';
import { Store, type PlanInfo } from '../../src/experiment/store.js';
import { runExperiment } from '../../src/cli/experiment.js';
import { formatProblem, loadScenario, simulate, type RunResult, type Scenario } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCENARIO_FILES = ['minimal-pair.yaml', 'regional-training-facility.yaml'];
const HYPOTHESES = ['habits-first', 'trust-first', 'blend=0.5'];
const TENSIONS = [0.1, 0.3];
const R = 6;
const STEPS = 84;

/** A CSV file as rows of cells (quoted cells with commas and doubled quotes allowed). */
function readCsv(file: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  const rows: string[][] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const cells: string[] = [];
    let k = 0;
    while (k <= line.length) {
      if (line[k] === '"') {
        let cell = '';
        k++;
        while (k < line.length) {
          if (line[k] === '"' && line[k + 1] === '"') { cell += '"'; k += 2; } else if (line[k] === '"') { k++; break; } else cell += line[k++];
        }
        cells.push(cell);
        k++; // the comma
      } else {
        const end = line.indexOf(',', k);
        cells.push(line.slice(k, end < 0 ? line.length : end));
        k = end < 0 ? line.length + 1 : end + 1;
      }
    }
    rows.push(cells);
  }
  return { header: rows[0], rows: rows.slice(1) };
}

/** A number of a results file: an empty cell is NaN. */
const cell = (s: string): number => (s === '' ? NaN : Number(s));

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
/** Equal to within 1e-9 relative, NaN equal to NaN. */
function expectNear(actual: number, expected: number, what: string): void {
  if (Number.isNaN(expected)) { expect(actual, what).toBeNaN(); return; }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
}

interface Run {
  run: number; scenario: string; set: number; tension: number; replication: number; hypothesis: string; seed: number;
  values: Record<string, number>;
}

let tmp: string;
let dir: string;
let runs: Run[];
let scenarios: Record<string, { scenario: Scenario; file: string }>;
const reproduced = new Map<number, RunResult>();

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-analysis-'));
  const file = join(tmp, 'analysis.yaml');
  writeFileSync(file, [
    'name: Analysis test',
    'description: Two scenarios, one with a defection, two tensions, three hypotheses.',
    `scenarios: [${SCENARIO_FILES.map((f) => join(ROOT, 'scenarios', f)).join(', ')}]`,
    `hypotheses: [${HYPOTHESES.join(', ')}]`,
    `variations: { grid: { tension: [${TENSIONS.join(', ')}] } }`,
    `replications: ${R}`,
    'baseSeed: 17',
    `steps: ${STEPS}`,
    'analysis: { resamples: 300 }',
    '',
  ].join('\n'));
  dir = join(tmp, 'out');
  const r = await runExperiment(file, { out: dir, workers: '0', quiet: true }, []);
  expect(r.finished).toBe(true);
  scenarios = {};
  for (const f of SCENARIO_FILES) {
    const l = loadScenario(join(ROOT, 'scenarios', f));
    if (!l.ok) throw new Error(l.problems.map(formatProblem).join('\n'));
    scenarios[l.value.name] = { scenario: l.value, file: f };
  }
  const csv = readCsv(join(dir, 'runs.csv'));
  expect(csv.header).toEqual(['run', 'scenario', 'set', 'tension', 'replication', 'hypothesis', 'seed', ...RECORD_COLUMNS]);
  runs = csv.rows.map((c) => ({
    run: Number(c[0]), scenario: c[1], set: Number(c[2]), tension: Number(c[3]), replication: Number(c[4]), hypothesis: c[5], seed: Number(c[6]),
    values: Object.fromEntries(RECORD_COLUMNS.map((name, k) => [name, cell(c[7 + k])])),
  }));
  // Every run reproduced by hand: the scenario, the parameter set applied, the seed of runs.csv.
  for (const run of runs) {
    const s = applySet(scenarios[run.scenario].scenario, { tension: run.tension });
    reproduced.set(run.run, simulate(s, { seed: run.seed, hypothesis: run.hypothesis, steps: STEPS, events: false }));
  }
});
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

/** The runs of one (scenario, set, hypothesis), in replication order. */
const group = (scenario: string, set: number, hypothesis: string) =>
  runs.filter((r) => r.scenario === scenario && r.set === set && r.hypothesis === hypothesis).sort((a, b) => a.replication - b.replication);

describe('runs.csv', () => {
  it('has one row per run, numbered in plan order, with the seed of its scenario and replication (the same in every set: seeds: common)', () => {
    expect(runs).toHaveLength(SCENARIO_FILES.length * TENSIONS.length * R * HYPOTHESES.length);
    let k = 0;
    for (const name of Object.keys(scenarios)) {
      TENSIONS.forEach((tension, set) => {
        for (let rep = 0; rep < R; rep++) {
          for (const h of HYPOTHESES) {
            expect(runs[k]).toMatchObject({ run: k, scenario: name, set, tension, replication: rep, hypothesis: h, seed: runSeed(17, name, rep) });
            k++;
          }
        }
      });
    }
    // Common random numbers across parameter sets: replication r has one seed in every set.
    for (const r of runs) expect(r.seed).toBe(runs.find((q) => q.scenario === r.scenario && q.set === 0 && q.replication === r.replication)!.seed);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(SCENARIO_FILES.length * R);
    // The regional training facility has its defection within the steps run.
    expect(runs.some((r) => r.values.defections > 0)).toBe(true);
  });

  it('every run can be reproduced by hand from its seed: simulate() gives the numbers of runs.csv', () => {
    for (const run of runs) {
      const res = reproduced.get(run.run)!;
      const col = (name: string) => {
        const k = res.series.columns.indexOf(name);
        // The steps run: rows 1 .. STEPS (row 0 is the initial state, not a step of activity).
        return Array.from({ length: res.series.rows - 1 }, (_, t) => res.series.data[(t + 1) * res.series.columns.length + k]);
      };
      const trust = col('meanTrust');
      const what = (m: string) => `run ${run.run} ${m}`;
      const v = run.values;
      expect(res.series.rows).toBe(STEPS + 1);
      expect(v.regionalTrust, what('regionalTrust')).toBe(trust[STEPS - 1]);
      expectNear(v.regionalTrustMean, mean(trust), what('regionalTrustMean'));
      expectNear(v.regionalTrustGain, trust[STEPS - 1] - trust[0], what('regionalTrustGain'));
      expect(v.regionalTrustSpread, what('regionalTrustSpread')).toBe(col('trustSpread')[STEPS - 1]);
      expect(v.regionalHabit, what('regionalHabit')).toBe(col('meanHabit')[STEPS - 1]);
      expectNear(v.meanTension, mean(col('meanTension')), what('meanTension'));
      const sum = (name: string) => col(name).reduce((a, b) => a + b, 0);
      expect(v.incidents, what('incidents')).toBe(sum('incidents'));
      expect(v.defections, what('defections')).toBe(sum('defections'));
      expect(v.agreements, what('agreements')).toBe(res.final.agreements.length);
      // Partner pairs: the world's partner list (no agreement outside it in these scenarios).
      const w = res.world, n = w.n;
      const partners: [number, number][] = [];
      for (let i = 0; i < n; i++) for (let k = w.partners.start[i]; k < w.partners.start[i + 1]; k++) partners.push([i, w.partners.list[k]]);
      expect(res.partners.pair.length, what('partner pairs')).toBe(partners.length);
      const b = partners.map(([i, j]) => res.final.trust[i][j]);
      expectNear(v.partnerBelief, mean(b), what('partnerBelief'));
      expectNear(v.brier, mean(partners.map(([i, j]) => (res.final.trust[i][j] - w.trustworthiness[j]) ** 2)), what('brier'));
      // Counts: the series' regional counts of tests, honoured and exploited (every test is of a partner).
      const p = res.partners;
      const total = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);
      expect(total(p.tests), what('tests')).toBe(sum('tests'));
      expect(total(p.honoured), what('honoured')).toBe(sum('honoured'));
      expect(total(p.exploited), what('exploited')).toBe(sum('exploited'));
      expectNear(v.reliance, (sum('honoured') + sum('exploited')) / sum('tests'), what('reliance'));
      expectNear(v.honouredShare, sum('honoured') / (sum('honoured') + sum('exploited')), what('honouredShare'));
      expectNear(v.exploiterGain, sum('exploited') * w.params.payoffTemptation, what('exploiterGain'));
      expectNear(v.exploitationLoss, col('losses')[STEPS - 1], what('exploitationLoss'));
      expectNear(v.activityRate, total(p.activities) / (partners.length * STEPS / 12), what('activityRate'));
      expect(total(p.activities)).toBeLessThanOrEqual(sum('activities'));
      // Robustness: present exactly when a member defected at the scripted issue.
      const first = col('defections').findIndex((d) => d > 0);
      if (first < 0) {
        expect(v.betrayalDrop, what('betrayalDrop')).toBeNaN();
        expect(v.beliefRecovery, what('beliefRecovery')).toBeNaN();
      } else {
        expect(v.betrayalDrop, what('betrayalDrop')).toBeGreaterThan(0);
        expect(v.beliefRecovery, what('beliefRecovery')).toBeLessThanOrEqual(STEPS - first);
      }
    }
  });
});

describe('summary.csv', () => {
  it('gives, per scenario, set, hypothesis and metric, the n, mean, sd and median of the runs in runs.csv', () => {
    const { header, rows } = readCsv(join(dir, 'summary.csv'));
    expect(header).toEqual(['scenario', 'set', 'tension', 'hypothesis', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'median', 'reached']);
    expect(rows).toHaveLength(SCENARIO_FILES.length * TENSIONS.length * HYPOTHESES.length * METRICS.length);
    const kinds = Object.fromEntries(METRICS.map((m) => [m.name, m.kind]));
    for (const c of rows) {
      const [scenario, set, tension, hypothesis, metric] = c;
      const what = `${scenario} set ${set} ${hypothesis} ${metric}`;
      expect(Number(tension)).toBe(TENSIONS[Number(set)]);
      const g = group(scenario, Number(set), hypothesis);
      expect(g).toHaveLength(R);
      const xs = g.map((r) => r.values[metric]).filter(Number.isFinite);
      const [n, m, s, lo, hi, med, reached] = c.slice(5).map(cell);
      expect(n, what).toBe(xs.length);
      expectNear(m, xs.length > 0 ? mean(xs) : NaN, `${what} mean`);
      expectNear(s, xs.length > 1 ? sd(xs) : NaN, `${what} sd`);
      if (xs.length > 1 && sd(xs) > 0) {
        expect(lo, `${what} ciLow`).toBeLessThanOrEqual(m);
        expect(hi, `${what} ciHigh`).toBeGreaterThanOrEqual(m);
      }
      if (kinds[metric] === 'value') {
        expectNear(med, xs.length > 0 ? median(xs) : NaN, `${what} median`);
        expect(reached).toBeNaN();
      } else {
        const flags = g.filter((r) => Number.isFinite(r.values[metric])).map((r) => r.values[`${metric}.reached`]);
        expectNear(reached, flags.length > 0 ? mean(flags) : NaN, `${what} reached`);
        if (flags.filter((f) => f === 1).length * 2 < flags.length) expect(med, `${what} median`).toBeNaN();
      }
    }
    // The robustness metrics have values somewhere (not NaN everywhere).
    const loss = rows.filter((c) => c[4] === 'betrayalDrop').map((c) => Number(c[5]));
    expect(Math.max(...loss)).toBe(R);
  });
});

describe('steps.csv', () => {
  it('gives at each step the mean over the replications of the reproduced trajectories', () => {
    const { header, rows } = readCsv(join(dir, 'steps.csv'));
    expect(header).toEqual(['scenario', 'set', 'hypothesis', 'step', 'date', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'p10', 'p90']);
    expect(rows).toHaveLength(SCENARIO_FILES.length * TENSIONS.length * HYPOTHESES.length * STEPS * TRACE_WIDTH);
    const traceColumn = { meanTrust: 'meanTrust', trustSpread: 'trustSpread', meanTension: 'meanTension', meanHabit: 'meanHabit' } as const;
    for (const c of rows) {
      const [scenario, set, hypothesis, step, date, metric] = c;
      const t = Number(step);
      const [n, m, s, lo, hi, p10, p90] = c.slice(6).map(cell);
      const g = group(scenario, Number(set), hypothesis);
      const k = reproduced.get(g[0].run)!.series.columns.indexOf(traceColumn[metric as keyof typeof traceColumn]);
      expect(k, metric).toBeGreaterThan(0);
      // Traces are kept as 32-bit floats.
      const xs = g.map((r) => { const res = reproduced.get(r.run)!; return Math.fround(res.series.data[t * res.series.columns.length + k]); });
      const what = `${scenario} ${set} ${hypothesis} step ${t} ${metric}`;
      expect(n).toBe(R);
      expectNear(m, mean(xs), `${what} mean`);
      expect(Math.abs(s - sd(xs)), `${what} sd`).toBeLessThanOrEqual(1e-9);
      expect(p10).toBeGreaterThanOrEqual(Math.min(...xs));
      expect(p90).toBeLessThanOrEqual(Math.max(...xs));
      expect(p10).toBeLessThanOrEqual(p90);
      if (s > 0) { expect(lo).toBeLessThan(m); expect(hi).toBeGreaterThan(m); }
      // The Student t interval with R - 1 = 5 degrees of freedom: t(0.975, 5) = 2.5705818356363146 (SciPy), not 1.96.
      expectNear(hi - m, 2.5705818356363146 * s / Math.sqrt(R), `${what} half-width`);
      expectNear(m - lo, 2.5705818356363146 * s / Math.sqrt(R), `${what} half-width`);
      // Dates run monthly from the scenario's start (both scenarios start in 2020-01, one step a month).
      // Step t (1 .. STEPS, as in series.csv) is dated with the month it simulates.
      const months = 2020 * 12 + t - 1;
      expect(date).toBe(`${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`);
    }
  });
});

describe('comparison.json', () => {
  /** Checks one comparison row against the paired runs of runs.csv. */
  function checkRow(c: Comparison, row: ComparisonRow): void {
    const what = `${c.a} vs ${c.b}: ${row.scenario} set ${row.set} ${row.metric}`;
    const ga = group(row.scenario, row.set, c.a), gb = group(row.scenario, row.set, c.b);
    const pairs = ga.map((ra, k) => [ra, gb[k]] as const).filter(([ra, rb]) => {
      expect(ra.seed).toBe(rb.seed); // paired on the same seed
      return Number.isFinite(ra.values[row.metric]) && Number.isFinite(rb.values[row.metric]);
    });
    const a = pairs.map(([ra]) => ra.values[row.metric]), b = pairs.map(([, rb]) => rb.values[row.metric]);
    expect(row.n, what).toBe(pairs.length);
    expect(row.params).toEqual({ tension: TENSIONS[row.set] });
    expect(row.better).toBe(METRICS.find((m) => m.name === row.metric)!.better);
    if (pairs.length === 0) return;
    expectNear(row.meanA, mean(a), `${what} meanA`);
    expectNear(row.meanB, mean(b), `${what} meanB`);
    expectNear(row.meanDiff, mean(a) - mean(b), `${what} meanDiff`);
    expect(row.winsA + row.winsB + row.ties, what).toBeCloseTo(1, 12);
    if (METRICS.find((m) => m.name === row.metric)!.kind === 'value') {
      // A wins a seed when it does better there: higher, or lower where lower is better.
      const aBetter = (x: number, y: number) => (row.better === 'higher' ? x > y : x < y);
      expectNear(row.winsA, a.filter((x, k) => aBetter(x, b[k])).length / a.length, `${what} winsA`);
      expectNear(row.winsB, a.filter((x, k) => aBetter(b[k], x)).length / a.length, `${what} winsB`);
    } else {
      // Time: A wins when it reaches the threshold strictly first (never reaching is last).
      const time = (r: Run) => (r.values[`${row.metric}.reached`] === 1 ? r.values[row.metric] : Infinity);
      expectNear(row.winsA, pairs.filter(([ra, rb]) => time(ra) < time(rb)).length / pairs.length, `${what} winsA`);
      expectNear(row.winsB, pairs.filter(([ra, rb]) => time(ra) > time(rb)).length / pairs.length, `${what} winsB`);
    }
    expect(row.excludesZero, what).toBe(row.ciLow > 0 || row.ciHigh < 0);
    if (pairs.length > 1 && sd(a.map((x, k) => x - b[k])) > 0) {
      expect(row.ciLow, what).toBeLessThanOrEqual(row.meanDiff);
      expect(row.ciHigh, what).toBeGreaterThanOrEqual(row.meanDiff);
    }
    const aBetter = row.better === 'higher' ? row.meanDiff > 0 : row.meanDiff < 0;
    const leader = !row.excludesZero || row.meanDiff === 0 ? 'none' : aBetter ? 'a' : 'b';
    expect(row.leader, what).toBe(leader);
    // The verdict: the margin of the metric (its default), the adjusted test, the interval.
    expect(row.margin, what).toBe(METRICS.find((m) => m.name === row.metric)!.margin);
    if (pairs.length < 2) { expect(row.pValue, what).toBeNull(); expect(row.verdict, what).toBe('undecided'); return; }
    expect(row.pAdjusted, what).toBeGreaterThanOrEqual(row.pValue);
    expect(row.pAdjusted, what).toBeLessThanOrEqual(1);
    const [lo, hi] = row.better === 'higher' ? [row.ciLow, row.ciHigh] : [-row.ciHigh, -row.ciLow];
    const verdict = row.pAdjusted < 0.05 && lo > row.margin ? 'leads' : row.pAdjusted < 0.05 && hi < -row.margin ? 'leads'
      : row.ciLow >= -row.margin && row.ciHigh <= row.margin ? 'equivalent' : 'undecided';
    expect(row.verdict, what).toBe(verdict);
    expect(row.leads, what).toBe(verdict !== 'leads' ? 'neither' : lo > row.margin ? c.a : c.b);
    if (verdict === 'leads') expect(row.leader, what).toBe(lo > row.margin ? 'a' : 'b'); // a lead beyond the margin excludes zero too
    if (verdict !== 'undecided') expect(row.replicationsNeeded, what).toBeNull();
  }

  /** The paired t-test of a row by hand: t = mean / (sd / sqrt(n)), with the two-sided p-value from Student's t. */
  function tStatistic(c: Comparison, row: ComparisonRow): number {
    const ga = group(row.scenario, row.set, c.a), gb = group(row.scenario, row.set, c.b);
    const d = ga.map((ra, k) => ra.values[row.metric] - gb[k].values[row.metric]).filter(Number.isFinite);
    return mean(d) / (sd(d) / Math.sqrt(d.length));
  }

  it('compares every two hypotheses on the same seeds, consistently with runs.csv', () => {
    const { comparisons } = JSON.parse(readFileSync(join(dir, 'comparison.json'), 'utf8')) as { comparisons: Comparison[] };
    expect(comparisons.map((c) => [c.a, c.b])).toEqual([[HYPOTHESES[0], HYPOTHESES[1]], [HYPOTHESES[0], HYPOTHESES[2]], [HYPOTHESES[1], HYPOTHESES[2]]]);
    let decided = 0;
    for (const c of comparisons) {
      expect(c.level).toBe(0.95);
      expect(c.rows).toHaveLength(SCENARIO_FILES.length * TENSIONS.length * METRICS.length);
      for (const row of c.rows) { checkRow(c, row); if (row.verdict !== 'undecided') decided++; }
      // pAdjusted: Benjamini-Hochberg of the p-values within each metric, across the scenario x set cells.
      for (const m of METRICS) {
        const rows = c.rows.filter((r) => r.metric === m.name);
        expect(rows).toHaveLength(SCENARIO_FILES.length * TENSIONS.length);
        const q = benjaminiHochberg(rows.map((r) => r.pValue ?? NaN));
        rows.forEach((r, k) => (Number.isNaN(q[k]) ? expect(r.pAdjusted).toBeNull() : expectNear(r.pAdjusted, q[k], `${m.name} pAdjusted`)));
      }
      // A larger |t| has a smaller p-value (the same n in every cell of a value metric with every run valued).
      const belief = c.rows.filter((r) => r.metric === 'partnerBelief' && r.n === R && Number.isFinite(tStatistic(c, r)));
      for (const x of belief) for (const y of belief) if (Math.abs(tStatistic(c, x)) > Math.abs(tStatistic(c, y)) + 1e-9) expect(x.pValue).toBeLessThanOrEqual(y.pValue);
    }
    // Some rows are decided (with six seeds and four cells a metric, few leads survive the margin and the
    // adjustment; the hand-made records below check leads), so that the check of the verdict means something.
    expect(decided).toBeGreaterThan(0);
    const all = comparisons.flatMap((c) => c.rows);
    expect(all.some((r) => r.verdict === 'undecided' && typeof r.replicationsNeeded === 'number' && r.replicationsNeeded > R)).toBe(true);
    // The printed table says the same.
    const text = readFileSync(join(dir, 'comparison.txt'), 'utf8');
    for (const c of comparisons) {
      expect(text).toContain(`${c.a} (A) versus ${c.b} (B)`);
      // Measures that describe the runs without either hypothesis being better (the agreement network) get no verdict.
      const neutral = new Set(METRICS.filter((m) => m.neutral === true).map((m) => m.name));
      for (const row of c.rows.filter((r) => r.verdict === 'leads' && !neutral.has(r.metric))) expect(text).toMatch(new RegExp(`\\n  ${row.metric} .* ${row.leads.replace('.', '\\.')} leads`));
      for (const row of c.rows.filter((r) => r.verdict === 'equivalent' && !neutral.has(r.metric))) expect(text).toMatch(new RegExp(`\\n  ${row.metric} .* equivalent`));
      for (const row of c.rows.filter((r) => neutral.has(r.metric))) expect(text).toMatch(new RegExp(`\\n  ${row.metric} .* difference only \\(neither is better\\)`));
      // Its counts per metric add up to the cells, the cells without values apart.
      const cells = SCENARIO_FILES.length * TENSIONS.length;
      expect(text).toContain(`Counts over the ${cells} cells (scenario and parameter set) of each metric:`);
      for (const m of METRICS) {
        const rs = c.rows.filter((r) => r.metric === m.name);
        const want = [rs.filter((r) => r.verdict === 'leads' && r.leads === c.a).length, rs.filter((r) => r.verdict === 'leads' && r.leads === c.b).length,
          rs.filter((r) => r.verdict === 'equivalent').length, rs.filter((r) => r.verdict === 'undecided' && r.n > 0).length, rs.filter((r) => r.n === 0).length];
        expect(want.reduce((a, b) => a + b, 0)).toBe(cells);
        if (m.neutral === true) expect(text).toMatch(new RegExp(`\\n  ${m.name} +neither is better on this measure: differences only, no verdicts\\n`));
        else expect(text).toMatch(new RegExp(`\\n  ${m.name} +${want.join(' +')}\\n`));
      }
    }
  });
});

describe('analysis of hand-made records', () => {
  /** One scenario, one set, replications x 2 hypotheses; `rows` gives each run's metrics (others 0). */
  async function analyseRecords(rows: Record<string, number>[][], steps = 100, margins?: Record<string, number>): Promise<Comparison[] & { dir: string }> {
    const d = mkdtempSync(join(tmp, 'hand-'));
    const H = 2, reps = rows.length;
    const info: PlanInfo = {
      format: 'entente-experiment/1', key: 'k', name: 'Hand', description: 'Hand-made records.', experimentFile: 'hand.yaml',
      experimentSha256: '0', scenarios: [{ file: 'hand.yaml', name: 'Hand', sha256: '0', steps, start: '2020-01', stepMonths: 1, ids: ['A', 'B'] }],
      sets: [{}], conditionNames: [], hypotheses: ['habits-first', 'trust-first'], replications: reps, runs: reps * H, batches: 1, batchSize: 25,
      baseSeed: 1, metrics: METRICS.map((m) => m.name), thresholds: { confidence: 0.6, recovery: 36 }, analysis: { resamples: 200, level: 0.95, ...(margins ? { margins } : {}) }, shard: null,
    };
    const records = new Float64Array(reps * H * RECORD_WIDTH);
    rows.forEach((pair, r) => pair.forEach((values, h) => {
      for (const [name, v] of Object.entries(values)) records[(r * H + h) * RECORD_WIDTH + RECORD_COLUMNS.indexOf(name)] = v;
    }));
    const store = new Store(d, { scenarios: info.scenarios, sets: info.sets, replications: reps, hypotheses: info.hypotheses });
    store.write({ start: 0, end: reps * H, records, traces: new Float32Array(reps * H * steps * TRACE_WIDTH) });
    store.close();
    return Object.assign((await analyse(d, info))!, { dir: d });
  }
  const row = (cs: Comparison[], metric: string) => cs[0].rows.find((r) => r.metric === metric)!;

  it('a value metric: mean difference, wins and leader', async () => {
    const cs = await analyseRecords([0.5, 0.6, 0.7, 0.8, 0.9].map((x) => [{ partnerBelief: x + 0.1 }, { partnerBelief: x }]));
    const r = row(cs, 'partnerBelief');
    expect(r.n).toBe(5);
    expect(r.meanDiff).toBeCloseTo(0.1, 12);
    expect([r.winsA, r.winsB, r.ties]).toEqual([1, 0, 0]);
    expect(r.ciLow).toBeCloseTo(0.1, 12);
    expect(r.leader).toBe('a');
    expect(r.leads).toBe('habits-first');
    // Lower is better for tension: the same differences make B the leader.
    const t = row(await analyseRecords([0.5, 0.6, 0.7, 0.8, 0.9].map((x) => [{ meanTension: x + 0.1 }, { meanTension: x }])), 'meanTension');
    expect(t.leader).toBe('b');
    expect(t.leads).toBe('trust-first');
    expect([t.winsA, t.winsB, t.ties]).toEqual([0, 1, 0]); // B does better on every seed
  });

  it('verdicts: a lead beyond the margin, equivalence within it, and undecided with the replications that would decide', async () => {
    // partnerBelief (margin 0.02): A - B = 0.05 +- 0.01 on five seeds, far beyond the margin.
    // brier (margin 0.005): A - B = 0.0005 +- 0.001, well within it.
    // regionalTrust (margin 0.01): A - B = 0.02 +- 0.05, too noisy on five seeds.
    const noise = [0.01, -0.01, 0.005, -0.005, 0];
    const cs = await analyseRecords(noise.map((e, k) => [
      { partnerBelief: 0.6 + 0.05 + e, brier: 0.1 + 0.0005 + e / 10, regionalTrust: 0.5 + 0.02 + 5 * e },
      { partnerBelief: 0.6, brier: 0.1, regionalTrust: 0.5 + 0 * k },
    ]));
    const lead = row(cs, 'partnerBelief'), eq = row(cs, 'brier'), und = row(cs, 'regionalTrust');
    expect([lead.verdict, lead.leads, lead.margin]).toEqual(['leads', 'habits-first', 0.02]);
    expect(lead.pValue).toBeLessThan(0.001);
    expect([eq.verdict, eq.leads, eq.margin]).toEqual(['equivalent', 'neither', 0.005]);
    expect(eq.ciLow).toBeGreaterThanOrEqual(-0.005);
    expect(eq.ciHigh).toBeLessThanOrEqual(0.005);
    expect([und.verdict, und.leads]).toEqual(['undecided', 'neither']);
    // sd of the differences 5 * sd(noise) = 0.0395..; gap |0.02| - 0.01 = 0.01: about (2 * 0.0395 / 0.01)^2 = 62 seeds.
    expect(und.replicationsNeeded).toBeGreaterThan(55);
    expect(und.replicationsNeeded).toBeLessThan(75);
    expect(lead.replicationsNeeded).toBeNull();
    const text = readFileSync(join(cs.dir, 'comparison.txt'), 'utf8');
    expect(text).toMatch(/\n  partnerBelief .* 0\.02 .* habits-first leads/);
    expect(text).toMatch(/\n  brier .* 0\.005 .* equivalent/);
    expect(text).toMatch(new RegExp(`\\n  regionalTrust .* undecided \\(about ${und.replicationsNeeded} replications to decide\\)`));
    expect(text).toMatch(/Benjamini-Hochberg/);
    // A margin set by the experiment (plan.json's analysis.margins) replaces the default: within 0.1, the same difference is equivalent.
    const wide = row(await analyseRecords(noise.map((e) => [{ partnerBelief: 0.65 + e }, { partnerBelief: 0.6 }]), 100, { partnerBelief: 0.1 }), 'partnerBelief');
    expect([wide.margin, wide.verdict]).toEqual([0.1, 'equivalent']);
  });

  it('runs without a defection are left out of the defection metrics, pair by pair', async () => {
    const nan = { betrayalDrop: NaN, beliefRecovery: NaN, 'beliefRecovery.reached': NaN };
    const cs = await analyseRecords([
      [{ betrayalDrop: 0.2, beliefRecovery: 10, 'beliefRecovery.reached': 1 }, { betrayalDrop: 0.1, beliefRecovery: 5, 'beliefRecovery.reached': 1 }],
      [nan, { betrayalDrop: 0.3, beliefRecovery: 7, 'beliefRecovery.reached': 1 }],
      [{ betrayalDrop: 0.4, beliefRecovery: 20, 'beliefRecovery.reached': 1 }, { betrayalDrop: 0.2, beliefRecovery: 6, 'beliefRecovery.reached': 1 }],
      [nan, nan],
    ]);
    const loss = row(cs, 'betrayalDrop');
    expect(loss.n).toBe(2);
    expect(loss.meanA).toBeCloseTo(0.3, 12);
    expect(loss.meanB).toBeCloseTo(0.15, 12);
    expect(loss.meanDiff).toBeCloseTo(0.15, 12);
    const rec = row(cs, 'beliefRecovery');
    expect(rec.n).toBe(2);
    expect(rec.meanDiff).toBe(9.5);
  });

  it('a time metric censored at different steps: the mean difference is the difference of the means shown', async () => {
    // Recovery times, each run censored at the end of its own run (steps - first defection):
    // replication 0: A recovers after 10 steps, B is still down 40 steps later, when the run ends.
    // replication 2: A is still down 50 steps later, B recovers after 5.
    const rec = (t: number, reached: 0 | 1) => ({ betrayalDrop: 0.1, beliefRecovery: t, 'beliefRecovery.reached': reached });
    const cs = await analyseRecords([
      [rec(10, 1), rec(40, 0)],
      [rec(20, 1), rec(30, 1)],
      [rec(50, 0), rec(5, 1)],
      [rec(8, 1), rec(12, 1)],
    ]);
    const r = row(cs, 'beliefRecovery');
    expect(r.meanA).toBe(22);
    expect(r.meanB).toBe(21.75);
    expect([r.winsA, r.winsB, r.ties]).toEqual([0.75, 0.25, 0]); // never recovering is last
    expect(r.meanDiff).toBeCloseTo(r.meanA - r.meanB, 12);
    expect(r.ciLow).toBeLessThanOrEqual(r.meanDiff);
    expect(r.ciHigh).toBeGreaterThanOrEqual(r.meanDiff);
  });

  it('the median time of summary.csv is Kaplan-Meier\'s with each run censored where it ended', async () => {
    // habits-first: two runs defect 5 steps before the end and never recover in that time, two
    // recover after 10 and 20 steps, one is still down 50 steps later when its run ends. Over
    // the 3 runs still observed at step 10 one recovers (S = 2/3), over the 2 at step 20 one
    // more does (S = 1/3): the median is 20.
    const rec = (t: number, reached: 0 | 1) => ({ betrayalDrop: 0.1, beliefRecovery: t, 'beliefRecovery.reached': reached });
    const cs = await analyseRecords([
      [rec(5, 0), rec(1, 1)], [rec(5, 0), rec(2, 1)], [rec(10, 1), rec(3, 1)], [rec(20, 1), rec(4, 1)], [rec(50, 0), rec(5, 1)],
    ]);
    const { rows } = readCsv(join(cs.dir, 'summary.csv'));
    const a = rows.find((c) => c[2] === 'habits-first' && c[3] === 'beliefRecovery')!;
    const [n, m, , , , med, reached] = a.slice(4).map(cell);
    expect(n).toBe(5);
    expect(m).toBe(18);
    expect(reached).toBe(0.4);
    expect(med).toBe(20);
    const b = rows.find((c) => c[2] === 'trust-first' && c[3] === 'beliefRecovery')!;
    expect(b.slice(4, 7).map(cell)).toEqual([5, 3, Math.sqrt(2.5)]);
    expect(cell(b[9])).toBe(3);
  });
});
