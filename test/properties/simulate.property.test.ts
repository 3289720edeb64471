/**
 * Property tests of `simulate` through the public API (src/index.ts), over random valid
 * scenarios from ./arbitrary.ts. Fixed fast-check seed, so a failure reproduces exactly; the
 * counterexample printed on failure is the scenario input (paste it into a .json file to run it
 * with `npm run simulate`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVITY_IDS, EVENT_KINDS, EVENT_FLAGS, Parameters, eventsJsonl, finalJson, pairsCsv, parseHypothesis, seriesCsv, simulate,
  type RunResult, type Scenario, type ScenarioInput, type SimulateOptions,
} from '../../src/index.js';
import { builders, generated, hypothesisArb, scenarioArb, seedArb, validate, type Frame, type Generated } from './arbitrary.js';

// Fixed seed: runs are reproducible. The time limit only bites when a property fails and its
// counterexample (a whole scenario) takes long to shrink: fast-check then reports the smallest
// found so far. A healthy property takes about a second; an interrupted one counts as failed,
// never as passed.
fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 40, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: true });

/* ------------------------------------------------------------------ helpers ---------- */

type Any = Record<string, any>;
const KIND = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<(typeof EVENT_KINDS)[number], number>;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const logit = (p: number) => Math.log(p / (1 - p));
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The four output files of a run (src/record/format.ts). */
function files(r: RunResult) {
  return { series: seriesCsv(r), events: eventsJsonl(r), final: finalJson(r), pairs: pairsCsv(r) };
}

/** Throws naming the first line where two outputs differ (a readable failure for big strings). */
function expectSameText(what: string, a: string, b: string): void {
  if (a === b) return;
  const la = a.split('\n'), lb = b.split('\n');
  let k = 0;
  while (k < la.length && k < lb.length && la[k] === lb[k]) k++;
  throw new Error(`${what} differ at line ${k + 1}:\n  ${la[k] ?? '<end>'}\n  ${lb[k] ?? '<end>'}`);
}

function expectSameFiles(a: RunResult, b: RunResult, label: string): void {
  const fa = files(a), fb = files(b);
  for (const key of ['series', 'events', 'final', 'pairs'] as const) expectSameText(`${label}: ${key}`, fa[key], fb[key]);
}

/** Trust rows of the event log (rows with an observer): the ones that carry drift, delta and trust. */
const isTrustRow = (r: RunResult, k: number) => r.events!.observer[k] >= 0;

/** Resolved parameters of a scenario (every default filled). */
const paramsOf = (s: Scenario) => Parameters.parse(s.parameters);

/** Baseline trust log-odds L0[i*n+j] as the model sets it at the start: logit of the trust setting, under every hypothesis (MODEL 6: no head start). */
function baselineLogits(s: Scenario, hypothesis: string): Float64Array {
  const n = s.states.length;
  const idx = new Map(s.states.map((st, i) => [st.id, i]));
  const L0 = new Float64Array(n * n).fill(logit(s.trust.default));
  for (const p of s.trust.pairs) L0[idx.get(p.from)! * n + idx.get(p.to)!] = logit(p.value);
  void hypothesis;
  for (let i = 0; i < n; i++) L0[i * n + i] = 0;
  return L0;
}

/** Baseline tension X0[i*n+j] (symmetric) from the scenario's tension block. */
function baselineTension(s: Scenario): Float64Array {
  const n = s.states.length;
  const idx = new Map(s.states.map((st, i) => [st.id, i]));
  const X0 = new Float64Array(n * n).fill(s.tension.default);
  for (const p of s.tension.pairs) {
    const a = idx.get(p.between[0])!, b = idx.get(p.between[1])!;
    X0[a * n + b] = p.value; X0[b * n + a] = p.value;
  }
  for (let i = 0; i < n; i++) X0[i * n + i] = 0;
  return X0;
}

/** Initial understanding U[i*n+j] from the scenario (diagonal 1). */
function initialUnderstanding(s: Scenario): number[][] {
  const n = s.states.length;
  const idx = new Map(s.states.map((st, i) => [st.id, i]));
  const U = Array.from({ length: n }, () => new Array<number>(n).fill(s.understanding.default));
  for (const p of s.understanding.pairs) U[idx.get(p.from)!][idx.get(p.to)!] = p.value;
  for (let i = 0; i < n; i++) U[i][i] = 1;
  return U;
}

/** A state's attribute as the model resolves it: its own value, else stateDefaults, else the built-in default. */
function attr(s: Scenario, i: number, key: 'capability' | 'budget', builtIn: number): number {
  return (s.states[i] as Any)[key] ?? (s.stateDefaults as Any)[key] ?? builtIn;
}

/**
 * Zero activity (MODEL 10 item 6): no forums, no programmes, no scheduled events but
 * `events`, and no state chooses anything: either every budget is 0 (chooseActivities skips a
 * state with no credit) or parameters.maxActsPerStep is 0 (no slots). Everything else of the
 * random scenario (groups, trust/tension/understanding/aims settings, attributes, parameters)
 * is kept.
 */
function zeroActivity(input: ScenarioInput, how: 'budget' | 'slots', events: unknown[], extra: Any = {}): ScenarioInput {
  const x = clone(input) as Any;
  x.forums = [];
  x.programmes = [];
  x.events = events;
  if (how === 'budget') {
    x.stateDefaults = { ...x.stateDefaults, budget: 0 };
    for (const st of x.states) delete st.budget;
  } else {
    x.parameters = { ...x.parameters, maxActsPerStep: 0 };
  }
  x.parameters = { ...x.parameters, ...(extra.parameters ?? {}) };
  if (extra.navalPresence !== undefined) {
    x.stateDefaults = { ...x.stateDefaults, navalPresence: extra.navalPresence };
    for (const st of x.states) delete st.navalPresence;
  }
  return x as ScenarioInput;
}

/** The ids, run length, culture dimensions, issues and groups of a scenario (what the event builders refer to). */
const frameOf = (s: Scenario): Frame => ({
  ids: s.states.map((x) => x.id), steps: s.calendar.steps, dims: s.cultureDimensions,
  issues: s.issues.map((x) => x.id), groupIds: s.groups.map((x) => x.id),
});

/** The series value of a named column at the end of the model's step t (row t + 1: row 0 is the initial state). */
function col(r: RunResult, name: string, t: number): number {
  const k = r.series.columns.indexOf(name);
  if (k < 0) throw new Error(`no series column "${name}" (columns: ${r.series.columns.join(', ')})`);
  return r.series.data[(t + 1) * r.series.columns.length + k];
}

/* ------------------------------------------------------------------ arbitraries ------ */

const typical = scenarioArb();
const full = scenarioArb({ numbers: 'full' });
/** Every parameter overridden (the default arbitrary overrides only a few), so each range's ends are reached often. */
const everyParam = scenarioArb({ minParams: Infinity, maxParams: Infinity });
const B = builders('typical');

/** A scenario and an explicit run: seed and hypothesis drawn independently of the scenario's run block. */
const runArb = (scenarios: fc.Arbitrary<Generated> = typical) =>
  fc.record({ g: scenarios, seed: seedArb, hypothesis: hypothesisArb });

/* ------------------------------------------------------------------ 1. trust in (0,1) - */

function checkTrustInside(r: RunResult): void {
  const n = r.world.n, nn = n * n;
  const pt = r.pairTrust!;
  for (let t = 0; t < r.series.rows; t++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const v = pt[t * nn + i * n + j];
      if (!(v > 0 && v < 1)) throw new Error(`pairTrust at step ${t}, ${r.world.ids[i]} -> ${r.world.ids[j]} is ${v}, not inside (0,1)`);
    }
  }
  r.final.trust.forEach((row, i) => row.forEach((v, j) => {
    if (i === j) { if (v !== 1) throw new Error(`final.trust diagonal [${i}][${i}] is ${v}, not 1`); return; }
    if (!(v > 0 && v < 1)) throw new Error(`final.trust ${r.world.ids[i]} -> ${r.world.ids[j]} is ${v}, not inside (0,1)`);
  }));
  const log = r.events!;
  for (let k = 0; k < log.length; k++) {
    if (!isTrustRow(r, k)) continue;
    const v = log.trust(k);
    if (!(v > 0 && v < 1)) throw new Error(`event ${k} (${EVENT_KINDS[log.kind[k]]}, step ${log.step[k]}) leaves trust at ${v}, not inside (0,1)`);
  }
}

describe('1. trust stays strictly inside (0,1) for every pair at every step', () => {
  it('over random scenarios', () => {
    fc.assert(fc.property(runArb(), ({ g, seed, hypothesis }) => {
      checkTrustInside(simulate(g.scenario, { seed, hypothesis, pairs: true }));
    }), { numRuns: 60 });
  });

  it('over random scenarios with extreme floating-point values (every one valid for the schema)', () => {
    fc.assert(fc.property(runArb(full), ({ g, seed, hypothesis }) => {
      checkTrustInside(simulate(g.scenario, { seed, hypothesis, pairs: true }));
    }), { numRuns: 60 });
  });

  it('when a state\'s leadership changes again and again, each new one taking a leap of faith (trustShift within its schema range), over a 20-year run', () => {
    // 8 to 12 leadership changes in the first year, each adding 4 to 5 log-odds (the schema allows
    // up to 5) to the state's trust stance, then 240 monthly steps (the teaching scenarios run 120).
    const arb = typical.chain((g) => fc.record({
      g: fc.constant(g),
      state: fc.constantFrom(...g.scenario.states.map((s) => s.id)),
      shifts: fc.array(fc.record({ step: fc.integer({ min: 0, max: 11 }), trustShift: B.dbl(4, 5) }), { minLength: 8, maxLength: 12 }),
      seed: seedArb,
      hypothesis: hypothesisArb,
    })).map(({ g, state, shifts, seed, hypothesis }) => {
      const input = clone(g.input) as Any;
      input.events = [...(input.events ?? []), ...shifts.map((x) => ({ type: 'leadershipChange', state, ...x }))];
      return { g: generated(input as ScenarioInput), seed, hypothesis };
    });
    fc.assert(fc.property(arb, ({ g, seed, hypothesis }) => {
      checkTrustInside(simulate(g.scenario, { seed, hypothesis, pairs: true, steps: 240 }));
    }), { numRuns: 30 });
  });
});

/* ------------------------------------------------------------------ 2. finite -------- */

function checkFinite(r: RunResult): void {
  const bad = (what: string, v: unknown) => { throw new Error(`${what} is ${String(v)}`); };
  const { columns, data } = r.series;
  for (let k = 0; k < data.length; k++) if (!Number.isFinite(data[k])) bad(`series ${columns[k % columns.length]} at step ${Math.floor(k / columns.length)}`, data[k]);
  const pt = r.pairTrust!;
  for (let k = 0; k < pt.length; k++) if (!Number.isFinite(pt[k])) bad(`pairTrust[${k}]`, pt[k]);
  const f = r.final;
  for (const name of ['trust', 'tension', 'habit', 'understanding'] as const) {
    f[name].forEach((row, i) => row.forEach((v, j) => { if (!Number.isFinite(v)) bad(`final.${name}[${i}][${j}]`, v); }));
  }
  for (const [k, v] of Object.entries(f.outcomes)) if (!Number.isFinite(v)) bad(`final.outcomes.${k}`, v);
  for (const s of f.states) {
    for (const key of ['gains', 'losses', 'defections', 'capability', 'budget'] as const) if (!Number.isFinite(s[key])) bad(`final.states ${s.id}.${key}`, s[key]);
  }
  const log = r.events!;
  for (let k = 0; k < log.length; k++) {
    const kind = EVENT_KINDS[log.kind[k]];
    if (isTrustRow(r, k)) {
      for (const [name, v] of [['drift', log.drift(k)], ['delta', log.delta(k)], ['trust', log.trust(k)]] as const) {
        if (!Number.isFinite(v)) bad(`event ${k} (${kind}, step ${log.step[k]}) ${name}`, v);
      }
    } else if (!Number.isFinite(log.value(k))) {
      bad(`event ${k} (${kind}, step ${log.step[k]}) value`, log.value(k));
    }
  }
}

describe('2. no NaN or infinity anywhere in the results', () => {
  it('over random scenarios', () => {
    fc.assert(fc.property(runArb(), ({ g, seed, hypothesis }) => {
      checkFinite(simulate(g.scenario, { seed, hypothesis, pairs: true }));
    }), { numRuns: 60 });
  });

  it('over random scenarios with extreme floating-point values (every one valid for the schema)', () => {
    fc.assert(fc.property(runArb(full), ({ g, seed, hypothesis }) => {
      checkFinite(simulate(g.scenario, { seed, hypothesis, pairs: true }));
    }), { numRuns: 60 });
  });
});

/* ------------------------------------------------------------------ 3. determinism --- */

describe('3. the same seed gives byte-identical outputs', () => {
  it('twice on the same scenario object, and on a fresh parse of the same file', () => {
    fc.assert(fc.property(runArb(), ({ g, seed, hypothesis }) => {
      const before = JSON.stringify(g.scenario);
      const options: SimulateOptions = { seed, hypothesis, pairs: true };
      const a = simulate(g.scenario, options);
      const b = simulate(g.scenario, options);
      const c = simulate(validate(g.input), options);
      expectSameFiles(a, b, 'same scenario object');
      expectSameFiles(a, c, 'fresh parse');
      expect(JSON.stringify(g.scenario)).toBe(before); // simulate does not touch its input
    }), { numRuns: 40 });
  });
});

/* ------------------------------------------------------------------ 4. seeds --------- */

/**
 * Something random must happen: two witness states are added, w0 and w1, with mutual monthly
 * official contacts and sports visits (catalogue defaults; no budget of their own, no ships,
 * in no group, forum or event of the scenario). Both always go through with their activities
 * (trustworthiness 1, so the mimicry draw never declines), and each occurrence is heeded or not
 * with probability receptivity in [0.3, 0.7], drawn fresh. Nothing else can move their
 * receptivity (neither kind has an incentives outcome), their trust only rises (aims 1,
 * shared language and culture, tension 0 between them, trust 0.95 each way) and the
 * temptation parameter keeps its default, so under any hypothesis the trust-first gate (stake
 * threshold under 0.03) is always open. With at least 12 steps that is at least 48
 * independent draws, each with probability <= 0.58 of agreeing between two runs:
 * P(same heeding under two seeds) <= 0.58^48 < 1e-11.
 */
function withWitness(input: ScenarioInput, rec: [number, number]): ScenarioInput {
  const x = clone(input) as Any;
  const witness = (id: string, receptivity: number) => ({ id, budget: 0, navalPresence: 0, trustworthiness: 1, receptivity, transparency: 1 });
  x.states = [...x.states, witness('w0', rec[0]), witness('w1', rec[1])];
  for (const kind of ['officialContact', 'sportsVisit']) {
    x.programmes = [...(x.programmes ?? []), { from: 'w0', to: 'w1', activity: kind, schedule: { every: 1 }, mutual: true }];
    if (x.activities) delete x.activities[kind];
  }
  if (x.parameters) delete x.parameters.temptation;
  x.trust = { ...x.trust, pairs: [...(x.trust?.pairs ?? []), { from: 'w0', to: 'w1', value: 0.95 }, { from: 'w1', to: 'w0', value: 0.95 }] };
  x.tension = { ...x.tension, pairs: [...(x.tension?.pairs ?? []), { between: ['w0', 'w1'], value: 0 }] };
  x.aims = { ...x.aims, pairs: [...(x.aims?.pairs ?? []), { between: ['w0', 'w1'], value: 1 }] };
  return x as ScenarioInput;
}

describe('4. a different seed gives different dice', () => {
  it('events.jsonl differs between two seeds when something random must happen', () => {
    const arb = fc.record({
      g: typical,
      seeds: fc.tuple(seedArb, seedArb).filter(([a, b]) => String(a) !== String(b)),
      hypothesis: hypothesisArb,
      rec: fc.tuple(B.dbl(0.3, 0.7), B.dbl(0.3, 0.7)),
    }).map(({ g, rec, ...run }) => ({ g: generated(withWitness(g.input, rec)), ...run }));
    fc.assert(fc.property(arb, ({ g: { scenario }, seeds, hypothesis }) => {
      const [a, b] = seeds.map((seed) => simulate(scenario, { seed, hypothesis }));
      const heeding = (r: RunResult) => {
        const log = r.events!, w0 = r.world.ids.indexOf('w0'), w1 = r.world.ids.indexOf('w1');
        const out: number[] = [];
        for (let k = 0; k < log.length; k++) {
          const pair = (log.actor[k] === w0 && log.target[k] === w1) || (log.actor[k] === w1 && log.target[k] === w0);
          if (log.kind[k] === KIND.activity && pair) out.push(log.flags[k] & EVENT_FLAGS.heeded);
        }
        return out;
      };
      const ha = heeding(a), hb = heeding(b);
      // The witness is alive: every occurrence was carried out under both seeds.
      expect(ha.length).toBe(4 * scenario.calendar.steps);
      expect(hb.length).toBe(4 * scenario.calendar.steps);
      expect(ha.join('')).not.toBe(hb.join(''));
      expect(eventsJsonl(a)).not.toBe(eventsJsonl(b));
    }), { numRuns: 40 });
  });
});

/* ------------------------------------------------------------------ 5. zero activity - */

/**
 * Zero activity with random incidents: only incidents are logged; every counter but incidents
 * and escalations stays 0; habit, agreements, outcomes, payoffs, understanding, capability and
 * budget never change; and at every step every pair's trust and tension are exactly forgetting
 * and relaxation from the last incident that touched the pair (or the baseline if none did).
 */
function zeroActivityWithIncidents(scenarios: fc.Arbitrary<Generated>, numRuns: number): void {
  const arb = fc.record({ g: scenarios, how: fc.constantFrom('budget' as const, 'slots' as const), seed: seedArb, hypothesis: hypothesisArb })
    .map(({ g, how, seed, hypothesis }) => ({ g: generated(zeroActivity(g.input, how, [])), seed, hypothesis }));
  let withIncidents = 0;
  fc.assert(fc.property(arb, ({ g: { scenario }, seed, hypothesis }) => {
    const r = simulate(scenario, { seed, hypothesis, pairs: true });
    const { n } = r.world, nn = n * n, T = r.series.rows - 1; // the model's steps 0 .. T - 1 are rows 1 .. T
    const p = paramsOf(scenario);
    const log = r.events!;
    // Only incidents are logged, and trust-first stance decisions (a choice, not an act: no
    // declaration is sent without budget, so no trust moves).
    const decision = (k: number) => log.kind[k] === KIND.stance && log.observer[k] < 0;
    for (let k = 0; k < log.length; k++) {
      if (log.kind[k] !== KIND.incident && !decision(k)) throw new Error(`unexpected ${EVENT_KINDS[log.kind[k]]} event at step ${log.step[k]}`);
    }
    if (log.length > 0) withIncidents++;
    // Every counter but incidents, escalations and the count of extended stances is zero at every step; habit, agreements, outcomes, payoffs too.
    const allowed = new Set(['step', 'meanTrust', 'trustSpread', 'meanTension', 'incidents', 'escalations', 'extending']);
    for (let t = 0; t < T; t++) for (const name of r.series.columns) {
      if (!allowed.has(name) && col(r, name, t) !== 0) throw new Error(`series ${name} is ${col(r, name, t)} at step ${t}`);
    }
    expect(r.final.agreements).toEqual([]);
    expect(r.final.habit.flat().every((v) => v === 0)).toBe(true);
    expect(Object.values(r.final.outcomes).every((v) => v === 0)).toBe(true);
    expect(r.final.understanding).toEqual(initialUnderstanding(scenario));
    r.final.states.forEach((s, i) => {
      expect(s).toEqual({ id: s.id, gains: 0, losses: 0, defections: 0, capability: attr(scenario, i, 'capability', 1), budget: attr(scenario, i, 'budget', 24) });
    });
    // Trust: L(t) = L0 + (L_after_last_incident - L0)(1 - f)^(t - t_incident), exactly (up to the 1e-9 prune snap).
    const L0 = baselineLogits(scenario, hypothesis);
    const X0 = baselineTension(scenario);
    const lastL = new Map<number, [number, number]>(); // pair -> [step, log-odds after]
    const lastX = new Map<number, [number, number]>(); // upper pair -> [step, tension after]
    let k = 0;
    for (let t = 0; t < T; t++) {
      for (; k < log.length && log.step[k] === t; k++) {
        if (decision(k)) continue;
        if (log.observer[k] >= 0) lastL.set(log.observer[k] * n + log.subject[k], [t, log.l2[k]]);
        else {
          const a = Math.min(log.actor[k], log.target[k]), b = Math.max(log.actor[k], log.target[k]);
          lastX.set(a * n + b, [t, log.value(k)]);
        }
      }
      let tensionSum = 0;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const pij = i * n + j;
        const last = lastL.get(pij);
        const L = last ? L0[pij] + (last[1] - L0[pij]) * Math.pow(1 - p.forgetting, t - last[0]) : L0[pij];
        const got = r.pairTrust![(t + 1) * nn + pij];
        if (Math.abs(got - sigmoid(L)) > (last === undefined ? 1e-12 : 1e-9)) {
          throw new Error(`step ${t}: trust ${r.world.ids[i]} -> ${r.world.ids[j]} is ${got}, expected ${sigmoid(L)} (baseline ${sigmoid(L0[pij])}${last ? `, last incident at step ${last[0]}` : ', never touched'})`);
        }
        if (i < j) {
          const lx = lastX.get(pij);
          const x = lx ? X0[pij] + (lx[1] - X0[pij]) * Math.pow(1 - p.tensionRelax, t - lx[0]) : X0[pij];
          tensionSum += x;
          if (t === T - 1) {
            for (const [u, v] of [[i, j], [j, i]]) {
              const gotX = r.final.tension[u][v];
              if (Math.abs(gotX - x) > 1e-9) throw new Error(`final tension ${r.world.ids[u]}-${r.world.ids[v]} is ${gotX}, expected ${x} (baseline ${X0[pij]})`);
            }
          }
        }
      }
      const meanTension = tensionSum / (n * (n - 1) / 2);
      if (Math.abs(col(r, 'meanTension', t) - meanTension) > 1e-9) throw new Error(`step ${t}: meanTension ${col(r, 'meanTension', t)}, expected ${meanTension}`);
    }
  }), { numRuns });
  expect(withIncidents).toBeGreaterThan(0); // the property was not vacuous
}

describe('5. zero activity: trust returns to baseline and nothing else moves but tension and incidents', () => {
  it('with random incidents only, every pair\'s trust and tension follow forgetting and relaxation exactly from the last incident', () => {
    zeroActivityWithIncidents(typical, 50);
  });

  it('the same, with every parameter drawn within its range', () => {
    zeroActivityWithIncidents(everyParam, 50);
  });

  it('after early shocks, incidents, tests, defections and leadership changes, trust and tension come back to their baselines', () => {
    const arb = typical.chain((g) => {
      const f = frameOf(g.scenario);
      return fc.record({
        g: fc.constant(g),
        how: fc.constantFrom('budget' as const, 'slots' as const),
        events: fc.array(B.event(f, 0, 5), { maxLength: 8 }),
        forgetting: B.dbl(0.05, 1),
        tensionRelax: B.dbl(0.05, 1),
        seed: seedArb,
        hypothesis: hypothesisArb,
      });
    }).map(({ g, how, events, forgetting, tensionRelax, seed, hypothesis }) => ({
      g: generated(zeroActivity(g.input, how, events, { navalPresence: 0, parameters: { forgetting, tensionRelax } })),
      seed, hypothesis,
    }));
    let perturbed = 0;
    fc.assert(fc.property(arb, ({ g: { scenario }, seed, hypothesis }) => {
      const n = scenario.states.length;
      const idx = new Map(scenario.states.map((s, i) => [s.id, i]));
      const p = paramsOf(scenario);
      // The baseline: the trust setting plus every leadership shift.
      const L0 = baselineLogits(scenario, hypothesis);
      for (const e of scenario.events) {
        if (e.type !== 'leadershipChange') continue;
        const i = idx.get(e.state)!;
        for (const j of e.toward ? e.toward.map((id) => idx.get(id)!) : [...Array(n).keys()]) if (j !== i) L0[i * n + j] += e.trustShift;
      }
      const X0 = baselineTension(scenario);
      // Enough steps after the last perturbation (step 5) for any deviation to fall below 1e-10.
      let dev = 1;
      for (const v of L0) dev = Math.max(dev, 30 + Math.abs(v));
      const rate = Math.min(p.forgetting, p.tensionRelax);
      const tail = rate >= 1 ? 1 : Math.ceil(Math.log(1e-10 / dev) / Math.log(1 - rate));
      const steps = 6 + tail + 1;
      const r = simulate(scenario, { seed, hypothesis, steps });
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const want = sigmoid(L0[i * n + j]);
        const got = r.final.trust[i][j];
        if (Math.abs(got - want) > 1e-9) throw new Error(`after ${steps} steps trust ${r.world.ids[i]} -> ${r.world.ids[j]} is ${got}, baseline ${want}`);
        const gotX = r.final.tension[i][j];
        if (Math.abs(gotX - X0[i * n + j]) > 1e-9) throw new Error(`after ${steps} steps tension ${r.world.ids[i]}-${r.world.ids[j]} is ${gotX}, baseline ${X0[i * n + j]}`);
      }
      // No activity of any kind, so no habit, agreement, outcome or understanding change.
      for (const name of ['activities', 'heeded', 'misread', 'deceived', 'declined', 'suspicious', 'agreements', 'forumMeetings', 'meanHabit', 'agreementsTotal']) {
        for (let t = 0; t < steps; t++) if (col(r, name, t) !== 0) throw new Error(`series ${name} is ${col(r, name, t)} at step ${t}`);
      }
      expect(r.final.habit.flat().every((v) => v === 0)).toBe(true);
      expect(r.final.agreements).toEqual([]);
      expect(Object.values(r.final.outcomes).every((v) => v === 0)).toBe(true);
      expect(r.final.understanding).toEqual(initialUnderstanding(scenario));
      const log = r.events!;
      for (let k = 0; k < log.length; k++) {
        const kind = EVENT_KINDS[log.kind[k]];
        // trust-first stance decisions (no trust moves) fall at every review; a revocation follows an exploited test.
        const decision = kind === 'stance' && log.observer[k] < 0;
        if (!['incident', 'shock', 'test', 'defection', 'leadership', 'stance'].includes(kind)) throw new Error(`unexpected ${kind} event at step ${log.step[k]}`);
        if (log.step[k] > 5 && !decision) throw new Error(`${kind} event at step ${log.step[k]}, after the last perturbation`);
      }
      for (let k = 0; k < log.length; k++) if (log.observer[k] >= 0 && log.l2[k] !== log.l1[k]) { perturbed++; break; }
    }), { numRuns: 40 });
    expect(perturbed).toBeGreaterThan(0); // some runs did knock trust off its baseline
  });
});

/* ------------------------------------------------------------------ 6. blend ends ---- */

describe('6. blend=0 is habits-first and blend=1 is trust-first, byte for byte', () => {
  it('every spelling of the two ends gives the named hypothesis\'s outputs', () => {
    const arb = fc.record({
      g: typical,
      seed: seedArb,
      zero: fc.constantFrom('blend=0', 'blend=0.0', 'blend=0.000', 'blend=.0'),
      one: fc.constantFrom('blend=1', 'blend=1.0', 'blend=1.000'),
    });
    fc.assert(fc.property(arb, ({ g, seed, zero, one }) => {
      const run = (hypothesis: string) => simulate(g.scenario, { seed, hypothesis, pairs: true });
      expectSameFiles(run('habits-first'), run(zero), `habits-first vs ${zero}`);
      expectSameFiles(run('trust-first'), run(one), `trust-first vs ${one}`);
    }), { numRuns: 30 });
  });
});

/* ------------------------------------------------------------------ 7. common dice ---- */

describe('7. both hypotheses run on the same dice (common random numbers)', () => {
  it('incidents (scheduled and random), shocks, forum meetings and scheduled tests fall at the same steps between the same states', () => {
    // The random scenario plus a few more scheduled incidents, shocks and low-stake tests, so each run has some to compare.
    const arb = typical.chain((g) => {
      const f = frameOf(g.scenario);
      return fc.record({
        g: fc.constant(g),
        extra: fc.array(B.event(f, 0, f.steps - 1, ['incident', 'shock', 'test']), { minLength: 2, maxLength: 8 }),
        seed: seedArb,
        hypotheses: fc.tuple(hypothesisArb, hypothesisArb),
      });
    }).map(({ g, extra, ...run }) => {
      const x = clone(g.input) as Any;
      x.events = [...(x.events ?? []), ...extra.map((e) => (e.type === 'test' ? { ...e, stake: Math.min(Number(e.stake ?? 0.2), 0.2) } : e))];
      return { g: generated(x as ScenarioInput), ...run };
    });
    let incidents = 0, shocks = 0, tests = 0;
    fc.assert(fc.property(arb, ({ g, seed, hypotheses }) => {
      const [a, b] = hypotheses.map((hypothesis) => simulate(g.scenario, { seed, hypothesis }));
      const s = g.scenario;
      const idx = new Map(s.states.map((st, i) => [st.id, i]));
      const rows = (r: RunResult, kind: number) => {
        const log = r.events!;
        const out: { k: number; step: number; actor: number; target: number; flags: number }[] = [];
        // Incident and shock rows are the non-trust rows of their kind (escalations also log trust rows).
        for (let k = 0; k < log.length; k++) {
          if (log.kind[k] === kind && log.observer[k] < 0) out.push({ k, step: log.step[k], actor: log.actor[k], target: log.target[k], flags: log.flags[k] });
        }
        return out;
      };
      const where = (x: { step: number; actor: number; target: number }) => `${x.step}:${x.actor}-${x.target}`;
      // Every incident, scheduled or random: its step and sides come from the incidents stream alone.
      const ia = rows(a, KIND.incident), ib = rows(b, KIND.incident);
      expect(ia.map(where)).toEqual(ib.map(where));
      incidents += ia.length;
      // Scheduled incidents with a forced outcome escalate (or not) in both.
      for (const e of s.events) {
        if (e.type !== 'incident') continue;
        const key = `${e.step}:${idx.get(e.between[0])}-${idx.get(e.between[1])}`;
        const inA = ia.filter((x) => where(x) === key), inB = ib.filter((x) => where(x) === key);
        expect(inA.length).toBeGreaterThan(0);
        if (e.escalates !== undefined) {
          // (a random incident between the same two states at the same step may escalate freely)
          const forced = (xs: typeof ia) => xs.filter((x) => ((x.flags & EVENT_FLAGS.escalated) !== 0) === e.escalates).length;
          expect(forced(inA)).toBeGreaterThan(0);
          expect(forced(inB)).toBeGreaterThan(0);
        }
      }
      // Shocks and forum meetings.
      const sa = rows(a, KIND.shock), sb = rows(b, KIND.shock);
      expect(sa.map(where)).toEqual(sb.map(where));
      shocks += sa.length;
      expect(rows(a, KIND.forum).map(where)).toEqual(rows(b, KIND.forum).map(where));
      // Scheduled tests come first among a step's test rows, in file order: same sides in both, and,
      // where both relied on a non-reciprocal trustee, the same honour draw, so the same answer.
      const scheduled = s.events.filter((e) => e.type === 'test').map((e) => ({ step: e.step, truster: idx.get(e.truster)!, trustee: idx.get(e.trustee)! }));
      const testRows = (r: RunResult) => {
        const log = r.events!;
        const byStep = new Map<number, { truster: number; trustee: number; flags: number }[]>();
        for (let k = 0; k < log.length; k++) {
          if (log.kind[k] !== KIND.test) continue;
          const list = byStep.get(log.step[k]) ?? [];
          list.push({ truster: log.target[k], trustee: log.actor[k], flags: log.flags[k] });
          byStep.set(log.step[k], list);
        }
        return byStep;
      };
      const ta = testRows(a), tb = testRows(b);
      const seen = new Map<number, number>();
      for (const e of scheduled) {
        const q = seen.get(e.step) ?? 0;
        seen.set(e.step, q + 1);
        const xa = ta.get(e.step)?.[q], xb = tb.get(e.step)?.[q];
        expect(xa && { truster: xa.truster, trustee: xa.trustee }).toEqual({ truster: e.truster, trustee: e.trustee });
        expect(xb && { truster: xb.truster, trustee: xb.trustee }).toEqual({ truster: e.truster, trustee: e.trustee });
        const relied = EVENT_FLAGS.relied;
        const reciprocal = (s.states[e.trustee].policy ?? s.stateDefaults.policy) === 'reciprocal';
        if (!reciprocal && (xa!.flags & relied) && (xb!.flags & relied)) {
          expect(xa!.flags & EVENT_FLAGS.honoured).toBe(xb!.flags & EVENT_FLAGS.honoured);
          tests++;
        }
      }
    }), { numRuns: 50 });
    // Not vacuous: the runs had incidents, shocks and compared tests.
    expect(incidents).toBeGreaterThan(0);
    expect(shocks).toBeGreaterThan(0);
    expect(tests).toBeGreaterThan(0);
  });

  it('every scheduled transmission is carried out or declined, and heeded or not, alike under any two hypotheses', () => {
    // Programmes and forums only (no discretionary slots), every kind at stake 0 (the trust-first
    // gate always opens) and no incentive effect (receptivity fixed): then the k-th transmission
    // from i to j is the same occurrence under both hypotheses, and whether it is declined
    // (mimicry draw) or heeded (heeding draw) depends on the dice alone.
    const arb = fc.record({ g: typical, seed: seedArb, hypotheses: fc.tuple(hypothesisArb, hypothesisArb) }).map(({ g, ...run }) => {
      const x = clone(g.input) as Any;
      x.parameters = { ...x.parameters, maxActsPerStep: 0, incentiveEffect: 0 };
      x.activities = Object.fromEntries(ACTIVITY_IDS.map((k) => [k, { ...(x.activities?.[k] ?? {}), stake: 0 }]));
      return { g: generated(x as ScenarioInput), ...run };
    });
    let compared = 0;
    fc.assert(fc.property(arb, ({ g: { scenario }, seed, hypotheses }) => {
      const signals = (r: RunResult) => {
        const log = r.events!;
        const out: string[] = [];
        for (let k = 0; k < log.length; k++) {
          const kind = log.kind[k];
          if (kind !== KIND.activity && kind !== KIND.declined) continue;
          // A trust-first declaration is a stance, not a scheduled transmission (MODEL 6).
          if (r.world.activities[log.activity[k]].id === 'trustDeclaration') continue;
          const heeded = kind === KIND.activity ? (log.flags[k] & EVENT_FLAGS.heeded ? 'heeded' : 'unheeded') : 'declined';
          out.push(`${log.step[k]} ${log.actor[k]}>${log.target[k]} ${log.activity[k]} ${heeded}`);
        }
        return out;
      };
      const [a, b] = hypotheses.map((hypothesis) => signals(simulate(scenario, { seed, hypothesis })));
      expect(a).toEqual(b);
      compared += a.length;
    }), { numRuns: 40 });
    expect(compared).toBeGreaterThan(0);
  });
});

/* ------------------------------------------------------------------ 8. heeding ------- */

describe('8. heeding follows receptivity (MODEL 4.4)', () => {
  it('with no incentive effect, a state of receptivity 1 heeds every signal it receives and one of receptivity 0 none', () => {
    const arb = fc.record({
      g: everyParam,
      receptive: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      seed: seedArb,
      hypothesis: hypothesisArb,
    }).map(({ g, receptive, seed, hypothesis }) => {
      const x = clone(g.input) as Any;
      x.states = x.states.map((st: Any, i: number) => ({ ...st, receptivity: receptive[i] ? 1 : 0 }));
      x.parameters = { ...x.parameters, incentiveEffect: 0 };
      return { g: generated(x as ScenarioInput), seed, hypothesis };
    });
    let signals = 0;
    fc.assert(fc.property(arb, ({ g: { scenario }, seed, hypothesis }) => {
      const r = simulate(scenario, { seed, hypothesis });
      const log = r.events!;
      for (let k = 0; k < log.length; k++) {
        if (log.kind[k] !== KIND.activity) continue;
        const receiver = log.target[k];
        const heeded = (log.flags[k] & EVENT_FLAGS.heeded) !== 0;
        const receptivity = scenario.states[receiver].receptivity;
        if (heeded !== (receptivity === 1)) {
          throw new Error(`step ${log.step[k]}: ${r.world.ids[log.actor[k]]} -> ${r.world.ids[receiver]} (receptivity ${receptivity}) heeded=${heeded}`);
        }
        signals++;
      }
    }), { numRuns: 40 });
    expect(signals).toBeGreaterThan(0);
  });
});
