/**
 * Snapshot of every chart's SVG for the ASEAN scenario, seed 1 (and the fixture experiment), in
 * test/charts/__snapshots__/<id>.svg: open them in a browser to review a change. A change to the
 * model changes them too; update with `npx vitest run test/charts -u` after looking.
 */
import { describe, expect, it } from 'vitest';
import { allCharts } from './fixtures.js';
import { snapshotTests } from './snapshot-tests.js';

describe('chart snapshots (ASEAN, seed 1)', () => {
  const specs = allCharts();

  it('has one spec of every chart, each with its own id', () => {
    const ids = specs.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([
      'trust-over-time', 'pair-trust', 'trust-matrix', 'trust-network', 'timeline', 'outcomes',
      'hypothesis-trajectories', 'differences-partnerBelief', 'sweep-partnerBelief', 'transmitter-receiver-activity', 'transmitter-receiver-partner',
    ]));
  });

  snapshotTests(specs);
});
