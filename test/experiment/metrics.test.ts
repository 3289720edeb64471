/**
 * What one run is summarised to (src/experiment/metrics.ts): summariseRun on hand-built series
 * whose answers are known, the layout of the record and the trace, and invariants over random
 * series.
 */
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  METRICS, RECORD_COLUMNS, RECORD_WIDTH, seriesIndex, summariseRun, TRACE_COLUMNS, TRACE_WIDTH, type Thresholds,
} from '../../src/experiment/metrics.js';
import { REGIONAL_COLUMNS } from '../../src/record/reporters.js';
import type { Series } from '../../src/run/simulate.js';

type Columns = Partial<Record<string, number[]>>;

/** A series with the real regional columns: the given ones filled per step, the others 0. */
function series(steps: number, cols: Columns, columns: readonly string[] = REGIONAL_COLUMNS): Series {
  const w = columns.length;
  const data = new Float64Array(steps * w);
  for (const [name, values] of Object.entries(cols)) {
    const k = columns.indexOf(name);
    if (k < 0) throw new Error(`no column ${name}`);
    if (values!.length !== steps) throw new Error(`${name}: ${values!.length} values for ${steps} steps`);
    values!.forEach((v, t) => { data[t * w + k] = v; });
  }
  return { columns, rows: steps, data };
}

const TH: Thresholds = { confidence: 0.6, recovery: 36 };

/** The record of a run as { column name: value }. */
function summarise(s: Series, opts: { trust?: number[][]; th?: Thresholds; trustworthiness?: number[] } = {}): Record<string, number> {
  const trust = opts.trust ?? [[1, 0.5], [0.5, 1]];
  const n = trust.length;
  const flat = Float64Array.from(trust.flat());
  const out = new Float64Array(RECORD_WIDTH);
  const trace = new Float32Array(s.rows * TRACE_WIDTH);
  summariseRun(s, seriesIndex(s.columns), flat, n, opts.th ?? TH, out, 0, trace, 0, opts.trustworthiness);
  return Object.fromEntries(RECORD_COLUMNS.map((c, k) => [c, out[k]]));
}

describe('the record of a run', () => {
  it('has one column per value metric and two per time metric, in the order of METRICS', () => {
    expect(RECORD_COLUMNS).toEqual([
      'finalTrust', 'meanTrust', 'trustGain', 'confidentPairs', 'finalSpread', 'finalHabit', 'meanTension',
      'incidents', 'defections', 'agreements', 'heededShare', 'timeToConfidence', 'timeToConfidence.reached',
      'defectionLoss', 'recoveryTime', 'recoveryTime.reached', 'gains', 'losses', 'trustError',
    ]);
    expect(RECORD_WIDTH).toBe(19);
    expect(RECORD_WIDTH).toBe(METRICS.length + METRICS.filter((m) => m.kind === 'time').length);
    expect(TRACE_COLUMNS).toEqual(['meanTrust', 'trustSpread', 'meanTension', 'meanHabit']);
    expect(TRACE_WIDTH).toBe(4);
  });

  it('is written at its place and nowhere else, and the trace step by step in TRACE_COLUMNS order', () => {
    const s = series(3, {
      meanTrust: [0.1, 0.2, 0.3], trustSpread: [0.01, 0.02, 0.03], meanTension: [0.4, 0.5, 0.6], meanHabit: [0.7, 0.8, 0.9],
    });
    const out = new Float64Array(3 * RECORD_WIDTH).fill(-7);
    const trace = new Float32Array(2 + 3 * TRACE_WIDTH + 2).fill(-7);
    summariseRun(s, seriesIndex(s.columns), [1, 0.5, 0.5, 1], 2, TH, out, RECORD_WIDTH, trace, 2);
    expect([...out.subarray(0, RECORD_WIDTH)].every((v) => v === -7)).toBe(true);
    expect([...out.subarray(2 * RECORD_WIDTH)].every((v) => v === -7)).toBe(true);
    expect(out[RECORD_WIDTH]).toBe(0.3); // finalTrust, first column of the second record
    expect([...trace.subarray(0, 2)]).toEqual([-7, -7]);
    expect([...trace.subarray(2 + 3 * TRACE_WIDTH)]).toEqual([-7, -7]);
    expect([...trace.subarray(2, 2 + 3 * TRACE_WIDTH)]).toEqual(
      [0.1, 0.01, 0.4, 0.7, 0.2, 0.02, 0.5, 0.8, 0.3, 0.03, 0.6, 0.9].map(Math.fround));
  });

  it('finds the columns by name, whatever their order in the series', () => {
    const shuffled = [...REGIONAL_COLUMNS].reverse();
    const cols = { meanTrust: [0.2, 0.5, 0.7], incidents: [1, 0, 2], activities: [4, 0, 4], heeded: [3, 0, 1], agreementsTotal: [0, 1, 2] };
    expect(summarise(series(3, cols, shuffled))).toEqual(summarise(series(3, cols)));
    expect(() => seriesIndex(REGIONAL_COLUMNS.filter((c) => c !== 'heeded'))).toThrow(/heeded/);
  });
});

describe('summariseRun on hand-built series', () => {
  it('trust: final, mean over the steps, gain from the first step', () => {
    const r = summarise(series(4, { meanTrust: [0.5, 0.25, 0.75, 0.625] }));
    expect(r.finalTrust).toBe(0.625);
    expect(r.meanTrust).toBe((0.5 + 0.25 + 0.75 + 0.625) / 4);
    expect(r.trustGain).toBe(0.125);
  });

  it('the last step of spread, habit and agreements; tension averaged; incidents and defections summed', () => {
    const r = summarise(series(3, {
      trustSpread: [0.3, 0.2, 0.1], meanHabit: [0, 0.25, 0.5], agreementsTotal: [0, 2, 3],
      meanTension: [0.1, 0.2, 0.6], incidents: [1, 0, 2], defections: [0, 2, 1],
    }));
    expect(r.finalSpread).toBe(0.1);
    expect(r.finalHabit).toBe(0.5);
    expect(r.agreements).toBe(3);
    expect(r.meanTension).toBeCloseTo(0.3, 15);
    expect(r.incidents).toBe(3);
    expect(r.defections).toBe(3);
  });

  it('confidentPairs: share of directed pairs at or above the threshold, the diagonal left out', () => {
    const trust = [
      [1, 0.6, 0.59],
      [0.9, 1, 0.1],
      [0.61, 0.2, 1],
    ];
    // 0.6 (at the threshold), 0.9 and 0.61 count: 3 of the 6 directed pairs.
    expect(summarise(series(1, {}), { trust }).confidentPairs).toBe(0.5);
    expect(summarise(series(1, {}), { trust, th: { confidence: 0.95, recovery: 36 } }).confidentPairs).toBe(0);
    expect(summarise(series(1, {}), { trust, th: { confidence: 0.05, recovery: 36 } }).confidentPairs).toBe(1);
    // One state has no pairs.
    expect(summarise(series(1, {}), { trust: [[1]] }).confidentPairs).toBeNaN();
  });

  it('gains and losses: the run\'s totals, read at the last step of their running sums', () => {
    const r = summarise(series(3, { gains: [0, 2, 3.5], losses: [1, 1, 2] }));
    expect(r.gains).toBe(3.5);
    expect(r.losses).toBe(2);
  });

  it('trustError: mean over directed pairs of |trust in a partner - its trustworthiness|; NaN without trustworthiness', () => {
    const trust = [[1, 0.9, 0.5], [0.3, 1, 0.5], [0.8, 0.2, 1]];
    // |0.9 - 0.2| + |0.5 - 0.5| + |0.3 - 0.8| + |0.5 - 0.5| + |0.8 - 0.8| + |0.2 - 0.2| = 1.2, over 6 pairs
    expect(summarise(series(1, {}), { trust, trustworthiness: [0.8, 0.2, 0.5] }).trustError).toBeCloseTo(1.2 / 6, 15);
    expect(summarise(series(1, {}), { trust, trustworthiness: [0.8, 0.9, 0.5] }).trustError).toBeCloseTo((0.5 + 0.7) / 6, 15); // the partner's trustworthiness counts
    expect(summarise(series(1, {}), { trust }).trustError).toBeNaN();
    expect(summarise(series(1, {}), { trust: [[1]], trustworthiness: [0.8] }).trustError).toBeNaN();
  });

  it('heededShare: heeded over activities over the whole run; NaN without any activity', () => {
    expect(summarise(series(3, { activities: [2, 0, 6], heeded: [1, 0, 5] })).heededShare).toBe(0.75);
    expect(summarise(series(3, {})).heededShare).toBeNaN();
  });

  it('timeToConfidence: the first step at or above the threshold', () => {
    const r = summarise(series(6, { meanTrust: [0.5, 0.55, 0.59, 0.6, 0.4, 0.7] }));
    expect(r.timeToConfidence).toBe(3);
    expect(r['timeToConfidence.reached']).toBe(1);
    const first = summarise(series(6, { meanTrust: [0.65, 0.5, 0.5, 0.5, 0.5, 0.5] }));
    expect(first.timeToConfidence).toBe(0);
    expect(first['timeToConfidence.reached']).toBe(1);
  });

  it('timeToConfidence: censored at the horizon (the number of steps) when never reached', () => {
    const r = summarise(series(5, { meanTrust: [0.5, 0.55, 0.59, 0.599, 0.3] }));
    expect(r.timeToConfidence).toBe(5);
    expect(r['timeToConfidence.reached']).toBe(0);
    const lower = summarise(series(5, { meanTrust: [0.5, 0.55, 0.59, 0.599, 0.3] }), { th: { confidence: 0.59, recovery: 36 } });
    expect(lower.timeToConfidence).toBe(2);
  });

  it('without a defection, defectionLoss and recoveryTime are missing (NaN), not zero', () => {
    const r = summarise(series(4, { meanTrust: [0.5, 0.4, 0.3, 0.2] }));
    expect(r.defections).toBe(0);
    expect(r.defectionLoss).toBeNaN();
    expect(r.recoveryTime).toBeNaN();
    expect(r['recoveryTime.reached']).toBeNaN();
  });

  it('defectionLoss: the fall from the step before the first defection to the low within the window; recoveryTime when it is back', () => {
    //               0    1    2     3    4    5    6     7    8    9
    const trust = [0.4, 0.5, 0.55, 0.3, 0.2, 0.25, 0.5, 0.56, 0.1, 0.6];
    const defections = [0, 0, 0, 1, 0, 0, 0, 0, 1, 0];
    const r = summarise(series(10, { meanTrust: trust, defections }), { th: { confidence: 0.9, recovery: 4 } });
    // First defection at step 3, trust before it 0.55; the window is steps 3..6, low 0.2 at step 4.
    // Step 8 (0.1, a second defection) is outside the window.
    expect(r.defectionLoss).toBeCloseTo(0.55 - 0.2, 15);
    // Not back at 0.55 within the window (steps 3..6): censored at the window.
    expect(r.recoveryTime).toBe(4);
    expect(r['recoveryTime.reached']).toBe(0);
    expect(r.defections).toBe(2);
    // A window of 5 sees it back at step 7, 4 steps after the defection.
    const five = summarise(series(10, { meanTrust: trust, defections }), { th: { confidence: 0.9, recovery: 5 } });
    expect(five.recoveryTime).toBe(4);
    expect(five['recoveryTime.reached']).toBe(1);
    // A longer window reaches the second fall, but leaves the run before it ends: no recovery time.
    const longer = summarise(series(10, { meanTrust: trust, defections }), { th: { confidence: 0.9, recovery: 36 } });
    expect(longer.defectionLoss).toBeCloseTo(0.55 - 0.1, 15);
    expect(longer.recoveryTime).toBeNaN();
  });

  it('recoveryTime: censored at the window when trust never gets back within it', () => {
    const trust = [0.5, 0.6, 0.4, 0.45, 0.5, 0.59];
    const r = summarise(series(6, { meanTrust: trust, defections: [0, 0, 1, 0, 0, 0] }), { th: { confidence: 0.9, recovery: 3 } });
    expect(r.defectionLoss).toBeCloseTo(0.2, 15);
    expect(r.recoveryTime).toBe(3); // the window, the same for every run
    expect(r['recoveryTime.reached']).toBe(0);
  });

  it('a defection at the first step is measured from the first step', () => {
    const r = summarise(series(4, { meanTrust: [0.5, 0.3, 0.4, 0.5], defections: [1, 0, 0, 0] }), { th: { confidence: 0.9, recovery: 4 } });
    expect(r.defectionLoss).toBeCloseTo(0.2, 15);
    expect(r.recoveryTime).toBe(0); // trust at the defection step is its own level before it
    expect(r['recoveryTime.reached']).toBe(1);
  });
});

describe('summariseRun over random series', () => {
  const trustSeries = fc.integer({ min: 1, max: 40 }).chain((steps) => fc.record({
    trust: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: steps, maxLength: steps }),
    defections: fc.array(fc.nat({ max: 3 }).map((d): number => (d === 3 ? 1 : 0)), { minLength: steps, maxLength: steps }),
    confidence: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    recovery: fc.integer({ min: 1, max: 50 }),
  }));

  fcTest.prop([trustSeries], { numRuns: 200 })('the times and losses agree with the trajectory they come from', ({ trust, defections, confidence, recovery }) => {
    const steps = trust.length;
    const r = summarise(series(steps, { meanTrust: trust, defections }), { th: { confidence, recovery } });
    expect(r.finalTrust).toBe(trust[steps - 1]);
    expect(r.trustGain).toBe(trust[steps - 1] - trust[0]);
    expect(r.meanTrust).toBeGreaterThanOrEqual(Math.min(...trust) - 1e-12);
    expect(r.meanTrust).toBeLessThanOrEqual(Math.max(...trust) + 1e-12);
    // Time to confidence: reached iff some step is at the threshold, and no earlier step is.
    const t = r.timeToConfidence;
    if (r['timeToConfidence.reached'] === 1) {
      expect(trust[t]).toBeGreaterThanOrEqual(confidence);
      expect(trust.slice(0, t).every((x) => x < confidence)).toBe(true);
    } else {
      expect(r['timeToConfidence.reached']).toBe(0);
      expect(t).toBe(steps);
      expect(trust.every((x) => x < confidence)).toBe(true);
    }
    // Defection metrics: present iff there is a defection.
    const first = defections.findIndex((d) => d > 0);
    expect(r.defections).toBe(defections.reduce((a, b) => a + b, 0));
    if (first < 0) {
      expect(r.defectionLoss).toBeNaN();
      expect(r.recoveryTime).toBeNaN();
      return;
    }
    const before = first > 0 ? trust[first - 1] : trust[0];
    const window = trust.slice(first, Math.min(steps, first + recovery));
    expect(r.defectionLoss).toBe(before - Math.min(...window));
    const rt = r.recoveryTime;
    if (first + recovery > steps) {
      // Less than a whole window left: no recovery time.
      expect(rt).toBeNaN();
    } else if (r['recoveryTime.reached'] === 1) {
      expect(rt).toBeLessThan(recovery);
      expect(trust[first + rt]).toBeGreaterThanOrEqual(before);
      expect(trust.slice(first, first + rt).every((x) => x < before)).toBe(true);
    } else {
      expect(r['recoveryTime.reached']).toBe(0);
      expect(rt).toBe(recovery);
      expect(trust.slice(first, first + recovery).every((x) => x < before)).toBe(true);
    }
  });
});
