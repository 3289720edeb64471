/**
 * `npm run bench`: speed and memory of the engine, measured, never asserted.
 *
 *  1. The ASEAN teaching scenario (18 states, 240 monthly steps): time per run on one core,
 *     with and without the event log, under both hypotheses.
 *  2. The engine against a minimal hand-written typed-array loop doing the same updates and
 *     random draws on the same workload (bench/baseline.ts): the ratio is the engine's overhead.
 *  3. A synthetic 200-state, 1,200-step region, and the same region at 100 and 400 states:
 *     time per run and per step against the number of active pairs (cost should follow the
 *     active pairs, not N squared).
 *  4. Allocation in the hot loop: heap growth and garbage collections over many steps.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector';
import { Command } from 'commander';
import { loadScenario, formatProblem, simulate, type Scenario } from '../src/index.js';
import { createCtx } from '../src/core/pair.js';
import { createStreams } from '../src/core/rng.js';
import { step } from '../src/core/step.js';
import { regionalReporters } from '../src/record/reporters.js';
import { resolveWorld } from '../src/world/resolve.js';
import { createState } from '../src/world/state.js';
import { table } from '../src/cli/common.js';
import { baselineRun, workloadOf } from './baseline.js';
import { syntheticScenario } from './synthetic.js';

const program = new Command('bench')
  .description('Measure the engine\'s speed and allocation (figures for notes; nothing is asserted).')
  .option('--quick', 'fewer repetitions (a rough look in a few seconds)')
  .option('--experiment-runs <n>', 'runs of the ASEAN experiment timed with 1 and 2 workers (default 2,000; 400 with --quick; the issue\'s target is 20,000)')
  .option('--skip-experiment', 'leave out the experiment throughput measure')
  .parse(process.argv);
const opts = program.opts<{ quick?: boolean; experimentRuns?: string; skipExperiment?: boolean }>();
const quick = opts.quick ?? false;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** Median over `rounds` of the mean time per call of `fn` over `reps` calls, in ms. */
function time(fn: (k: number) => unknown, reps: number, rounds: number): number {
  const out: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) sink += Number(fn(r * reps + k) !== undefined);
    out.push((performance.now() - t0) / reps);
  }
  if (sink < 0) console.log(sink);
  return median(out);
}

function load(file: string): Scenario {
  const r = loadScenario(file);
  if (!r.ok) { console.error(r.problems.map(formatProblem).join('\n')); process.exit(2); }
  return r.value;
}

const rows: string[][] = [];
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
console.log(`Entente bench, Node ${process.version}, ${quick ? 'quick' : 'full'} mode. Lower is better; medians of repeated rounds.\n`);

// 1. ASEAN.
const asean = load('scenarios/asean-admm.yaml');
const reps = quick ? 10 : 40, rounds = quick ? 3 : 7;
for (const hypothesis of ['habits-first', 'trust-first']) {
  time((k) => simulate(asean, { seed: k, hypothesis, events: false }), reps, 2); // warm up
  const noLog = time((k) => simulate(asean, { seed: k, hypothesis, events: false }), reps, rounds);
  const withLog = time((k) => simulate(asean, { seed: k, hypothesis }), reps, rounds);
  rows.push([`ASEAN (18 states, 240 steps), ${hypothesis}`, `${fmt(noLog)} ms/run`, `${fmt(withLog)} ms/run with event log`, 'target <= 2 ms/run']);
}

// 2. Engine vs the hand-written loop on the same workload.
const workload = workloadOf(simulate(asean, { seed: 1 }));
time((k) => baselineRun(workload, k), reps, 2);
const engine = time((k) => simulate(asean, { seed: 1 + (k % 1), events: false }), reps, rounds);
const base = time((k) => baselineRun(workload, k), reps, rounds);
rows.push([`ASEAN workload: ${workload.from.length} transmissions, ${workload.meetings.length} forum meetings`,
  `engine ${fmt(engine)} ms`, `hand-written loop ${fmt(base)} ms`, `ratio ${(engine / base).toFixed(2)} (target <= 1.5)`]);

// 3. Synthetic regions.
function scaled(states: number, steps: number): { ms: number; active: number; perStepUs: number } {
  const scenario = syntheticScenario(states, steps);
  simulate(scenario, { seed: 0, events: false }); // warm up
  const runs = quick ? 1 : 3;
  const ms = time((k) => simulate(scenario, { seed: k + 1, events: false }), 1, runs);
  // Active pairs, averaged over the run, read from the engine's own active set.
  const world = resolveWorld(scenario, {});
  const state = createState(world, { log: null });
  const ctx = createCtx(world, state, createStreams(1, world.ids));
  let activeSum = 0;
  for (let t = 0; t < world.steps; t++) { ctx.t = t; step(ctx); activeSum += state.activeLCount; }
  return { ms, active: activeSum / world.steps, perStepUs: (ms * 1000) / steps };
}
const sizes = quick ? [100, 200] : [100, 200, 400];
const scale: { n: number; ms: number; active: number; perStepUs: number }[] = [];
for (const n of sizes) {
  const r = scaled(n, 1200);
  scale.push({ n, ...r });
  rows.push([`Synthetic ${n} states, 1,200 steps`, `${fmt(r.ms)} ms/run`, `${r.perStepUs.toFixed(1)} us/step, ${Math.round(r.active)} active pairs of ${n * (n - 1)}`,
    n === 200 ? 'target <= 1000 ms/run' : `${((r.perStepUs * 1000) / r.active).toFixed(1)} ns/step per active pair`]);
}

// 4. Allocation in the hot loop: V8's sampling heap profiler, counting objects already collected
// too, over 1,000 steps of the 200-state region after 200 steps of warm-up.
type ProfileNode = { callFrame: { functionName: string; url: string }; selfSize: number; children: ProfileNode[] };
async function allocation(): Promise<{ bytesPerStep: number; steps: number; runMs: number; top: string }> {
  const scenario = syntheticScenario(200, 1200);
  const world = resolveWorld(scenario, {});
  const state = createState(world, { log: null });
  const ctx = createCtx(world, state, createStreams(1, world.ids));
  const reporters = regionalReporters();
  const data = new Float64Array(reporters.length);
  const run = (from: number, to: number) => {
    for (let t = from; t < to; t++) { ctx.t = t; step(ctx); for (let k = 0; k < reporters.length; k++) data[k] = reporters[k][1](ctx); }
  };
  run(0, 200);
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params: object = {}) =>
    new Promise<T>((res, rej) => session.post(method, params, (e, r) => (e ? rej(e) : res(r as T))));
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  const t0 = performance.now();
  run(200, world.steps);
  const runMs = performance.now() - t0;
  const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
  session.disconnect();
  const sites = new Map<string, number>();
  let total = 0;
  const walk = (node: ProfileNode) => {
    if (node.selfSize > 0) {
      total += node.selfSize;
      const f = node.callFrame;
      const at = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}`;
      sites.set(at, (sites.get(at) ?? 0) + node.selfSize);
    }
    node.children.forEach(walk);
  };
  walk(profile.head);
  const steps = world.steps - 200;
  const top = [...sites].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, v]) => `${k} ${(v / steps).toFixed(0)} B/step`).join('; ');
  return { bytesPerStep: total / steps, steps, runMs, top };
}
const alloc = await allocation();
rows.push(['Hot loop allocation (200 states, 1,000 steps)', `${alloc.bytesPerStep.toFixed(0)} bytes/step allocated`,
  `sampled every 512 bytes, collected objects included`, 'target: 0 per step']);

// 5. Experiments: the ASEAN scenario under both hypotheses through `npm run experiment`, with
// 1 and 2 workers, timed as a user sees it (whole command), with the process's peak memory.
if (!opts.skipExperiment) {
  const runs = Number(opts.experimentRuns ?? (quick ? 400 : 2000));
  const ex = experimentThroughput(Math.max(2, Math.round(runs / 2)));
  for (const e of ex.results) {
    rows.push([`Experiment, ASEAN x ${e.runs} runs, ${e.workers} worker${e.workers === 1 ? '' : 's'}`, `${e.seconds.toFixed(1)} s (${(e.runs / e.seconds).toFixed(0)} runs/s)`,
      `peak memory ${e.peakMB === null ? 'n/a' : `${e.peakMB.toFixed(0)} MB`}; 20,000 runs projected ${(20000 / (e.runs / e.seconds)).toFixed(0)} s`,
      e.workers === 2 ? 'target: 20,000 runs <= 30 s, < 400 MB' : '']);
  }
  if (ex.results.length === 2) {
    const [one, two] = ex.results;
    rows.push(['Parallel efficiency, 1 -> 2 workers', `${((one.seconds / (2 * two.seconds)) * 100).toFixed(0)}%`, 'time(1) / (2 x time(2)), whole command', 'target: >= 85%']);
  }
}

console.log(table(['measure', 'result', 'detail', 'target / note'], rows));
if (scale.length >= 2) {
  const a = scale[0], b = scale[scale.length - 1];
  console.log(`\nScaling ${a.n} -> ${b.n} states: time per step x${(b.perStepUs / a.perStepUs).toFixed(2)}, active pairs x${(b.active / a.active).toFixed(2)}, N squared x${((b.n / a.n) ** 2).toFixed(0)}.`);
}
console.log(`\nLargest allocation sites in the hot loop: ${alloc.top || 'none'}.`);

/** Runs `npm run experiment` on ASEAN x `replications` x both hypotheses with 1 and 2 workers. */
function experimentThroughput(replications: number): { results: { workers: number; runs: number; seconds: number; peakMB: number | null }[] } {
  const dir = mkdtempSync(join(tmpdir(), 'entente-bench-'));
  const file = join(dir, 'asean.yaml');
  writeFileSync(file, `name: ASEAN bench\ndescription: Throughput of the experiment runner.\nscenarios: [${JSON.stringify(resolve('scenarios/asean-admm.yaml'))}]\nhypotheses: [habits-first, trust-first]\nreplications: ${replications}\nanalysis: { resamples: 1000 }\n`);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const gnuTime = existsSync('/usr/bin/time');
  const results = [];
  try {
    for (const workers of [1, 2]) {
      const args = [process.execPath, '--import', tsx, resolve('src/cli/experiment.ts'), file, '--workers', String(workers), '--out', join(dir, `w${workers}`), '--quiet'];
      const t0 = performance.now();
      const r = gnuTime
        ? spawnSync('/usr/bin/time', ['-f', '%M', ...args], { encoding: 'utf8' })
        : spawnSync(args[0], args.slice(1), { encoding: 'utf8' });
      const seconds = (performance.now() - t0) / 1000;
      if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
      const kb = gnuTime ? Number(r.stderr.trim().split('\n').pop()) : NaN;
      results.push({ workers, runs: replications * 2, seconds, peakMB: Number.isFinite(kb) ? kb / 1024 : null });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { results };
}
