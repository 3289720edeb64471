/**
 * What one run is summarised to (src/experiment/metrics.ts): summariseRun on hand-built series
 * and partner-pair statistics whose answers are known, the layout of the record and the trace,
 * invariants over random series, and a simulated run whose metrics are recomputed from its
 * event log, its final beliefs and the world's partner list.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  METRICS, RECORD_COLUMNS, RECORD_WIDTH, seriesIndex, summariseRun, TRACE_COLUMNS, TRACE_WIDTH,
} from '../../src/experiment/metrics.js';
import { EVENT_KIND_INDEX as Kind, EventFlag as Flag } from '../../src/core/events.js';
import type { PartnerStats } from '../../src/record/partners.js';
import type { Robustness } from '../../src/record/robustness.js';
import { REGIONAL_COLUMNS } from '../../src/record/reporters.js';
import { simulate, type Series } from '../../src/run/simulate.js';
import { logit } from '../../src/model/logistic.js';
import { makeScenario } from '../world-fixture.js';

type Columns = Partial<Record<string, number[]>>;

/**
 * A series with the real regional columns: the given ones filled per step (rows 1 .. steps), the
 * others 0; row 0, the initial state, is NaN throughout, so a metric that read it would show it.
 */
function series(steps: number, cols: Columns, columns: readonly string[] = REGIONAL_COLUMNS): Series {
  const w = columns.length;
  const data = new Float64Array((steps + 1) * w);
  data.fill(Number.NaN, 0, w);
  for (const [name, values] of Object.entries(cols)) {
    const k = columns.indexOf(name);
    if (k < 0) throw new Error(`no column ${name}`);
    if (values!.length !== steps) throw new Error(`${name}: ${values!.length} values for ${steps} steps`);
    values!.forEach((v, t) => { data[(t + 1) * w + k] = v; });
  }
  return { columns, rows: steps + 1, data };
}

type PairRow = Partial<Record<'belief' | 'beliefSum' | 'steps' | 'activities' | 'heeded' | 'tests' | 'relied' | 'honoured' | 'exploited'
  | 'missed' | 'trusterPayoff' | 'exploitationLoss' | 'exploiterGain', number>> & { from: number; to: number };

/** Partner-pair statistics from one row per directed pair (missing counts 0, steps 12). */
function stats(rows: PairRow[], o: { n?: number; stepMonths?: number; robustness?: Robustness | null } = {}): PartnerStats {
  const n = o.n ?? 3;
  const col = (name: keyof PairRow, fallback = 0) => Float64Array.from(rows.map((r) => r[name] ?? fallback));
  return {
    pair: Int32Array.from(rows.map((r) => r.from * n + r.to)), since: new Int32Array(rows.length),
    steps: Int32Array.from(rows.map((r) => r.steps ?? 12)), belief: col('belief', 0.5), beliefSum: col('beliefSum'),
    activities: col('activities'), heeded: col('heeded'), tests: col('tests'), relied: col('relied'), honoured: col('honoured'),
    exploited: col('exploited'), missed: col('missed'), trusterPayoff: col('trusterPayoff'), exploitationLoss: col('exploitationLoss'),
    exploiterGain: col('exploiterGain'), n, stepMonths: o.stepMonths ?? 1, robustness: o.robustness ?? null,
  };
}

/** The record of a run as { column name: value }. */
function summarise(s: Series, p: PartnerStats = stats([{ from: 0, to: 1 }]), trustworthiness: number[] = [1, 1, 1]): Record<string, number> {
  const out = new Float64Array(RECORD_WIDTH);
  const trace = new Float32Array(s.rows * TRACE_WIDTH);
  summariseRun(s, seriesIndex(s.columns), p, trustworthiness, out, 0, trace, 0);
  return Object.fromEntries(RECORD_COLUMNS.map((c, k) => [c, out[k]]));
}

const one = series(1, {});

describe('the record of a run', () => {
  it('has one column per value metric and two per time metric, in the order of METRICS', () => {
    expect(RECORD_COLUMNS).toEqual([
      'partnerBelief', 'partnerBeliefMean', 'brier', 'auc', 'activityRate', 'heededRate', 'reliance', 'honouredShare',
      'trusterPayoff', 'exploitationLoss', 'exploiterGain', 'missedOpportunities',
      'betrayalDrop', 'activityContinuation', 'beliefRecovery', 'beliefRecovery.reached', 'activityRecovery', 'activityRecovery.reached',
      'regionalTrust', 'regionalTrustMean', 'regionalTrustGain', 'regionalTrustSpread', 'regionalHabit',
      'meanTension', 'incidents', 'defections', 'agreements',
      'networkClosureRatio', 'networkClosingTies', 'networkClosingExpected', 'networkClosingExcess', 'networkClosureTies', 'networkClosureAboveChance',
      'networkAttachmentRatio', 'networkAttachmentDegree', 'networkAttachmentExpected', 'networkAttachmentExcess', 'networkAttachmentTies', 'networkAttachmentAboveChance',
      'networkTriadicShare', 'networkDegreeDependence',
    ]);
    expect(RECORD_WIDTH).toBe(41);
    // 39 metrics, two of them times (a value and a reached flag each): 37 + 2 x 2 = 41 columns.
    expect(METRICS).toHaveLength(39);
    expect(METRICS.filter((m) => m.kind === 'time').map((m) => m.name)).toEqual(['beliefRecovery', 'activityRecovery']);
    expect(TRACE_COLUMNS).toEqual(['meanTrust', 'trustSpread', 'meanTension', 'meanHabit']);
    expect(TRACE_WIDTH).toBe(4);
  });

  it('no longer has the metrics a starting value decides, nor those the partner metrics supersede', () => {
    for (const gone of ['timeToConfidence', 'confidentPairs', 'trustError', 'finalTrust', 'meanTrust', 'trustGain', 'defectionLoss', 'recoveryTime', 'gains', 'losses', 'heededShare']) {
      expect(METRICS.map((m) => m.name)).not.toContain(gone);
    }
  });

  it('is written at its place and nowhere else, and the trace step by step in TRACE_COLUMNS order', () => {
    const s = series(3, {
      meanTrust: [0.1, 0.2, 0.3], trustSpread: [0.01, 0.02, 0.03], meanTension: [0.4, 0.5, 0.6], meanHabit: [0.7, 0.8, 0.9],
    });
    const out = new Float64Array(3 * RECORD_WIDTH).fill(-7);
    const trace = new Float32Array(2 + 3 * TRACE_WIDTH + 2).fill(-7);
    summariseRun(s, seriesIndex(s.columns), stats([{ from: 0, to: 1, belief: 0.25 }]), [1, 1, 1], out, RECORD_WIDTH, trace, 2);
    expect([...out.subarray(0, RECORD_WIDTH)].every((v) => v === -7)).toBe(true);
    expect([...out.subarray(2 * RECORD_WIDTH)].every((v) => v === -7)).toBe(true);
    expect(out[RECORD_WIDTH]).toBe(0.25); // partnerBelief, first column of the second record
    expect(out[RECORD_WIDTH + 18]).toBe(0.3); // regionalTrust, column 18 of the second record
    expect([...trace.subarray(0, 2)]).toEqual([-7, -7]);
    expect([...trace.subarray(2 + 3 * TRACE_WIDTH)]).toEqual([-7, -7]);
    expect([...trace.subarray(2, 2 + 3 * TRACE_WIDTH)]).toEqual(
      [0.1, 0.01, 0.4, 0.7, 0.2, 0.02, 0.5, 0.8, 0.3, 0.03, 0.6, 0.9].map(Math.fround));
  });

  it('finds the columns by name, whatever their order in the series', () => {
    const shuffled = [...REGIONAL_COLUMNS].reverse();
    const cols = { meanTrust: [0.2, 0.5, 0.7], incidents: [1, 0, 2], activities: [4, 0, 4], heeded: [3, 0, 1], agreementsTotal: [0, 1, 2] };
    expect(summarise(series(3, cols, shuffled))).toEqual(summarise(series(3, cols)));
    expect(() => seriesIndex(REGIONAL_COLUMNS.filter((c) => c !== 'defections'))).toThrow(/defections/);
  });
});

describe('partner-pair metrics on hand-built statistics', () => {
  // Three states; trustworthiness 0.9, 0.2, 0.5 (state 2 counts as trustworthy: >= 0.5).
  const TW = [0.9, 0.2, 0.5];

  it('partnerBelief: the mean final belief; partnerBeliefMean: over pairs and their steps', () => {
    const p = stats([
      { from: 0, to: 1, belief: 0.3, beliefSum: 6, steps: 12 },
      { from: 1, to: 0, belief: 0.7, beliefSum: 3, steps: 6 },
    ]);
    const r = summarise(one, p, TW);
    expect(r.partnerBelief).toBeCloseTo(0.5, 15);
    expect(r.partnerBeliefMean).toBeCloseTo(9 / 18, 15);
  });

  it('brier: mean over partner pairs of (final belief - the partner\'s trustworthiness)^2', () => {
    const p = stats([{ from: 0, to: 1, belief: 0.3 }, { from: 1, to: 0, belief: 0.7 }, { from: 1, to: 2, belief: 0.5 }]);
    // the partner (to) counts, not the observer: (0.3 - 0.2)^2 + (0.7 - 0.9)^2 + (0.5 - 0.5)^2
    expect(summarise(one, p, TW).brier).toBeCloseTo((0.01 + 0.04 + 0) / 3, 15);
  });

  it('auc: Mann-Whitney of final belief between trustworthy and untrustworthy partners, ties 1/2', () => {
    // Trustworthy partners (to 0, to 2) at 0.9 and 0.6; untrustworthy (to 1) at 0.6 and 0.2:
    // of the 4 pairs, 0.9 > 0.6, 0.9 > 0.2, 0.6 = 0.6 (1/2), 0.6 > 0.2: 3.5 / 4.
    const p = stats([
      { from: 1, to: 0, belief: 0.9 }, { from: 0, to: 2, belief: 0.6 }, { from: 0, to: 1, belief: 0.6 }, { from: 2, to: 1, belief: 0.2 },
    ]);
    expect(summarise(one, p, TW).auc).toBe(0.875);
    // Beliefs the wrong way round: 0.
    const wrong = stats([{ from: 1, to: 0, belief: 0.1 }, { from: 0, to: 1, belief: 0.8 }]);
    expect(summarise(one, wrong, TW).auc).toBe(0);
    // Only one kind of partner: empty (NaN).
    expect(summarise(one, stats([{ from: 1, to: 0, belief: 0.1 }, { from: 1, to: 2, belief: 0.8 }]), TW).auc).toBeNaN();
  });

  it('activityRate per pair-year (stepMonths from the world); heededRate, reliance and honouredShare as shares', () => {
    const rows: PairRow[] = [
      { from: 0, to: 1, steps: 24, activities: 10, heeded: 5, tests: 4, relied: 3, honoured: 2 },
      { from: 1, to: 0, steps: 24, activities: 2, heeded: 1, tests: 4, relied: 1, honoured: 1 },
    ];
    const monthly = summarise(one, stats(rows), TW);
    expect(monthly.activityRate).toBeCloseTo(12 / 4, 15); // 48 pair-months = 4 pair-years
    expect(summarise(one, stats(rows, { stepMonths: 3 }), TW).activityRate).toBeCloseTo(12 / 12, 15);
    expect(monthly.heededRate).toBeCloseTo(6 / 12, 15);
    expect(monthly.reliance).toBeCloseTo(4 / 8, 15);
    expect(monthly.honouredShare).toBeCloseTo(3 / 4, 15);
    const idle = summarise(one, stats([{ from: 0, to: 1 }]), TW);
    expect(idle.activityRate).toBe(0);
    expect(idle.heededRate).toBeNaN();
    expect(idle.reliance).toBeNaN();
    expect(idle.honouredShare).toBeNaN();
  });

  it('payoffs and missed opportunities: totals over partner pairs, the exploiter\'s gain apart', () => {
    const p = stats([
      { from: 0, to: 1, trusterPayoff: 1.5, exploitationLoss: 0.5, exploiterGain: 1.3, missed: 2 },
      { from: 1, to: 0, trusterPayoff: -0.25, exploitationLoss: 0.25, exploiterGain: 0, missed: 1 },
    ]);
    const r = summarise(one, p, TW);
    expect(r.trusterPayoff).toBe(1.25);
    expect(r.exploitationLoss).toBe(0.75);
    expect(r.exploiterGain).toBe(1.3);
    expect(r.missedOpportunities).toBe(3);
  });

  it('a world without partner pairs has every partner metric empty', () => {
    const r = summarise(one, stats([]), TW);
    for (const name of RECORD_COLUMNS.slice(0, 12)) expect(r[name], name).toBeNaN();
  });
});

/** A robustness record: one tracked pair unless `beforeL` says otherwise. */
function robust(o: Partial<Omit<Robustness, 'belief' | 'activity'>> & { belief: number[]; activity: number[] }): Robustness {
  const beforeL = o.beforeL ?? Float64Array.of(o.beliefBefore ?? 0);
  return {
    kind: 'betrayal', step: 20, pairs: o.pairs ?? new Int32Array(beforeL.length), beforeL,
    lowL: o.lowL ?? Float64Array.of(Math.min(...o.belief.slice(0, 12))), beliefBefore: o.beliefBefore ?? 0,
    activityBefore: o.activityBefore ?? 0, beforeSteps: o.beforeSteps ?? 12,
    belief: Float64Array.from(o.belief), activity: Float64Array.from(o.activity),
  };
}

describe('robustness metrics on hand-built records', () => {
  it('are all empty without a scripted betrayal or defection that took place', () => {
    const r = summarise(one, stats([{ from: 0, to: 1 }], { robustness: null }));
    for (const name of ['betrayalDrop', 'activityContinuation', 'beliefRecovery', 'beliefRecovery.reached', 'activityRecovery', 'activityRecovery.reached']) expect(r[name], name).toBeNaN();
  });

  it('betrayalDrop: belief before minus the lowest over the window, mean over the tracked pairs (log-odds)', () => {
    const rb = robust({ beforeL: Float64Array.of(1, 0.5), lowL: Float64Array.of(-1, 0), beliefBefore: 0.75, belief: [0, 0], activity: [0, 0] });
    expect(summarise(one, stats([{ from: 0, to: 1 }], { robustness: rb })).betrayalDrop).toBeCloseTo((2 + 0.5) / 2, 15);
  });

  it('activityContinuation: the rate over the 12 steps from the event over the rate before; empty when there was none', () => {
    const activity = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 5, 5];
    const r = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity, activityBefore: 12, beforeSteps: 12 }) }));
    expect(r.activityContinuation).toBeCloseTo(0.5, 15); // 6 in 12 steps after, 12 in 12 before
    // Fewer steps before (an event at step 6): rates, not counts.
    const early = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity, activityBefore: 6, beforeSteps: 6 }) }));
    expect(early.activityContinuation).toBeCloseTo(0.5, 15);
    const none = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity, activityBefore: 0 }) }));
    expect(none.activityContinuation).toBeNaN();
    expect(none.activityRecovery).toBeNaN();
  });

  it('beliefRecovery: steps from the event until belief is back at its level before, censored at the end of the run', () => {
    const back = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ beliefBefore: 1, belief: [-1, 0, 0.99, 1, 2], activity: [0, 0, 0, 0, 0] }) }));
    expect(back.beliefRecovery).toBe(3);
    expect(back['beliefRecovery.reached']).toBe(1);
    const never = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ beliefBefore: 1, belief: [-1, 0, 0.99], activity: [0, 0, 0] }) }));
    expect(never.beliefRecovery).toBe(3); // the steps left from the event to the end
    expect(never['beliefRecovery.reached']).toBe(0);
  });

  it('activityRecovery: the first trailing 12-step window after the event at the rate before (at least 11), censored', () => {
    // Rate before 1 per step; after: 0 for 6 steps, then 2 per step.
    const activity = [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2, 2];
    const r = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity, activityBefore: 12, beforeSteps: 12 }) }));
    expect(r.activityRecovery).toBe(11); // window of steps 0..11 holds 12 activities: back
    expect(r['activityRecovery.reached']).toBe(1);
    const slower = [0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2];
    const s = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity: slower, activityBefore: 12, beforeSteps: 12 }) }));
    expect(s.activityRecovery).toBe(13); // windows ending at 11, 12, 13 hold 8, 10, 12
    const never = summarise(one, stats([{ from: 0, to: 1 }], { robustness: robust({ belief: [0], activity: [1, 1, 1, 1, 1], activityBefore: 12, beforeSteps: 12 }) }));
    expect(never.activityRecovery).toBe(5); // too few steps for a whole window: censored at the end
    expect(never['activityRecovery.reached']).toBe(0);
  });
});

describe('regional metrics on hand-built series', () => {
  it('regional belief: final, mean over the steps, gain from the first step', () => {
    const r = summarise(series(4, { meanTrust: [0.5, 0.25, 0.75, 0.625] }));
    expect(r.regionalTrust).toBe(0.625);
    expect(r.regionalTrustMean).toBe((0.5 + 0.25 + 0.75 + 0.625) / 4);
    expect(r.regionalTrustGain).toBe(0.125);
  });

  it('the last step of spread, habit and agreements; tension averaged; incidents and defections summed', () => {
    const r = summarise(series(3, {
      trustSpread: [0.3, 0.2, 0.1], meanHabit: [0, 0.25, 0.5], agreementsTotal: [0, 2, 3],
      meanTension: [0.1, 0.2, 0.6], incidents: [1, 0, 2], defections: [0, 2, 1],
    }));
    expect(r.regionalTrustSpread).toBe(0.1);
    expect(r.regionalHabit).toBe(0.5);
    expect(r.agreements).toBe(3);
    expect(r.meanTension).toBeCloseTo(0.3, 15);
    expect(r.incidents).toBe(3);
    expect(r.defections).toBe(3);
  });

  fcTest.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 40 })], { numRuns: 100 })(
    'agree with the trajectory they come from', (trust) => {
      const steps = trust.length;
      const r = summarise(series(steps, { meanTrust: trust }));
      expect(r.regionalTrust).toBe(trust[steps - 1]);
      expect(r.regionalTrustGain).toBe(trust[steps - 1] - trust[0]);
      expect(r.regionalTrustMean).toBeGreaterThanOrEqual(Math.min(...trust) - 1e-12);
      expect(r.regionalTrustMean).toBeLessThanOrEqual(Math.max(...trust) + 1e-12);
    });
});

describe('a simulated run, recomputed from its event log, final beliefs and partner list', () => {
  // Three states: A and B partners through a programme, random and scheduled tests; C
  // untrustworthy, betraying A for certain at step 30 (a scripted betrayal); B and C strangers.
  const scenario = makeScenario({
    states: ['A', 'B', { id: 'C', trustworthiness: 0 }],
    steps: 60,
    stateDefaults: { budget: 20, receptivity: 0.7 },
    programmes: [{ from: 'A', to: ['B'], activity: 'officialContact', schedule: { start: 0, every: 2 }, mutual: true }],
    events: [
      { type: 'test', step: 10, truster: 'A', trustee: 'B', stake: 0.01 },
      { type: 'test', step: 30, truster: 'A', trustee: 'C', stake: 0.01, honours: false },
      { type: 'test', step: 35, truster: 'B', trustee: 'A' },
    ],
    parameters: { testRate: 0.3, testHabit: 0 },
    trust: { default: 0.3 },
  });
  // trust-first at a cautious prior: some tests are not relied on.
  const res = simulate(scenario, { seed: 3, events: true, pairs: true, hypothesis: 'trust-first' });
  const { world: w, events: log } = res;
  const n = w.n;
  const out = new Float64Array(RECORD_WIDTH);
  summariseRun(res.series, seriesIndex(res.series.columns), res.partners, w.trustworthiness, out, 0, new Float32Array(w.steps * TRACE_WIDTH), 0);
  const r = Object.fromEntries(RECORD_COLUMNS.map((c, k) => [c, out[k]]));
  const partners: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let k = w.partners.start[i]; k < w.partners.start[i + 1]; k++) partners.push([i, w.partners.list[k]]);
  const isPartner = (i: number, j: number) => partners.some(([a, b]) => a === i && b === j);
  const rows = Array.from({ length: log!.length }, (_, k) => k);

  it('has partner pairs A-B and A-C but not B-C, and no agreement outside them', () => {
    expect(partners).toEqual([[0, 1], [0, 2], [1, 0], [2, 0]]);
    expect(res.final.agreements.every(([i, j]) => isPartner(i, j))).toBe(true);
  });

  it('partnerBelief and brier from final.trust and the partner list', () => {
    const b = partners.map(([i, j]) => res.final.trust[i][j]);
    expect(r.partnerBelief).toBeCloseTo(b.reduce((x, y) => x + y, 0) / b.length, 12);
    const brier = partners.map(([i, j]) => (res.final.trust[i][j] - w.trustworthiness[j]) ** 2);
    expect(r.brier).toBeCloseTo(brier.reduce((x, y) => x + y, 0) / brier.length, 12);
  });

  it('partnerBeliefMean from the per-step beliefs of the partner pairs', () => {
    let sum = 0;
    for (let t = 1; t <= w.steps; t++) for (const [i, j] of partners) sum += res.pairTrust![t * n * n + i * n + j];
    expect(r.partnerBeliefMean).toBeCloseTo(sum / (w.steps * partners.length), 12);
  });

  it('reliance, honoured share, payoffs and exploitation from the test events', () => {
    // One test row per test: a reliance has the truster's trust fields; a test not relied on none.
    const tests = rows.filter((k) => log!.kind[k] === Kind.test);
    const relied = tests.filter((k) => (log!.flags[k] & Flag.relied) !== 0);
    const honoured = relied.filter((k) => (log!.flags[k] & Flag.honoured) !== 0);
    const exploited = relied.filter((k) => (log!.flags[k] & Flag.exploited) !== 0);
    expect(tests.length).toBeGreaterThan(5);
    expect(exploited.length).toBeGreaterThan(0);
    expect(tests.every((k) => isPartner(log!.target[k], log!.actor[k]))).toBe(true);
    expect(r.reliance).toBeCloseTo(relied.length / tests.length, 12);
    expect(r.honouredShare).toBeCloseTo(honoured.length / relied.length, 12);
    const p = w.params;
    // Only C exploits; the scripted test at step 30 is at stake 0.01, random tests at the default (S scales with the stake).
    const scripted = (k: number) => log!.step[k] === 30 && log!.target[k] === 0 && log!.actor[k] === 2;
    expect(exploited.filter(scripted)).toHaveLength(1);
    const S = (k: number) => p.payoffSucker * (scripted(k) && k === exploited.find(scripted) ? 0.01 : p.testStake) / p.testStake;
    const loss = -exploited.reduce((a, k) => a + S(k), 0);
    expect(r.exploitationLoss).toBeCloseTo(loss, 12);
    expect(r.trusterPayoff).toBeCloseTo(honoured.length * p.payoffReward - loss, 12);
    expect(r.exploiterGain).toBeCloseTo(exploited.length * p.payoffTemptation, 12);
  });

  it('missedOpportunities: tests not relied on whose trustee would have honoured (C never would)', () => {
    const notRelied = rows.filter((k) => log!.kind[k] === Kind.test && (log!.flags[k] & Flag.relied) === 0);
    // A and B are fully trustworthy and not reciprocal: every test of them not relied on is missed;
    // C never honours, so no test of C is.
    const missed = notRelied.filter((k) => w.trustworthiness[log!.actor[k]] === 1);
    expect(missed.length).toBeGreaterThan(0);
    expect(r.missedOpportunities).toBe(missed.length);
  });

  it('activityRate and heededRate from the activity events on partner pairs', () => {
    const acts = rows.filter((k) => log!.kind[k] === Kind.activity && isPartner(log!.actor[k], log!.target[k]));
    const heeded = acts.filter((k) => (log!.flags[k] & Flag.heeded) !== 0);
    expect(acts.length).toBeGreaterThan(10);
    expect(r.activityRate).toBeCloseTo(acts.length / (partners.length * w.steps / 12), 12);
    expect(r.heededRate).toBeCloseTo(heeded.length / acts.length, 12);
  });

  it('betrayalDrop at the scripted betrayal, from the victim\'s per-step belief in the betrayer', () => {
    const ac = 0 * n + 2;
    const exploitedAt30 = rows.some((k) => log!.kind[k] === Kind.test && log!.step[k] === 30 && (log!.flags[k] & Flag.exploited) !== 0);
    expect(exploitedAt30).toBe(true);
    const L = (t: number) => logit(res.pairTrust![(t + 1) * n * n + ac]); // the end of the model's step t
    const low = Math.min(...Array.from({ length: 12 }, (_, k) => L(30 + k)));
    expect(r.betrayalDrop).toBeCloseTo(L(29) - low, 9);
    expect(r.betrayalDrop).toBeGreaterThan(0);
    // The event log: the betrayal is A's reliance on C exploited at step 30, and it moved A's belief
    // down (activities of C later in the step may raise it again before the step's end, where the
    // drop is sampled).
    const row = rows.find((k) => log!.kind[k] === Kind.test && log!.step[k] === 30 && (log!.flags[k] & Flag.exploited) !== 0)!;
    expect(log!.observer[row]).toBe(0);
    expect(log!.subject[row]).toBe(2);
    expect(log!.l1[row] - log!.l2[row]).toBeGreaterThan(0);
    // Activity between A and C, both directions, in the 12 steps before and from the betrayal.
    const between = (from: number, to: number) => rows.filter((k) => log!.kind[k] === Kind.activity && log!.step[k] >= from && log!.step[k] < to
      && ((log!.actor[k] === 0 && log!.target[k] === 2) || (log!.actor[k] === 2 && log!.target[k] === 0))).length;
    const before = between(18, 30), after = between(30, 42);
    expect(before).toBeGreaterThan(0);
    expect(r.activityContinuation).toBeCloseTo(after / before, 12);
    let rec = -1;
    for (let t = 41; t < w.steps && rec < 0; t++) if (between(t - 11, t + 1) >= before) rec = t - 30;
    expect(r.activityRecovery).toBe(rec >= 0 ? rec : w.steps - 30);
    expect(r['activityRecovery.reached']).toBe(rec >= 0 ? 1 : 0);
    const back = Array.from({ length: w.steps - 30 }, (_, k) => L(30 + k)).findIndex((x) => x >= L(29));
    expect(r.beliefRecovery).toBe(back >= 0 ? back : w.steps - 30);
    expect(r['beliefRecovery.reached']).toBe(back >= 0 ? 1 : 0);
  });
});
