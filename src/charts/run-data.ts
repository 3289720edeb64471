/**
 * Typed rows for the charts of one run, derived from the one read of a run folder
 * (`readRunFolder`, src/run/folder/) or from a run in memory: series rows, pair rows, event
 * rows (the schema's own type) and the final state.
 */
import type { RunResult } from '../run/simulate.js';
import { eventObject, finalObject, type FinalJson, type RunFolder, type RunJson, type SeriesRow } from '../run/folder/index.js';
import type { EventFields } from '../run/folder/schema.js';
import { outputDate } from '../model/calendar.js';

export type { SeriesRow };
/** One line of events.jsonl, every field of any kind optional (src/run/folder/schema.ts). */
export type EventRow = EventFields;
/** run.json, as the run folder's schema defines it (a run in memory has only what it knows). */
export type RunManifest = Pick<RunJson, 'seed' | 'hypothesis' | 'steps'> & Partial<Omit<RunJson, 'scenario'>> & { scenario: { name: string; file?: string; sha256?: string } };
/** final.json, as the run folder's schema defines it. */
export type FinalData = FinalJson;

/** One row of pairs.csv: `from`'s trust in `to` at a step. */
export interface PairRow {
  step: number;
  date: string;
  from: string;
  to: string;
  trust: number;
}

/** Everything a run holds, as typed rows (a run without pairs or events gives empty arrays). */
export interface RunData {
  manifest: RunManifest | null;
  series: SeriesRow[];
  pairs: PairRow[];
  events: EventRow[];
  final: FinalData;
}

/** Every directed pair's trust at every step as rows, in pairs.csv's order. */
function pairRows(pairTrust: Float64Array | null, ids: readonly string[], dates: readonly string[]): PairRow[] {
  if (pairTrust === null) return [];
  const n = ids.length;
  const out: PairRow[] = [];
  for (let t = 0; t < dates.length; t++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i !== j) out.push({ step: t, date: dates[t], from: ids[i], to: ids[j], trust: pairTrust[t * n * n + i * n + j] });
    }
  }
  return out;
}

/** A checked run folder as the charts read it. */
export function runDataOf(folder: RunFolder): RunData {
  return {
    manifest: folder.manifest,
    series: folder.series,
    pairs: pairRows(folder.pairTrust, folder.final.states, folder.dates),
    events: folder.events ?? [],
    final: folder.final,
  };
}

/** The same rows from an in-process run (`simulate(...)`), built by the functions that write the files. */
export function runData(r: RunResult, scenarioName?: string): RunData {
  const { columns, rows, data } = r.series;
  const width = columns.length;
  const dates = Array.from({ length: rows }, (_, t) => outputDate(r.world, t));
  const series = dates.map((date, t) => {
    const values: Record<string, number> = {};
    for (let k = 1; k < width; k++) values[columns[k]] = data[t * width + k];
    return { step: t, date, values };
  });
  const events: EventRow[] = [];
  if (r.events !== null) for (let k = 0; k < r.events.length; k++) events.push(eventObject(r.world, r.events, k));
  return {
    manifest: { scenario: { name: scenarioName ?? r.world.name ?? '' }, seed: r.seed, hypothesis: r.hypothesis, steps: r.world.steps },
    series,
    pairs: pairRows(r.pairTrust, r.world.ids, dates),
    events,
    final: finalObject(r),
  };
}
