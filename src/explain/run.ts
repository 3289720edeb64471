/**
 * A finished run as an explanation reads it: the rows of the event log that moved trust (with
 * their log-odds), the few rows that moved none but help a reader (unheeded signals, tests not
 * relied on, incidents that did not escalate, agreements), the final trust matrix, the calendar,
 * and the display names of states, activities, forums and groups.
 *
 * Two builders fill it: `readRunDir` (read-run.ts) from a run folder written by
 * `npm run simulate`, and `runFromResult` (here) from a `simulate()` result in memory, whose log
 * still holds the exact log-odds.
 */
import { eventObject } from '../run/folder/format.js';
import { outputDate } from '../model/calendar.js';
import { logit, sigmoid } from '../model/logistic.js';
import type { RunResult } from '../run/simulate.js';
import type { EventRow } from '../run/folder/schema.js';
import type { World } from '../world/world.js';

/** What became of an activity the observer heeded, or of a test: the sub-kind a row is grouped by. */
export type RowOutcome =
  | 'heeded' | 'misread' | 'deceived' | 'suspicious' | 'suspicious-misread'
  | 'honoured' | 'exploited';

/** One event that moved one state's trust in another. */
export interface TrustRow {
  /** Position in the event log, from 0 (line `index + 1` of events.jsonl). */
  index: number;
  step: number;
  /** `activity`, `symbolic`, `test`, `incident`, `defection`, `reputation`, `leadership`, or a later kind. */
  kind: string;
  /** Whose trust moved, and in whom (indices into `ids`). */
  observer: number;
  subject: number;
  /** Transmitter and receiver of an activity or symbolic row (ids); null when the row has none. */
  from: string | null;
  to: string | null;
  activity: string | null;
  /** The forum whose meeting the row belongs to, when it happened at one. */
  forum: string | null;
  /** The group a defector defected from. */
  group: string | null;
  outcome: RowOutcome | null;
  /** The scenario's note on the scheduled event that made the row, if it has one. */
  note: string | null;
  /** Log-odds of the observer's trust: before the forgetting since the pair's previous row, before this event, after it. */
  l0: number;
  l1: number;
  l2: number;
  /** The same three as probabilities. */
  p0: number;
  p1: number;
  p2: number;
}

/** A row that moved no trust but tells a reader something about a pair. */
export interface NoteRow {
  index: number;
  step: number;
  /**
   * `unheeded`: an activity `a` sent `b` that `b` did not heed; `not-relied`: `a` chose not to
   * rely on `b` when tested; `incident`: an incident between `a` and `b` that did not escalate;
   * `agreement`: `a` and `b` signed a defence cooperation agreement.
   */
  kind: 'unheeded' | 'not-relied' | 'incident' | 'agreement';
  a: string;
  b: string;
  activity: string | null;
  forum: string | null;
  /** The scenario's note on the scheduled event that made the row, if it has one. */
  note: string | null;
}

export interface ExplainRun {
  /** A one-line description of the run: scenario name, hypothesis, seed. */
  title: string;
  /** State ids, in the order of the trust matrix. */
  ids: readonly string[];
  /** Display names of the states, in `ids` order (ids when the names are unknown). */
  names: readonly string[];
  /** Display names of activity kinds, forums and groups by id (missing ones are shown by id). */
  activityNames: ReadonlyMap<string, string>;
  forumNames: ReadonlyMap<string, string>;
  groupNames: ReadonlyMap<string, string>;
  /**
   * The calendar month (YYYY-MM) of every step of the output files: step 0 is the initial state
   * (before any activity, dated with the start month), steps 1.. the months simulated; its
   * length is the steps run + 1.
   */
  dates: readonly string[];
  /** Trust at the end of the run (`finalTrust[i][j]`: i's trust in j, a probability). */
  finalTrust: readonly (readonly number[])[];
  /** Every trust row, in the order the events happened. */
  rows: readonly TrustRow[];
  notes: readonly NoteRow[];
  /** With `--pairs`: every pair's trust at the end of every step (step 0: the initial state), `[step * n * n + i * n + j]`. */
  pairTrust: Float64Array | null;
  /** The run's per-step forgetting rate, when known: needed to place a range's ends between two events. */
  forgetting: number | null;
  /** Why the forgetting rate or the names are unknown, for messages; empty when both are known. */
  caveats: readonly string[];
}

/** One event-log row as events.jsonl holds it, optionally with the exact log-odds of a trust row (in memory only; from a file they are recomputed from the probabilities). */
export type LogEntry = EventRow & { l0?: number; l1?: number; l2?: number };


/**
 * Turns log entries (in log order) into trust rows and notes. Rows of a forum meeting are
 * attributed to the forum: a `forum` row opens the meeting; its members' transmissions of the
 * forum's activity, their symbolic positioning and any agreement follow, then the reputation
 * rows; anything else (the step's programmes and chosen activities) closes it. `members` gives a
 * forum's member ids when known, to tell a programme between members from the meeting.
 */
export function buildRows(entries: Iterable<LogEntry>, ids: readonly string[],
  members: ReadonlyMap<string, ReadonlySet<string>> = new Map()): { rows: TrustRow[]; notes: NoteRow[] } {
  const index = new Map(ids.map((id, i) => [id, i]));
  const rows: TrustRow[] = [];
  const notes: NoteRow[] = [];
  let meeting: { forum: string; step: number; activity: string | undefined; members: ReadonlySet<string> | undefined; reputation: boolean } | null = null;
  let k = -1;
  for (const e of entries) {
    k++;
    if (meeting !== null && meeting.step !== e.step) meeting = null;
    let forum: string | null = null;
    switch (e.kind) {
      case 'forum':
        meeting = { forum: e.forum ?? '', step: e.step, activity: e.activity, members: members.get(e.forum ?? ''), reputation: false };
        break;
      case 'reputation':
        if (meeting !== null) { meeting.reputation = true; forum = meeting.forum; }
        break;
      case 'activity':
      case 'declined':
      case 'symbolic':
        if (meeting !== null && !meeting.reputation && e.activity === meeting.activity
          && (meeting.members === undefined || (meeting.members.has(e.from ?? '') && meeting.members.has(e.to ?? '')))) {
          forum = meeting.forum;
        } else {
          meeting = null;
        }
        break;
      case 'agreement':
        break; // signed during a meeting or a programme: it neither opens nor closes one
      default:
        meeting = null;
    }
    if (e.observer !== undefined && e.subject !== undefined && (e.trust !== undefined || e.l2 !== undefined)) {
      const observer = index.get(e.observer);
      const subject = index.get(e.subject);
      if (observer === undefined || subject === undefined) continue; // the file reader reports these
      let l0: number, l1: number, l2: number, p0: number, p1: number, p2: number;
      if (e.l0 !== undefined && e.l1 !== undefined && e.l2 !== undefined) {
        l0 = e.l0; l1 = e.l1; l2 = e.l2;
        p0 = sigmoid(l0); p1 = sigmoid(l1); p2 = sigmoid(l2);
      } else {
        p2 = e.trust!;
        p1 = p2 - (e.delta ?? 0);
        p0 = p1 - (e.drift ?? 0);
        l0 = logit(p0); l1 = logit(p1); l2 = logit(p2);
      }
      rows.push({
        index: k, step: e.step, kind: e.kind, observer, subject,
        from: 'from' in e ? e.from : null, to: 'to' in e ? e.to : null, activity: e.activity ?? null, forum,
        group: e.kind === 'defection' ? e.group ?? null : null,
        outcome: outcomeOf(e), note: e.note ?? null, l0, l1, l2, p0, p1, p2,
      });
      continue;
    }
    // Rows that moved no trust but that a reader of one pair wants to know about.
    if (e.kind === 'activity' && e.heeded === false && e.from && e.to) {
      notes.push({ index: k, step: e.step, kind: 'unheeded', a: e.from, b: e.to, activity: e.activity ?? null, forum, note: e.note ?? null });
    } else if (e.kind === 'test' && e.relied === false && e.truster && e.trustee) {
      notes.push({ index: k, step: e.step, kind: 'not-relied', a: e.truster, b: e.trustee, activity: null, forum: null, note: e.note ?? null });
    } else if ((e.kind === 'incident' && e.escalated === false) || e.kind === 'agreement') {
      if (e.between) notes.push({ index: k, step: e.step, kind: e.kind, a: e.between[0], b: e.between[1], activity: null, forum: null, note: e.note ?? null });
    }
  }
  return { rows, notes };
}

function outcomeOf(e: LogEntry): RowOutcome | null {
  if (e.kind === 'activity') {
    if (e.deceived) return 'deceived';
    if (e.suspicious) return e.misread ? 'suspicious-misread' : 'suspicious';
    return e.misread ? 'misread' : 'heeded';
  }
  if (e.kind === 'test') return e.honoured === false ? 'exploited' : e.honoured ? 'honoured' : null;
  return null;
}

/** Display names and forum memberships of a resolved world. */
export function worldNames(w: World): Pick<ExplainRun, 'names' | 'activityNames' | 'forumNames' | 'groupNames'> & { members: Map<string, Set<string>> } {
  return {
    names: w.names,
    activityNames: new Map(w.activities.map((a) => [a.id, a.label])),
    forumNames: new Map(w.forums.map((f) => [f.id, f.name])),
    groupNames: new Map(w.groups.map((g) => [g.id, g.name])),
    members: new Map(w.forums.map((f) => [f.id, new Set(Array.from(f.members, (i) => w.ids[i]))])),
  };
}

/**
 * A `simulate()` result as an explanation reads it, straight from memory: the log's exact
 * log-odds, the world's names and forgetting rate, and `pairTrust` when the run kept it.
 * The result must have kept its event log (`events: true`, the default).
 */
export function runFromResult(r: RunResult): ExplainRun {
  const log = r.events;
  if (log === null) throw new Error('the run kept no event log (simulate with events: true to explain it)');
  const w = r.world;
  const entries: LogEntry[] = [];
  for (let k = 0; k < log.length; k++) {
    // The object events.jsonl holds, plus the exact log-odds a file does not keep.
    const e: LogEntry = eventObject(w, log, k);
    if (log.observer[k] >= 0) { e.l0 = log.l0[k]; e.l1 = log.l1[k]; e.l2 = log.l2[k]; }
    entries.push(e);
  }
  const named = worldNames(w);
  const { rows, notes } = buildRows(entries, w.ids, named.members);
  return {
    title: `${w.name}, ${r.hypothesis}, seed ${r.seed}`,
    ids: w.ids, names: named.names, activityNames: named.activityNames, forumNames: named.forumNames, groupNames: named.groupNames,
    dates: Array.from({ length: r.series.rows }, (_, t) => outputDate(w, t)),
    finalTrust: r.final.trust,
    rows, notes,
    pairTrust: r.pairTrust,
    forgetting: w.params.forgetting,
    caveats: [],
  };
}
