/**
 * The core's event vocabulary: the kinds of event a mechanism reports, the flags on an event,
 * and the sink it reports them to. The core owns these words; a recorder implements the sink
 * (record/event-log.ts keeps every event in columnar arrays), so the model never depends on
 * how, or whether, its events are kept.
 */

/** Every kind of event, in the order of its index (the number an event row stores). */
export const EVENT_KINDS = [
  'activity', // a transmission i -> j heard by j (or not): delta is j's trust in i
  'symbolic', // a watcher's trust moved by an activity's symbolic positioning
  'test', // a tested reliance: honoured or exploited
  'incident', // an incident at sea (escalated or not)
  'defection', // a state defected from a group decision on a core interest
  'reputation', // trust moved by witnesses at a forum meeting
  'leadership', // a leadership change shifted trust
  'shock', // an external shock changed tension
  'forum', // a forum meeting took place
  'agreement', // a defence cooperation agreement was signed
  'declined', // an activity an untrustworthy state chose not to go through with (not observed)
  'stance', // trust-first: a declaration of trust (delta is the receiver's trust in the declarer) or a revocation (delta is the partner's trust in the revoker)
  'cancelled', // a scheduled programme occurrence gated out: delta is the partner's trust in the canceller
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The index of each event kind in `EVENT_KINDS`. */
export const EVENT_KIND_INDEX = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<EventKind, number>;

/** Flags on an event (bits, combined with `|`). */
export const EventFlag = {
  heeded: 1,
  misread: 2,
  deceived: 4,
  suspicious: 8, // above its tension ceiling, so it aroused suspicion (appropriateness < 0)
  honoured: 16,
  exploited: 32,
  escalated: 64,
  relied: 128,
} as const;

/**
 * Where the core reports events. Trust rows carry `observer` (whose trust moved), `subject` (in
 * whom) and three log-odds: `l0` before the forgetting since the pair was last touched, `l1`
 * after it (just before the event) and `l2` after the event. Other rows keep their one number
 * (tension, pressure, members) in `l2` and 0 in `l0`, `l1`. Unused indices are -1. The rows a
 * scheduled event with a note made are annotated with it afterwards, so no mechanism carries it.
 */
export interface EventSink {
  push(step: number, kind: number, actor: number, target: number, observer: number, subject: number,
    activity: number, flags: number, l0: number, l1: number, l2: number): void;
  /** Rows pushed so far. */
  readonly length: number;
  /** Gives the rows from `from` to the last pushed the scenario's note of the scheduled event that made them. */
  annotate(from: number, note: string): void;
}
