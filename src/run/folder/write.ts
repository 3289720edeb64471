/**
 * Writes a run folder, through the one owner of output folders (src/io/output.ts): the writer
 * is `simulate`, a folder holds one run (exclusive), and the run's identity is a hash of what
 * decides its numbers and files. The same run again replaces its own files and keeps what was
 * derived from it (a report, explanations); another run needs `overwrite`, and then what was
 * derived from the run it replaces goes with it.
 *
 * The data files are streamed to their temporary files in chunks (a 100,000-step run's event log
 * is larger than the longest string V8 allows); run.json goes last and records, for each file,
 * its line count, size and SHA-256, so that a reader can tell a damaged file.
 */
import { commitOutput, planOutput, readLedger, type Contents, type LedgerEntry, type OutputPlan } from '../../io/output.js';
import { sha256, sha256Hasher } from '../../io/hash.js';
import type { LoadResult } from '../../io/problem.js';
import type { RunResult } from '../simulate.js';
import { eventsChunks, finalJson, pairsChunks, seriesChunks } from './format.js';
import type { FileRecord, RunJsonInput } from './schema.js';

/** The writer named in the ledger for a run folder. */
export const RUN_WRITER = 'simulate';
/** Every file a run folder may hold, run.json last. */
export const RUN_FILES = ['series.csv', 'events.jsonl', 'final.json', 'pairs.csv', 'run.json'] as const;

/** What the caller records in run.json; `files` and `records` are filled in by the writer. */
export type RunManifest = Omit<RunJsonInput, 'files' | 'records'>;

export interface WriteRunOptions {
  /** Write events.jsonl (the run must have kept its event log). */
  events: boolean;
  /** Write pairs.csv (the run must have kept every pair's trust). */
  pairs: boolean;
  /** Replace another run (and what was derived from it) in the folder. Default false. */
  overwrite?: boolean;
  /** The option named in problems about the folder. Default `--out`. */
  option?: string;
}

/** The data files a run writes with these options, in the order they are written. */
export function runFiles(o: Pick<WriteRunOptions, 'events' | 'pairs'>): string[] {
  return ['series.csv', ...(o.events ? ['events.jsonl'] : []), 'final.json', ...(o.pairs ? ['pairs.csv'] : [])];
}

/**
 * A run's identity in the ledger: SHA-256 of what decides its result (scenario file, seed,
 * hypothesis, steps, model version, the conditions of an experiment's parameter set) and of
 * which files it wrote.
 */
export function runIdentity(m: RunManifest, files: readonly string[]): string {
  const decides = [m.scenario.sha256, String(m.seed), typeof m.seed, m.hypothesis, m.steps, m.modelVersion, m.experiment?.parameters ?? null, [...files]];
  return sha256(JSON.stringify(decides)).slice(0, 32);
}

/**
 * Checks that a run (named by what decides it) may be written to `dir` (writes nothing): the one
 * place a run's ledger entry is made, for the check before a run and the write after it.
 */
export function planRunFolder(dir: string, manifest: RunManifest, options: WriteRunOptions): LoadResult<OutputPlan> {
  const files = runFiles(options);
  return planOutput(dir, {
    writer: RUN_WRITER, id: runIdentity(manifest, files),
    label: `${manifest.scenario.name}, ${manifest.hypothesis}, seed ${manifest.seed}`,
    files: [...files, 'run.json'], exclusive: true, overwrite: options.overwrite, option: options.option,
  });
}

/** The ledger's key of a run (`writer:id`), for results derived from it. */
export function runKey(entry: Pick<LedgerEntry, 'writer' | 'id'>): string {
  return `${entry.writer}:${entry.id}`;
}

/** The `writer:id` of the run recorded in a run folder's ledger, if it has one (for results derived from it). */
export function runEntryKey(dir: string): string | undefined {
  const ledger = readLedger(dir);
  const entry = ledger.ok ? ledger.value?.entries.find((e) => e.writer === RUN_WRITER) : undefined;
  return entry === undefined ? undefined : runKey(entry);
}

/** Chunks passed on unchanged while their lines, bytes and SHA-256 are counted. */
function* counted(chunks: Iterable<string>, record: FileRecord): Generator<Uint8Array> {
  const hash = sha256Hasher();
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk, 'utf8');
    hash.update(bytes);
    record.bytes += bytes.length;
    for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) record.lines++;
    yield bytes;
  }
  record.sha256 = hash.hex();
}

/**
 * Writes a run's folder: series.csv, final.json, events.jsonl and pairs.csv when asked, and
 * run.json (the manifest given, with `files` and `records` added) last. Returns the folder's
 * ledger entry, or the problems (a folder holding a user's files or another run, a failed
 * write): then nothing was replaced.
 */
export function writeRunFolder(dir: string, result: RunResult, manifest: RunManifest, options: WriteRunOptions): LoadResult<LedgerEntry> {
  const files = runFiles(options);
  const plan = planRunFolder(dir, manifest, options);
  if (!plan.ok) return plan;
  const records: Record<string, FileRecord> = {};
  const sources: Record<string, Iterable<string>> = {
    'series.csv': seriesChunks(result), 'final.json': [finalJson(result)], 'events.jsonl': eventsChunks(result), 'pairs.csv': pairsChunks(result),
  };
  const contents: [string, Contents][] = files.map((f) => {
    records[f] = { lines: 0, bytes: 0, sha256: '' };
    return [f, counted(sources[f], records[f])];
  });
  contents.push(['run.json', () => JSON.stringify({ ...manifest, files, records }, null, 2) + '\n']);
  const written = commitOutput(plan.value, contents);
  return written.ok ? { ok: true, value: plan.value.entry } : written;
}
