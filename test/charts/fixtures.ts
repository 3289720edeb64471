/**
 * Fixtures for the chart tests and the preview: one ASEAN run (seed 1, habits-first, with pairs
 * and events) simulated in process, an experiment-like steps table aggregated from a few seeds
 * of both hypotheses, and a hand-made comparison table over a 3 x 3 sweep.
 */
import { loadScenario, formatProblem, simulate } from '../../src/index.js';
import { tMultiplier } from '../../src/stats/index.js';
import { runData, type ComparisonRow, type Comparison, type RunData, type StepRow } from '../../src/charts/data.js';
import { trendFromSteps, trustOverTimeChart, pairTrustChart } from '../../src/charts/trust-over-time.js';
import { trustMatrixChart } from '../../src/charts/trust-matrix.js';
import { trustNetworkChart } from '../../src/charts/trust-network.js';
import { timelineChart } from '../../src/charts/timeline.js';
import { outcomesChart, profileFromFinal, profileFromSeries } from '../../src/charts/outcomes.js';
import { differencesChart, hypothesisTrajectoriesChart, sweepChart } from '../../src/charts/comparison.js';
import { transmitterReceiverChart } from '../../src/charts/transmitter-receiver.js';
import type { ChartSpec } from '../../src/charts/render.js';
import { resolveWorld } from '../../src/world/resolve.js';

export const SCENARIO = 'scenarios/asean-admm.yaml';

function scenario(file = SCENARIO) {
  const loaded = loadScenario(file);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
}

let asean: RunData | null = null;
/** ASEAN, seed 1, habits-first, with pairs and events. */
export function aseanRun(): RunData {
  if (asean === null) {
    const sc = scenario();
    asean = runData(simulate(sc, { seed: 1, hypothesis: 'habits-first', pairs: true }), sc.name);
  }
  return asean;
}

/** The ASEAN scenario's state names by id. */
export function aseanNames(): Map<string, string> {
  const w = resolveWorld(scenario());
  return new Map(w.ids.map((id, k) => [id, w.names[k]]));
}

let trustFirst: RunData | null = null;
/** ASEAN, seed 1, trust-first, without pairs. */
export function trustFirstRun(): RunData {
  if (trustFirst === null) {
    const sc = scenario();
    trustFirst = runData(simulate(sc, { seed: 1, hypothesis: 'trust-first' }), sc.name);
  }
  return trustFirst;
}

let steps: StepRow[] | null = null;
/**
 * steps.csv rows for ASEAN under both hypotheses, aggregated over seeds 1-6 the way the
 * experiment runner does (mean, sd, normal 95% CI, 10th and 90th percentiles).
 */
export function aseanSteps(seeds = 6): StepRow[] {
  if (steps !== null) return steps;
  const sc = scenario();
  const out: StepRow[] = [];
  for (const hypothesis of ['habits-first', 'trust-first']) {
    const runs = Array.from({ length: seeds }, (_, k) => simulate(sc, { seed: k + 1, hypothesis, events: false }));
    const r0 = runs[0];
    const width = r0.series.columns.length;
    const T = r0.series.rows - 1; // steps.csv has the steps run, not the initial state
    for (const metric of ['meanTrust', 'meanTension']) {
      const col = r0.series.columns.indexOf(metric);
      for (let t = 1; t <= T; t++) {
        const xs = runs.map((r) => r.series.data[t * width + col]).sort((a, b) => a - b);
        const n = xs.length;
        const mean = xs.reduce((s, x) => s + x, 0) / n;
        const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
        // As steps.csv: the Student t interval with n - 1 degrees of freedom.
        const half = (tMultiplier(n, 0.95) * sd) / Math.sqrt(n);
        const q = (p: number) => {
          const h = (n - 1) * p;
          const lo = Math.floor(h);
          return xs[lo] + (xs[Math.min(n - 1, lo + 1)] - xs[lo]) * (h - lo);
        };
        const m = r0.world.startMonth + (t - 1) * r0.world.stepMonths;
        const date = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        out.push({ scenario: sc.name, set: 0, hypothesis, step: t, date, metric, n, mean, sd, ciLow: mean - half, ciHigh: mean + half, p10: q(0.1), p90: q(0.9) });
      }
    }
  }
  steps = out;
  return out;
}

/**
 * A comparison (trust-first minus habits-first) over a 3 x 3 sweep of two conditions, for two
 * metrics, with a smooth made-up effect: trust-first ahead where tension is low and receptivity
 * high, habits-first ahead where tension is high; intervals narrow enough to exclude zero in
 * some cells only.
 */
export function sweepComparison(): Comparison {
  const rows: ComparisonRow[] = [];
  let set = 0;
  for (const tension of [0.1, 0.3, 0.5]) {
    for (const receptivity of [0.3, 0.6, 0.9]) {
      for (const metric of ['partnerBelief', 'meanTension']) {
        const better = metric === 'meanTension' ? 'lower' : 'higher';
        const base = (receptivity - 0.6) * 0.08 - (tension - 0.3) * 0.12;
        const meanDiff = metric === 'partnerBelief' ? base : -base * 0.5;
        const half = 0.012 + 0.01 * tension;
        const lo = meanDiff - half, hi = meanDiff + half;
        const excludesZero = lo > 0 || hi < 0;
        const aBetter = better === 'higher' ? meanDiff > 0 : meanDiff < 0;
        rows.push({
          scenario: 'ASEAN, the ADMM and the ADMM-Plus, 2006-2025', set, params: { tension, receptivity }, metric, better,
          n: 20, meanDiff, ciLow: lo, ciHigh: hi, effectSize: meanDiff / (half * 2), winsA: aBetter ? 14 : 6, winsB: aBetter ? 6 : 14, ties: 0,
          excludesZero, leader: !excludesZero ? 'none' : aBetter ? 'a' : 'b',
        });
      }
      set++;
    }
  }
  return { a: 'trust-first', b: 'habits-first', level: 0.95, rows };
}

/** One spec of every chart, from the fixtures. */
export function allCharts(): ChartSpec[] {
  const run = aseanRun();
  const name = run.manifest?.scenario.name ?? '';
  const sub = `${name}, seed 1, habits-first`;
  const names = aseanNames();
  return [
    trustOverTimeChart(trendFromSteps(aseanSteps()), {
      subtitle: `${name}: 6 seeds per hypothesis, same seeds`,
      bandLabel: '95% confidence interval of the mean over 6 runs',
    }),
    pairTrustChart(run.pairs, { subtitle: sub }),
    trustMatrixChart(run.pairs, { subtitle: sub, states: run.final.states, names }),
    trustNetworkChart(run.final, { subtitle: sub, threshold: 0.55, names }),
    trustNetworkChart(run.final, { subtitle: sub, threshold: 0.6, mode: 'directed', id: 'trust-network-directed', names }),
    timelineChart(run.series, run.events, { subtitle: sub }),
    outcomesChart([profileFromFinal(run.final, 'habits-first')], { subtitle: sub, id: 'outcomes-one' }),
    outcomesChart([profileFromFinal(run.final, 'habits-first'), profileFromSeries(trustFirstRun().series, 'trust-first')], { subtitle: `${name}, seed 1` }),
    hypothesisTrajectoriesChart(aseanSteps()),
    differencesChart(sweepComparison(), { metric: 'partnerBelief', subtitle: 'Made-up sweep, for the tests' }),
    sweepChart(sweepComparison(), { metric: 'partnerBelief' }),
    sweepChart(sweepComparison(), { metric: 'meanTension' }),
    transmitterReceiverChart(run.events, 'SGP', { subtitle: sub }),
    transmitterReceiverChart(run.events, 'SGP', { subtitle: sub, by: 'partner' }),
  ];
}
