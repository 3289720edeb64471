/**
 * The exact decomposition of a pair's change in trust over a range of steps: trust at the
 * range's ends (MODEL 7.1: between events L relaxes toward its baseline), then each event's
 * change and the forgetting before, between and after them, in probability and in log-odds.
 */
import { optionProblem, ProblemError } from '../io/problem.js';
import { logit, sigmoid } from '../model/logistic.js';
import type { ContributionGroup, EventContribution } from './explanation.js';
import { groupOf } from './groups.js';
import type { ExplainRun, TrustRow } from './run.js';

const pairRowsCache = new WeakMap<ExplainRun, Map<number, TrustRow[]>>();
export function rowsOf(run: ExplainRun, a: number, b: number): TrustRow[] {
  let byPair = pairRowsCache.get(run);
  if (byPair === undefined) {
    byPair = new Map();
    const n = run.ids.length;
    for (const row of run.rows) {
      const p = row.observer * n + row.subject;
      let list = byPair.get(p);
      if (list === undefined) byPair.set(p, (list = []));
      list.push(row);
    }
    pairRowsCache.set(run, byPair);
  }
  return byPair.get(a * run.ids.length + b) ?? [];
}

export interface Point { L: number; P: number }

/**
 * Trust at the start of step `from` and at the end of step `to`, from the pair's rows (and
 * pairs.csv or the forgetting rate between them). Throws a `ProblemError` naming `--from` or
 * `--to` when an end falls between two events and neither is available to place it.
 */
export function endpoints(run: ExplainRun, rows: TrustRow[], a: number, b: number, from: number, to: number): { start: Point; end: Point } {
  const n = run.ids.length;
  const last = run.dates.length - 1;
  const fin: Point = { P: run.finalTrust[a][b], L: logit(run.finalTrust[a][b]) };
  // Before its first row a pair sits at its starting trust: it has not moved, so nothing is forgotten.
  const initial: Point = rows.length > 0 ? { L: rows[0].l0, P: rows[0].p0 } : fin;

  /** Trust at the end of step t. */
  const endOf = (t: number, option: '--from' | '--to'): Point => {
    if (t === last) return fin;
    if (run.pairTrust !== null) {
      const P = run.pairTrust[t * n * n + a * n + b];
      return { P, L: logit(P) };
    }
    let k = -1;
    for (let lo = 0, hi = rows.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].step <= t) { k = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (k < 0) return initial;
    const row = rows[k];
    if (row.step === t) return { L: row.l2, P: row.p2 };
    // Between two events (or after the last): trust relaxes from row.l2 toward the baseline by
    // (1 - forgetting) a step, and reaches the next row's l1 (or the final trust) at its step.
    // L(t) = l2 + (end - l2) (1 - q^m) / (1 - q^D), q = 1 - forgetting: no baseline needed.
    const next = rows[k + 1];
    const endL = next !== undefined ? next.l1 : fin.L;
    const D = (next !== undefined ? next.step : last) - row.step;
    if (endL === row.l2) return { L: row.l2, P: row.p2 };
    if (run.forgetting === null) {
      const when = option === '--from' ? `the start of step ${from} (${run.dates[from]})` : `the end of step ${t} (${run.dates[t]})`;
      throw new ProblemError([optionProblem(option, `at ${when} ${run.ids[a]}'s trust in ${run.ids[b]} was between two of its events, `
        + `and placing it there needs the run's forgetting rate, which is unknown: ${run.caveats.join('; ') || 'the run has no pairs.csv'}. `
        + 'Rerun simulate with --pairs, or choose a range that starts and ends at steps with an event of the pair.')]);
    }
    const qf = 1 - run.forgetting;
    const denom = 1 - Math.pow(qf, D);
    if (denom === 0) return { L: row.l2, P: row.p2 };
    const L = row.l2 + (endL - row.l2) * ((1 - Math.pow(qf, t - row.step)) / denom);
    return { L, P: sigmoid(L) };
  };

  const start = from === 0 ? initial : endOf(from - 1, '--from');
  const end = endOf(to, '--to');
  return { start, end };
}

/**
 * Each event of the range with the forgetting before it, its group's totals (shares still to
 * fill), and the forgetting after the last, as one `forgetting` group. In probability an event
 * is given the change it made when it happened (`p2 - p1` of its row), and forgetting the
 * actual change between events (`p1` of a row minus `p2` of the pair's previous one, or the
 * start): these telescope, so they add up to `end.P - start.P` to rounding. Rows of one step
 * keep the log's order.
 */
export function contributions(run: ExplainRun, rows: TrustRow[], start: Point, end: Point, from: number, to: number):
  { events: EventContribution[]; groups: Map<string, ContributionGroup>; forgettingAfter: number; forgettingAfterTrust: number } {
  const events: EventContribution[] = [];
  const groups = new Map<string, ContributionGroup>();
  let prev: Point = start;
  let forgetting = 0, forgettingP = 0;
  for (const row of rows) {
    if (row.step < from) continue;
    if (row.step > to) break;
    const before = row.l1 - prev.L, beforeP = row.p1 - prev.P;
    forgetting += before;
    forgettingP += beforeP;
    const c = row.l2 - row.l1, cP = row.p2 - row.p1;
    const g = groupOf(row);
    events.push({
      index: row.index, step: row.step, date: run.dates[row.step], kind: row.kind, group: g.key,
      logOdds: c, probability: cP, forgettingBefore: before, forgettingBeforeTrust: beforeP, trustBefore: row.p1, trustAfter: row.p2,
    });
    let group = groups.get(g.key);
    if (group === undefined) {
      group = { ...g, label: '', count: 0, logOdds: 0, probability: 0, share: null, firstStep: row.step, lastStep: row.step };
      groups.set(g.key, group);
    }
    group.count++;
    group.logOdds += c;
    group.probability += cP;
    group.lastStep = row.step;
    prev = { L: row.l2, P: row.p2 };
  }
  const forgettingAfter = end.L - prev.L, forgettingAfterTrust = end.P - prev.P;
  forgetting += forgettingAfter;
  forgettingP += forgettingAfterTrust;
  if (forgetting !== 0 || forgettingP !== 0) {
    groups.set('forgetting', {
      key: 'forgetting', kind: 'forgetting', label: '', activity: null, forum: null, group: null, outcome: null,
      count: 0, logOdds: forgetting, probability: forgettingP, share: null, firstStep: null, lastStep: null,
    });
  }
  return { events, groups, forgettingAfter, forgettingAfterTrust };
}
