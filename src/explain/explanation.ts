/** What an explanation of a pair's trust is: the query, its contributions, their groups, its periods and the endpoints. */
import type { RowOutcome } from './run.js';

/** Groups named before the rest are gathered as smaller contributions, by default. */
export const DEFAULT_TOP = 8;
/** Chronological periods of the waterfall, at most, by default. */
export const DEFAULT_PERIODS = 10;

export interface ExplainQuery {
  /** Whose trust (a state id). */
  observer: string;
  /** In whom (a state id). */
  subject: string;
  /** First step of the range (default 0): trust is taken at the start of this step. */
  from?: number;
  /** Last step of the range (default: the run's last): trust is taken at the end of this step. */
  to?: number;
  /**
   * Groups named in the sentences, the table and the by-kind chart before the rest are
   * gathered as "smaller contributions" (default {@link DEFAULT_TOP}, 8): the sentences and the
   * table count the same remainder.
   */
  top?: number;
  /** Chronological periods of the waterfall, at most (default {@link DEFAULT_PERIODS}, 10). */
  periods?: number;
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
  /** The change in trust (probability) it caused when it happened: `trustAfter - trustBefore` (events.jsonl's `delta`). */
  probability: number;
  /** Forgetting, in log-odds, since the previous event of the pair (or the start of the range). */
  forgettingBefore: number;
  /** The same forgetting as the actual change in trust (probability): `trustBefore` minus trust after the previous event (or at the start). */
  forgettingBeforeTrust: number;
  /** Trust (probability) just before the event, after the forgetting since the previous one. */
  trustBefore: number;
  /** Trust (probability) just after the event. */
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
  /** Change in log-odds, the model's scale (MODEL 7.1). */
  logOdds: number;
  /** Change in trust (probability): the sum of its events' changes at the moment they happened (for forgetting, the actual changes between events). */
  probability: number;
  /**
   * `probability / movement`: the group's part of all the movement, up and down (negative for a
   * push down). The absolute shares of all groups add up to 1, so none is above 100%. Null when
   * nothing moved.
   */
  share: number | null;
  firstStep: number | null;
  lastStep: number | null;
}

/** The groups after the `top` largest, gathered: the "smaller contributions" of the sentences, the table and the chart. */
export interface SmallerContributions {
  /** How many groups. */
  groups: number;
  /** How many events they hold (forgetting counts none). */
  events: number;
  probability: number;
  logOdds: number;
  /** `probability / movement`; null when nothing moved. */
  share: number | null;
}

/**
 * A stretch of the range in chronological order: from trust just after the previous period's
 * last event (or at the start of the range) to trust just after its own last event (the last
 * period: to the end of the range), so it holds its events and the forgetting before them.
 * Both ends are levels trust actually had.
 */
export interface Period {
  /** Steps and months of its first and last events (the last period ends at the range's end). */
  firstStep: number;
  lastStep: number;
  firstDate: string;
  lastDate: string;
  trustBefore: number;
  trustAfter: number;
  /** Events in it. */
  events: number;
  /** Its groups' labels (counted within the period), largest change first. */
  largest: string[];
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
  /** Every group, largest first (by absolute change in trust); forgetting is one group among them. */
  groups: ContributionGroup[];
  /** Groups named before the rest are gathered (the query's `top`). */
  top: number;
  /** The groups after the first `top`, gathered; null when there are none. */
  smaller: SmallerContributions | null;
  /** All the movement, up and down: the sum of the groups' absolute changes in trust (what shares are of). */
  movement: number;
  /** Every event in the range that moved the pair's trust, in the order they happened. */
  events: EventContribution[];
  /** Forgetting after the range's last event (log-odds). */
  forgettingAfter: number;
  /** The same, as the actual change in trust (probability). */
  forgettingAfterTrust: number;
  /** The range in chronological periods, for the waterfall. */
  periods: Period[];
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
  /** How contributions are measured and what shares are of, in words. */
  attribution: string;
}

export const ATTRIBUTION = 'Each event is given the change in trust it made at the moment it happened (trust just after it '
  + 'minus just before it), and forgetting the actual change in trust between events, so the contributions add up '
  + 'exactly to the change over the range. Shares are of all the movement, up and down (the contributions in absolute '
  + 'value, added up), so no share is above 100% and a push down has a negative share. '
  + 'The log-odds column is the same decomposition in the scale in which the model adds evidence.';
