/**
 * Reads a run folder written by `npm run simulate` (run.json, events.jsonl, series.csv,
 * final.json, and pairs.csv when the run kept it) into an `ExplainRun`. Every problem is
 * collected with its file and line, never thrown.
 *
 * The folder holds ids only: display names, and the forgetting rate that places a range's ends
 * between two events, come from the scenario file named in run.json, used only if its SHA-256
 * is the one recorded (looked for relative to the working folder, the run folder's parents and
 * Entente's own folder). Without it, states and forums are shown by id and activities by their
 * catalogue label; with pairs.csv the forgetting rate is not needed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, Problem } from '../io/document.js';
import { CATALOGUE } from '../model/catalogue.js';
import { parseScenario } from '../scenario/load.js';
import { MODEL_VERSION } from '../version.js';
import { resolveWorld } from '../world/resolve.js';
import { buildRows, type ExplainRun, type LogEntry, worldNames } from './run.js';

/** At most this many problems in one file are listed (a corrupt file would give thousands). */
const MAX_PROBLEMS_PER_FILE = 10;

interface Manifest {
  scenario: { name: string; file: string; sha256: string };
  seed: string | number;
  hypothesis: string;
  steps: number;
  modelVersion: string;
  files: string[];
}

export function readRunDir(dir: string): LoadResult<ExplainRun> {
  const problems: Problem[] = [];
  const whole = (file: string, message: string): Problem => ({ file, path: '', line: 0, column: 0, message });
  if (!existsSync(dir)) return { ok: false, problems: [whole(dir, 'no such folder; expected a run folder written by npm run simulate')] };
  if (!statSync(dir).isDirectory()) return { ok: false, problems: [whole(dir, 'is a file; expected a run folder written by npm run simulate')] };
  const path = (name: string) => join(dir, name);
  const read = (name: string): string | null => {
    try {
      return readFileSync(path(name), 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') problems.push(whole(path(name), `cannot be read (${code ?? String(e)})`));
      return null;
    }
  };

  // run.json: the manifest.
  const manifestText = read('run.json');
  let manifest: Manifest | null = null;
  if (manifestText === null) {
    if (!problems.some((p) => p.file === path('run.json'))) problems.push(whole(path('run.json'), 'no such file; is this a run folder written by npm run simulate?'));
  } else {
    manifest = parseManifest(manifestText, path('run.json'), problems);
  }

  // events.jsonl: the event log; a run written with --no-events has none.
  const eventsText = read('events.jsonl');
  if (eventsText === null && !problems.some((p) => p.file === path('events.jsonl'))) {
    const noEvents = manifest !== null && !manifest.files.includes('events.jsonl');
    problems.push(whole(path('events.jsonl'), noEvents
      ? 'the run was written with --no-events, so it has no event log to explain; rerun simulate without --no-events'
      : 'no such file; the event log is needed to explain a pair'));
  }

  // final.json: final trust and the state ids.
  const finalText = read('final.json');
  let final: { states: string[]; trust: number[][]; step: number } | null = null;
  if (finalText === null) {
    if (!problems.some((p) => p.file === path('final.json'))) problems.push(whole(path('final.json'), 'no such file; the final trust is needed'));
  } else {
    final = parseFinal(finalText, path('final.json'), problems);
  }

  // series.csv: the calendar, one row per step.
  const seriesText = read('series.csv');
  let dates: string[] | null = null;
  if (seriesText === null) {
    if (!problems.some((p) => p.file === path('series.csv'))) problems.push(whole(path('series.csv'), 'no such file; the calendar (step, date) is read from it'));
  } else {
    dates = parseDates(seriesText, path('series.csv'), problems);
  }
  if (manifest !== null && dates !== null && dates.length !== manifest.steps) {
    problems.push(whole(path('series.csv'), `has ${dates.length} steps, but run.json says ${manifest.steps}`));
  }
  if (final !== null && dates !== null && final.step !== dates.length - 1) {
    problems.push({ file: path('final.json'), path: 'step', line: 0, column: 0, message: `is ${final.step}, but series.csv ends at step ${dates.length - 1}` });
  }
  if (problems.length > 0 || manifest === null || final === null || dates === null || eventsText === null) return { ok: false, problems };

  const ids = final.states;
  const n = ids.length;
  const entries = parseEvents(eventsText, path('events.jsonl'), new Set(ids), dates.length, problems);
  const pairsText = read('pairs.csv');
  const pairTrust = pairsText === null ? null : parsePairs(pairsText, path('pairs.csv'), ids, dates.length, problems);
  if (problems.length > 0 || entries === null) return { ok: false, problems };

  // Names and the forgetting rate from the scenario, when it is the very file the run used.
  const caveats: string[] = [];
  const scenario = findScenario(manifest, dir, caveats);
  let names: string[] = [...ids];
  let activityNames = new Map<string, string>(Object.entries(CATALOGUE).map(([id, a]) => [id, a.label]));
  let forumNames: ReadonlyMap<string, string> = new Map();
  let groupNames: ReadonlyMap<string, string> = new Map();
  let members = new Map<string, Set<string>>();
  let forgetting: number | null = null;
  if (scenario !== null) {
    try {
      const world = resolveWorld(scenario, { hypothesis: manifest.hypothesis, steps: manifest.steps });
      if (world.ids.length === n && world.ids.every((id, i) => id === ids[i])) {
        const named = worldNames(world);
        names = [...named.names];
        activityNames = new Map([...activityNames, ...named.activityNames]);
        forumNames = named.forumNames;
        groupNames = named.groupNames;
        members = named.members;
        if (manifest.modelVersion === MODEL_VERSION) forgetting = world.params.forgetting;
        else caveats.push(`the run was made by model version ${manifest.modelVersion}, not ${MODEL_VERSION}, so its forgetting rate may differ`);
      } else {
        caveats.push(`the scenario file "${manifest.scenario.file}" names other states than final.json`);
      }
    } catch (e) {
      caveats.push(`the scenario file "${manifest.scenario.file}" could not be resolved (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const { rows, notes } = buildRows(entries, ids, members);
  return {
    ok: true,
    value: {
      title: `${manifest.scenario.name}, ${manifest.hypothesis}, seed ${manifest.seed}`,
      ids, names, activityNames, forumNames, groupNames, dates,
      finalTrust: final.trust, rows, notes, pairTrust, forgetting, caveats,
    },
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string, file: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    problems.push({ file, path: '', line: 0, column: 0, message: `is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
    return undefined;
  }
}

function parseManifest(text: string, file: string, problems: Problem[]): Manifest | null {
  const m = parseJson(text, file, problems);
  if (m === undefined) return null;
  const bad = (path: string, message: string) => { problems.push({ file, path, line: 0, column: 0, message }); };
  if (!isRecord(m)) { bad('', 'expected a JSON object (the run manifest)'); return null; }
  const before = problems.length;
  const s = m.scenario;
  if (!isRecord(s) || typeof s.name !== 'string' || typeof s.file !== 'string' || typeof s.sha256 !== 'string') bad('scenario', 'expected { name, file, sha256 }');
  if (typeof m.seed !== 'string' && typeof m.seed !== 'number') bad('seed', 'expected a number or a word');
  if (typeof m.hypothesis !== 'string') bad('hypothesis', 'expected a string');
  if (!Number.isSafeInteger(m.steps) || (m.steps as number) < 1) bad('steps', 'expected a whole number of steps');
  if (typeof m.modelVersion !== 'string') bad('modelVersion', 'expected a string');
  if (!Array.isArray(m.files) || !m.files.every((f) => typeof f === 'string')) bad('files', 'expected a list of file names');
  return problems.length === before ? (m as unknown as Manifest) : null;
}

function parseFinal(text: string, file: string, problems: Problem[]): { states: string[]; trust: number[][]; step: number } | null {
  const f = parseJson(text, file, problems);
  if (f === undefined) return null;
  const bad = (path: string, message: string) => { problems.push({ file, path, line: 0, column: 0, message }); return null; };
  if (!isRecord(f)) return bad('', 'expected a JSON object (the final state)');
  const states = f.states;
  if (!Array.isArray(states) || states.length < 2 || !states.every((s) => typeof s === 'string') || new Set(states).size !== states.length) {
    return bad('states', 'expected a list of at least two distinct state ids');
  }
  const n = states.length;
  const trust = f.trust;
  if (!Array.isArray(trust) || trust.length !== n) return bad('trust', `expected a ${n} x ${n} matrix`);
  for (let i = 0; i < n; i++) {
    const row = trust[i];
    if (!Array.isArray(row) || row.length !== n) return bad(`trust[${i}]`, `expected ${n} numbers`);
    for (let j = 0; j < n; j++) {
      const v = row[j];
      if (i !== j && !(typeof v === 'number' && v > 0 && v < 1)) return bad(`trust[${i}][${j}]`, `expected a probability strictly between 0 and 1, got ${JSON.stringify(v)}`);
    }
  }
  if (!Number.isSafeInteger(f.step)) return bad('step', 'expected the last step number');
  return { states: states as string[], trust: trust as number[][], step: f.step as number };
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseDates(text: string, file: string, problems: Problem[]): string[] | null {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').split(',');
  if (header[0] !== 'step' || header[1] !== 'date') {
    problems.push({ file, path: '', line: 1, column: 1, message: 'expected a header starting "step,date"' });
    return null;
  }
  const dates: string[] = [];
  for (let k = 1; k < lines.length; k++) {
    const [step, date] = lines[k].split(',', 2);
    if (step !== String(k - 1) || date === undefined || !DATE.test(date)) {
      problems.push({ file, path: '', line: k + 1, column: 1, message: `expected step ${k - 1} and its date (YYYY-MM), got "${lines[k].slice(0, 40)}"` });
      return null;
    }
    dates.push(date);
  }
  if (dates.length === 0) {
    problems.push({ file, path: '', line: 0, column: 0, message: 'has no steps' });
    return null;
  }
  return dates;
}

const KNOWN_BOOLEANS = ['heeded', 'misread', 'deceived', 'suspicious', 'relied', 'honoured', 'escalated'] as const;

function parseEvents(text: string, file: string, ids: ReadonlySet<string>, steps: number, problems: Problem[]): LogEntry[] | null {
  const entries: LogEntry[] = [];
  let found = 0;
  const bad = (line: number, message: string) => {
    if (found++ < MAX_PROBLEMS_PER_FILE) problems.push({ file, path: '', line, column: 1, message });
  };
  let line = 0;
  let at = 0;
  let lastStep = 0;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const raw = text.slice(at, nl);
    at = nl + 1;
    line++;
    let e: unknown;
    try { e = JSON.parse(raw); } catch { bad(line, 'expected one JSON object per line'); continue; }
    if (!isRecord(e)) { bad(line, 'expected a JSON object'); continue; }
    const step = e.step;
    if (!Number.isSafeInteger(step) || (step as number) < 0 || (step as number) >= steps) { bad(line, `step: expected a step from 0 to ${steps - 1}, got ${JSON.stringify(step)}`); continue; }
    if ((step as number) < lastStep) { bad(line, `step: ${step as number} comes after step ${lastStep}; events must be in the order they happened`); continue; }
    lastStep = step as number;
    if (typeof e.kind !== 'string') { bad(line, 'kind: expected a string'); continue; }
    for (const key of KNOWN_BOOLEANS) if (e[key] !== undefined && typeof e[key] !== 'boolean') { bad(line, `${key}: expected true or false`); }
    const trustRow = e.observer !== undefined || e.subject !== undefined || e.trust !== undefined;
    if (trustRow) {
      let ok = true;
      for (const key of ['observer', 'subject'] as const) {
        if (typeof e[key] !== 'string' || !ids.has(e[key] as string)) { bad(line, `${key}: expected a state id of final.json, got ${JSON.stringify(e[key])}`); ok = false; }
      }
      for (const key of ['drift', 'delta'] as const) {
        if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) { bad(line, `${key}: expected a number`); ok = false; }
      }
      const p = e.trust;
      if (typeof p !== 'number' || !(p > 0 && p < 1)) { bad(line, `trust: expected a probability strictly between 0 and 1, got ${JSON.stringify(p)}`); ok = false; }
      if (ok) {
        const p1 = (p as number) - (e.delta as number), p0 = p1 - (e.drift as number);
        if (!(p1 > 0 && p1 < 1 && p0 > 0 && p0 < 1)) { bad(line, 'trust - delta - drift: expected probabilities strictly between 0 and 1'); ok = false; }
      }
      if (!ok) continue;
    }
    entries.push(e as unknown as LogEntry);
  }
  if (found > MAX_PROBLEMS_PER_FILE) problems.push({ file, path: '', line: 0, column: 0, message: `and ${found - MAX_PROBLEMS_PER_FILE} more problems` });
  return found > 0 ? null : entries;
}

function parsePairs(text: string, file: string, ids: readonly string[], steps: number, problems: Problem[]): Float64Array | null {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const out = new Float64Array(steps * n * n).fill(Number.NaN);
  let found = 0;
  const bad = (line: number, message: string) => {
    if (found++ < MAX_PROBLEMS_PER_FILE) problems.push({ file, path: '', line, column: 1, message });
  };
  let at = text.indexOf('\n');
  if (at < 0 || text.slice(0, at) !== 'step,date,from,to,trust') {
    bad(1, 'expected the header "step,date,from,to,trust"');
    return null;
  }
  let line = 1;
  at++;
  while (at < text.length) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const cells = text.slice(at, nl).split(',');
    at = nl + 1;
    line++;
    const t = Number(cells[0]), i = index.get(cells[2]), j = index.get(cells[3]), v = Number(cells[4]);
    if (cells.length !== 5 || !Number.isInteger(t) || t < 0 || t >= steps || i === undefined || j === undefined || !(v > 0 && v < 1)) {
      bad(line, `expected step,date,from,to,trust with a step of the run, two state ids and a probability, got "${cells.join(',').slice(0, 60)}"`);
      continue;
    }
    out[t * n * n + i * n + j] = v;
  }
  for (let p = 0; p < out.length && found === 0; p++) {
    const i = Math.floor(p / n) % n, j = p % n;
    if (i !== j && Number.isNaN(out[p])) bad(0, `has no row for step ${Math.floor(p / (n * n))}, ${ids[i]} -> ${ids[j]}`);
  }
  if (found > MAX_PROBLEMS_PER_FILE) problems.push({ file, path: '', line: 0, column: 0, message: `and ${found - MAX_PROBLEMS_PER_FILE} more problems` });
  return found > 0 ? null : out;
}

/** The scenario named in run.json, if a file with the recorded SHA-256 is found; otherwise null and a caveat. */
function findScenario(m: Manifest, dir: string, caveats: string[]) {
  const file = m.scenario.file;
  const candidates: string[] = [];
  if (isAbsolute(file)) candidates.push(file);
  else {
    candidates.push(resolve(file));
    for (let d = resolve(dir); ; d = dirname(d)) {
      candidates.push(join(d, file));
      if (dirname(d) === d) break;
    }
    candidates.push(join(fileURLToPath(new URL('../..', import.meta.url)), file));
  }
  let changed = false;
  for (const c of new Set(candidates)) {
    let bytes: Buffer;
    try { bytes = readFileSync(c); } catch { continue; }
    if (createHash('sha256').update(bytes).digest('hex') !== m.scenario.sha256) { changed = true; continue; }
    const loaded = parseScenario(bytes.toString('utf8'), c);
    if (loaded.ok) return loaded.value;
    caveats.push(`the scenario file "${c}" named in run.json no longer loads`);
    return null;
  }
  caveats.push(changed
    ? `the scenario file "${file}" named in run.json has changed since the run (its SHA-256 differs)`
    : `the scenario file "${file}" named in run.json was not found`);
  return null;
}
