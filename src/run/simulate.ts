/**
 * The driver: a run is a pure function of (scenario, seed, hypothesis, model version). It
 * resolves the world and runs a `Simulation` (simulation.ts: the seeded streams, the loop of the
 * pure step function, the recorder reading the model after each step) to the end. No I/O here:
 * writing files is the CLI's job.
 */
import { ProblemError } from '../io/problem.js';
import type { EventLog } from '../record/event-log.js';
import type { NetworkMeasures } from '../record/network.js';
import type { PartnerStats } from '../record/partners.js';
import type { Scenario } from '../scenario/schema.js';
import { resolveWorld } from '../world/resolve.js';
import { checkSimulateOptions, type SimulateOptions } from './options.js';
import { Simulation } from './simulation.js';
import type { World } from '../world/world.js';

export { Simulation } from './simulation.js';

/**
 * Tidy per-step series: `data[row * columns.length + col]`. Row 0 is the initial state, before
 * any activity (`step` 0); row t (1..steps) is the state at the end of simulated month t
 * (`step` t), so `rows` is the number of steps + 1.
 */
export interface Series {
  columns: readonly string[];
  rows: number;
  data: Float64Array;
}

export interface FinalState {
  /** trust[i][j]: i's trust in j (probability); the diagonal is 1. */
  trust: number[][];
  /** tension[i][j] (symmetric). */
  tension: number[][];
  habit: number[][];
  understanding: number[][];
  /** Pairs that signed a defence cooperation agreement, [i, j] with i < j. */
  agreements: [number, number][];
  /** The same agreements in the order they were signed, `i * n + j` with i < j (for the network's null, record/network.ts). */
  agreementOrder: number[];
  /** Region totals of the nine outcomes. */
  outcomes: Record<string, number>;
  /** Per state: payoffs gained and lost in tested cooperation, defections, capability, budget. */
  states: { id: string; gains: number; losses: number; defections: number; capability: number; budget: number }[];
  /** The agreement network at the end (MODEL 7b): its measures and degree distribution (states of degree 0, 1, ...). */
  network: NetworkMeasures & { degreeDistribution: number[] };
  /**
   * When a state has a strategy for tested cooperation: each pair's repeated game in the order
   * its tests came (MODEL 4b), pairs in index order; absent otherwise.
   */
  games?: PairGameRecord[];
}

/** One pair's repeated game: its states (lower index first), their strategies (null: none) and each turn's moves, "CD" = first C, second D. */
export interface PairGameRecord {
  between: [number, number];
  strategies: [string | null, string | null];
  moves: ('CC' | 'CD' | 'DC' | 'DD')[];
}

export interface RunResult {
  world: World;
  seed: string | number;
  hypothesis: string;
  rngAlgorithm: string;
  series: Series;
  /** When requested: trust of every pair, `pairTrust[step * n * n + i * n + j]`, step 0 the initial state (series.rows steps). */
  pairTrust: Float64Array | null;
  events: EventLog | null;
  final: FinalState;
  /** Per directed partner pair, what the hypothesis-neutral metrics need (MODEL 6b; record/partners.ts). */
  partners: PartnerStats;
}

/**
 * Runs a validated scenario. Same scenario, seed, hypothesis and model version give the same
 * numbers, bit for bit. The options are checked once, here (`SimulateOptions`); bad ones throw
 * a `ProblemError` naming every bad option.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const checked = checkSimulateOptions(options);
  if (!checked.ok) throw new ProblemError(checked.problems);
  const o = checked.value;
  const world = resolveWorld(scenario, { hypothesis: o.hypothesis, steps: o.steps });
  return simulateWorld(world, o.seed ?? scenario.run.seed, o);
}

/**
 * Runs an already resolved world (see `resolveWorld`); the world is read, never changed, so one
 * world serves many seeds. `simulate` is `resolveWorld` followed by this; this is a
 * `Simulation` advanced to the end.
 */
export function simulateWorld(world: World, seed: string | number, options: Pick<SimulateOptions, 'pairs' | 'events'> = {}): RunResult {
  const run = new Simulation(world, seed, options);
  run.advance(world.steps);
  return run.result();
}
