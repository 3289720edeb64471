/**
 * The partner-pair recorder (MODEL 6b): per directed partner pair, what the hypothesis-neutral
 * metrics need, as tidy columns (one entry per pair). Partner pairs are the world's partners
 * (`world.partners`: a programme, a shared forum or group, a declared relation, a scheduled test
 * or incident) and, from the step after they sign, pairs that sign an agreement without being
 * partners already (a broadcast can bring two strangers to one).
 *
 * Per step it costs O(partner pairs): one belief read per pair, added to a running sum. Counts
 * come from the core's cumulative tallies (RunState.tally) at the end of the run, less their
 * value when a late pair joined.
 */
import { trustLogit, type Ctx } from '../core/pair.js';
import { sigmoid } from '../model/logistic.js';
import { RobustnessRecorder, type Robustness } from './robustness.js';

/** Per directed partner pair (entry k of every column), counts and payoffs since `since`. */
export interface PartnerStats {
  /** The pair, `i * n + j` (i the observer, truster or transmitter). */
  pair: Int32Array;
  /** First step the pair counts from: 0 for the world's partners, the step after signing for a late agreement pair. */
  since: Int32Array;
  /** Steps the pair was a partner pair (its exposure). */
  steps: Int32Array;
  /** Belief of i in j at the last step (probability). */
  belief: Float64Array;
  /** Sum of the end-of-step belief (probability) over the pair's steps. */
  beliefSum: Float64Array;
  activities: Float64Array;
  heeded: Float64Array;
  tests: Float64Array;
  relied: Float64Array;
  honoured: Float64Array;
  exploited: Float64Array;
  missed: Float64Array;
  /** i's payoff as truster: honoured x R + the S of each exploitation (S at the test's stake). */
  trusterPayoff: Float64Array;
  /** Magnitude of the S part: what i lost to j's exploitations. */
  exploitationLoss: Float64Array;
  /** The temptation payoff T that j took by exploiting i (reported apart, MODEL 6b). */
  exploiterGain: Float64Array;
  /** States in the world (pair k is i = pair[k] / n, j = pair[k] % n). */
  n: number;
  /** Months per step, for rates per pair-year. */
  stepMonths: number;
  /** The first scripted betrayal or defection that took place, or null (record/robustness.ts). */
  robustness: Robustness | null;
}

/** Records partner-pair statistics over a run: `begin` before step 0, `observe` after every step, `result` at the end. */
export class PartnerRecorder {
  private pairs: number[] = [];
  private since: number[] = [];
  private beliefSum: number[] = [];
  /** Tally and loss values when a late pair joined (zeros for the world's partners), 8 per pair. */
  private base: number[] = [];
  private isPartner: Uint8Array;
  private agreementsSeen = 0;
  private readonly robustness: RobustnessRecorder;

  constructor(c: Ctx) {
    const { w, n } = c;
    this.isPartner = new Uint8Array(n * n);
    const { start, list } = w.partners;
    for (let i = 0; i < n; i++) for (let k = start[i]; k < start[i + 1]; k++) this.add(i * n + list[k], 0, null);
    this.robustness = new RobustnessRecorder(c);
  }

  private add(p: number, since: number, c: Ctx | null): void {
    this.isPartner[p] = 1;
    this.pairs.push(p);
    this.since.push(since);
    this.beliefSum.push(0);
    if (c === null) { for (let q = 0; q < 8; q++) this.base.push(0); return; }
    const t = c.s.tally;
    this.base.push(t.activities[p], t.heeded[p], t.tests[p], t.relied[p], t.honoured[p], t.exploited[p], t.missed[p], c.s.loss[p]);
  }

  /** Before step 0: what the robustness metrics need of the initial state. */
  begin(c: Ctx): void {
    this.robustness.observe(c, -1);
  }

  /** After step `c.t`. */
  observe(c: Ctx): void {
    const { s, n, t } = c;
    // Late partners: agreements signed this step between pairs that were not partners.
    while (this.agreementsSeen < s.agreementCount) {
      const u = s.agreementOrder[this.agreementsSeen++];
      const i = Math.floor(u / n), j = u % n;
      if (this.isPartner[i * n + j] === 0) this.add(i * n + j, t + 1, c);
      if (this.isPartner[j * n + i] === 0) this.add(j * n + i, t + 1, c);
    }
    for (let k = 0; k < this.pairs.length; k++) {
      if (this.since[k] <= t) this.beliefSum[k] += sigmoid(trustLogit(c, this.pairs[k]));
    }
    this.robustness.observe(c, t);
  }

  /** The statistics at the end of the run, or after `steps` steps of it (after the last `observe`). */
  result(c: Ctx, steps = c.w.steps): PartnerStats {
    const { s, p, w } = c;
    const m = this.pairs.length;
    const col = () => new Float64Array(m);
    const r: PartnerStats = {
      pair: Int32Array.from(this.pairs), since: Int32Array.from(this.since), steps: new Int32Array(m),
      belief: col(), beliefSum: Float64Array.from(this.beliefSum),
      activities: col(), heeded: col(), tests: col(), relied: col(), honoured: col(), exploited: col(), missed: col(),
      trusterPayoff: col(), exploitationLoss: col(), exploiterGain: col(),
      n: c.n, stepMonths: w.stepMonths, robustness: this.robustness.result(),
    };
    const t = s.tally;
    for (let k = 0; k < m; k++) {
      const q = this.pairs[k], b = 8 * k;
      r.steps[k] = Math.max(0, steps - this.since[k]);
      r.belief[k] = sigmoid(trustLogit(c, q));
      r.activities[k] = t.activities[q] - this.base[b];
      r.heeded[k] = t.heeded[q] - this.base[b + 1];
      r.tests[k] = t.tests[q] - this.base[b + 2];
      r.relied[k] = t.relied[q] - this.base[b + 3];
      r.honoured[k] = t.honoured[q] - this.base[b + 4];
      r.exploited[k] = t.exploited[q] - this.base[b + 5];
      r.missed[k] = t.missed[q] - this.base[b + 6];
      // s.loss holds -S summed over the truster's exploitations (S <= 0 by default).
      r.exploitationLoss[k] = s.loss[q] - this.base[b + 7];
      r.trusterPayoff[k] = r.honoured[k] * p.payoffReward - r.exploitationLoss[k];
      r.exploiterGain[k] = r.exploited[k] * p.payoffTemptation;
    }
    return r;
  }
}
