/**
 * The mutable state of one run: pairwise quantities in flat row-major typed arrays
 * (STYLE principle 7), allocated once. Trust is held as log-odds `L` (MODEL 9).
 *
 * Decay is lazy: `L`, `X` and `H` hold their value as of the step in `lastL`, `lastX`, `lastH`;
 * forgetting, relaxation and habit decay are applied in closed form when a pair is next
 * touched or read (core/pair.ts), so a step costs in proportion to the pairs it touches.
 */
import { OUTCOMES } from '../model/activity.js';
import { clampLogit, sigmoid } from '../model/logistic.js';
import type { Action } from '../game/game.js';
import type { Player } from '../game/strategy.js';
import { levelOfTension } from '../model/richardson.js';
import type { World } from './world.js';

/** Counters of what happened in the current step (reset at its start). */
export const COUNTERS = [
  'activities', 'heeded', 'misread', 'deceived', 'declined', 'suspicious',
  'incidents', 'escalations', 'defections', 'tests', 'honoured', 'exploited', 'agreements', 'forumMeetings',
] as const;
export type CounterName = (typeof COUNTERS)[number];
export const C = Object.fromEntries(COUNTERS.map((c, i) => [c, i])) as Record<CounterName, number>;

/**
 * Cumulative counts per directed pair over the whole run (index i * n + j), kept by the core for
 * the partner-pair metrics (MODEL 6b; record/partners.ts reads them). Never reset, never read
 * by the model itself.
 */
export interface PairTally {
  /** Activities i undertook toward j (not declined; declarations are not activities), and those j heeded. */
  activities: Int32Array;
  heeded: Int32Array;
  /** Tests of j by i (i the truster); those in which i relied; honoured; exploited. */
  tests: Int32Array;
  relied: Int32Array;
  honoured: Int32Array;
  exploited: Int32Array;
  /** Tests in which i did not rely although j would have honoured (the answer is drawn anyway). */
  missed: Int32Array;
}

/**
 * One pair's repeated game: every test between the two is a turn, whoever tests whom. `moves[0]`
 * are the lower-index state's moves, `moves[1]` the other's, oldest first; a player exists for
 * a side with a strategy (null: the reliance threshold or trustworthiness moves for it).
 */
export interface PairGame {
  readonly players: readonly [Player | null, Player | null];
  readonly moves: readonly [Action[], Action[]];
}

/**
 * The state of a run. `Log` is the event sink the run reports to (the core's `EventSink`, which
 * the recorder implements); the world stage only holds it, so it names no type of its own.
 */
export interface RunState<Log = unknown> {
  t: number;
  /**
   * Belief log-odds and its baseline (i's belief that j is trustworthy), n x n: the "trust" of
   * every output, formed the same way under both hypotheses (MODEL 6).
   */
  L: Float64Array;
  L0: Float64Array;
  lastL: Int32Array;
  /** Habit, n x n, and the step it is current to. */
  H: Float64Array;
  /** Habit floor: the part kept by good relationships, which does not decay (MODEL 5). */
  HF: Float64Array;
  lastH: Int32Array;
  /** Tension, kept in the upper triangle (i < j) only. */
  X: Float64Array;
  X0: Float64Array;
  lastX: Int32Array;
  U: Float64Array;
  /**
   * Richardson arming levels of rival pairs (docs/MODEL.md 7.15): i's level toward j at i * n + j;
   * null when the switch is off. Start at the mean level of the initial tension.
   */
  arms: Float64Array | null;
  /** Outcome accumulators per directed pair: `O[k * n * n + i * n + j]`. */
  O: Float64Array;
  /** Region totals of the nine outcomes. */
  outcomeTotals: Float64Array;
  capability: Float64Array;
  budget: Float64Array;
  credit: Float64Array;
  /** Constituency outcome gathered this year, per state. */
  constituency: Float64Array;
  agreement: Uint8Array;
  agreementCount: number;
  /** The agreements in the order they were signed, `i * n + j` with i < j (the first `agreementCount` entries). */
  agreementOrder: Int32Array;
  /** Agreement degree per state, and the network's running records (MODEL 7b). */
  agreementDegree: Int32Array;
  /** New ties that closed a triangle when signed. */
  triadicTies: number;
  /** Sums over new ties, when signed, of the endpoints' degrees and of twice the mean degree. */
  attachDegree: number;
  attachExpected: number;
  /** trust-first stance of i toward j: 1 extend, 0 withhold (MODEL 6). */
  stance: Uint8Array;
  /** Willingness of each state to take a leap of faith (log-odds); leadership events change it. */
  will: Float64Array;
  /** Last step j heeded a tied-hands signal from i (index i * n + j), -1 never (MODEL 6c). */
  lastTied: Int32Array;
  /** Share of the log-likelihood ratio j still grants i's tied-hands signals (index i * n + j). */
  credibility: Float64Array;
  /** Declarations sent, stances revoked, programme occurrences cancelled, audience costs paid this step. */
  declarations: number;
  revocations: number;
  cancelled: number;
  audienceCosts: number;
  /** Last activity i did toward j (routine repetition), -1 none. */
  lastAct: Int16Array;
  /** Last tested move of i toward j: 0 none (or forgiven), 1 honoured (or amends made), 2 exploited. */
  lastMove: Uint8Array;
  /** Last step at which i heeded a signal from j (GRIT reciprocation), -1 never. */
  lastHeard: Int32Array;
  /** GRIT per (i, target): initiative level 1..4, unreciprocated count, answer-until step. */
  gritLevel: Uint8Array;
  gritCount: Uint8Array;
  gritPause: Int32Array;
  gritSince: Int32Array;
  /** Target of the GRIT initiative chosen last (set by the choice phase). */
  gritTarget: number;
  /**
   * The repeated stage game of each pair in which a state has a strategy (MODEL 4b, tested
   * cooperation), keyed by the unordered pair's index lo * n + hi (lo < hi); created at the
   * pair's first test. Empty when no state has a strategy.
   */
  games: Map<number, PairGame>;
  /** Payoffs from tested cooperation, per directed pair (row: the state that gained or lost). */
  gain: Float64Array;
  loss: Float64Array;
  gainTotal: number;
  lossTotal: number;
  defections: Int32Array;
  counters: Float64Array;
  /** Per-pair counts over the run, for the recorder (MODEL 6b). */
  tally: PairTally;
  /** Active pair sets: pairs away from rest, so aggregates cost O(active), not O(n^2). */
  activeL: Int32Array;
  activeLCount: number;
  isActiveL: Uint8Array;
  activeX: Int32Array;
  activeXCount: number;
  isActiveX: Uint8Array;
  /** Sums over resting pairs: trust probability, its square; tension. */
  restTrust: number;
  restTrust2: number;
  restTension: number;
  /** Per-step choice buffers (partner and activity of each state's slots). */
  slotPartner: Int32Array;
  slotActivity: Int32Array;
  /** Scratch buffer for simultaneous updates (reputation, cascades), n x n. */
  scratch: Float64Array;
  scratch2: Float64Array;
  scratch3: Float64Array;
  defected: Uint8Array;
  /** Where events are reported; null: not kept. */
  log: Log | null;
}

/** A fresh run state for `world`, reporting events to `options.log` (null: events not kept). */
export function createState(world: World, options: { log: null }): RunState<never>;
export function createState<Log>(world: World, options: { log: Log | null }): RunState<Log>;
export function createState<Log>(world: World, options: { log: Log | null }): RunState<Log> {
  const { n, params } = world;
  const nn = n * n;
  const L0 = Float64Array.from(world.trust0);
  // No head start (MODEL 6): belief starts from the scenario's prior under every hypothesis.
  const X0 = new Float64Array(nn);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) X0[i * n + j] = world.tension0[i * n + j];
  let restTrust = 0, restTrust2 = 0, restTension = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const q = sigmoid(L0[i * n + j]);
      restTrust += q; restTrust2 += q * q;
      if (i < j) restTension += X0[i * n + j];
    }
  }
  const slots = n * Math.max(1, params.maxActsPerStep);
  return {
    t: 0,
    L: Float64Array.from(L0), L0, lastL: new Int32Array(nn),
    H: new Float64Array(nn), HF: new Float64Array(nn), lastH: new Int32Array(nn),
    X: Float64Array.from(X0), X0, lastX: new Int32Array(nn),
    U: Float64Array.from(world.understanding0),
    arms: initialArms(world, X0),
    O: new Float64Array(OUTCOMES.length * nn),
    outcomeTotals: new Float64Array(OUTCOMES.length),
    capability: Float64Array.from(world.capability0),
    budget: Float64Array.from(world.budget0),
    credit: new Float64Array(n),
    constituency: new Float64Array(n),
    agreement: new Uint8Array(nn), agreementCount: 0, agreementOrder: new Int32Array(Math.max(1, (n * (n - 1)) / 2)),
    agreementDegree: new Int32Array(n), triadicTies: 0, attachDegree: 0, attachExpected: 0,
    stance: new Uint8Array(nn), will: Float64Array.from(world.will),
    lastTied: new Int32Array(nn).fill(-1), credibility: new Float64Array(nn).fill(1),
    declarations: 0, revocations: 0, cancelled: 0, audienceCosts: 0,
    lastAct: new Int16Array(nn).fill(-1),
    lastMove: new Uint8Array(nn),
    lastHeard: new Int32Array(nn).fill(-1),
    gritLevel: new Uint8Array(nn).fill(1), gritCount: new Uint8Array(nn), gritPause: new Int32Array(nn).fill(-1),
    gritSince: new Int32Array(nn).fill(-1), gritTarget: -1, games: new Map(),
    gain: new Float64Array(nn), loss: new Float64Array(nn), gainTotal: 0, lossTotal: 0,
    defections: new Int32Array(n),
    counters: new Float64Array(COUNTERS.length),
    tally: {
      activities: new Int32Array(nn), heeded: new Int32Array(nn), tests: new Int32Array(nn), relied: new Int32Array(nn),
      honoured: new Int32Array(nn), exploited: new Int32Array(nn), missed: new Int32Array(nn),
    },
    activeL: new Int32Array(nn), activeLCount: 0, isActiveL: new Uint8Array(nn),
    activeX: new Int32Array(nn), activeXCount: 0, isActiveX: new Uint8Array(nn),
    restTrust, restTrust2, restTension,
    slotPartner: new Int32Array(slots).fill(-1), slotActivity: new Int32Array(slots).fill(-1),
    scratch: new Float64Array(nn), scratch2: new Float64Array(nn), scratch3: new Float64Array(nn),
    defected: new Uint8Array(n),
    log: options.log,
  };
}

/** Initial Richardson levels: both sides of a racing pair at the mean level of its initial tension. */
function initialArms(world: World, X0: Float64Array): Float64Array | null {
  const race = world.richardson;
  if (race === null) return null;
  const { n } = world;
  const arms = new Float64Array(n * n);
  for (const u of race.pairs) {
    const i = (u / n) | 0, j = u % n;
    arms[i * n + j] = arms[j * n + i] = levelOfTension(X0[u]);
  }
  return arms;
}
