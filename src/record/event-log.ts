/**
 * The event log: every activity, misreading, deception, test, incident, defection, forum
 * meeting and agreement, with the change in trust it caused. Columnar typed arrays that grow by
 * doubling, so logging allocates only when capacity runs out, never per event.
 *
 * Trust rows carry `observer` (whose trust moved), `subject` (in whom) and three log-odds:
 * `l0` before the forgetting since the pair was last touched, `l1` after it (just before the
 * event) and `l2` after the event. `drift(k)` and `delta(k)` turn them into probabilities (the
 * hot loop stores log-odds and leaves the exponentials to whoever reads the log). Summed over a
 * pair's rows, drift + delta, plus the forgetting after its last row, give the pair's whole
 * change: explanations add up. Other rows keep their one number (tension, pressure...) in `l2`.
 * The rows of a scheduled event with a note (`annotate`) index the table of notes.
 */
import type { EventSink } from '../core/events.js';
import { sigmoid } from '../model/logistic.js';

/** The recorder's event sink: one row per event, in columnar arrays. */
export class EventLog implements EventSink {
  length = 0;
  step = new Int32Array(1024);
  kind = new Uint8Array(1024);
  /** Actor: transmitter, tested state, defector, incident side a, forum index. */
  actor = new Int32Array(1024);
  /** Target: receiver, truster, incident side b; -1 none. */
  target = new Int32Array(1024);
  observer = new Int32Array(1024);
  subject = new Int32Array(1024);
  activity = new Int16Array(1024);
  flags = new Uint8Array(1024);
  /** Trust rows: log-odds before forgetting, before the event, after it. Other rows: `l2` is the value. */
  l0 = new Float64Array(1024);
  l1 = new Float64Array(1024);
  l2 = new Float64Array(1024);
  /** Row k's note is `notes[note[k] - 1]`; 0: none. Only rows of scheduled events with a note have one. */
  note = new Uint32Array(1024);
  /** The distinct notes, in the order first logged (a note is stored once, not per row). */
  readonly notes: string[] = [];
  private readonly noteIndex = new Map<string, number>();

  push(step: number, kind: number, actor: number, target: number, observer: number, subject: number,
    activity: number, flags: number, l0: number, l1: number, l2: number): void {
    if (this.length === this.step.length) this.grow();
    const k = this.length++;
    this.step[k] = step; this.kind[k] = kind; this.actor[k] = actor; this.target[k] = target;
    this.observer[k] = observer; this.subject[k] = subject; this.activity[k] = activity; this.flags[k] = flags;
    this.l0[k] = l0; this.l1[k] = l1; this.l2[k] = l2;
  }

  annotate(from: number, note: string): void {
    let ref = this.noteIndex.get(note);
    if (ref === undefined) {
      this.notes.push(note);
      this.noteIndex.set(note, (ref = this.notes.length));
    }
    this.note.fill(ref, Math.max(0, from), this.length);
  }

  /** The note of row k (the scenario's words for the scheduled event that made it); null when it has none. */
  noteOf(k: number): string | null { return this.note[k] === 0 ? null : this.notes[this.note[k] - 1]; }

  /** Change in trust (probability) from forgetting just before event k (trust rows). */
  drift(k: number): number { return sigmoid(this.l1[k]) - sigmoid(this.l0[k]); }
  /** Change in trust (probability) caused by event k (trust rows). */
  delta(k: number): number { return sigmoid(this.l2[k]) - sigmoid(this.l1[k]); }
  /** Observer's trust in subject after event k (trust rows). */
  trust(k: number): number { return sigmoid(this.l2[k]); }
  /** The number a non-trust row carries (tension, pressure, members). */
  value(k: number): number { return this.l2[k]; }

  private grow(): void {
    const cap = this.step.length * 2;
    const g = <T extends Int32Array | Uint8Array | Int16Array | Uint32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.step = g(this.step); this.kind = g(this.kind); this.actor = g(this.actor); this.target = g(this.target);
    this.observer = g(this.observer); this.subject = g(this.subject); this.activity = g(this.activity);
    this.flags = g(this.flags); this.l0 = g(this.l0); this.l1 = g(this.l1); this.l2 = g(this.l2); this.note = g(this.note);
  }
}
