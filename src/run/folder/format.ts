/**
 * Run results -> the contents of a run folder's files (pure functions). Numbers are written in
 * JavaScript's shortest round-trip form, so the same run gives the same bytes everywhere.
 *
 * Each file comes as a sequence of chunks (`*Chunks`), so that a long run is written to disk a
 * piece at a time and never held as one string (V8 caps a string at about 512 MB); the whole
 * text (`seriesCsv`...) is the chunks joined.
 */
import { EVENT_KINDS, EventFlag as F } from '../../core/events.js';
import type { EventLog } from '../../record/event-log.js';
import { outputDate } from '../../model/calendar.js';
import type { RunResult } from '../simulate.js';
import type { World } from '../../world/world.js';
import type { EventRowInput, FinalJson } from './schema.js';

/** Lines gathered into one chunk. */
const CHUNK_LINES = 4096;

const num = (v: number): string => String(v);

/** Lines joined into chunks of CHUNK_LINES, each line ending in a newline. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buf: string[] = [];
  for (const line of lines) {
    buf.push(line);
    if (buf.length === CHUNK_LINES) { yield buf.join('\n') + '\n'; buf = []; }
  }
  if (buf.length > 0) yield buf.join('\n') + '\n';
}

const joined = (chunks: Iterable<string>): string => {
  let s = '';
  for (const c of chunks) s += c;
  return s;
};

function* seriesLines(r: RunResult): Generator<string> {
  const { columns, rows, data } = r.series;
  const width = columns.length;
  yield ['step', 'date', ...columns.slice(1)].join(',');
  for (let t = 0; t < rows; t++) {
    const cells = [num(data[t * width]), outputDate(r.world, t)];
    for (let k = 1; k < width; k++) cells.push(num(data[t * width + k]));
    yield cells.join(',');
  }
}

/** Tidy per-step series, `step,date,<reporters...>`, in chunks: step 0 the initial state, then one row per month simulated. */
export function seriesChunks(r: RunResult): Iterable<string> {
  return chunked(seriesLines(r));
}

/** Tidy per-step series: `step,date,<reporters...>`. */
export function seriesCsv(r: RunResult): string {
  return joined(seriesChunks(r));
}

function* pairLines(r: RunResult, pairTrust: Float64Array): Generator<string> {
  const { n, ids } = r.world;
  const nn = n * n;
  yield 'step,date,from,to,trust';
  for (let t = 0; t < r.series.rows; t++) {
    const date = outputDate(r.world, t);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i !== j) yield `${t},${date},${ids[i]},${ids[j]},${num(pairTrust[t * nn + i * n + j])}`;
    }
  }
}

/** Tidy per-pair trust, `step,date,from,to,trust` (from's trust in to), in chunks; none without pairTrust. */
export function pairsChunks(r: RunResult): Iterable<string> {
  return r.pairTrust === null ? [] : chunked(pairLines(r, r.pairTrust));
}

/** Tidy per-pair trust: `step,date,from,to,trust` (from's trust in to). */
export function pairsCsv(r: RunResult): string {
  return joined(pairsChunks(r));
}

function* eventLines(r: RunResult, log: EventLog): Generator<string> {
  for (let k = 0; k < log.length; k++) yield JSON.stringify(eventObject(r.world, log, k));
}

/** One JSON object per line, one line per event, in chunks. */
export function eventsChunks(r: RunResult): Iterable<string> {
  return r.events === null ? [] : chunked(eventLines(r, r.events));
}

/** One JSON object per line, one line per event. */
export function eventsJsonl(r: RunResult): string {
  return joined(eventsChunks(r));
}

/**
 * Event `k` of a run's log as the object written to events.jsonl (ids, not indices). The key
 * order is the file's: step, date, kind, the kind's own fields, the activity, then the trust
 * row's fields (or the tension an incident or shock left), and last the note of a scheduled event
 * that has one (rows without a note are written as before notes were kept).
 */
export function eventObject(world: World, log: EventLog, k: number): EventRowInput {
  const row = eventFields(world, log, k);
  const note = log.noteOf(k);
  return note === null ? row : { ...row, note };
}

function eventFields(world: World, log: EventLog, k: number): EventRowInput {
  const { ids, activities, groups, forums } = world;
  const id = (i: number) => (i >= 0 ? ids[i] : null);
  const kind = EVENT_KINDS[log.kind[k]];
  const flags = log.flags[k];
  // The log counts the model's steps from 0; the files count the initial state as step 0, so an
  // event of the model's step t is written at step t + 1, dated with the month it happened in.
  const head = { step: log.step[k] + 1, date: outputDate(world, log.step[k] + 1) };
  const activity = log.activity[k] >= 0 ? { activity: activities[log.activity[k]].id } : {};
  const trust = log.observer[k] >= 0
    ? { observer: ids[log.observer[k]], subject: ids[log.subject[k]], drift: log.drift(k), delta: log.delta(k), trust: log.trust(k) }
    : null;
  const between = (): [string, string] => [ids[log.actor[k]], ids[log.target[k]]];
  switch (kind) {
    case 'forum':
      return { ...head, kind, forum: forums[log.actor[k]].id, activity: activities[log.activity[k]].id, members: log.value(k), ...trust };
    case 'defection':
      return { ...head, kind, state: ids[log.actor[k]], group: groups[log.target[k]].id, ...(trust === null ? { pressure: log.value(k) } : {}), ...activity, ...trust };
    case 'incident':
      return { ...head, kind, between: between(), escalated: (flags & F.escalated) !== 0, ...activity, ...(trust ?? { tension: log.value(k) }) };
    case 'shock':
      return { ...head, kind, between: [id(log.actor[k]), id(log.target[k])], ...activity, ...(trust ?? { tension: log.value(k) }) };
    case 'agreement':
      return { ...head, kind, between: between(), ...activity, ...trust };
    case 'test': {
      const relied = (flags & F.relied) !== 0;
      return { ...head, kind, trustee: ids[log.actor[k]], truster: ids[log.target[k]], relied, ...(relied ? { honoured: (flags & F.honoured) !== 0 } : {}), ...activity, ...trust };
    }
    case 'activity':
      return {
        ...head, kind, from: id(log.actor[k]), to: id(log.target[k]), ...activity, heeded: (flags & F.heeded) !== 0,
        ...(flags & F.misread ? { misread: true as const } : {}), ...(flags & F.deceived ? { deceived: true as const } : {}),
        ...(flags & F.suspicious ? { suspicious: true as const } : {}), ...trust,
      };
    default:
      return { ...head, kind, from: id(log.actor[k]), to: id(log.target[k]), ...activity, ...trust };
  }
}

/** final.json's object: final matrices (rows and columns in `states` order), agreements, outcomes and per-state results. */
export function finalObject(r: RunResult): FinalJson {
  const { ids } = r.world;
  const f = r.final;
  return {
    states: [...ids],
    step: r.series.rows - 1,
    date: outputDate(r.world, r.series.rows - 1),
    trust: f.trust,
    tension: f.tension,
    habit: f.habit,
    understanding: f.understanding,
    agreements: f.agreements.map(([i, j]) => [ids[i], ids[j]] as [string, string]),
    outcomes: f.outcomes,
    perState: f.states,
    network: f.network,
    ...(f.games === undefined ? {} : { games: f.games.map((g) => ({ ...g, between: [ids[g.between[0]], ids[g.between[1]]] as [string, string] })) }),
  };
}

/** final.json. */
export function finalJson(r: RunResult): string {
  return JSON.stringify(finalObject(r), null, 1) + '\n';
}
