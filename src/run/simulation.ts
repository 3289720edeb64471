/**
 * A run month by month: the seeded streams, the loop of the pure step function, and the
 * recorder reading the model after each step. `simulateWorld` advances one to the end; the
 * explorer advances two (one per hypothesis) a few months at a time and shows them as they go.
 * However it is advanced, a simulation at month m holds exactly what a run of m steps gives.
 */
import { OUTCOMES } from '../model/activity.js';
import { sigmoid } from '../model/logistic.js';
import { createCtx, habitNow, tensionNow, trustLogit, type Ctx } from '../core/pair.js';
import { createStreams, RNG_ALGORITHM } from '../core/rng.js';
import { step } from '../core/step.js';
import { EventLog } from '../record/event-log.js';
import { degreeDistribution, networkMeasures } from '../record/network.js';
import { PartnerRecorder } from '../record/partners.js';
import { recordRow, REGIONAL_COLUMNS } from '../record/reporters.js';
import { hypothesisName } from '../world/hypothesis.js';
import { createState } from '../world/state.js';
import type { SimulateOptions } from './options.js';
import type { FinalState, PairGameRecord, RunResult } from './simulate.js';
import type { World } from '../world/world.js';

/** A run in progress: `advance` steps it, `result` reads it. */
export class Simulation {
  readonly world: World;
  readonly seed: string | number;
  /** Months simulated so far (0 before the first step; at most `world.steps`). */
  month = 0;
  private readonly ctx: Ctx;
  private readonly log: EventLog | null;
  private readonly columns: readonly string[];
  private readonly data: Float64Array;
  private readonly pairTrust: Float64Array | null;
  private readonly partners: PartnerRecorder;

  constructor(world: World, seed: string | number, options: Pick<SimulateOptions, 'pairs' | 'events'> = {}) {
    this.world = world;
    this.seed = seed;
    this.log = (options.events ?? true) ? new EventLog() : null;
    const state = createState(world, { log: this.log });
    this.ctx = createCtx(world, state, createStreams(seed, world.ids));
    this.columns = ['step', ...REGIONAL_COLUMNS];
    this.data = new Float64Array((world.steps + 1) * this.columns.length);
    this.pairTrust = options.pairs ? new Float64Array((world.steps + 1) * world.n * world.n) : null;
    this.partners = new PartnerRecorder(this.ctx);
    this.partners.begin(this.ctx);
    this.ctx.t = 0;
    this.record(0);
  }

  /** True once every step of the world has been simulated. */
  get done(): boolean {
    return this.month >= this.world.steps;
  }

  /** Simulates up to `months` more months (never past the world's steps); returns how many it did. */
  advance(months = 1): number {
    const c = this.ctx;
    const end = Math.min(this.world.steps, this.month + Math.max(0, Math.floor(months)));
    const from = this.month;
    for (let t = from; t < end; t++) {
      c.t = t;
      step(c);
      this.record(t + 1);
      this.partners.observe(c);
    }
    this.month = end;
    return end - from;
  }

  /**
   * The run so far, as `simulateWorld` with `steps` = `month` returns it (series and pair trust
   * rows 0..month, the final state now). The result shares the event log, which grows if the
   * simulation is advanced further: read or write it before advancing again.
   */
  result(): RunResult {
    const rows = this.month + 1;
    const width = this.columns.length;
    const nn = this.world.n * this.world.n;
    return {
      world: this.world, seed: this.seed, hypothesis: hypothesisName(this.world.blend), rngAlgorithm: RNG_ALGORITHM,
      series: { columns: this.columns, rows, data: this.data.subarray(0, rows * width) },
      pairTrust: this.pairTrust === null ? null : this.pairTrust.subarray(0, rows * nn),
      events: this.log, final: finalState(this.ctx), partners: this.partners.result(this.ctx, this.month),
    };
  }

  // Row r: step r of the output (0 the initial state, r >= 1 the end of the model's step r - 1).
  private record(r: number): void {
    const width = this.columns.length;
    this.data[r * width] = r;
    recordRow(this.ctx, this.data, r * width + 1);
    const pt = this.pairTrust;
    if (pt !== null) {
      const n = this.world.n, nn = n * n;
      for (let p = 0; p < nn; p++) pt[r * nn + p] = p % (n + 1) === 0 ? 1 : sigmoid(trustLogit(this.ctx, p));
    }
  }
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
