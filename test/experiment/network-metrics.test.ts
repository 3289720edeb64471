/**
 * The network metrics of a run's record (experiment/metrics.ts, networkMetrics): the null's
 * ratios, counts and excess, the share-above-chance indicator, and empty (NaN, never 0) where
 * a quantity is undefined.
 */
import { describe, expect, it } from 'vitest';
import { METRICS, networkMetrics, RECORD_COLUMNS, type RunNetwork } from '../../src/experiment/metrics.js';
import { agreementNull } from '../../src/record/network.js';

const NAMES = RECORD_COLUMNS.filter((c) => c.startsWith('network'));
const record = (net: RunNetwork | null) => {
  const out = new Float64Array(NAMES.length).fill(-7);
  expect(networkMetrics(net, out, 0)).toBe(NAMES.length);
  return Object.fromEntries(NAMES.map((n, k) => [n, out[k]]));
};
// Four states, all partners, a star grown from 0 (test/record/network-null.test.ts works it by hand).
const K4 = { start: Int32Array.from([0, 3, 6, 9, 12]), list: Int32Array.from([1, 2, 3, 0, 2, 3, 0, 1, 3, 0, 1, 2]) };
const star = agreementNull([1, 2, 3], 3, 4, K4);

describe('the network metrics of a run', () => {
  it('are the last fourteen columns, neutral: no hypothesis leads on them', () => {
    expect(NAMES).toHaveLength(14);
    expect(RECORD_COLUMNS.slice(-14)).toEqual(NAMES);
    for (const m of METRICS.filter((d) => d.name.startsWith('network'))) expect(m.neutral, m.name).toBe(true);
    expect(METRICS.filter((d) => !d.name.startsWith('network')).some((d) => d.neutral)).toBe(false);
  });

  it('write the null\'s ratios, counts and excess, and 1 or 0 for above chance', () => {
    const r = record({ null: star, triadicShare: 0, degreeDependence: 1.2 });
    expect(r).toMatchObject({
      networkClosureRatio: 0, networkClosingTies: 0, networkClosingExpected: 0.25, networkClosingExcess: -0.25, networkClosureTies: 1, networkClosureAboveChance: 0,
      networkAttachmentDegree: 3, networkAttachmentTies: 2, networkAttachmentAboveChance: 1, networkTriadicShare: 0, networkDegreeDependence: 1.2,
    });
    expect(r.networkAttachmentRatio).toBeCloseTo(3 / 2.3, 12);
    expect(r.networkAttachmentExcess).toBeCloseTo(0.7, 12);
  });

  it('are empty, not 0, where undefined: no tie with a null, no tie, fewer than two ties, no network given', () => {
    const none = record({ null: agreementNull([], 0, 4, K4), triadicShare: 0, degreeDependence: 0 });
    for (const n of NAMES.filter((n) => !n.endsWith('Ties'))) expect(none[n], n).toBeNaN();
    expect(none.networkClosureTies).toBe(0);
    expect(none.networkAttachmentTies).toBe(0);
    const one = record({ null: agreementNull([1], 1, 4, K4), triadicShare: 0, degreeDependence: 0 });
    expect(one.networkTriadicShare).toBe(0);
    expect(one.networkDegreeDependence).toBeNaN();
    expect(one.networkAttachmentRatio).toBeNaN();
    for (const n of NAMES) expect(record(null)[n], n).toBeNaN();
  });
});
