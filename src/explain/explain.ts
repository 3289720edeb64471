/**
 * Why did A's trust in B move? An exact decomposition of the change in one directed pair's trust
 * over a range of steps into the events that moved it and the forgetting between them.
 *
 * Trust is a probability T = σ(L); the model adds evidence to the log-odds L (MODEL 7.1), and
 * between events L relaxes toward its baseline (forgetting). Each event is given the change in
 * trust it made at the moment it happened (trust just after it minus just before it, the event
 * log's `delta`), and forgetting the actual change between events (trust before an event minus
 * trust after the pair's previous one, or the range's start; and from the last event to the
 * range's end). The levels telescope, so these add up exactly (to rounding) to T(end) − T(start),
 * and every running total in the order things happened is a level trust had, inside [0, 1].
 * The same decomposition in log-odds (`l2 − l1`, and the forgetting between) is reported too.
 *
 * An event's change in probability depends on where trust stood when it came (σ is steepest at
 * 0.5): two tests worth the same in log-odds can move trust by different amounts. That is what
 * happened, and what these numbers say.
 */
import { ProblemError } from '../io/problem.js';
import { contextOf } from './context.js';
import { contributions, endpoints, rowsOf } from './decompose.js';
import { ATTRIBUTION, DEFAULT_PERIODS, DEFAULT_TOP, type ExplainQuery, type PairExplanation } from './explanation.js';
import { rankGroups, smallerThan } from './groups.js';
import { periodsOf } from './periods.js';
import { queryProblems } from './query.js';
import type { ExplainRun } from './run.js';
import { describe, periodLabel } from './text.js';

export { ATTRIBUTION, DEFAULT_PERIODS, DEFAULT_TOP } from './explanation.js';
export type {
  ContributionGroup, ContributionKind, Endpoint, EventContribution, ExplainQuery, PairExplanation, Period, SmallerContributions,
} from './explanation.js';
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
  const top = Math.max(1, Math.floor(q.top ?? DEFAULT_TOP));
  const rows = rowsOf(run, a, b);
  const { start, end } = endpoints(run, rows, a, b, from, to);

  // Events in the range and the forgetting before each.
  const { events, groups, forgettingAfter, forgettingAfterTrust } = contributions(run, rows, start, end, from, to);
  const { ranked, movement } = rankGroups(groups);

  const context = contextOf(run, q.observer, q.subject, from, to);
  const explanation: PairExplanation = {
    run: run.title,
    observer: { id: q.observer, name: run.names[a] },
    subject: { id: q.subject, name: run.names[b] },
    from: { step: from, date: run.dates[from], trust: start.P, logOdds: start.L },
    to: { step: to, date: run.dates[to], trust: end.P, logOdds: end.L },
    change: { trust: end.P - start.P, logOdds: end.L - start.L },
    groups: ranked,
    top,
    smaller: smallerThan(ranked, top, movement),
    movement,
    events,
    forgettingAfter,
    forgettingAfterTrust,
    periods: [],
    context,
    sentences: [],
    attribution: ATTRIBUTION,
  };
  describe(run, explanation);
  explanation.periods = periodsOf(events, { from, to, start: start.P, end: end.P, forgettingAfter: forgettingAfterTrust },
    run.dates, q.periods ?? DEFAULT_PERIODS, (key, count) => periodLabel(run, explanation, key, count));
  return explanation;
}
