import { describe, expect, it } from 'vitest';
import { createCtx } from '../../src/core/pair.js';
import { createStreams } from '../../src/core/rng.js';
import { step } from '../../src/core/step.js';
import { OUTCOMES } from '../../src/model/activity.js';
import { REGIONAL_COLUMNS, regionalReporters } from '../../src/record/reporters.js';
import { simulate } from '../../src/run/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { resolveWorld } from '../../src/world/resolve.js';
import { COUNTERS, createState } from '../../src/world/state.js';
import { bruteAggregates, makeScenario } from '../world-fixture.js';

const busy = makeScenario({
  states: ['A', 'B', 'C', 'D', 'E'], steps: 120, issues: [{ id: 'x' }],
  stateDefaults: { budget: 18, navalPresence: 0.5, receptivity: 0.8, equivocation: 0.2, trustworthiness: 0.75, transparency: 0.5, empathy: 0.4 },
  groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.7 }],
  forums: [{ id: 'F', members: ['G', 'D', 'E'], track: 1.5, schedule: { start: 2, every: 4 }, codeForUnplannedEncounters: 30 }],
  programmes: [
    { from: 'A', to: ['B', 'D'], activity: 'combinedExercise', schedule: { every: 6 }, mutual: true },
    { from: 'E', to: 'C', activity: 'armsTransfer', schedule: { start: 1, every: 5 } },
  ],
  rivalries: [['C', 'D']],
  tension: { default: 0.15, pairs: [{ between: ['C', 'D'], value: 0.5 }] },
  events: [
    { type: 'coreInterestIssue', step: 40, group: 'G', issue: 'x', decision: 1 },
    { type: 'shock', step: 60, states: ['D', 'E'], tension: 0.4 },
  ],
  parameters: { testRate: 0.15 },
});

/** Sparse activity and fast forgetting: pairs come to rest and are pruned during the run. */
const sparse = makeScenario({
  states: ['A', 'B', 'C', 'D'], steps: 200,
  stateDefaults: { navalPresence: 0.3 },
  programmes: [{ from: 'A', to: 'B', activity: 'shipVisit', schedule: { start: 3, every: 70 }, mutual: true }],
  groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness: 0.5 }],
  parameters: { forgetting: 0.4, tensionRelax: 0.4, habitDecay: 0.4, incidentRate: 0.05, testRate: 0 },
});

/** Steps a run by hand and checks every regional reporter against a brute-force computation, step by step. */
function checkRun(scenario: Scenario, hypothesis: string, seed: number) {
  const world = resolveWorld(scenario, { hypothesis });
  const state = createState(world, { log: null });
  const ctx = createCtx(world, state, createStreams(seed, world.ids));
  const reporters = regionalReporters();
  const names = reporters.map(([name]) => name);
  const col = (name: string) => names.indexOf(name);
  const rows: number[][] = [];
  let pruned = 0;
  const n = world.n, nn = n * n;
  for (let t = 0; t < world.steps; t++) {
    ctx.t = t;
    const activeBefore = state.activeLCount;
    step(ctx);
    if (state.activeLCount < activeBefore) pruned++;
    const values = reporters.map(([, f]) => f(ctx));
    rows.push(values);
    const b = bruteAggregates(ctx);
    expect(values[col('meanTrust')], `meanTrust at step ${t}`).toBeCloseTo(b.meanTrust, 9);
    expect(values[col('trustSpread')], `trustSpread at step ${t}`).toBeCloseTo(b.spread, 7);
    expect(values[col('meanTension')], `meanTension at step ${t}`).toBeCloseTo(b.meanTension, 9);
    expect(values[col('meanHabit')], `meanHabit at step ${t}`).toBeCloseTo(b.meanHabit, 9);
    let agreements = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (state.agreement[i * n + j]) agreements++;
    expect(values[col('agreementsTotal')]).toBe(agreements);
    COUNTERS.forEach((c, k) => expect(values[col(c)]).toBe(state.counters[k]));
    OUTCOMES.forEach((o, k) => {
      let sum = 0;
      for (let p = 0; p < nn; p++) sum += state.O[k * nn + p];
      expect(values[col(`outcome.${o}`)]).toBeCloseTo(sum, 9);
    });
    expect(values[col('gains')]).toBe(state.gainTotal);
    expect(values[col('losses')]).toBe(state.lossTotal);
  }
  return { rows, names, pruned };
}

describe('regional reporters', () => {
  it('are named in output order', () => {
    const names = regionalReporters().map(([name]) => name);
    // Written out by hand: series.csv's header, so a renamed, moved or dropped column shows here.
    const expected = [
      'meanTrust', 'trustSpread', 'meanTension', 'meanHabit', 'agreementsTotal',
      'activities', 'heeded', 'misread', 'deceived', 'declined', 'suspicious', 'incidents', 'escalations',
      'defections', 'tests', 'honoured', 'exploited', 'agreements', 'forumMeetings',
      'outcome.tension', 'outcome.symbolic', 'outcome.competence', 'outcome.transparency', 'outcome.relationships',
      'outcome.perceptions', 'outcome.confidence', 'outcome.incentives', 'outcome.constituency',
      'gains', 'losses',
      'networkTies', 'networkDensity', 'networkClustering', 'networkTriadicShare', 'networkDegreeDependence',
      'declarations', 'revocations', 'cancelled', 'audienceCosts', 'extending',
    ];
    expect(names).toEqual(expected);
    expect(REGIONAL_COLUMNS).toEqual(expected);
  });

  it.each(['habits-first', 'trust-first'])('equal a brute-force computation over all pairs at every step of a busy run (%s)', (hypothesis) => {
    const { rows, names } = checkRun(busy, hypothesis, 5);
    const moved = rows.some((r) => r[names.indexOf('meanTrust')] !== rows[0][names.indexOf('meanTrust')]);
    expect(moved).toBe(true);
  });

  it('stay exact while pairs come to rest and are pruned', () => {
    const { pruned } = checkRun(sparse, 'habits-first', 1);
    expect(pruned).toBeGreaterThan(0);
  });

  it('are what simulate() records in its series', () => {
    const { rows, names } = checkRun(busy, 'trust-first', 8);
    const r = simulate(busy, { seed: 8, hypothesis: 'trust-first', events: false });
    expect(r.series.columns).toEqual(['step', ...names]);
    const width = r.series.columns.length;
    // Row 0 is the initial state; the row after step t is row t + 1.
    expect(r.series.rows).toBe(rows.length + 1);
    expect(r.series.data[0]).toBe(0);
    rows.forEach((values, t) => {
      expect(r.series.data[(t + 1) * width]).toBe(t + 1);
      values.forEach((v, k) => expect(r.series.data[(t + 1) * width + 1 + k]).toBe(v));
    });
  });
});
