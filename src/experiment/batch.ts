/**
 * Runs one batch of an experiment: consecutive run numbers, each simulated and summarised to
 * its record and trace. Pure: the same batch gives the same numbers in any worker, in any order.
 * Resolved worlds are kept per (scenario, set, hypothesis), so a worker resolves each once.
 */
import { simulateWorld } from '../run/simulate.js';
import type { Scenario } from '../scenario/schema.js';
import { resolveWorld } from '../world/resolve.js';
import type { World } from '../world/world.js';
import { applySet } from './conditions.js';
import { RECORD_WIDTH, runNetwork, seriesIndex, summariseRun, TRACE_WIDTH, type SeriesIndex, type Thresholds } from './metrics.js';
import { runCoords, seedOf, type SeedsMode } from './plan.js';

/** What a worker needs to know of the plan (structured-cloneable). */
export interface BatchContext {
  scenarios: { name: string; steps: number; scenario: Scenario }[];
  sets: Record<string, number>[];
  hypotheses: string[];
  replications: number;
  baseSeed: string | number;
  /** How seeds are shared between parameter sets (`seeds` of the experiment file; see `seedOf`). */
  seeds: SeedsMode;
  /** The experiment file's thresholds; no metric of model 0.3 reads them (see `Thresholds`). */
  thresholds: Thresholds;
}

export interface BatchResult {
  start: number;
  end: number;
  /** (end - start) x RECORD_WIDTH numbers. */
  records: Float64Array;
  /** The runs' traces, one after another (steps x TRACE_WIDTH each). */
  traces: Float32Array;
}

export class BatchRunner {
  private readonly worlds = new Map<string, World>();
  private index: SeriesIndex | null = null;

  constructor(private readonly ctx: BatchContext) {}

  private world(scenario: number, set: number, hypothesis: number): World {
    const key = `${scenario}/${set}/${hypothesis}`;
    let w = this.worlds.get(key);
    if (w === undefined) {
      if (this.worlds.size >= 64) this.worlds.clear();
      const s = this.ctx.scenarios[scenario];
      w = resolveWorld(applySet(s.scenario, this.ctx.sets[set]), { hypothesis: this.ctx.hypotheses[hypothesis], steps: s.steps });
      this.worlds.set(key, w);
    }
    return w;
  }

  run(start: number, end: number): BatchResult {
    const coords = [];
    let traceLen = 0;
    for (let r = start; r < end; r++) {
      const c = runCoords(this.ctx, r);
      coords.push(c);
      traceLen += this.ctx.scenarios[c.scenario].steps * TRACE_WIDTH;
    }
    const records = new Float64Array((end - start) * RECORD_WIDTH);
    const traces = new Float32Array(traceLen);
    let at = 0;
    coords.forEach((c, k) => {
      const s = this.ctx.scenarios[c.scenario];
      const world = this.world(c.scenario, c.set, c.hypothesis);
      const seed = seedOf(this.ctx, s.name, c.set, c.replication);
      const result = simulateWorld(world, seed, { events: false });
      this.index ??= seriesIndex(result.series.columns);
      summariseRun(result.series, this.index, result.partners, world.trustworthiness, records, k * RECORD_WIDTH, traces, at, runNetwork(world, result.final));
      at += s.steps * TRACE_WIDTH;
    });
    return { start, end, records, traces };
  }
}
