/**
 * A small laboratory for the stylized-fact tests (MODEL.md section 10): scenarios built in
 * code around one pair (or one group), run over many fixed seeds through the public API.
 */
import { Scenario, simulate, type ScenarioInput, type SimulateOptions } from '../../src/index.js';

export const SEEDS = Array.from({ length: 40 }, (_, k) => k + 1);

type StateInput = ScenarioInput['states'][number];

/** Transmitter A and receiver B, with A's programme toward B; everything else quiet. */
export function pairScenario(o: {
  a?: Partial<StateInput>; b?: Partial<StateInput>;
  programmes?: ScenarioInput['programmes'];
  steps?: number; tension?: number; aims?: number; understanding?: number;
  extra?: Partial<ScenarioInput>;
} = {}): Scenario {
  const input: ScenarioInput = {
    name: 'lab pair',
    description: 'A transmits to B.',
    teachingNote: 'Test scenario.',
    calendar: { start: '2020-01', steps: o.steps ?? 60 },
    cultureDimensions: ['pdi', 'idv'],
    stateDefaults: {
      language: { primary: 'en', english: 1 }, culture: { pdi: 0.5, idv: 0.5 },
      budget: 0, navalPresence: 0, equivocation: 0.1, receptivity: 0.9, seniority: 0,
      empathy: 0.5, transparency: 0.8, restraint: 0.5, trustworthiness: 0.9, capability: 1,
      ...o.extra?.stateDefaults,
    },
    states: [{ id: 'A', ...o.a }, { id: 'B', ...o.b }],
    programmes: o.programmes ?? [
      { from: 'A', to: 'B', activity: 'highLevelDialogue', schedule: { every: 2 } },
      { from: 'A', to: 'B', activity: 'trainingExchange', schedule: { start: 1, every: 3 } },
    ],
    trust: { default: 0.5 },
    tension: { default: o.tension ?? 0.1 },
    understanding: { default: o.understanding ?? 0.3 },
    aims: { default: o.aims ?? 0.3 },
    ...withoutDefaults(o.extra),
  };
  return Scenario.parse(input);
}

function withoutDefaults(extra: Partial<ScenarioInput> = {}): Partial<ScenarioInput> {
  const { stateDefaults: _merged, ...rest } = extra;
  return rest;
}

/** Mean over seeds of a number read from each run. */
export function meanOver(scenario: Scenario, read: (r: ReturnType<typeof simulate>) => number,
  options: SimulateOptions = {}, seeds: readonly number[] = SEEDS): number {
  let sum = 0;
  for (const seed of seeds) sum += read(simulate(scenario, { ...options, seed, events: false }));
  return sum / seeds.length;
}

/** Per-seed values (for paired comparisons on the same dice). */
export function perSeed(scenario: Scenario, read: (r: ReturnType<typeof simulate>) => number,
  options: SimulateOptions = {}, seeds: readonly number[] = SEEDS): number[] {
  return seeds.map((seed) => read(simulate(scenario, { ...options, seed, events: false })));
}

export const idx = (r: ReturnType<typeof simulate>, id: string): number => r.world.ids.indexOf(id);
/** Final trust of `from` in `to`. */
export const trustIn = (from: string, to: string) => (r: ReturnType<typeof simulate>): number =>
  r.final.trust[idx(r, from)][idx(r, to)];
export const tensionBetween = (x: string, y: string) => (r: ReturnType<typeof simulate>): number =>
  r.final.tension[idx(r, x)][idx(r, y)];

/**
 * Paired comparison on the same seeds (common random numbers): mean of `better - worse` and its
 * t statistic. A stylized fact holds when the mean is positive and t clears a high bar.
 */
export function paired(better: readonly number[], worse: readonly number[]): { mean: number; t: number } {
  const d = better.map((b, k) => b - worse[k]);
  const n = d.length;
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  return { mean, t: sd === 0 ? (mean === 0 ? 0 : Math.sign(mean) * Infinity) : mean / (sd / Math.sqrt(n)) };
}

/** One-sided bar for the paired t statistic (40 seeds: t > 3 is p < 0.003). */
export const T_BAR = 3;
