/**
 * Run results -> file contents (pure functions; writing is the CLI's job). Numbers are written
 * in JavaScript's shortest round-trip form, so the same run gives the same bytes everywhere.
 */
import { EVENT_KINDS, F, type EventLog } from './event-log.js';
import type { RunResult } from '../run/simulate.js';
import type { World } from '../world/world.js';

/** The calendar month (YYYY-MM) of a step. */
export function stepDate(world: World, step: number): string {
  const m = world.startMonth + step * world.stepMonths;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

const num = (v: number): string => String(v);

/** Tidy per-step series: `step,date,<reporters...>`. */
export function seriesCsv(r: RunResult): string {
  const { columns, rows, data } = r.series;
  const width = columns.length;
  const lines = [['step', 'date', ...columns.slice(1)].join(',')];
  for (let t = 0; t < rows; t++) {
    const cells = [num(data[t * width]), stepDate(r.world, t)];
    for (let k = 1; k < width; k++) cells.push(num(data[t * width + k]));
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

/** Tidy per-pair trust: `step,date,from,to,trust` (from's trust in to). */
export function pairsCsv(r: RunResult): string {
  if (r.pairTrust === null) return '';
  const { n, ids } = r.world;
  const nn = n * n;
  const lines = ['step,date,from,to,trust'];
  for (let t = 0; t < r.series.rows; t++) {
    const date = stepDate(r.world, t);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i !== j) lines.push(`${t},${date},${ids[i]},${ids[j]},${num(r.pairTrust[t * nn + i * n + j])}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** One JSON object per line, one line per event. */
export function eventsJsonl(r: RunResult): string {
  const log = r.events;
  if (log === null) return '';
  const out: string[] = [];
  for (let k = 0; k < log.length; k++) out.push(JSON.stringify(eventObject(r.world, log, k)));
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

/** Event `k` of a run's log as the object written to events.jsonl (ids, not indices). */
export function eventObject(world: World, log: EventLog, k: number): Record<string, unknown> {
  const { ids, activities, groups, forums } = world;
  const id = (i: number) => (i >= 0 ? ids[i] : null);
  const kind = EVENT_KINDS[log.kind[k]];
  const flags = log.flags[k];
  const e: Record<string, unknown> = { step: log.step[k], date: stepDate(world, log.step[k]), kind };
  switch (kind) {
    case 'forum':
      e.forum = forums[log.actor[k]].id;
      e.activity = activities[log.activity[k]].id;
      e.members = log.value(k);
      break;
    case 'defection':
      e.state = id(log.actor[k]);
      e.group = groups[log.target[k]].id;
      if (log.observer[k] < 0) e.pressure = log.value(k);
      break;
    case 'incident':
    case 'shock':
    case 'agreement':
      e.between = [id(log.actor[k]), id(log.target[k])];
      if (kind === 'incident') e.escalated = (flags & F.escalated) !== 0;
      break;
    case 'test':
      e.trustee = id(log.actor[k]);
      e.truster = id(log.target[k]);
      e.relied = (flags & F.relied) !== 0;
      if (e.relied) e.honoured = (flags & F.honoured) !== 0;
      break;
    default:
      e.from = id(log.actor[k]);
      e.to = id(log.target[k]);
  }
  if (log.activity[k] >= 0 && e.activity === undefined) e.activity = activities[log.activity[k]].id;
  if (kind === 'activity') {
    e.heeded = (flags & F.heeded) !== 0;
    if (flags & F.misread) e.misread = true;
    if (flags & F.deceived) e.deceived = true;
    if (flags & F.suspicious) e.suspicious = true;
  }
  if (log.observer[k] >= 0) {
    e.observer = id(log.observer[k]);
    e.subject = id(log.subject[k]);
    e.drift = log.drift(k);
    e.delta = log.delta(k);
    e.trust = log.trust(k);
  } else if (kind === 'incident' || kind === 'shock') {
    e.tension = log.value(k);
  }
  return e;
}

/** Final matrices (rows and columns in `states` order), agreements, outcomes and per-state results. */
export function finalJson(r: RunResult): string {
  const { ids } = r.world;
  const f = r.final;
  return JSON.stringify({
    states: ids,
    step: r.series.rows - 1,
    date: stepDate(r.world, r.series.rows - 1),
    trust: f.trust,
    tension: f.tension,
    habit: f.habit,
    understanding: f.understanding,
    agreements: f.agreements.map(([i, j]) => [ids[i], ids[j]]),
    outcomes: f.outcomes,
    perState: f.states,
    network: f.network,
  }, null, 1) + '\n';
}
