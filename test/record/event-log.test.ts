import { describe, expect, it } from 'vitest';
import { addEvidence, prune, trustLogit } from '../../src/core/pair.js';
import { EVENT_KINDS, EventFlag as F, EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { EventLog } from '../../src/record/event-log.js';
import { clampLogit } from '../../src/model/logistic.js';
import { simulate, type RunResult } from '../../src/run/simulate.js';
import { build, makeScenario, sigmoid, type FixtureOptions } from '../world-fixture.js';

describe('the log', () => {
  it('keeps every row through growth, column by column', () => {
    const log = new EventLog();
    const N = 5000; // several doublings past the initial 1024
    for (let k = 0; k < N; k++) log.push(k, k % EVENT_KINDS.length, k % 7, k % 5 - 1, k % 3 - 1, k % 4, (k % 20) - 1, k % 256, k * 0.5, -k, k / 3);
    expect(log.length).toBe(N);
    for (const k of [0, 1023, 1024, 2047, 2048, 4999]) {
      expect([log.step[k], log.kind[k], log.actor[k], log.target[k], log.observer[k], log.subject[k], log.activity[k], log.flags[k]])
        .toEqual([k, k % EVENT_KINDS.length, k % 7, k % 5 - 1, k % 3 - 1, k % 4, (k % 20) - 1, k % 256]);
      expect([log.l0[k], log.l1[k], log.l2[k]]).toEqual([k * 0.5, -k, k / 3]);
    }
  });

  it('turns the three log-odds of a trust row into drift, delta and trust (probabilities)', () => {
    const log = new EventLog();
    log.push(3, K.activity, 0, 1, 1, 0, 2, F.heeded, 0.4, 0.1, 1.3);
    expect(log.drift(0)).toBeCloseTo(sigmoid(0.1) - sigmoid(0.4), 15);
    expect(log.delta(0)).toBeCloseTo(sigmoid(1.3) - sigmoid(0.1), 15);
    expect(log.trust(0)).toBeCloseTo(sigmoid(1.3), 15);
    log.push(3, K.incident, 0, 1, -1, -1, -1, F.escalated, 0, 0, 0.42);
    expect(log.value(1)).toBe(0.42);
  });

  it('kinds and flags are distinct', () => {
    expect(new Set(Object.values(K)).size).toBe(EVENT_KINDS.length);
    EVENT_KINDS.forEach((name, k) => expect(K[name]).toBe(k));
    const flags = Object.values(F);
    expect(flags.every((f) => Number.isInteger(Math.log2(f)))).toBe(true);
    expect(new Set(flags).size).toBe(flags.length);
    expect(Math.max(...flags)).toBeLessThan(256); // fits the Uint8 column
  });
});

/**
 * The documented invariant: summed over a pair's rows, drift + delta, plus the forgetting after
 * its last row, give the pair's whole change; each row starts where the pair's last row ended.
 */
function checkExplanations(r: RunResult, closedForm: boolean): number {
  const { n, trust0, blend, params } = r.world;
  const T = r.world.steps;
  const log = r.events!;
  const rows = new Map<number, number[]>();
  for (let k = 0; k < log.length; k++) {
    if (log.observer[k] < 0) continue;
    const p = log.observer[k] * n + log.subject[k];
    if (!rows.has(p)) rows.set(p, []);
    rows.get(p)!.push(k);
  }
  let checked = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    const p = i * n + j;
    const start = sigmoid(trust0[p]);
    const end = r.final.trust[i][j];
    const ks = rows.get(p) ?? [];
    if (ks.length === 0) continue;
    let prev = trust0[p];
    let sum = 0;
    for (const k of ks) {
      expect(log.l0[k], `pair ${i}->${j}, row at step ${log.step[k]}: starts where its last row ended`).toBeCloseTo(prev, 9);
      sum += log.drift(k) + log.delta(k);
      prev = log.l2[k];
    }
    // After its last row a pair only forgets, toward its baseline L0 (the scenario's trust,
    // moved by any leadership change of the observer's in the run), for the steps left up to
    // the last step T - 1, where the final state is read: in closed form, not as a leftover.
    const last = ks[ks.length - 1];
    let L0 = trust0[p];
    for (const e of r.world.events) {
      if (e.type === 'leadershipChange' && e.step < T && e.state === i && (e.toward === null || e.toward.includes(j))) L0 = clampLogit(L0 + e.trustShift);
    }
    // The "perceptions" outcome also moves L0, with no row of its own, so the closed form
    // only holds when perceptionRate is 0; otherwise only the chain above is checked.
    if (closedForm) {
      const tail = L0 + (log.l2[last] - L0) * Math.pow(1 - params.forgetting, T - 1 - log.step[last]);
      expect(sigmoid(tail), `pair ${i}->${j}: final trust`).toBeCloseTo(end, 9);
      const after = sigmoid(tail) - log.trust(last);
      expect(sum + after, `pair ${i}->${j}`).toBeCloseTo(end - start, 9);
    }
    checked++;
  }
  return checked;
}

const busy = (o: FixtureOptions = {}) => makeScenario({
  states: ['A', 'B', 'C', 'D'], steps: 120, issues: [{ id: 'x' }],
  stateDefaults: {
    budget: 20, navalPresence: 0.6, receptivity: 0.8, equivocation: 0.2, trustworthiness: 0.7, transparency: 0.5,
    language: { primary: 'en', english: 1 }, culture: { pdi: 0.5, idv: 0.5 },
  },
  groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.6 }],
  forums: [{ id: 'F', members: ['G', 'D'], track: 1, schedule: { start: 1, every: 4 } }],
  programmes: [
    { from: 'A', to: 'B', activity: 'officialContact', schedule: { every: 3 } },
    { from: 'B', to: 'A', activity: 'shipVisit', schedule: { start: 1, every: 5 } },
    { from: 'D', to: 'C', activity: 'armsTransfer', schedule: { start: 2, every: 7 } },
    { from: 'C', to: 'A', activity: 'whitePaper', schedule: { every: 12 } },
  ],
  rivalries: [['C', 'B']],
  events: [
    { type: 'leadershipChange', step: 10, state: 'D', trustShift: 1 },
    { type: 'coreInterestIssue', step: 30, group: 'G', issue: 'x', decision: 1 },
    { type: 'shock', step: 40, states: ['B', 'C'], tension: 0.5 },
    { type: 'test', step: 50, truster: 'A', trustee: 'D' },
  ],
  parameters: { testRate: 0.1 },
  ...o,
});

describe('explanations add up', () => {
  it.each(['habits-first', 'trust-first', 'blend=0.5'])('for every pair of a busy run (%s)', (hypothesis) => {
    const r = simulate(busy(), { seed: 3, hypothesis });
    expect(r.world.params.perceptionRate).toBeGreaterThan(0);
    expect(checkExplanations(r, false)).toBe(12);
  });

  it.each(['habits-first', 'trust-first', 'blend=0.5'])('to the final trust, in closed form after each pair\'s last row, when baselines move only by leadership changes (%s)', (hypothesis) => {
    const r = simulate(busy({ parameters: { testRate: 0.1, perceptionRate: 0 } }), { seed: 3, hypothesis });
    expect(r.world.params.perceptionRate).toBe(0);
    expect(r.world.events.some((e) => e.type === 'leadershipChange' && e.step < r.world.steps)).toBe(true);
    expect(checkExplanations(r, true)).toBe(12);
  });

  it('for a pair that came to rest and was pruned between two of its rows', () => {
    const { c, s } = build({ steps: 100, parameters: { forgetting: 0.5 } });
    addEvidence(c, 0, 1, 2, K.activity, 1, 0, -1, 0);
    c.t = 47; // 2 * 0.5^47 < 1e-9: at rest
    prune(c);
    c.t = 60;
    addEvidence(c, 0, 1, 1, K.activity, 1, 0, -1, 0);
    c.t = 61;
    const log = s.log!;
    const sum = log.drift(0) + log.delta(0) + log.drift(1) + log.delta(1);
    const after = sigmoid(trustLogit(c, 1)) - log.trust(1);
    expect(sum + after).toBeCloseTo(sigmoid(trustLogit(c, 1)) - sigmoid(0), 9);
  });
});
