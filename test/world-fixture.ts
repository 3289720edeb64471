/**
 * Test worlds for the unit tests, built in code through the real schema (`Scenario.parse`), so
 * a fixture cannot drift from what a scenario file may say. `build()` resolves the world,
 * creates the run state and the step context and sets `ctx.t`; tests then call mechanism
 * functions directly.
 *
 * The default state is deliberately neutral, so that each mechanism can be switched on alone:
 * unequivocal, fully receptive, no seniority, no empathy, fully transparent, no restraint,
 * fully trustworthy, no sovereignty, no navy, no budget, one shared language and culture.
 */
import { Scenario, type ScenarioInput } from '../src/scenario/schema.js';
import { EventLog } from '../src/record/event-log.js';
import { resolveWorld } from '../src/world/resolve.js';
import { createState, type RunState } from '../src/world/state.js';
import { logit, sigmoid } from '../src/model/logistic.js';
import { createCtx, trustLogit, habitNow, tensionNow, type Ctx } from '../src/core/pair.js';
import { createStreams, type Uniform } from '../src/core/rng.js';
import type { World } from '../src/world/world.js';

export type StateInput = ScenarioInput['states'][number];
export type StateDefaultsInput = NonNullable<ScenarioInput['stateDefaults']>;

export const NEUTRAL: StateDefaultsInput = {
  capability: 1,
  language: { primary: 'en', english: 1 },
  culture: { pdi: 0.5, idv: 0.5 },
  equivocation: 0,
  receptivity: 1,
  seniority: 0,
  empathy: 0,
  transparency: 1,
  restraint: 0,
  trustworthiness: 1,
  sovereignty: 0,
  navalPresence: 0,
  budget: 0,
};

export interface FixtureOptions extends Omit<Partial<ScenarioInput>, 'states' | 'stateDefaults'> {
  /** State ids, or full state entries; default A and B. */
  states?: (string | StateInput)[];
  /** Merged over NEUTRAL. */
  stateDefaults?: StateDefaultsInput;
  steps?: number;
  hypothesis?: string;
  seed?: string | number;
  /** Step the context is set to. */
  t?: number;
  /** Keep the event log (default true). */
  log?: boolean;
}

export function scenarioInput(o: FixtureOptions = {}): ScenarioInput {
  const { states, stateDefaults, steps, hypothesis, seed, t: _t, log: _log, ...rest } = o;
  return {
    name: 'unit fixture',
    description: 'A world built in code for a unit test.',
    teachingNote: 'Test scenario.',
    calendar: { start: '2020-01', steps: steps ?? 60 },
    cultureDimensions: ['pdi', 'idv'],
    ...rest,
    stateDefaults: { ...NEUTRAL, ...stateDefaults },
    states: (states ?? ['A', 'B']).map((s) => (typeof s === 'string' ? { id: s } : s)),
    run: { seed: seed ?? 1, hypothesis: hypothesis ?? 'habits-first' },
  };
}

export function makeScenario(o: FixtureOptions = {}): Scenario {
  return Scenario.parse(scenarioInput(o));
}

export interface Fixture {
  scenario: Scenario;
  w: World;
  s: RunState<EventLog>;
  c: Ctx;
  /** Index of a state id. */
  id: (name: string) => number;
  /** Flat index of the directed pair (from, to), by ids. */
  pair: (from: string, to: string) => number;
}

export function build(o: FixtureOptions = {}): Fixture {
  const scenario = makeScenario(o);
  const w = resolveWorld(scenario, { hypothesis: o.hypothesis });
  const s = createState(w, { log: (o.log ?? true) ? new EventLog() : null });
  const c = createCtx(w, s, createStreams(o.seed ?? 1, w.ids));
  c.t = o.t ?? 0;
  s.t = c.t;
  const id = (name: string) => {
    const k = w.ids.indexOf(name);
    if (k < 0) throw new Error(`no state ${name}`);
    return k;
  };
  return { scenario, w, s, c, id, pair: (a, b) => id(a) * w.n + id(b) };
}

/** A stream that returns scripted values and counts its calls. */
export interface Scripted extends Uniform {
  calls: number;
}

/** Returns `values` in order, then `fallback` (or throws, when no fallback is given). */
export function scripted(values: readonly number[], fallback?: number): Scripted {
  const f = (() => {
    const k = f.calls++;
    if (k < values.length) return values[k];
    if (fallback === undefined) throw new Error(`scripted stream exhausted after ${values.length} draws`);
    return fallback;
  }) as Scripted;
  f.calls = 0;
  return f;
}

/**
 * Scripts the signal draws of every directed pair with one shared scripted stream (so the
 * draws of a transmission come from `values` in order); records which pairs asked for a stream.
 */
export function scriptSignals(c: Ctx, values: readonly number[], fallback?: number): Scripted & { pairs: number[] } {
  const u = scripted(values, fallback) as Scripted & { pairs: number[] };
  u.pairs = [];
  c.r.signal = (pair: number) => { u.pairs.push(pair); return u; };
  return u;
}

/** Makes every signal stream throw: for mechanisms that must not transmit. */
export function forbidSignals(c: Ctx): void {
  c.r.signal = () => forbidden('signal');
}

/** Wraps a stream to count its calls. */
export function counting(u: Uniform): Scripted {
  const f = (() => { f.calls++; return u(); }) as Scripted;
  f.calls = 0;
  return f;
}

/** A stream a mechanism must not touch. */
export function forbidden(name: string): Uniform {
  return () => { throw new Error(`stream ${name} must not be drawn from here`); };
}

export { logit, sigmoid };

/** Current trust (probability) of from in to. */
export const trustOf = (c: Ctx, p: number): number => sigmoid(trustLogit(c, p));

/** Brute-force regional aggregates over every pair, from the lazy readers. */
export function bruteAggregates(c: Ctx): { meanTrust: number; spread: number; meanTension: number; meanHabit: number } {
  const n = c.n;
  let t = 0, t2 = 0, h = 0, x = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const q = sigmoid(trustLogit(c, i * n + j));
      t += q; t2 += q * q;
      h += habitNow(c, i * n + j);
      if (i < j) x += tensionNow(c, i, j);
    }
  }
  const pairs = n * (n - 1);
  const mean = t / pairs;
  let variance = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i !== j) variance += (sigmoid(trustLogit(c, i * n + j)) - mean) ** 2;
  }
  return { meanTrust: mean, spread: Math.sqrt(variance / pairs), meanTension: x / (pairs / 2), meanHabit: h / pairs };
}
