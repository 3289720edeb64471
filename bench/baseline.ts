/**
 * The bench's yardstick: a minimal hand-written loop over flat typed arrays that performs the
 * same updates and random draws as the engine on the same workload, with none of its structure
 * (no policies, gating, events or recorder objects). The workload (which transmissions and
 * forum meetings happen at which step) is read from an engine run's event log, so both do the
 * same amount of work; the ratio engine / baseline is the engine's overhead.
 */
import seedrandom from 'seedrandom';
import type { RunResult } from '../src/index.js';

export interface Workload {
  n: number;
  steps: number;
  /** Per step: start offsets into the transmission arrays. */
  txStart: Int32Array;
  from: Int32Array;
  to: Int32Array;
  activity: Int32Array;
  /** Per step: start offsets into the meeting list; each meeting is a member list. */
  meetStart: Int32Array;
  meetings: Int32Array[];
  /** Per activity: ln LR, sigma, language and cultural loads, nine outcome weights. */
  lnLR: Float64Array;
  sigma: Float64Array;
  load: Float64Array;
  weights: Float64Array;
  /** Who watches each state's symbolic positioning (CSR), and the choice slots per state. */
  watchStart: Int32Array;
  watchList: Int32Array;
  slots: number;
}

/** Reads the workload from a run made with its event log. */
export function workloadOf(run: RunResult): Workload {
  const log = run.events;
  if (log === null) throw new Error('the workload needs a run with its event log');
  const { n, steps, activities, forums } = run.world;
  const txStart = new Int32Array(steps + 1), meetStart = new Int32Array(steps + 1);
  const from: number[] = [], to: number[] = [], activity: number[] = [];
  const meetings: Int32Array[] = [];
  let t = 0;
  for (let k = 0; k < log.length; k++) {
    while (t < log.step[k]) { t++; txStart[t] = from.length; meetStart[t] = meetings.length; }
    const kind = log.kind[k];
    if (kind === 0 || kind === 10) { from.push(log.actor[k]); to.push(log.target[k]); activity.push(log.activity[k]); }
    else if (kind === 8) meetings.push(forums[log.actor[k]].members);
  }
  while (t < steps) { t++; txStart[t] = from.length; meetStart[t] = meetings.length; }
  const A = activities.length;
  const weights = new Float64Array(A * 9);
  activities.forEach((a, k) => weights.set(a.weights, k * 9));
  return {
    n, steps, txStart, meetStart, meetings,
    from: Int32Array.from(from), to: Int32Array.from(to), activity: Int32Array.from(activity),
    lnLR: Float64Array.from(activities, (a) => a.lnLR), sigma: Float64Array.from(activities, (a) => a.sigma),
    load: Float64Array.from(activities, (a) => a.languageLoad + a.culturalLoad), weights,
    watchStart: run.world.watchers.start, watchList: run.world.watchers.list, slots: run.world.params.maxActsPerStep,
  };
}

/** Runs the yardstick loop; returns a checksum so the work cannot be optimised away. */
export function baselineRun(wl: Workload, seed: number): number {
  const { n, steps } = wl;
  const nn = n * n;
  const signal = seedrandom.alea(`baseline|${seed}|signal`);
  const choice = seedrandom.alea(`baseline|${seed}|choice`);
  const tests = seedrandom.alea(`baseline|${seed}|tests`);
  const L = new Float64Array(nn), L0 = new Float64Array(nn), lastL = new Int32Array(nn);
  const H = new Float64Array(nn), lastH = new Int32Array(nn);
  const X = new Float64Array(nn), X0 = new Float64Array(nn).fill(0.1), lastX = new Int32Array(nn);
  X.set(X0);
  const U = new Float64Array(nn).fill(0.3);
  const O = new Float64Array(9 * nn);
  const active = new Int32Array(nn), isActive = new Uint8Array(nn);
  let activeCount = 0;
  const T = new Float64Array(nn), W = new Float64Array(nn);
  const forget = new Float64Array(steps + 1), relax = new Float64Array(steps + 1), decay = new Float64Array(steps + 1);
  for (let d = 0; d <= steps; d++) { forget[d] = 0.97 ** d; relax[d] = 0.95 ** d; decay[d] = 0.98 ** d; }
  const tw = 0.8;
  let check = 0;
  const touch = (p: number, t: number) => {
    if (isActive[p] === 0) { isActive[p] = 1; active[activeCount++] = p; lastL[p] = t; return; }
    L[p] = L0[p] + (L[p] - L0[p]) * forget[t - lastL[p]];
    lastL[p] = t;
  };
  const habit = (p: number, t: number) => {
    let h = H[p];
    if (h !== 0) h *= decay[t - lastH[p]];
    H[p] = h + 0.08 * (1 - h);
    lastH[p] = t;
  };
  for (let t = 0; t < steps; t++) {
    // The engine's other draws: four per choice slot, three per state for tests.
    for (let k = 0; k < 4 * n * wl.slots; k++) check += choice();
    for (let k = 0; k < 3 * n; k++) check += tests();
    for (let k = wl.txStart[t]; k < wl.txStart[t + 1]; k++) {
      const i = wl.from[k], j = wl.to[k], a = wl.activity[k];
      const uMimic = signal(), uHeed = signal(), uMis = signal(), uDec = signal();
      if (uMimic >= tw + (1 - tw) * wl.sigma[a]) continue;
      const u = i < j ? i * n + j : j * n + i;
      const x = X0[u] + (X[u] - X0[u]) * relax[t - lastX[u]];
      const app = x <= 0.5 ? 1 : 1 - 2 * (x - 0.5);
      const ij = i * n + j, ji = j * n + i;
      const pMis = 0.1 * wl.load[a] * (1 - U[ij]);
      const rec = 0.8 + 0.2 * (O[7 * nn + ij] / (O[7 * nn + ij] + 1));
      if (uHeed >= rec) continue;
      let dL = app * 0.9 * (0.2 + 0.8 * H[ji]) * wl.lnLR[a];
      if (uDec < 0.01) dL = -0.5;
      else if (uMis < pMis) dL *= -0.5;
      touch(ji, t);
      L[ji] += 0.1 * dL;
      habit(ji, t); habit(ij, t);
      touch(ij, t);
      U[ij] += 0.02 * (1 - U[ij]); U[ji] += 0.02 * (1 - U[ji]);
      for (let o = 0; o < 9; o++) { const v = wl.weights[a * 9 + o] * app; if (v !== 0) O[o * nn + ij] += v; }
      // Symbolic positioning: weak evidence to the states that watch i.
      const sym = wl.weights[a * 9 + 1];
      if (sym > 0) {
        for (let q = wl.watchStart[i]; q < wl.watchStart[i + 1]; q++) {
          const o = wl.watchList[q];
          if (o === j) continue;
          touch(o * n + i, t);
          L[o * n + i] += 0.01 * sym * wl.lnLR[a];
        }
      }
      X[u] = Math.max(0, X0[u] + (X[u] - X0[u]) * relax[t - lastX[u]] - 0.01 * app);
      lastX[u] = t;
      if (L[ij] > 1.4 && L[ji] > 1.4 && H[ij] > 0.5 && H[ji] > 0.5) check++;
    }
    for (let g = wl.meetStart[t]; g < wl.meetStart[t + 1]; g++) {
      const m = wl.meetings[g], len = m.length;
      for (let x = 0; x < len; x++) for (let y = 0; y < len; y++) {
        if (x === y) continue;
        const p = m[x] * n + m[y];
        const l = L0[p] + (L[p] - L0[p]) * forget[t - lastL[p]];
        T[p] = l;
        const w = 2 / (1 + Math.exp(-l)) - 1;
        W[p] = w > 0 ? w : 0;
      }
      for (let x = 0; x < len; x++) for (let y = 0; y < len; y++) {
        if (x === y) continue;
        const i = m[x], j = m[y];
        let sw = 0, swl = 0;
        for (let z = 0; z < len; z++) {
          const k = m[z];
          if (k === i || k === j) continue;
          sw += W[i * n + k]; swl += W[i * n + k] * T[k * n + j];
        }
        if (sw > 0) { touch(i * n + j, t); L[i * n + j] += 0.1 * (sw / (sw + 1)) * (swl / sw - T[i * n + j]); }
      }
    }
    // The recorder: mean trust, spread, tension and habit over the active pairs.
    let sum = 0, sum2 = 0, hs = 0;
    for (let q = 0; q < activeCount; q++) {
      const p = active[q];
      const v = 1 / (1 + Math.exp(-(L0[p] + (L[p] - L0[p]) * forget[t - lastL[p]])));
      sum += v; sum2 += v * v;
      hs += H[p] * decay[t - lastH[p]];
    }
    check += sum + sum2 + hs;
  }
  return check;
}
