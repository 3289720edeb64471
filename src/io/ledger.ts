/**
 * The ledger, `.entente.json`: in every folder Entente writes into, the list of the results in
 * it (which command wrote each, its identity and its files). The rules of what may be written
 * where (output.ts) read it; nothing else decides whether a file is the tool's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './document.js';
import { writeFileAtomic } from './durable.js';

/** The ledger's file name, in every folder the tool writes. */
export const LEDGER_FILE = '.entente.json';

/** One result in a folder. */
export interface LedgerEntry {
  /** The command that wrote it: `simulate`, `experiment`, `report`, `explain`... */
  writer: string;
  /** The result's identity: the same identity is the same result (e.g. a hash of its inputs). */
  id: string;
  /** Words for messages, e.g. `minimal-pair, habits-first, seed 1`. */
  label?: string;
  /** Files it wrote, relative to the folder with `/`; a name ending in `/` is a whole folder. */
  files: string[];
  /** `writer:id` of the result this one was derived from (a report of a run). */
  derivedFrom?: string;
}

export interface Ledger { tool: 'entente'; format: 1; entries: LedgerEntry[] }

/** Reads a folder's ledger: null when it has none; a problem when it is damaged. */
export function readLedger(dir: string): LoadResult<Ledger | null> {
  const file = join(dir, LEDGER_FILE);
  if (!existsSync(file)) return { ok: true, value: null };
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, problems: [{ file, path: '', line: 0, column: 0, message: `is damaged (${e instanceof Error ? e.message : String(e)}); it lists the results Entente wrote in this folder` }] };
  }
  const d = data as Partial<Ledger>;
  const valid = d !== null && typeof d === 'object' && d.tool === 'entente' && d.format === 1 && Array.isArray(d.entries)
    && d.entries.every((e) => e !== null && typeof e === 'object' && typeof e.writer === 'string' && typeof e.id === 'string'
      && Array.isArray(e.files) && e.files.every((f) => typeof f === 'string' && safeRelative(f)));
  if (!valid) return { ok: false, problems: [{ file, path: '', line: 0, column: 0, message: 'is not a ledger of Entente results (expected { tool: "entente", format: 1, entries: [...] })' }] };
  return { ok: true, value: d as Ledger };
}

/** A relative path that stays inside its folder. */
export function safeRelative(f: string): boolean {
  return f !== '' && !f.startsWith('/') && !f.split('/').some((part) => part === '..' || part === '.');
}

/** Writes the ledger of `dir` (durably: written beside, synced, renamed). */
export function writeLedger(dir: string, entries: LedgerEntry[]): void {
  const ledger: Ledger = { tool: 'entente', format: 1, entries };
  writeFileAtomic(join(dir, LEDGER_FILE), JSON.stringify(ledger, null, 1) + '\n');
}
