/**
 * The driver: a run is a pure function of (scenario, seed, hypothesis, model version). It
 * resolves the world, creates the seeded streams, loops the pure step function and lets the
 * recorder read the model after each step. No I/O here: writing files is the CLI's job.
 */
import { ProblemError } from '../io/problem.js';
import { OUTCOMES } from '../model/activity.js';
import { sigmoid } from '../model/logistic.js';
import { createCtx, habitNow, tensionNow, trustLogit, type Ctx } from '../core/pair.js';
import { createStreams, RNG_ALGORITHM } from '../core/rng.js';
import { step } from '../core/step.js';
import { EventLog } from '../record/event-log.js';
import { degreeDistribution, networkMeasures, type NetworkMeasures } from '../record/network.js';
import { PartnerRecorder, type PartnerStats } from '../record/partners.js';
import { recordRow, REGIONAL_COLUMNS } from '../record/reporters.js';
import type { Scenario } from '../scenario/schema.js';
import { hypothesisName } from '../world/hypothesis.js';
import { resolveWorld } from '../world/resolve.js';
import { createState } from '../world/state.js';
import { checkSimulateOptions, type SimulateOptions } from './options.js';
import type { World } from '../world/world.js';

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
 * world serves many seeds. `simulate` is `resolveWorld` followed by this.
 */
export function simulateWorld(world: World, seed: string | number, options: Pick<SimulateOptions, 'pairs' | 'events'> = {}): RunResult {
  const log = (options.events ?? true) ? new EventLog() : null;
  const state = createState(world, { log });
  const ctx = createCtx(world, state, createStreams(seed, world.ids));
  const columns = ['step', ...REGIONAL_COLUMNS];
  const width = columns.length;
  const rows = world.steps + 1;
  const data = new Float64Array(rows * width);
  const nn = world.n * world.n;
  const pairTrust = options.pairs ? new Float64Array(rows * nn) : null;
  // Row r: step r of the output (0 the initial state, r >= 1 the end of the model's step r - 1).
  const record = (r: number) => {
    data[r * width] = r;
    recordRow(ctx, data, r * width + 1);
    if (pairTrust !== null) {
      for (let p = 0; p < nn; p++) pairTrust[r * nn + p] = p % (world.n + 1) === 0 ? 1 : sigmoid(trustLogit(ctx, p));
    }
  };
  const partners = new PartnerRecorder(ctx);
  partners.begin(ctx);
  ctx.t = 0;
  record(0);
  for (let t = 0; t < world.steps; t++) {
    ctx.t = t;
    step(ctx);
    record(t + 1);
    partners.observe(ctx);
  }
  return {
    world, seed, hypothesis: hypothesisName(world.blend), rngAlgorithm: RNG_ALGORITHM,
    series: { columns, rows, data },
    pairTrust, events: log, final: finalState(ctx), partners: partners.result(ctx),
  };
}

function finalState(c: Ctx): FinalState {
  const { w, s, n } = c;
  const matrix = (f: (i: number, j: number) => number) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => f(i, j)));
  const agreements: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (s.agreement[i * n + j]) agreements.push([i, j]);
  const gains = new Float64Array(n), losses = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { gains[i] += s.gain[i * n + j]; losses[i] += s.loss[i * n + j]; }
  return {
    trust: matrix((i, j) => (i === j ? 1 : sigmoid(trustLogit(c, i * n + j)))),
    tension: matrix((i, j) => (i === j ? 0 : tensionNow(c, i, j))),
    habit: matrix((i, j) => (i === j ? 0 : habitNow(c, i * n + j))),
    understanding: matrix((i, j) => s.U[i * n + j]),
    agreements,
    agreementOrder: Array.from(s.agreementOrder.subarray(0, s.agreementCount)),
    outcomes: Object.fromEntries(OUTCOMES.map((o, k) => [o, s.outcomeTotals[k]])),
    states: w.ids.map((id, i) => ({
      id, gains: gains[i], losses: losses[i], defections: s.defections[i], capability: s.capability[i], budget: s.budget[i],
    })),
    network: { ...networkMeasures(c), degreeDistribution: degreeDistribution(c) },
    ...(w.anyStrategy ? { games: gameRecords(c) } : {}),
  };
}

function gameRecords(c: Ctx): PairGameRecord[] {
  const { w, s, n } = c;
  return [...s.games.entries()].sort(([a], [b]) => a - b).map(([key, g]) => {
    const i = Math.floor(key / n), j = key % n;
    return {
      between: [i, j],
      strategies: [w.strategies[i]?.name ?? null, w.strategies[j]?.name ?? null],
      moves: g.moves[0].map((m, k) => `${m}${g.moves[1][k]}` as const),
    };
  });
}
