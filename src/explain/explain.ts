/**
 * Why did A's trust in B move? An exact decomposition of the change in one directed pair's trust
 * over a range of steps into the events that moved it and the forgetting between them.
 *
 * Trust is a probability T = σ(L), but the model adds evidence to the log-odds L (MODEL 7.1), and
 * between events L relaxes toward its baseline (forgetting). So in log-odds the change from the
 * start of step `from` to the end of step `to` is exactly the sum of each event's change
 * (`l2 − l1` of its row in the event log) and the forgetting before, between and after them.
 *
 * In probability terms the pieces do not add up (σ is not linear), so the probability change is
 * attributed in proportion to the log-odds contributions: a contribution of c out of a log-odds
 * change ΔL is given c / ΔL of the probability change ΔT. Shares are the same in both scales,
 * and both columns add up to the change exactly. Each event's probability change at the moment
 * it happened (what events.jsonl calls `delta`) is reported too, as `probabilityAtTheTime`; those
 * also add up, but depend on where trust stood when the event came.
 */
import { optionProblem, ProblemError, type Problem } from '../io/problem.js';
import type { ExplainRun, NoteRow, RowOutcome, TrustRow } from './run.js';
import { logit } from './run.js';
import { describe } from './text.js';

export interface ExplainQuery {
  /** Whose trust (a state id). */
  observer: string;
  /** In whom (a state id). */
  subject: string;
  /** First step of the range (default 0): trust is taken at the start of this step. */
  from?: number;
  /** Last step of the range (default: the run's last): trust is taken at the end of this step. */
  to?: number;
}

/** What a group of contributions is. `forgetting` gathers all the forgetting in the range. */
export type ContributionKind =
  | 'activity' | 'symbolic' | 'test' | 'incident' | 'defection' | 'reputation' | 'leadership' | 'forgetting' | (string & {});

/** One event that moved the pair's trust. */
export interface EventContribution {
  /** Position in the event log, from 0 (line `index + 1` of events.jsonl). */
  index: number;
  step: number;
  date: string;
  kind: string;
  /** Key of the group it belongs to. */
  group: string;
  /** Change in log-odds this event caused. */
  logOdds: number;
  /** Its share of the probability change (proportional to `logOdds`). */
  probability: number;
  /** The probability change it caused when it happened. */
  probabilityAtTheTime: number;
  /** Forgetting, in log-odds, since the previous event of the pair (or the start of the range). */
  forgettingBefore: number;
  /** Trust after the event (probability). */
  trustAfter: number;
}

/** Contributions of one kind (and activity, forum, outcome...), added up. */
export interface ContributionGroup {
  key: string;
  kind: ContributionKind;
  /** A noun phrase a student can read, with the count: "14 heeded signals at the ASEAN Defence Ministers' Meeting". */
  label: string;
  activity: string | null;
  forum: string | null;
  /** The group a defection was from. */
  group: string | null;
  outcome: RowOutcome | null;
  /** Number of events (0 for forgetting). */
  count: number;
  logOdds: number;
  /** Share of the probability change, proportional to `logOdds`. */
  probability: number;
  probabilityAtTheTime: number;
  /** `logOdds / change.logOdds` (negative for a group that pulled against the change); null when the change is 0. */
  share: number | null;
  firstStep: number | null;
  lastStep: number | null;
}

export interface Endpoint {
  step: number;
  date: string;
  /** Trust (probability) at the start of step `from`, or at the end of step `to`. */
  trust: number;
  logOdds: number;
}

export interface PairExplanation {
  run: string;
  observer: { id: string; name: string };
  subject: { id: string; name: string };
  from: Endpoint;
  to: Endpoint;
  change: { trust: number; logOdds: number };
  /** Every group, largest first (by absolute log-odds); forgetting is one group among them. */
  groups: ContributionGroup[];
  /** Every event in the range that moved the pair's trust, in the order they happened. */
  events: EventContribution[];
  /** Forgetting after the range's last event (log-odds). */
  forgettingAfter: number;
  /** Things that moved no trust but help to read it. */
  context: {
    /** Signals the subject sent the observer that the observer did not heed. */
    unheeded: number;
    /** Tests in which the observer chose not to rely on the subject. */
    notRelied: number;
    /** Incidents between the two that did not escalate. */
    incidents: number;
    /** Dates on which the two signed a defence cooperation agreement. */
    agreements: string[];
  };
  /** The explanation in plain sentences. */
  sentences: string[];
  /** How log-odds contributions map to the probability change, in words. */
  attribution: string;
}

export const ATTRIBUTION = 'Contributions add up exactly in log-odds, the scale in which the model adds evidence. '
  + 'The change in trust (a probability) is split in proportion to them: a contribution that is 40% of the '
  + 'log-odds change is given 40% of the probability change, so shares are the same in both scales.';

/**
 * Problems with a query against a run (unknown ids, a state paired with itself, a range outside
 * the run), each naming the option that asks for it (`--pair`, `--from`, `--to`).
 */
export function queryProblems(run: ExplainRun, q: ExplainQuery): Problem[] {
  const problems: Problem[] = [];
  const valid = `expected one of: ${run.ids.join(', ')}`;
  for (const id of [q.observer, q.subject]) {
    if (!run.ids.includes(id)) problems.push(optionProblem('--pair', `unknown state id "${id}"; ${valid}`));
  }
  if (q.observer === q.subject) problems.push(optionProblem('--pair', `a state's trust in itself is not modelled; name two different states`));
  const last = run.dates.length - 1;
  const range = `the run has steps 0 to ${last} (${run.dates[0]} to ${run.dates[last]})`;
  for (const [option, t] of [['--from', q.from], ['--to', q.to]] as const) {
    if (t !== undefined && !(Number.isInteger(t) && t >= 0 && t <= last)) problems.push(optionProblem(option, `step ${t} is outside the run; ${range}`));
  }
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    problems.push(optionProblem('--from', `the range starts after it ends (from step ${q.from}, ${run.dates[q.from] ?? '?'}, to step ${q.to}, ${run.dates[q.to] ?? '?'})`));
  }
  return problems;
}

const pairRowsCache = new WeakMap<ExplainRun, Map<number, TrustRow[]>>();
function rowsOf(run: ExplainRun, a: number, b: number): TrustRow[] {
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

interface Point { L: number; P: number }
const sigmoid = (l: number): number => 1 / (1 + Math.exp(-l));

/**
 * Explains the change in `observer`'s trust in `subject` over steps [from, to]. Pure: reads the
 * run, changes nothing. Throws a `ProblemError` for a query that does not fit the run
 * (`queryProblems`), and when an end of the range falls between two events of the pair and
 * neither pairs.csv nor the forgetting rate is available to place it (the problem names
 * `--from` or `--to`).
 */
export function explainPair(run: ExplainRun, q: ExplainQuery): PairExplanation {
  const problems = queryProblems(run, q);
  if (problems.length > 0) throw new ProblemError(problems);
  const n = run.ids.length;
  const last = run.dates.length - 1;
  const a = run.ids.indexOf(q.observer), b = run.ids.indexOf(q.subject);
  const from = q.from ?? 0, to = q.to ?? last;
  const rows = rowsOf(run, a, b);
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
  const dL = end.L - start.L;
  const dP = end.P - start.P;
  const toP = (c: number) => (dL !== 0 ? dP * (c / dL) : 0);

  // Events in the range and the forgetting before each.
  const events: EventContribution[] = [];
  const groups = new Map<string, ContributionGroup>();
  let prev: Point = start;
  let forgetting = 0, forgettingP = 0;
  for (const row of rows) {
    if (row.step < from) continue;
    if (row.step > to) break;
    const before = row.l1 - prev.L;
    forgetting += before;
    forgettingP += row.p1 - prev.P;
    const c = row.l2 - row.l1;
    const g = groupOf(row);
    events.push({
      index: row.index, step: row.step, date: run.dates[row.step], kind: row.kind, group: g.key,
      logOdds: c, probability: toP(c), probabilityAtTheTime: row.p2 - row.p1, forgettingBefore: before, trustAfter: row.p2,
    });
    let group = groups.get(g.key);
    if (group === undefined) {
      group = { ...g, label: '', count: 0, logOdds: 0, probability: 0, probabilityAtTheTime: 0, share: null, firstStep: row.step, lastStep: row.step };
      groups.set(g.key, group);
    }
    group.count++;
    group.logOdds += c;
    group.probabilityAtTheTime += row.p2 - row.p1;
    group.lastStep = row.step;
    prev = { L: row.l2, P: row.p2 };
  }
  const forgettingAfter = end.L - prev.L;
  forgetting += forgettingAfter;
  forgettingP += end.P - prev.P;
  if (forgetting !== 0) {
    groups.set('forgetting', {
      key: 'forgetting', kind: 'forgetting', label: '', activity: null, forum: null, group: null, outcome: null,
      count: 0, logOdds: forgetting, probability: 0, probabilityAtTheTime: forgettingP, share: null, firstStep: null, lastStep: null,
    });
  }
  const ranked = [...groups.values()];
  for (const g of ranked) {
    g.probability = toP(g.logOdds);
    g.share = dL !== 0 ? g.logOdds / dL : null;
  }
  ranked.sort((x, y) => Math.abs(y.logOdds) - Math.abs(x.logOdds) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));

  const context = contextOf(run, q.observer, q.subject, from, to);
  const explanation: PairExplanation = {
    run: run.title,
    observer: { id: q.observer, name: run.names[a] },
    subject: { id: q.subject, name: run.names[b] },
    from: { step: from, date: run.dates[from], trust: start.P, logOdds: start.L },
    to: { step: to, date: run.dates[to], trust: end.P, logOdds: end.L },
    change: { trust: dP, logOdds: dL },
    groups: ranked,
    events,
    forgettingAfter,
    context,
    sentences: [],
    attribution: ATTRIBUTION,
  };
  describe(run, explanation);
  return explanation;
}

/**
 * The group a row belongs to (its label is filled in by `describe`): activities by forum (or
 * activity kind, for bilateral ones) and by what became of them, tests by outcome, defections
 * by group; symbolic positioning, reputation, incidents and leadership changes each as one.
 */
function groupOf(row: TrustRow): Pick<ContributionGroup, 'key' | 'kind' | 'activity' | 'forum' | 'group' | 'outcome'> {
  const base = { kind: row.kind, activity: null as string | null, forum: null as string | null, group: null as string | null, outcome: null as RowOutcome | null };
  switch (row.kind) {
    case 'activity':
      return { ...base, key: `activity|${row.forum ?? ''}|${row.activity ?? ''}|${row.outcome ?? ''}`, activity: row.activity, forum: row.forum, outcome: row.outcome };

    case 'test':
      return { ...base, key: `test|${row.outcome ?? ''}`, outcome: row.outcome };
    case 'defection':
      return { ...base, key: `defection|${row.group ?? ''}`, group: row.group };
    default:
      return { ...base, key: row.kind };
  }
}

function contextOf(run: ExplainRun, observer: string, subject: string, from: number, to: number): PairExplanation['context'] {
  const inRange = (r: NoteRow) => r.step >= from && r.step <= to;
  const between = (r: NoteRow) => (r.a === observer && r.b === subject) || (r.a === subject && r.b === observer);
  let unheeded = 0, notRelied = 0, incidents = 0;
  const agreements: string[] = [];
  for (const r of run.notes) {
    if (!inRange(r)) continue;
    if (r.kind === 'unheeded' && r.a === subject && r.b === observer) unheeded++;
    else if (r.kind === 'not-relied' && r.a === observer && r.b === subject) notRelied++;
    else if (r.kind === 'incident' && between(r)) incidents++;
    else if (r.kind === 'agreement' && between(r)) agreements.push(run.dates[r.step]);
  }
  return { unheeded, notRelied, incidents, agreements };
}
