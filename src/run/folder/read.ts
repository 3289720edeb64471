/**
 * The one reader of a run folder (run.json, series.csv, final.json, and events.jsonl and
 * pairs.csv when the run wrote them). Every file is checked against its schema and against what
 * run.json records of it (line count, size, SHA-256): a damaged or changed file is a problem
 * naming the file (and the first bad line, where one is bad), never read as a result.
 * Charts, explanations and reports derive their views from this one read.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../../io/hash.js';
import type { LoadResult, Problem } from '../../io/problem.js';
import { parseEvents, parseJsonFile, parsePairs, parseSeries, type SeriesRow } from './parse.js';
import { FinalJson, RunJson, type EventRow } from './schema.js';

/** A file of a run folder larger than this is refused rather than read (V8's strings stop at about 512 MB). */
export const MAX_RUN_FILE_BYTES = 400 * 1024 * 1024;

/** Everything a run folder holds, checked. */
export interface RunFolder {
  dir: string;
  manifest: RunJson;
  /** series.csv's columns after step and date, and its rows. */
  columns: string[];
  series: SeriesRow[];
  /** The month (YYYY-MM) of every step of the files, step 0 (the initial state, dated with the start month) first; its length is the steps run + 1. */
  dates: string[];
  final: FinalJson;
  /** events.jsonl; null when the run was written without it (--no-events). */
  events: EventRow[] | null;
  /** pairs.csv as `[step * n * n + i * n + j]` (NaN on the diagonal); null without it. */
  pairTrust: Float64Array | null;
}

const whole = (file: string, message: string, path = ''): Problem => ({ file, path, line: 0, column: 0, message });
const NOT_A_RUN = 'expected a run folder written by npm run simulate';

/** Reads and checks a run folder; every problem is returned, none thrown. */
export function readRunFolder(dir: string): LoadResult<RunFolder> {
  if (!existsSync(dir)) return { ok: false, problems: [whole(dir, `no such folder; ${NOT_A_RUN}`)] };
  if (!statSync(dir).isDirectory()) return { ok: false, problems: [whole(dir, `is a file; ${NOT_A_RUN}`)] };
  const problems: Problem[] = [];
  const path = (name: string) => join(dir, name);
  const read = (name: string, missing: string | null): { text: string; bytes: Buffer } | null => {
    const file = path(name);
    try {
      const st = statSync(file);
      if (!st.isFile()) { problems.push(whole(file, 'is not a regular file')); return null; }
      if (st.size > MAX_RUN_FILE_BYTES) { problems.push(whole(file, `is too large to read (${Math.round(st.size / 2 ** 20)} MB; at most ${MAX_RUN_FILE_BYTES / 2 ** 20} MB)`)); return null; }
      const bytes = readFileSync(file);
      return { text: bytes.toString('utf8'), bytes };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') problems.push(whole(file, `cannot be read (${code ?? String(e)})`));
      else if (missing !== null) problems.push(whole(file, missing));
      return null;
    }
  };

  const runText = read('run.json', `no such file; ${NOT_A_RUN}`);
  const manifest = runText === null ? null : parseJsonFile(runText.text, path('run.json'), RunJson, 'the manifest of a run', problems);
  const listed = (name: string) => manifest === null || manifest.files.includes(name);
  const seriesText = read('series.csv', 'no such file; the calendar and the regional series are read from it');
  const finalText = read('final.json', 'no such file; the final state of the run is read from it');
  const eventsText = read('events.jsonl', listed('events.jsonl') ? 'no such file, although run.json lists it' : null);
  const pairsText = read('pairs.csv', listed('pairs.csv') && manifest !== null ? 'no such file, although run.json lists it' : null);

  // Damage: a file that is not what run.json recorded of it.
  if (manifest?.records !== undefined) {
    const texts: Record<string, { text: string; bytes: Buffer } | null> = { 'series.csv': seriesText, 'final.json': finalText, 'events.jsonl': eventsText, 'pairs.csv': pairsText };
    for (const [name, rec] of Object.entries(manifest.records)) {
      const got = texts[name];
      if (got === undefined || got === null) continue;
      let lines = 0;
      for (let at = got.bytes.indexOf(10); at >= 0; at = got.bytes.indexOf(10, at + 1)) lines++;
      if (lines !== rec.lines) problems.push(whole(path(name), `is damaged: it has ${lines} lines, but run.json records ${rec.lines} (lines were lost or added since simulate wrote it)`));
      else if (got.bytes.length !== rec.bytes || sha256(got.bytes) !== rec.sha256) problems.push(whole(path(name), 'is damaged: its contents differ from those simulate wrote (the SHA-256 recorded in run.json differs)'));
    }
  }

  const series = seriesText === null ? null : parseSeries(seriesText.text, path('series.csv'), problems);
  const final = finalText === null ? null : parseJsonFile(finalText.text, path('final.json'), FinalJson, 'the final state of a run', problems);
  if (final !== null) checkFinal(final, path('final.json'), problems);
  // series.csv has the initial state (step 0) and one row per step run (1 .. steps).
  if (manifest !== null && series !== null && series.rows.length !== manifest.steps + 1) {
    problems.push(whole(path('series.csv'), `has ${series.rows.length - 1} steps after the initial state (rows for steps 0 to ${series.rows.length - 1}), but run.json says ${manifest.steps}`));
  }
  if (final !== null && series !== null && final.step !== series.rows.length - 1) {
    problems.push(whole(path('final.json'), `is ${final.step}, but series.csv ends at step ${series.rows.length - 1}`, 'step'));
  }
  if (problems.length > 0 || manifest === null || series === null || final === null) return { ok: false, problems };

  const steps = series.rows.length;
  const events = eventsText === null ? null : parseEvents(eventsText.text, path('events.jsonl'), new Set(final.states), steps, problems);
  const pairTrust = pairsText === null ? null : parsePairs(pairsText.text, path('pairs.csv'), final.states, steps, problems);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { dir, manifest, columns: series.columns, series: series.rows, dates: series.rows.map((r) => r.date), final, events, pairTrust },
  };
}

/** final.json's matrices are n x n over its distinct states, trust a probability off the diagonal. */
function checkFinal(f: FinalJson, file: string, problems: Problem[]): void {
  const n = f.states.length;
  if (new Set(f.states).size !== n) { problems.push(whole(file, 'expected distinct state ids', 'states')); return; }
  for (const key of ['trust', 'tension', 'habit', 'understanding'] as const) {
    const m = f[key];
    const bad = m.length !== n ? -1 : m.findIndex((row) => row.length !== n);
    if (m.length !== n || bad >= 0) { problems.push(whole(file, `expected a ${n} x ${n} matrix`, bad >= 0 ? `${key}[${bad}]` : key)); return; }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    const v = f.trust[i][j];
    if (i !== j && !(v > 0 && v < 1)) { problems.push(whole(file, `expected a probability strictly between 0 and 1, got ${v}`, `trust[${i}][${j}]`)); return; }
  }
}
