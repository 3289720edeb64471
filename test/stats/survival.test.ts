import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { kaplanMeier, pairedComparison, pairedTimeToEvent, timeToEvent } from '../../src/stats/index.js';
import { bytesOf } from './helpers.js';

// Freireich et al. (1963), Blood 21: 699–716: weeks of remission of leukaemia patients, as
// tabulated in Kleinbaum & Klein, Survival Analysis: A Self-Learning Text, ch. 2 (Gehan's data).
// 6-MP group (21 patients, 12 censored, marked false), placebo group (21 patients, no censoring).
const MP6_TIMES = [6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35];
const MP6_EVENT = [true, true, true, true, true, true, true, true, true, false, false, false, false, false, false, false, false, false, false, false, false];
const PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];

describe('kaplanMeier: the Freireich 6-MP leukaemia data', () => {
  it('reproduces the textbook KM table and median of the 6-MP group', () => {
    const km = kaplanMeier(MP6_TIMES, MP6_EVENT);
    expect([km.n, km.events, km.censored]).toEqual([21, 9, 12]);
    expect(km.curve.map((p) => p.t)).toEqual([6, 7, 10, 13, 16, 22, 23]);
    expect(km.curve.map((p) => p.atRisk)).toEqual([21, 17, 15, 12, 11, 7, 6]);
    expect(km.curve.map((p) => p.events)).toEqual([3, 1, 1, 1, 1, 1, 1]);
    const textbook = [0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482];
    km.curve.forEach((p, k) => expect(p.survival).toBeCloseTo(textbook[k], 4));
    expect(km.median).toBe(23);
  });

  it('reproduces the placebo group: survival is the share still in remission, median 8', () => {
    const km = kaplanMeier(PLACEBO, PLACEBO.map(() => true));
    expect(km.median).toBe(8);
    expect(km.curve.map((p) => p.t)).toEqual([1, 2, 3, 4, 5, 8, 11, 12, 15, 17, 22, 23]);
    expect(km.curve.map((p) => p.survival)).toEqual([19, 17, 16, 14, 12, 8, 6, 4, 3, 2, 1, 0].map((k) => k / 21));
    // no censoring: the restricted mean to the last time is the plain mean
    expect(km.restrictedMean).toBeCloseTo(PLACEBO.reduce((s, v) => s + v, 0) / 21, 12);
  });

  it('restricted mean of the 6-MP group to 35 weeks, by hand', () => {
    // S as exact fractions: 18/21, ×16/17, ×14/15, ×11/12, ×10/11, ×6/7, ×5/6; rectangles:
    const s = [18 / 21];
    for (const f of [16 / 17, 14 / 15, 11 / 12, 10 / 11, 6 / 7, 5 / 6]) s.push(s[s.length - 1] * f);
    const byHand = 6 * 1 + 1 * s[0] + 3 * s[1] + 3 * s[2] + 3 * s[3] + 6 * s[4] + 1 * s[5] + 12 * s[6];
    // byHand = 13856 / 595 = 23.2874 weeks in exact rational arithmetic.
    const km = kaplanMeier(MP6_TIMES, MP6_EVENT, 35);
    expect(km.tau).toBe(35);
    expect(km.restrictedMean).toBeCloseTo(byHand, 12);
    expect(km.restrictedMean).toBeCloseTo(13856 / 595, 12);
    expect(kaplanMeier(MP6_TIMES, MP6_EVENT).restrictedMean).toBeCloseTo(13856 / 595, 12); // default tau: last time, 35
    // to 10 weeks: 6 + 1 * 18/21 + 3 * (18/21)(16/17)
    expect(kaplanMeier(MP6_TIMES, MP6_EVENT, 10).restrictedMean).toBeCloseTo(6 + 18 / 21 + (3 * 18 * 16) / (21 * 17), 12);
  });

  it('median: smallest time with S <= 0.5, including S exactly 0.5; null when S stays above', () => {
    expect(kaplanMeier([1, 2, 3, 4], [true, true, true, true]).median).toBe(2);
    // 6 subjects, one censored at 1: S(2) = 4/5, S(3) = 3/5, S(4) = 2/5
    expect(kaplanMeier([1, 2, 3, 4, 5, 6], [false, true, true, true, true, true]).median).toBe(4);
    // S exactly 1/2 after two rounds of censoring, which rounds to 0.5000000000000001 in doubles:
    // 15 at risk; 1 event at 1 (S = 14/15); 2 censored at 2; 3 events among 12 at 3 (S = 0.7);
    // 2 censored at 4; 2 events among 7 at 5 (S = 0.7 * 5/7 = 1/2); 5 censored at 9.
    const t = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 9, 9, 9, 9, 9];
    const e = t.map((v) => v === 1 || v === 3 || v === 5);
    const km = kaplanMeier(t, e);
    expect(km.curve.map((p) => p.atRisk)).toEqual([15, 12, 7]);
    expect(km.curve[2].survival).toBeCloseTo(0.5, 15);
    expect(km.median).toBe(5);
    expect(kaplanMeier([1, 5, 5, 5], [true, false, false, false]).median).toBeNull();
  });

  it('events come before censorings at the same time; n = 0; bad input', () => {
    const km = kaplanMeier([2, 2, 3], [true, false, true]);
    expect(km.curve).toEqual([
      { t: 2, atRisk: 3, events: 1, survival: 2 / 3 },
      { t: 3, atRisk: 1, events: 1, survival: 0 },
    ]);
    const e = kaplanMeier([], []);
    expect([e.n, e.events, e.censored, e.curve.length, e.median]).toEqual([0, 0, 0, 0, null]);
    expect(e.restrictedMean).toBeNaN();
    expect(() => kaplanMeier([1, -1], [true, true])).toThrow(/times\[1\]/);
    expect(() => kaplanMeier([1], [true, false])).toThrow(/same length/);
    expect(() => kaplanMeier([1], ['yes' as unknown as boolean])).toThrow(/events\[0\]/);
  });
});

describe('timeToEvent: censoring at the horizon', () => {
  it('an example by hand', () => {
    // horizon 10; run 7 reached at 12, after the horizon, so it counts as not reached
    const times = [2, 3, 3, 5, 9, NaN, 0, 12];
    const reached = [true, true, true, true, true, false, false, true];
    const r = timeToEvent(times, reached, 10);
    expect([r.n, r.events, r.censored, r.shareReached]).toEqual([8, 5, 3, 5 / 8]);
    expect(r.curve).toEqual([
      { t: 2, atRisk: 8, events: 1, survival: 7 / 8 },
      { t: 3, atRisk: 7, events: 2, survival: 5 / 8 },
      { t: 5, atRisk: 5, events: 1, survival: 4 / 8 },
      { t: 9, atRisk: 4, events: 1, survival: 3 / 8 },
    ]);
    expect(r.median).toBe(5);
    // mean of min(T, 10): (2 + 3 + 3 + 5 + 9 + 10 + 10 + 10) / 8 = 52 / 8
    expect(r.restrictedMean).toBeCloseTo(52 / 8, 12);
  });

  it('a run reaching exactly at the horizon counts as reached', () => {
    const r = timeToEvent([10, 4], [true, false], 10);
    expect([r.events, r.censored, r.median]).toEqual([1, 1, 10]);
    expect(r.restrictedMean).toBe(10);
  });

  it('nobody reaches: median null, restricted mean the horizon; n = 0: NaN', () => {
    const r = timeToEvent([0, 0, 0], [false, false, false], 50);
    expect([r.shareReached, r.median, r.restrictedMean, r.curve.length]).toEqual([0, null, 50, 0]);
    const e = timeToEvent([], [], 50);
    expect(e.n).toBe(0);
    expect(e.shareReached).toBeNaN();
    expect(e.restrictedMean).toBeNaN();
  });

  it('rejects bad input', () => {
    expect(() => timeToEvent([1], [true], -1)).toThrow(/horizon/);
    expect(() => timeToEvent([1], [true], NaN)).toThrow(/horizon/);
    expect(() => timeToEvent([NaN], [true], 5)).toThrow(/times\[0\]/);
    expect(() => timeToEvent([1, 2], [true], 5)).toThrow(/same length/);
  });
});

const runs = (n: number, horizon: number) =>
  fc.array(fc.record({ t: fc.integer({ min: 0, max: horizon + 5 }), reached: fc.boolean() }), { minLength: n, maxLength: n });

describe('timeToEvent: properties', () => {
  fcTest.prop([fc.integer({ min: 1, max: 60 }).chain((n) => runs(n, 30))])('KM with censoring only at the horizon agrees with direct counts', (rs) => {
    const h = 30;
    const times = rs.map((r) => r.t);
    const reached = rs.map((r) => r.reached);
    const res = timeToEvent(times, reached, h);
    const n = rs.length;
    const hit = rs.filter((r) => r.reached && r.t <= h).map((r) => r.t).sort((x, y) => x - y);
    expect(res.events).toBe(hit.length);
    expect(res.shareReached).toBe(hit.length / n);
    // RMST to the horizon = mean of min(T, horizon)
    const restricted = rs.map((r) => (r.reached && r.t <= h ? r.t : h));
    expect(res.restrictedMean).toBeCloseTo(restricted.reduce((s, v) => s + v, 0) / n, 9);
    // S(t) is the share not yet reached by t, exactly (no censoring before the horizon)
    for (const p of res.curve) expect(p.survival).toBe((n - hit.filter((t) => t <= p.t).length) / n);
    for (let k = 1; k < res.curve.length; k++) expect(res.curve[k].survival).toBeLessThan(res.curve[k - 1].survival);
    // median: the ceil(n/2)-th smallest reaching time, if that many reach
    const k = Math.ceil(n / 2);
    expect(res.median).toBe(hit.length >= k ? hit[k - 1] : null);
  });
});

describe('pairedTimeToEvent', () => {
  it('an example by hand', () => {
    // horizon 10. Restricted times A: 2 5 7 10 4 10; B: 3 5 10 6 10 10; A - B: -1 0 -3 4 -6 0.
    // First: A, tie, A (B never), B (A never), A (4 before 10), tie (neither).
    const r = pairedTimeToEvent(
      [2, 5, 7, 0, 4, 0],
      [true, true, true, false, true, false],
      [3, 5, 0, 6, 10, 0],
      [true, true, false, true, true, false],
      10,
      { seed: 'hand' },
    );
    expect(r.n).toBe(6);
    expect(r.meanDiff).toBe(-1);
    expect(r.sdDiff).toBeCloseTo(Math.sqrt((0 + 1 + 4 + 25 + 25 + 1) / 5), 12);
    expect([r.aFirst, r.bFirst, r.ties]).toEqual([3 / 6, 1 / 6, 2 / 6]);
    expect([r.shareReachedA, r.shareReachedB]).toEqual([4 / 6, 4 / 6]);
    expect([r.medianA, r.medianB]).toEqual([5, 6]);
    expect(r.restrictedMeanA).toBeCloseTo(38 / 6, 12);
    expect(r.restrictedMeanB).toBeCloseTo(44 / 6, 12);
    expect(r.excludesZero).toBe(r.ciLow > 0 || r.ciHigh < 0);
  });

  it('reaching at the horizon is first against never reaching, though the restricted times tie', () => {
    const r = pairedTimeToEvent([10], [true], [0], [false], 10, { seed: 'h' });
    expect([r.meanDiff, r.aFirst, r.bFirst, r.ties]).toEqual([0, 1, 0, 0]);
  });

  it('A always sooner by 3: faster is a', () => {
    const tb = [5, 8, 12, 9, 20];
    const r = pairedTimeToEvent(tb.map((t) => t - 3), tb.map(() => true), tb, tb.map(() => true), 30, { seed: 's' });
    expect([r.meanDiff, r.ciLow, r.ciHigh, r.effectSize, r.faster, r.aFirst]).toEqual([-3, -3, -3, -Infinity, 'a', 1]);
  });

  it('its difference and interval are pairedComparison of the restricted times', () => {
    const h = 20;
    const tA = [3, 25, 7, 0, 14, 19, 2, 8];
    const rA = [true, true, true, false, true, true, true, false];
    const tB = [5, 6, 0, 0, 11, 20, 9, 1];
    const rB = [true, true, false, false, true, true, true, true];
    const r = pairedTimeToEvent(tA, rA, tB, rB, h, { seed: 'crn' });
    const restrict = (t: number[], reached: boolean[]) => t.map((v, i) => (reached[i] && v <= h ? v : h));
    const p = pairedComparison(restrict(tA, rA), restrict(tB, rB), { seed: 'crn' });
    expect([r.meanDiff, r.sdDiff, r.ciLow, r.ciHigh, r.effectSize, r.excludesZero]).toEqual([p.meanDiff, p.sdDiff, p.ciLow, p.ciHigh, p.effectSize, p.excludesZero]);
  });

  it('rejects runs of different lengths', () => {
    expect(() => pairedTimeToEvent([1, 2], [true, true], [1], [true], 5, { seed: 'x' })).toThrow(/same length/);
  });

  const pairedRuns = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(runs(n, 20), runs(n, 20)));

  fcTest.prop([pairedRuns, fc.string()], { numRuns: 150 })('swapping A and B negates the difference and swaps the firsts; shares sum to 1', ([ra, rb], seed) => {
    const h = 20;
    const args = (x: typeof ra) => [x.map((r) => r.t), x.map((r) => r.reached)] as const;
    const r = pairedTimeToEvent(...args(ra), ...args(rb), h, { seed, resamples: 200 });
    const s = pairedTimeToEvent(...args(rb), ...args(ra), h, { seed, resamples: 200 });
    expect(s.meanDiff).toBe(-r.meanDiff + 0);
    expect([s.aFirst, s.bFirst, s.ties]).toEqual([r.bFirst, r.aFirst, r.ties]);
    expect([s.medianA, s.shareReachedA, s.restrictedMeanA]).toEqual([r.medianB, r.shareReachedB, r.restrictedMeanB]);
    expect(r.aFirst + r.bFirst + r.ties).toBeCloseTo(1, 12);
    for (const v of [r.aFirst, r.bFirst, r.ties]) expect(v >= 0 && v <= 1).toBe(true);
    expect(r.faster).toBe(!r.excludesZero ? 'none' : r.meanDiff < 0 ? 'a' : 'b');
    const f = (x: typeof r) => [x.meanDiff, x.sdDiff, x.ciLow, x.ciHigh, x.medianA, x.medianB, x.aFirst, x.bFirst];
    expect(bytesOf(f(pairedTimeToEvent(...args(ra), ...args(rb), h, { seed, resamples: 200 })))).toBe(bytesOf(f(r)));
  });
});
