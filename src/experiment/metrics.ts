/**
 * What one run is summarised to: a fixed-width record of metrics (one number each; a time
 * metric is two numbers, the step and whether it was reached) and a per-step trace of the
 * regional aggregates. Both are pure functions of the run's series and its partner-pair
 * statistics (record/partners.ts). Definitions: docs/MODEL.md section 10.1.
 */
import { z } from 'zod';
import { agreementNull, type AgreementNull } from '../record/network.js';
import type { PartnerStats } from '../record/partners.js';
import { ROBUSTNESS_WINDOW, type Robustness } from '../record/robustness.js';
import type { FinalState, Series } from '../run/simulate.js';
import { auc } from '../stats/auc.js';
import type { World } from '../world/world.js';

export interface MetricDef {
  name: string;
  /** `value`: one number; `time`: steps until something happened, censored at the horizon. */
  kind: 'value' | 'time';
  /** Higher is better for trust-building (used to say which hypothesis "leads"). */
  better: 'higher' | 'lower';
  /**
   * Default practical-equivalence margin, in the metric's units (>= 0): a difference between
   * hypotheses smaller than this is too small to matter. A comparison says one hypothesis
   * `leads` only when the whole interval of the difference lies beyond it, `equivalent` when it
   * lies inside [-margin, margin]. Settable per experiment (`analysis.margins`); the reasons for
   * each default are in docs/MODEL.md section 10.2.
   */
  margin: number;
  description: string;
  /**
   * Neither direction is better for trust-building (the agreement network's measures against
   * Kinne 2018): `better` is then only the direction of the number, and the experiment report
   * does not say which hypothesis "leads" on it. Default false.
   */
  neutral?: boolean;
}

/**
 * The metrics of a run, in record order. The comparison metrics (MODEL 6b) are computed on
 * partner pairs (record/partners.ts) and are the same function under every hypothesis; none is
 * decided by the starting value. Regional metrics over all pairs follow, named as such.
 */
export const METRICS: readonly MetricDef[] = [
  // --- partner pairs: belief and whether it is right ---
  { name: 'partnerBelief', kind: 'value', better: 'higher', margin: 0.02, description: 'Mean belief (probability) over directed partner pairs at the last step.' },
  { name: 'partnerBeliefMean', kind: 'value', better: 'higher', margin: 0.02, description: 'Mean belief (probability) over directed partner pairs and their steps (rewards belief built sooner).' },
  { name: 'brier', kind: 'value', better: 'lower', margin: 0.005, description: 'Brier score: mean over partner pairs of (final belief - the partner\'s hidden trustworthiness)^2.' },
  { name: 'auc', kind: 'value', better: 'higher', margin: 0.02, description: 'Discrimination: AUC of final belief between trustworthy (>= 0.5) and untrustworthy partners (Mann-Whitney, ties 1/2); empty where a run has only one kind.' },
  // --- partner pairs: cooperation ---
  { name: 'activityRate', kind: 'value', better: 'higher', margin: 0.5, description: 'Activities undertaken on partner pairs per partner pair-year.' },
  { name: 'heededRate', kind: 'value', better: 'higher', margin: 0.02, description: 'Share of the activities undertaken on partner pairs that their receivers heeded.' },
  { name: 'reliance', kind: 'value', better: 'higher', margin: 0.02, description: 'Share of tests of partners in which the tester relied.' },
  { name: 'honouredShare', kind: 'value', better: 'higher', margin: 0.02, description: 'Share of reliances that the partner honoured.' },
  // --- partner pairs: payoffs to trusters (totals over partner pairs and the run) ---
  { name: 'trusterPayoff', kind: 'value', better: 'higher', margin: 1, description: 'Payoff to trusters: honoured x R + the S of each exploitation, summed over partner pairs and the run.' },
  { name: 'exploitationLoss', kind: 'value', better: 'lower', margin: 1, description: 'Losses to exploitation: the magnitude of the S part of trusterPayoff.' },
  { name: 'exploiterGain', kind: 'value', better: 'lower', margin: 1, description: 'The temptation payoffs T taken by exploiters, summed over the run (never added to trusterPayoff).' },
  { name: 'missedOpportunities', kind: 'value', better: 'lower', margin: 1, description: 'Tests in which the tester did not rely on a partner that would have honoured, over the run.' },
  // --- robustness: the first scripted betrayal or defection that takes place ---
  { name: 'betrayalDrop', kind: 'value', better: 'lower', margin: 0.1, description: 'Fall of the betrayed state\'s belief in the betrayer (log-odds): just before minus the lowest over the next 12 steps; for a defection the mean over the observers. Empty without a scripted betrayal or defection.' },
  { name: 'activityContinuation', kind: 'value', better: 'higher', margin: 0.05, description: 'Activity rate of the betrayed pair(s), both directions, over the 12 steps from the event divided by the 12 steps before (empty when there was none before).' },
  { name: 'beliefRecovery', kind: 'time', better: 'lower', margin: 1, description: 'Steps from the event until the betrayed state\'s belief (mean log-odds over the observers) is back at its level before (censored at the end of the run).' },
  { name: 'activityRecovery', kind: 'time', better: 'lower', margin: 1, description: 'Steps from the event until the pair(s)\' activity rate over a trailing 12-step window after it is back at its rate before (at least 11; censored at the end of the run).' },
  // --- regional: every directed pair of the region ---
  { name: 'regionalTrust', kind: 'value', better: 'higher', margin: 0.01, description: 'Regional mean belief over all directed pairs at the last step.' },
  { name: 'regionalTrustMean', kind: 'value', better: 'higher', margin: 0.01, description: 'Regional mean belief over all directed pairs, averaged over all steps.' },
  { name: 'regionalTrustGain', kind: 'value', better: 'higher', margin: 0.01, description: 'Regional mean belief at the last step minus at the first.' },
  { name: 'regionalTrustSpread', kind: 'value', better: 'lower', margin: 0.01, description: 'Standard deviation of belief over all directed pairs at the last step.' },
  { name: 'regionalHabit', kind: 'value', better: 'higher', margin: 0.02, description: 'Mean habit of cooperation over all directed pairs at the last step.' },
  { name: 'meanTension', kind: 'value', better: 'lower', margin: 0.01, description: 'Regional mean tension averaged over all steps.' },
  { name: 'incidents', kind: 'value', better: 'lower', margin: 1, description: 'Incidents over the run.' },
  { name: 'defections', kind: 'value', better: 'lower', margin: 0.5, description: 'Defections on core national interest over the run.' },
  { name: 'agreements', kind: 'value', better: 'higher', margin: 0.5, description: 'Defence cooperation agreements signed by the end.' },
  // --- the agreement network against Kinne (2018): new ties against a null among partner pairs
  // (record/network.ts, AgreementNull); empty where no tie had a non-degenerate null. Neutral:
  // a preference for connected states or closed triangles is not better for trust-building.
  { name: 'networkClosureRatio', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'Triadic closure of new agreements: ties that closed a triangle over the number expected had each tie been drawn uniformly from the partner pairs without an agreement then (1: as chance among partners). Empty when no tie had some but not all candidates closing a triangle.' },
  { name: 'networkClosingTies', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'Ties that closed a triangle, among the ties counted in networkClosureRatio (its numerator).' },
  { name: 'networkClosingExpected', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'Closing ties expected under the null among partner pairs (the denominator of networkClosureRatio).' },
  { name: 'networkClosingExcess', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'networkClosingTies - networkClosingExpected: closing ties beyond chance per run; its mean over runs is above 0 exactly when the pooled ratio (all observed over all expected) is above 1.' },
  { name: 'networkClosureTies', kind: 'value', better: 'higher', neutral: true, margin: 0.5, description: 'Ties counted in networkClosureRatio: those whose candidates were neither all closing nor all not closing a triangle.' },
  { name: 'networkClosureAboveChance', kind: 'value', better: 'higher', neutral: true, margin: 0.05, description: '1 when networkClosureRatio is above 1, 0 when not, empty when it is: its mean is the share of runs above chance.' },
  { name: 'networkAttachmentRatio', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'Preferential attachment of new agreements: the signed pairs\' endpoint degree sum over its expectation had each tie been drawn uniformly from the partner pairs without an agreement then (1: as chance among partners). Empty when no tie had candidates of different degree sums.' },
  { name: 'networkAttachmentDegree', kind: 'value', better: 'higher', neutral: true, margin: 0.5, description: 'Endpoint degree sum of the ties counted in networkAttachmentRatio (its numerator).' },
  { name: 'networkAttachmentExpected', kind: 'value', better: 'higher', neutral: true, margin: 0.5, description: 'Endpoint degree sum expected under the null among partner pairs (the denominator of networkAttachmentRatio).' },
  { name: 'networkAttachmentExcess', kind: 'value', better: 'higher', neutral: true, margin: 0.5, description: 'networkAttachmentDegree - networkAttachmentExpected: endpoint degree beyond chance per run; its mean over runs is above 0 exactly when the pooled ratio is above 1.' },
  { name: 'networkAttachmentTies', kind: 'value', better: 'higher', neutral: true, margin: 0.5, description: 'Ties counted in networkAttachmentRatio: those whose candidates differed in endpoint degree sum.' },
  { name: 'networkAttachmentAboveChance', kind: 'value', better: 'higher', neutral: true, margin: 0.05, description: '1 when networkAttachmentRatio is above 1, 0 when not, empty when it is: its mean is the share of runs above chance.' },
  { name: 'networkTriadicShare', kind: 'value', better: 'higher', neutral: true, margin: 0.05, description: 'Share of the run\'s ties that closed a triangle when signed, with no null (the run\'s networkTriadicShare at the end; empty without a tie).' },
  { name: 'networkDegreeDependence', kind: 'value', better: 'higher', neutral: true, margin: 0.1, description: 'Endpoint degree sum of new ties over twice the mean degree then, after the first tie, with every pair of states as the null (the run\'s networkDegreeDependence at the end; empty with fewer than 2 ties).' },
];

export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);

/** A metric's name in an experiment file, with an error that names the value given. */
export const MetricName = z.enum(METRIC_NAMES as [string, ...string[]], {
  error: (issue) => `unknown metric ${JSON.stringify(issue.input)}; expected one of ${METRIC_NAMES.join(', ')}`,
});

/** Columns of a run's record: one per value metric, two per time metric (`<name>`, `<name>.reached`). */
export const RECORD_COLUMNS: readonly string[] = METRICS.flatMap((m) => (m.kind === 'time' ? [m.name, `${m.name}.reached`] : [m.name]));
export const RECORD_WIDTH = RECORD_COLUMNS.length;

/** Per-step aggregates kept for every run (for trajectories with bands). */
export const TRACE_COLUMNS = ['meanTrust', 'trustSpread', 'meanTension', 'meanHabit'] as const;
export const TRACE_WIDTH = TRACE_COLUMNS.length;

/**
 * The experiment file's thresholds. No metric of model 0.3 reads them: `confidence` served the
 * removed `timeToConfidence` and `confidentPairs` (decided by the starting value), `recovery`
 * the removed regional `defectionLoss` and `recoveryTime` (superseded by the robustness
 * metrics, whose window is ROBUSTNESS_WINDOW and whose recovery is censored at the end of the run).
 */
export interface Thresholds {
  confidence: number;
  recovery: number;
}

/** Column positions in a series, looked up once per series layout. */
export interface SeriesIndex {
  width: number;
  meanTrust: number; trustSpread: number; meanTension: number; meanHabit: number;
  agreementsTotal: number; incidents: number; defections: number;
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
    agreementsTotal: at('agreementsTotal'), incidents: at('incidents'), defections: at('defections'),
  };
}

/** What the network metrics read of a run: its ties against the null among partner pairs, and the run's own measures. */
export interface RunNetwork {
  null: AgreementNull;
  /** The run's final triadicShare and degreeDependence (record/network.ts, NetworkMeasures). */
  triadicShare: number;
  degreeDependence: number;
}

/** A run's network, from its world (the partner pairs) and final state (the ties in signing order). */
export function runNetwork(world: Pick<World, 'n' | 'partners'>, final: Pick<FinalState, 'agreementOrder' | 'network'>): RunNetwork {
  const order = final.agreementOrder;
  return {
    null: agreementNull(order, order.length, world.n, world.partners),
    triadicShare: final.network.triadicShare,
    degreeDependence: final.network.degreeDependence,
  };
}

/**
 * Writes a run's record into `out[at .. at + RECORD_WIDTH)` and its trace (steps x TRACE_WIDTH,
 * step-major) into `trace[traceAt ..]`. `partners` are the run's partner-pair statistics
 * (RunResult.partners), `trustworthiness` the states' hidden trustworthiness (world.trustworthiness),
 * `network` the agreement network's measures (`runNetwork`; null: the network metrics are empty).
 */
export function summariseRun(series: Series, ix: SeriesIndex, partners: PartnerStats, trustworthiness: ArrayLike<number>,
  out: Float64Array, at: number, trace: Float32Array, traceAt: number, network: RunNetwork | null = null): void {
  // Row 0 of the series is the initial state, before any activity: the metrics and the trace
  // read the steps run, rows 1 .. steps (trace row t is the end of step t + 1).
  const d = series.data, w = ix.width, steps = series.rows - 1;
  let trustSum = 0, tensionSum = 0, incidents = 0, defections = 0;
  for (let t = 0; t < steps; t++) {
    const row = (t + 1) * w;
    const m = d[row + ix.meanTrust];
    trustSum += m;
    tensionSum += d[row + ix.meanTension];
    incidents += d[row + ix.incidents];
    defections += d[row + ix.defections];
    const tr = traceAt + t * TRACE_WIDTH;
    trace[tr] = m;
    trace[tr + 1] = d[row + ix.trustSpread];
    trace[tr + 2] = d[row + ix.meanTension];
    trace[tr + 3] = d[row + ix.meanHabit];
  }
  const last = steps * w, first = w;
  let k = at;
  k = partnerMetrics(partners, trustworthiness, out, k);
  k = robustnessMetrics(partners.robustness, out, k);
  out[k++] = d[last + ix.meanTrust];
  out[k++] = trustSum / steps;
  out[k++] = d[last + ix.meanTrust] - d[first + ix.meanTrust];
  out[k++] = d[last + ix.trustSpread];
  out[k++] = d[last + ix.meanHabit];
  out[k++] = tensionSum / steps;
  out[k++] = incidents;
  out[k++] = defections;
  out[k++] = d[last + ix.agreementsTotal];
  networkMetrics(network, out, k);
}

/** The fourteen network metrics, from `networkClosureRatio` to `networkDegreeDependence`; NaN where undefined. Returns the next column. */
export function networkMetrics(net: RunNetwork | null, out: Float64Array, k: number): number {
  if (net === null) { out.fill(NaN, k, k + 14); return k + 14; }
  const z = net.null;
  // Per mechanism: ratio, observed, expected, excess (empty without a counted tie), ties counted, above chance (1/0).
  const mechanism = (ratio: number, observed: number, expected: number, ties: number) => {
    const counted = ties > 0;
    out[k++] = ratio;
    out[k++] = counted ? observed : NaN;
    out[k++] = counted ? expected : NaN;
    out[k++] = counted ? observed - expected : NaN;
    out[k++] = ties;
    out[k++] = Number.isNaN(ratio) ? NaN : ratio > 1 ? 1 : 0;
  };
  mechanism(z.closureRatio, z.closingObserved, z.closingExpected, z.closureTies);
  mechanism(z.attachmentRatio, z.degreeObserved, z.degreeExpected, z.attachmentTies);
  // The run records 0 before these are defined; here they are empty, so that a mean is over the runs that have them.
  out[k++] = z.ties > 0 ? net.triadicShare : NaN;
  out[k++] = z.ties > 1 ? net.degreeDependence : NaN;
  return k;
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : NaN);

/** The twelve partner-pair metrics (MODEL 6b), from `partnerBelief` to `missedOpportunities`; returns the next column. */
function partnerMetrics(p: PartnerStats, trustworthiness: ArrayLike<number>, out: Float64Array, k: number): number {
  const m = p.pair.length;
  if (m === 0) { out.fill(NaN, k, k + 12); return k + 12; }
  let belief = 0, beliefSum = 0, exposure = 0, brier = 0;
  let acts = 0, heeded = 0, tests = 0, relied = 0, honoured = 0, payoff = 0, loss = 0, gain = 0, missed = 0;
  const trustworthy: boolean[] = new Array<boolean>(m);
  for (let q = 0; q < m; q++) {
    const tw = trustworthiness[p.pair[q] % p.n];
    trustworthy[q] = tw >= 0.5;
    belief += p.belief[q];
    brier += (p.belief[q] - tw) ** 2;
    beliefSum += p.beliefSum[q];
    exposure += p.steps[q];
    acts += p.activities[q]; heeded += p.heeded[q];
    tests += p.tests[q]; relied += p.relied[q]; honoured += p.honoured[q]; missed += p.missed[q];
    payoff += p.trusterPayoff[q]; loss += p.exploitationLoss[q]; gain += p.exploiterGain[q];
  }
  out[k++] = belief / m;
  out[k++] = ratio(beliefSum, exposure);
  out[k++] = brier / m;
  out[k++] = auc(p.belief, trustworthy);
  out[k++] = ratio(acts, exposure * p.stepMonths / 12);
  out[k++] = ratio(heeded, acts);
  out[k++] = ratio(relied, tests);
  out[k++] = ratio(honoured, relied);
  out[k++] = payoff;
  out[k++] = loss;
  out[k++] = gain;
  out[k++] = missed;
  return k;
}

/**
 * The robustness metrics (MODEL 6b) of the first scripted betrayal or defection that took place
 * (record/robustness.ts), all NaN without one: betrayalDrop, activityContinuation, and the two
 * recovery times with their `.reached`. Returns the next column.
 */
function robustnessMetrics(r: Robustness | null, out: Float64Array, k: number): number {
  if (r === null || r.pairs.length === 0) { out.fill(NaN, k, k + 6); return k + 6; }
  const W = ROBUSTNESS_WINDOW;
  let drop = 0;
  for (let q = 0; q < r.pairs.length; q++) drop += r.beforeL[q] - r.lowL[q];
  out[k++] = drop / r.pairs.length;
  const left = r.activity.length;
  const beforeRate = ratio(r.activityBefore, r.beforeSteps);
  let after = 0;
  const first = Math.min(W, left);
  for (let t = 0; t < first; t++) after += r.activity[t];
  out[k++] = beforeRate > 0 ? after / first / beforeRate : NaN;
  // Belief: back at the end of step t0 + t, counted from the event (0: it never fell below).
  let back = -1;
  for (let t = 0; t < r.belief.length && back < 0; t++) if (r.belief[t] >= r.beliefBefore) back = t;
  out[k++] = back >= 0 ? back : left;
  out[k++] = back >= 0 ? 1 : 0;
  // Activity: the first trailing window wholly after the event (ending at t0 + t, t >= 11) at the rate before.
  if (beforeRate > 0) {
    let win = 0, done = -1;
    for (let t = 0; t < left && done < 0; t++) {
      win += r.activity[t] - (t >= W ? r.activity[t - W] : 0);
      if (t >= W - 1 && win / W >= beforeRate) done = t;
    }
    out[k++] = done >= 0 ? done : left;
    out[k++] = done >= 0 ? 1 : 0;
  } else {
    out[k++] = NaN;
    out[k++] = NaN;
  }
  return k;
}
