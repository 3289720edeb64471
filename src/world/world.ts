/**
 * The resolved world: a validated scenario turned into read-only, index-addressed structures
 * (ids to indices, defaults filled, pairwise constants as row-major `Float64Array(n*n)`).
 * Nothing here changes during a run; what changes lives in `RunState` (state.ts).
 */
import type { Game } from '../game/game.js';
import type { Strategy } from '../game/strategy.js';
import type { ActivitySpec } from '../model/activity.js';
import type { Params } from '../model/params.js';

/** Policy codes (per state, after resolving `auto` against the hypothesis). */
export const Policy = { auto: 0, routine: 1, 'trust-gated': 2, grit: 3, reciprocal: 4 } as const;
export const POLICY_AUTO = 0;
export const POLICY_ROUTINE = 1;
export const POLICY_TRUST = 2;
export const POLICY_GRIT = 3;
export const POLICY_RECIPROCAL = 4;

/** Activity kind with derived constants. */
export interface Activity extends ActivitySpec {
  id: string;
  index: number;
  /** ln(LR): evidence of one full-weight heeded occurrence, in log-odds. */
  lnLR: number;
  /** Kydd's sigma = 1/LR: chance an untrustworthy state mimics it. */
  sigma: number;
  /** Outcome weights in OUTCOMES order. */
  weights: Float64Array;
}

export interface Forum {
  id: string;
  name: string;
  members: Int32Array;
  track: number;
  activity: number;
  start: number;
  every: number;
  end: number;
  /** Step from which members adopt a code for unplanned encounters (-1: never). */
  codeFrom: number;
}

export interface Group {
  id: string;
  name: string;
  members: Int32Array;
  closeness: number;
}

/** One directed programme line (a programme to several states becomes several lines). */
export interface ProgrammeLine {
  from: number;
  /** Receiver, or -1 for a broadcast to every other state. */
  to: number;
  activity: number;
  start: number;
  every: number;
  end: number;
  mutual: boolean;
}

/**
 * A scheduled event, resolved. `note` is the scenario's words for it (e.g. "Scarborough Shoal
 * stand-off, April 2012"), null when it has none: the model never reads it; the event log keeps
 * it on the event's rows, for the timeline and explanations.
 */
export type WorldEvent =
  | { type: 'coreInterestIssue'; step: number; note: string | null; group: number; issue: number; decision: number }
  | { type: 'incident'; step: number; note: string | null; a: number; b: number; escalates: boolean | undefined }
  | { type: 'leadershipChange'; step: number; note: string | null; state: number; trustShift: number; will: number | null; toward: Int32Array | null }
  | { type: 'shock'; step: number; note: string | null; states: Int32Array; tension: number }
  | { type: 'test'; step: number; note: string | null; truster: number; trustee: number; stake: number; honours: boolean | undefined };

/**
 * The rival pairs whose tension follows Richardson's arms race (docs/MODEL.md 7.15): their
 * upper-triangle indices i * n + j (i < j), ascending, and a flag per unordered pair.
 */
export interface RichardsonPairs {
  pairs: Int32Array;
  /** 1 at `upper(i, j)` for a racing pair, n x n. */
  isPair: Uint8Array;
}

/** A compressed adjacency list (CSR): neighbours of i are `list[start[i] .. start[i+1])`. */
export interface Adjacency {
  start: Int32Array;
  list: Int32Array;
}

export interface World {
  readonly name: string;
  readonly n: number;
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly steps: number;
  readonly stepMonths: number;
  /** Calendar month index (year * 12 + month - 1) of step 0. */
  readonly startMonth: number;
  readonly params: Params;
  /** Trust-first weight: 0 habits-first, 1 trust-first. */
  readonly blend: number;
  readonly hypothesis: string;

  // --- state attributes (length n) ---
  readonly capability0: Float64Array;
  readonly equivocation: Float64Array;
  readonly receptivity: Float64Array;
  readonly seniority: Float64Array;
  readonly empathy: Float64Array;
  readonly transparency: Float64Array;
  readonly restraint: Float64Array;
  /** Willingness to take a leap of faith (log-odds, trust-first), at the start; leadership events change it. */
  readonly will: Float64Array;
  readonly trustworthiness: Float64Array;
  readonly sovereignty: Float64Array;
  readonly naval: Float64Array;
  readonly budget0: Float64Array;
  readonly policy: Uint8Array;
  /**
   * Each state's strategy for tested cooperation (the game layer), null where the reliance
   * threshold and trustworthiness decide (MODEL 4b); `anyStrategy` when at least one is set.
   */
  readonly strategies: readonly (Strategy | null)[];
  readonly anyStrategy: boolean;
  /** The stage game the strategies play: the parameters' payoffs R, S, T, P (MODEL 6c). */
  readonly game: Game;
  /** Salience and stance per (state, issue), row-major n x issues. */
  readonly salience: Float64Array;
  readonly stance: Float64Array;
  readonly issueIds: readonly string[];

  // --- pairwise constants (n x n, row-major) ---
  /** Language distance: 0 for a shared primary language, else 1 - the lower English proficiency. */
  readonly lang: Float64Array;
  /** Normalised cultural distance in [0,1]. */
  readonly cult: Float64Array;
  readonly aims: Float64Array;
  readonly trust0: Float64Array;
  readonly tension0: Float64Array;
  readonly understanding0: Float64Array;

  // --- structure ---
  readonly activities: readonly Activity[];
  /** Index in `activities` of trust-first's declaration of trust (after the catalogue kinds). */
  readonly declaration: number;
  /** Indices of bilateral kinds, sorted by ambition then cost (for discretionary choice). */
  readonly bilateral: Int32Array;
  readonly groups: readonly Group[];
  readonly forums: readonly Forum[];
  readonly programmes: readonly ProgrammeLine[];
  /** Events sorted by step; `eventStart[t]` indexes the first event at step t (length steps+1). */
  readonly events: readonly WorldEvent[];
  readonly eventStart: Int32Array;
  /** Partners each state may choose or test: co-members of groups and forums, programme counterparts. */
  readonly partners: Adjacency;
  /** Co-members of any group: the states watching a state's symbolic positioning. */
  readonly watchers: Adjacency;
  readonly rivals: Adjacency;
  /** Rival pairs under Richardson's arms race; null when the scenario's `richardson` switch is off. */
  readonly richardson: RichardsonPairs | null;
  /** Per pair (n x n), the step from which both adopted a code for unplanned encounters; -1 never. */
  readonly codeFrom: Int32Array;
  /** Sum over unordered pairs of naval_i * naval_j (sets the incident rate). */
  readonly navalPairSum: number;
}
