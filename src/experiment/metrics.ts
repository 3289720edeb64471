/**
 * What one run is summarised to: a fixed-width record of metrics (one number each; a time
 * metric is two numbers, the step and whether it was reached) and a per-step trace of the
 * regional aggregates. Both are pure functions of the run's series and final state.
 */
import type { Series } from '../run/simulate.js';

export interface MetricDef {
  name: string;
  /** `value`: one number; `time`: steps until something happened, censored at the horizon. */
  kind: 'value' | 'time';
  /** Higher is better for trust-building (used to say which hypothesis "leads"). */
  better: 'higher' | 'lower';
  description: string;
}

export const METRICS: readonly MetricDef[] = [
  { name: 'finalTrust', kind: 'value', better: 'higher', description: 'Regional mean trust at the last step.' },
  { name: 'meanTrust', kind: 'value', better: 'higher', description: 'Regional mean trust averaged over all steps (rewards trust built sooner).' },
  { name: 'trustGain', kind: 'value', better: 'higher', description: 'Regional mean trust at the last step minus at the first.' },
  { name: 'confidentPairs', kind: 'value', better: 'higher', description: 'Share of directed pairs whose trust is at or above the confidence threshold at the end.' },
  { name: 'finalSpread', kind: 'value', better: 'lower', description: 'Standard deviation of trust over directed pairs at the last step.' },
  { name: 'finalHabit', kind: 'value', better: 'higher', description: 'Mean habit of cooperation over directed pairs at the last step.' },
  { name: 'meanTension', kind: 'value', better: 'lower', description: 'Regional mean tension averaged over all steps.' },
  { name: 'incidents', kind: 'value', better: 'lower', description: 'Incidents over the run.' },
  { name: 'defections', kind: 'value', better: 'lower', description: 'Defections on core national interest over the run.' },
  { name: 'agreements', kind: 'value', better: 'higher', description: 'Defence cooperation agreements signed by the end.' },
  { name: 'heededShare', kind: 'value', better: 'higher', description: 'Share of activities heeded by their receivers.' },
  { name: 'timeToConfidence', kind: 'time', better: 'lower', description: 'Steps until regional mean trust first reaches the confidence threshold (censored at the end of the run when it never does).' },
  { name: 'defectionLoss', kind: 'value', better: 'lower', description: 'Fall in regional mean trust from the step before the first defection to its lowest point within the recovery window (runs with a defection only).' },
  { name: 'recoveryTime', kind: 'time', better: 'lower', description: 'Steps from the first defection until regional mean trust is back at its level before it, watched over the recovery window (censored at the window; runs whose first defection leaves a whole window only).' },
  { name: 'gains', kind: 'value', better: 'higher', description: 'Payoffs gained in tested cooperation (relying on partners who honoured it, and the temptation payoff of exploiting), summed over states and the run.' },
  { name: 'losses', kind: 'value', better: 'lower', description: 'Payoffs lost by relying on partners who exploited it (misplaced trust), summed over states and the run.' },
  { name: 'trustError', kind: 'value', better: 'lower', description: 'Whether trust is also right: mean over directed pairs of |final trust in a partner - that partner\'s trustworthiness|.' },
];

export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);

/** Columns of a run's record: one per value metric, two per time metric (`<name>`, `<name>.reached`). */
export const RECORD_COLUMNS: readonly string[] = METRICS.flatMap((m) => (m.kind === 'time' ? [m.name, `${m.name}.reached`] : [m.name]));
export const RECORD_WIDTH = RECORD_COLUMNS.length;

/** Per-step aggregates kept for every run (for trajectories with bands). */
export const TRACE_COLUMNS = ['meanTrust', 'trustSpread', 'meanTension', 'meanHabit'] as const;
export const TRACE_WIDTH = TRACE_COLUMNS.length;

export interface Thresholds {
  confidence: number;
  recovery: number;
}

/** Column positions in a series, looked up once per series layout. */
export interface SeriesIndex {
  width: number;
  meanTrust: number; trustSpread: number; meanTension: number; meanHabit: number;
  agreementsTotal: number; activities: number; heeded: number; incidents: number; defections: number;
  gains: number; losses: number;
}

export function seriesIndex(columns: readonly string[]): SeriesIndex {
  const at = (name: string) => {
    const k = columns.indexOf(name);
    if (k < 0) throw new Error(`series has no column ${name}`);
    return k;
  };
  return {
    width: columns.length,
    meanTrust: at('meanTrust'), trustSpread: at('trustSpread'), meanTension: at('meanTension'), meanHabit: at('meanHabit'),
    agreementsTotal: at('agreementsTotal'), activities: at('activities'), heeded: at('heeded'), incidents: at('incidents'), defections: at('defections'),
    gains: at('gains'), losses: at('losses'),
  };
}

/**
 * Writes a run's record into `out[at .. at + RECORD_WIDTH)` and its trace (steps x TRACE_WIDTH,
 * step-major) into `trace[traceAt ..]`. `trust` is the final trust matrix, row-major n x n;
 * `trustworthiness` the states' (hidden) trustworthiness, for `trustError` (NaN without it).
 */
export function summariseRun(series: Series, ix: SeriesIndex, trust: ArrayLike<number>, n: number, th: Thresholds,
  out: Float64Array, at: number, trace: Float32Array, traceAt: number, trustworthiness?: ArrayLike<number>): void {
  const d = series.data, w = ix.width, steps = series.rows;
  let trustSum = 0, tensionSum = 0, incidents = 0, defections = 0, activities = 0, heeded = 0;
  let reachedAt = -1, firstDefection = -1;
  for (let t = 0; t < steps; t++) {
    const row = t * w;
    const m = d[row + ix.meanTrust];
    trustSum += m;
    tensionSum += d[row + ix.meanTension];
    incidents += d[row + ix.incidents];
    activities += d[row + ix.activities];
    heeded += d[row + ix.heeded];
    if (d[row + ix.defections] > 0) {
      if (firstDefection < 0) firstDefection = t;
      defections += d[row + ix.defections];
    }
    if (reachedAt < 0 && m >= th.confidence) reachedAt = t;
    const tr = traceAt + t * TRACE_WIDTH;
    trace[tr] = m;
    trace[tr + 1] = d[row + ix.trustSpread];
    trace[tr + 2] = d[row + ix.meanTension];
    trace[tr + 3] = d[row + ix.meanHabit];
  }
  const last = (steps - 1) * w;
  let confident = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && trust[i * n + j] >= th.confidence) confident++;

  let loss = NaN, recovery = NaN, recovered = NaN;
  if (firstDefection >= 0) {
    const before = firstDefection > 0 ? d[(firstDefection - 1) * w + ix.meanTrust] : d[ix.meanTrust];
    let low = Infinity;
    const end = Math.min(steps, firstDefection + th.recovery);
    for (let t = firstDefection; t < end; t++) low = Math.min(low, d[t * w + ix.meanTrust]);
    loss = before - low;
    // Recovery is watched over a fixed window, so every run is censored at the same time: a
    // run whose first defection leaves less than the window before the end has no recovery time.
    if (firstDefection + th.recovery <= steps) {
      recovery = th.recovery;
      recovered = 0;
      for (let t = firstDefection; t < firstDefection + th.recovery; t++) {
        if (d[t * w + ix.meanTrust] >= before) { recovery = t - firstDefection; recovered = 1; break; }
      }
    }
  }
  let k = at;
  out[k++] = d[last + ix.meanTrust];
  out[k++] = trustSum / steps;
  out[k++] = d[last + ix.meanTrust] - d[ix.meanTrust];
  out[k++] = n > 1 ? confident / (n * (n - 1)) : NaN;
  out[k++] = d[last + ix.trustSpread];
  out[k++] = d[last + ix.meanHabit];
  out[k++] = tensionSum / steps;
  out[k++] = incidents;
  out[k++] = defections;
  out[k++] = d[last + ix.agreementsTotal];
  out[k++] = activities > 0 ? heeded / activities : NaN;
  out[k++] = reachedAt >= 0 ? reachedAt : steps;
  out[k++] = reachedAt >= 0 ? 1 : 0;
  out[k++] = loss;
  out[k++] = recovery;
  out[k++] = recovered;
  out[k++] = d[last + ix.gains];
  out[k++] = d[last + ix.losses];
  let error = 0;
  if (trustworthiness !== undefined && n > 1) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) error += Math.abs(trust[i * n + j] - trustworthiness[j]);
    out[k] = error / (n * (n - 1));
  } else {
    out[k] = NaN;
  }
}
