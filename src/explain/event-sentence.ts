/**
 * One event of a run in a plain sentence, for a feed a class watches as the run goes (the
 * explorer): the events a reader follows (forum meetings, tests, incidents, defections,
 * agreements, leadership changes, shocks, cancelled activities), with the scheduled event's note
 * when it has one. The many small rows (single signals, symbolic and reputation updates, stances)
 * are not news: they get no sentence, and the explanation of a pair accounts for them instead.
 */
import type { EventFields } from '../run/folder/schema.js';
import { possessive } from './text.js';

/** Display names by id: states, activities, forums and groups (an id without a name is shown as it is). */
export interface FeedNames {
  states: ReadonlyMap<string, string>;
  activities: ReadonlyMap<string, string>;
  forums: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
}

/** The event kinds that get a sentence. */
export const FEED_KINDS: readonly string[] = ['forum', 'test', 'incident', 'defection', 'agreement', 'leadership', 'shock', 'cancelled'];

const two = (v: number) => v.toFixed(2);

/**
 * The sentence for one row of events.jsonl (as `eventObject` makes it), or null for a kind that
 * is not news (see FEED_KINDS). The note of a scheduled event follows in parentheses.
 */
export function eventSentence(e: EventFields, names: FeedNames): string | null {
  const state = (id: string | null | undefined) => (id == null ? 'a state' : names.states.get(id) ?? id);
  const activity = (id: string | undefined) => (id === undefined ? null : (names.activities.get(id) ?? id).toLowerCase());
  const trustNow = e.trust === undefined || e.observer === undefined || e.subject === undefined
    ? ''
    : `; ${possessive(state(e.observer))} trust in ${state(e.subject)} is now ${two(e.trust)}`;
  let s: string | null;
  switch (e.kind) {
    case 'forum': {
      const what = activity(e.activity);
      s = `${names.forums.get(e.forum ?? '') ?? e.forum} met${what === null ? '' : ` (${what})`}, ${e.members} members.`;
      break;
    }
    case 'test':
      s = e.relied
        ? `${state(e.truster)} relied on ${state(e.trustee)}, who ${e.honoured ? 'honoured' : 'exploited'} it${trustNow}.`
        : `${state(e.truster)} did not rely on ${state(e.trustee)} when it counted${trustNow}.`;
      break;
    case 'incident': {
      const [a, b] = e.between ?? [];
      s = `Incident between ${state(a)} and ${state(b)}: it ${e.escalated ? 'escalated' : 'did not escalate'}${e.tension === undefined ? trustNow : `; tension between them ${two(e.tension)}`}.`;
      break;
    }
    case 'defection':
      s = `${state(e.state)} defected from a decision of ${names.groups.get(e.group ?? '') ?? e.group}${trustNow}.`;
      break;
    case 'agreement': {
      const [a, b] = e.between ?? [];
      s = `${state(a)} and ${state(b)} signed a defence cooperation agreement.`;
      break;
    }
    case 'leadership':
      s = `Leadership change in ${state(e.from)}${e.delta === undefined ? '' : `: its trust in ${state(e.to)} moved by ${e.delta >= 0 ? '+' : ''}${two(e.delta)} to ${two(e.trust ?? 0)}`}.`;
      break;
    case 'shock': {
      const [a, b] = e.between ?? [];
      const who = a == null ? 'the region' : b == null ? state(a) : `${state(a)} and ${state(b)}`;
      s = `A shock to ${who}${e.tension === undefined ? trustNow : `: tension ${two(e.tension)}`}.`;
      break;
    }
    case 'cancelled':
      s = `${state(e.from)} cancelled ${activity(e.activity) ?? 'an activity'} with ${state(e.to)}${trustNow}.`;
      break;
    default:
      return null;
  }
  return e.note === undefined ? s : `${s} (${e.note})`;
}
