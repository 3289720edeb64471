/**
 * The partner-pair recorder (src/record/partners.ts, src/record/robustness.ts): every count of
 * a partner pair recomputed from the event log, late agreement pairs counted from the step after
 * they sign, and the belief and activity around a scripted defection read against the per-step
 * beliefs (`pairs: true`) and the log.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_KIND_INDEX as Kind, EventFlag as Flag } from '../../src/core/events.js';
import { loadScenario } from '../../src/scenario/load.js';
import { logit } from '../../src/model/logistic.js';
import { ROBUSTNESS_WINDOW } from '../../src/record/robustness.js';
import { simulate, type RunResult } from '../../src/run/simulate.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { makeScenario } from '../world-fixture.js';

function scenarioFile(name: string): Scenario {
  const l = loadScenario(new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname);
  if (!l.ok) throw new Error(`cannot load ${name}`);
  return l.value;
}

/** Event-log counts per directed pair (i * n + j), for the rows that pass `keep`, from step `from` on. */
function countBy(r: RunResult, kind: number, pairOf: (k: number) => number, keep: (k: number) => boolean = () => true, from = 0): Map<number, number> {
  const log = r.events!;
  const m = new Map<number, number>();
  for (let k = 0; k < log.length; k++) {
    if (log.kind[k] !== kind || log.step[k] < from || !keep(k)) continue;
    const p = pairOf(k);
    m.set(p, (m.get(p) ?? 0) + 1);
  }
  return m;
}

describe('partner-pair statistics', () => {
  for (const [name, hypothesis] of [['grit-initiative', 'habits-first'], ['asean-admm', 'trust-first'], ['regional-training-facility', 'blend=0.5']] as const) {
    it(`${name} (${hypothesis}): the world's partners, each count as the event log has it`, () => {
      const r = simulate(scenarioFile(name), { hypothesis, events: true, seed: 5 });
      const { world: w, partners: p, events: log } = r;
      const n = w.n;
      const expected: number[] = [];
      for (let i = 0; i < n; i++) for (let k = w.partners.start[i]; k < w.partners.start[i + 1]; k++) expected.push(i * n + w.partners.list[k]);
      // No late agreement pairs here: every agreement is between partners.
      expect([...p.pair]).toEqual(expected);
      expect([...p.since].every((s) => s === 0)).toBe(true);
      expect([...p.steps].every((s) => s === w.steps)).toBe(true);
      const L = log!;
      const activity = (k: number) => L.actor[k] * n + L.target[k]; // transmitter -> receiver
      const test = (k: number) => L.target[k] * n + L.actor[k]; // truster -> trustee
      const acts = countBy(r, Kind.activity, activity);
      const heeded = countBy(r, Kind.activity, activity, (k) => (L.flags[k] & Flag.heeded) !== 0);
      const tests = countBy(r, Kind.test, test);
      const relied = countBy(r, Kind.test, test, (k) => (L.flags[k] & Flag.relied) !== 0);
      const honoured = countBy(r, Kind.test, test, (k) => (L.flags[k] & Flag.honoured) !== 0);
      const exploited = countBy(r, Kind.test, test, (k) => (L.flags[k] & Flag.exploited) !== 0);
      let any = 0;
      p.pair.forEach((q, k) => {
        expect(p.activities[k], `activities ${q}`).toBe(acts.get(q) ?? 0);
        expect(p.heeded[k], `heeded ${q}`).toBe(heeded.get(q) ?? 0);
        expect(p.tests[k], `tests ${q}`).toBe(tests.get(q) ?? 0);
        expect(p.relied[k], `relied ${q}`).toBe(relied.get(q) ?? 0);
        expect(p.honoured[k], `honoured ${q}`).toBe(honoured.get(q) ?? 0);
        expect(p.exploited[k], `exploited ${q}`).toBe(exploited.get(q) ?? 0);
        expect(p.exploiterGain[k]).toBeCloseTo(p.exploited[k] * w.params.payoffTemptation, 12);
        expect(p.missed[k]).toBeLessThanOrEqual(p.tests[k] - p.relied[k]);
        expect(p.belief[k]).toBeCloseTo(r.final.trust[Math.floor(q / n)][q % n], 15);
        any += p.activities[k] + p.tests[k];
      });
      expect(any).toBeGreaterThan(0);
      // Every test is of a partner; activities off the partner list are broadcasts only.
      const total = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0);
      expect(p.tests.reduce((a, b) => a + b, 0)).toBe(total(tests));
      // Payoff to trusters: the series' losses are the S part of all of them.
      const lossCol = r.series.columns.indexOf('losses');
      expect(p.exploitationLoss.reduce((a, b) => a + b, 0)).toBeCloseTo(r.series.data[w.steps * r.series.columns.length + lossCol], 9);
    });
  }

  it('a pair that signs an agreement without being partners counts from the step after it signs', () => {
    // A broadcasts to B and C every step: no programme line, forum or relation makes them
    // partners (a per-pair trust setting would), but broadcasts build habit both ways and, at a
    // trusting prior, agreements follow.
    const scenario = makeScenario({
      states: ['A', 'B', 'C'], steps: 80,
      stateDefaults: { budget: 50 },
      programmes: [{ from: 'A', to: 'B', activity: 'professionalJournal', schedule: { start: 0, every: 1 } }],
      trust: { default: 0.95 },
    });
    const r = simulate(scenario, { events: true, pairs: true, seed: 2 });
    const { world: w, partners: p, events: L } = r;
    const n = w.n;
    expect(w.partners.list.length).toBe(0);
    const signed = Array.from({ length: L!.length }, (_, k) => k).filter((k) => L!.kind[k] === Kind.agreement && L!.observer[k] === -1); // the signing rows, not the reputation they spread
    expect(signed.length, 'agreements are signed').toBeGreaterThan(0);
    const expected = signed.flatMap((e) => [[L!.actor[e] * n + L!.target[e], L!.step[e] + 1], [L!.target[e] * n + L!.actor[e], L!.step[e] + 1]]);
    expect([...p.pair].map((q, k) => [q, p.since[k]])).toEqual(expected);
    p.pair.forEach((q, k) => {
      const since = p.since[k];
      expect(p.steps[k]).toBe(w.steps - since);
      const acts = countBy(r, Kind.activity, (e) => L!.actor[e] * n + L!.target[e], () => true, since);
      expect(p.activities[k], `activities ${q}`).toBe(acts.get(q) ?? 0);
      let sum = 0;
      for (let s = since; s < w.steps; s++) sum += r.pairTrust![(s + 1) * n * n + q]; // row s + 1: the end of step s
      expect(p.beliefSum[k]).toBeCloseTo(sum, 12);
    });
    expect(p.activities.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('robustness record', () => {
  it('no scripted betrayal or defection: none', () => {
    expect(simulate(scenarioFile('minimal-pair'), { events: false }).partners.robustness).toBeNull();
  });

  it('the scripted defection of the regional training facility: observers and defectors from the log, beliefs from the per-step trust', () => {
    const r = simulate(scenarioFile('regional-training-facility'), { events: true, pairs: true, seed: 1 });
    const { world: w, events: L } = r;
    const n = w.n, nn = n * n;
    const rb = r.partners.robustness!;
    expect(rb).not.toBeNull();
    expect(rb.kind).toBe('defection');
    const rows = Array.from({ length: L!.length }, (_, k) => k);
    const t0 = Math.min(...rows.filter((k) => L!.kind[k] === Kind.defection).map((k) => L!.step[k]));
    expect(rb.step).toBe(t0);
    // The tracked pairs: every observer's belief in a defector moved by the defection rows.
    const moved = rows.filter((k) => L!.kind[k] === Kind.defection && L!.step[k] === t0 && L!.observer[k] >= 0).map((k) => L!.observer[k] * n + L!.subject[k]);
    expect([...rb.pairs].sort((a, b) => a - b)).toEqual([...new Set(moved)].sort((a, b) => a - b));
    const Lt = (t: number, q: number) => logit(r.pairTrust![(t + 1) * nn + q]); // the end of the model's step t (row 0: the initial state)
    rb.pairs.forEach((q, k) => {
      expect(rb.beforeL[k]).toBeCloseTo(Lt(t0 - 1, q), 9);
      const low = Math.min(...Array.from({ length: ROBUSTNESS_WINDOW }, (_, d) => Lt(t0 + d, q)));
      expect(rb.lowL[k]).toBeCloseTo(low, 9);
    });
    for (let d = 0; d < rb.belief.length; d++) {
      const mean = [...rb.pairs].reduce((a, q) => a + Lt(t0 + d, q), 0) / rb.pairs.length;
      expect(rb.belief[d]).toBeCloseTo(mean, 9);
    }
    // Activity on the tracked pairs, both directions, each unordered pair once.
    const unordered = new Set([...rb.pairs].map((q) => { const i = Math.floor(q / n), j = q % n; return i < j ? i * n + j : j * n + i; }));
    const on = (k: number) => { const i = L!.actor[k], j = L!.target[k]; return unordered.has(i < j ? i * n + j : j * n + i); };
    const inStep = (s: number) => rows.filter((k) => L!.kind[k] === Kind.activity && L!.step[k] === s && on(k)).length;
    let before = 0;
    for (let s = t0 - 12; s < t0; s++) before += inStep(s);
    expect(rb.activityBefore).toBe(before);
    expect(rb.beforeSteps).toBe(12);
    for (let d = 0; d < rb.activity.length; d++) expect(rb.activity[d], `step ${t0 + d}`).toBe(inStep(t0 + d));
  });

  it('a scripted betrayal the victim does not rely on does not take place', () => {
    // The truster's belief in the betrayer is far below any reliance threshold, under both hypotheses.
    const scenario = makeScenario({
      states: ['A', 'B'], steps: 30,
      events: [{ type: 'test', step: 10, truster: 'A', trustee: 'B', stake: 1, honours: false }],
      trust: { default: 0.01 },
      parameters: { testRate: 0 },
    });
    for (const hypothesis of ['habits-first', 'trust-first']) {
      const r = simulate(scenario, { hypothesis, events: true });
      expect(r.partners.tests.reduce((a, b) => a + b, 0)).toBe(1);
      expect(r.partners.relied.reduce((a, b) => a + b, 0)).toBe(0);
      expect(r.partners.robustness).toBeNull();
    }
  });
});
