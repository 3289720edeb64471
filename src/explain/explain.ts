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
import { ProblemError } from '../io/problem.js';
import { contextOf } from './context.js';
import { contributions, endpoints, rowsOf } from './decompose.js';
import { ATTRIBUTION, type ExplainQuery, type PairExplanation } from './explanation.js';
import { rankGroups } from './groups.js';
import { queryProblems } from './query.js';
import type { ExplainRun } from './run.js';
import { describe } from './text.js';

export { ATTRIBUTION } from './explanation.js';
export type { ContributionGroup, ContributionKind, Endpoint, EventContribution, ExplainQuery, PairExplanation } from './explanation.js';
export { queryProblems } from './query.js';

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
  const last = run.dates.length - 1;
  const a = run.ids.indexOf(q.observer), b = run.ids.indexOf(q.subject);
  const from = q.from ?? 0, to = q.to ?? last;
  const rows = rowsOf(run, a, b);
  const { start, end } = endpoints(run, rows, a, b, from, to);
  const dL = end.L - start.L;
  const dP = end.P - start.P;
  const toP = (c: number) => (dL !== 0 ? dP * (c / dL) : 0);

  // Events in the range and the forgetting before each.
  const { events, groups, forgettingAfter } = contributions(run, rows, start, end, from, to, toP);
  const ranked = rankGroups(groups, dL, toP);

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
