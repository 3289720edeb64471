/** What an explanation of a pair's trust is: the query, its contributions, their groups and the endpoints. */
import type { RowOutcome } from './run.js';

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
