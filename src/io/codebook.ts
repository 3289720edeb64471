/**
 * The codebook: what every file of an output folder holds, column by column (type, unit,
 * meaning), for a researcher loading the files in pandas or R. Each writer describes its files
 * with these definitions and writes its columns from the same definitions, so the codebook
 * (`codebook.json` in every output folder, and docs/CODEBOOK.md) cannot drift from the files.
 */

/** The version of the codebook's own layout. */
export const CODEBOOK_VERSION = 1;

export const CODEBOOK_FILE = 'codebook.json';

/** A cell's type as a strict reader checks it. */
export type ColumnType = 'integer' | 'number' | 'string' | 'boolean' | 'date' | 'object' | 'array';

/**
 * The unit of a number: `step` (months since the start, step 0 the initial state), `month`
 * (a YYYY-MM date), `probability` (0 to 1), `log-odds`, `payoff` (the stage game's units),
 * `count`, `share` (0 to 1 of a whole), `trust` (a probability that the subject is trustworthy,
 * as the observer believes), `index` (a 0-based or 1-based position, said in the meaning),
 * `none` (an identifier, a name, a label).
 */
export type Unit = 'step' | 'month' | 'probability' | 'log-odds' | 'payoff' | 'count' | 'share' | 'trust' | 'index' | 'seconds' | 'none' | (string & {});

/** One column of a CSV file, or one field of a JSON or JSONL record. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
  unit: Unit;
  /** What it means, in one or two sentences a researcher can follow. */
  meaning: string;
  /** May be empty (CSV) or null (JSON); `nullWhen` says when, and which column gives the reason. */
  nullable?: boolean;
  nullWhen?: string;
  /** Allowed values, for a label column. */
  values?: readonly string[];
}

/** One file of an output folder. */
export interface FileSpec {
  /** The file's name in the folder (a pattern such as `batches/*.bin` for a family). */
  file: string;
  format: 'csv' | 'json' | 'jsonl' | 'text' | 'binary' | 'svg' | 'png' | 'html' | 'parquet';
  /** What the file is for. */
  meaning: string;
  /** One row is... (CSV and JSONL), e.g. "one run", "one step of one run". */
  row?: string;
  /** Columns (CSV, Parquet), fields of each record (JSONL) or top-level fields (JSON). */
  columns?: readonly ColumnSpec[];
}

/** What `codebook.json` holds. */
export interface Codebook {
  codebook: number;
  /** Which command wrote the folder (simulate, experiment, sensitivity, ...). */
  writer: string;
  files: FileSpec[];
}

/** The codebook of a folder written by `writer`, holding `files`. */
export function codebook(writer: string, files: readonly FileSpec[]): Codebook {
  return { codebook: CODEBOOK_VERSION, writer, files: [...files] };
}

/** `codebook.json`'s text. */
export function codebookJson(book: Codebook): string {
  return `${JSON.stringify(book, null, 2)}\n`;
}

/** The header line of a CSV file described by `spec`. */
export function csvHeader(spec: FileSpec): string {
  if (spec.columns === undefined) throw new Error(`${spec.file} has no columns`);
  return spec.columns.map((c) => c.name).join(',');
}
