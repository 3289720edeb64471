/**
 * The one owner of output folders: what a command may write, replace or delete, and how it
 * writes so that an interruption or a power loss never leaves a half-written result that looks
 * complete.
 *
 * Every folder Entente writes into carries a ledger, `.entente.json`, listing each result in it
 * (an entry: which command wrote it, the result's identity, and the files it wrote). A folder is
 * recognised as the tool's own by its ledger, never by the names of the files in it. The rules,
 * for every command:
 *
 * 1. A folder that does not exist, or is empty, may be written.
 * 2. A non-empty folder without a ledger holds a user's files: it is refused.
 * 3. A file the ledger does not list is a user's: it is never replaced or deleted.
 * 4. The same result again (same writer, same identity) replaces its own files freely, and
 *    results derived from it (a report, an explanation of a run) are kept.
 * 5. Replacing another result (its files would be overwritten, or the writer keeps one result
 *    a folder) needs `overwrite`; then the results derived from it are removed with it.
 * 6. Nothing is deleted before the new result is complete: new files are written beside their
 *    place, synced, and renamed over the old; the replaced result's leftover files go last.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { LoadResult, Problem } from './document.js';

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

/** What a command asks to write. */
export interface OutputRequest extends LedgerEntry {
  /** Replace another result (rule 5). Default false. */
  overwrite?: boolean;
  /** The writer keeps at most one result a folder (a run, an experiment). Default false. */
  exclusive?: boolean;
  /** The option named in problems. Default `--out`. */
  option?: string;
  /**
   * The result goes beside the user's own files (a report or a chart put in a folder of notes or
   * slides, or in the results folder it was made from): a folder without a ledger, or the
   * working folder, is accepted, and every file the ledger does not list stays the user's (rule
   * 3: never replaced, never deleted). Default false (rules 1 and 2).
   */
  shared?: boolean;
}

/** A checked request: what will be written and what it replaces. */
export interface OutputPlan {
  dir: string;
  entry: LedgerEntry;
  /** Entries kept as they are. */
  kept: LedgerEntry[];
  /** Entries replaced (their files not rewritten are removed once the new result is complete). */
  replaced: LedgerEntry[];
}

const key = (e: Pick<LedgerEntry, 'writer' | 'id'>) => `${e.writer}:${e.id}`;

function problem(option: string, message: string): Problem {
  return { file: '<command line>', path: option, line: 0, column: 0, message };
}

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
function safeRelative(f: string): boolean {
  return f !== '' && !f.startsWith('/') && !f.split('/').some((part) => part === '..' || part === '.');
}

/** Every file and folder below `dir`, relative with `/` (folders end in `/`); the ledger aside. */
function listTree(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix + name;
    if (rel === LEDGER_FILE) continue;
    const st = lstatSync(join(dir, rel));
    if (st.isDirectory()) {
      out.push(`${rel}/`);
      out.push(...listTree(dir, `${rel}/`));
    } else {
      out.push(rel);
    }
  }
  return out;
}

/** Whether `rel` is one of `files` or inside a folder listed there. */
function covered(rel: string, files: readonly string[]): boolean {
  return files.some((f) => f === rel || (f.endsWith('/') && rel.startsWith(f)));
}

/**
 * What the ledger does not list and stands where `rel` goes: the file or folder at `rel` (and
 * all in it), or a file where one of its folders must be. A user's folder that will merely hold
 * the new file is not in the way.
 */
function blockers(dir: string, rel: string, listed: readonly string[]): string[] {
  const foreign = (r: string) => !covered(r, listed) && !(r.endsWith('/') && listed.some((f) => f.startsWith(r)));
  const parts = rel.replace(/\/$/, '').split('/');
  const folders: string[] = [];
  let found: string[] = [];
  for (let k = 1; k <= parts.length && found.length === 0; k++) {
    const at = parts.slice(0, k).join('/');
    const st = lstatOrNull(join(dir, at));
    if (st === null) return [];
    if (!st.isDirectory()) found = foreign(at) ? [at] : [];
    else if (k === parts.length) found = [`${at}/`, ...listTree(dir, `${at}/`)].filter(foreign);
    else if (foreign(`${at}/`)) folders.push(`${at}/`);
  }
  return found.length === 0 ? [] : [...folders, ...found];
}

function lstatOrNull(p: string): Stats | null {
  try { return lstatSync(p); } catch { return null; }
}

/** Whether two file lists name a common file (or one holds the other's folder). */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.some((f) => covered(f, b)) || b.some((f) => covered(f, a));
}

function shown(names: string[]): string {
  return names.slice(0, 3).join(', ') + (names.length > 3 ? `, and ${names.length - 3} more` : '');
}

/**
 * Checks a request against the folder and its ledger (rules 1-5); writes nothing. The problems
 * say what is in the way and what to do.
 */
export function planOutput(dir: string, req: OutputRequest): LoadResult<OutputPlan> {
  const option = req.option ?? '--out';
  const fail = (message: string): LoadResult<OutputPlan> => ({ ok: false, problems: [problem(option, message)] });
  const entry: LedgerEntry = { writer: req.writer, id: req.id, files: [...req.files], ...(req.label === undefined ? {} : { label: req.label }), ...(req.derivedFrom === undefined ? {} : { derivedFrom: req.derivedFrom }) };
  for (const f of entry.files) if (!safeRelative(f)) return fail(`internal: "${f}" is not a path inside the output folder`);
  if (!existsSync(dir)) {
    // The nearest existing ancestor must be a folder.
    let d = dirname(resolve(dir));
    while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
    if (existsSync(d) && !statSync(d).isDirectory()) return fail(`"${d}" is a file, so "${dir}" cannot be made there`);
    return { ok: true, value: { dir, entry, kept: [], replaced: [] } };
  }
  if (!statSync(dir).isDirectory()) return fail(`"${dir}" is a file, not a folder; choose a new or empty folder`);
  if (req.shared !== true && samePath(dir, process.cwd())) return fail(`"${dir}" is the working folder; choose a new or empty folder for the results`);
  const ledger = readLedger(dir);
  if (!ledger.ok) return { ok: false, problems: ledger.problems.map((p) => problem(option, `${p.file} ${p.message}; move it aside or choose another folder`)) };
  const entries = ledger.value?.entries ?? [];
  if (ledger.value === null && req.shared !== true) {
    const top = listTree(dir);
    if (top.length > 0) return fail(`the folder "${dir}" holds files that Entente did not write (${shown(top)}); choose a new or empty folder`);
  }
  // Files no entry lists are the user's: the new result must not land on any of them.
  const listed = entries.flatMap((e) => e.files);
  const blocked = [...new Set(entry.files.flatMap((f) => blockers(dir, f, listed)))];
  if (blocked.length > 0) return fail(`"${dir}" holds files that Entente did not write where this result goes (${shown(blocked)}); move them or choose another folder`);
  const replaced: LedgerEntry[] = [];
  const others: LedgerEntry[] = [];
  for (const e of entries) {
    if (key(e) === key(entry)) replaced.push(e);
    else if (overlaps(e.files, entry.files) || (req.exclusive === true && e.writer === entry.writer)) others.push(e);
  }
  if (others.length > 0 && req.overwrite !== true) {
    const what = others.map((e) => `${e.writer === entry.writer ? 'another result of' : 'results of'} ${e.writer}${e.label === undefined ? '' : ` (${e.label})`}`);
    return fail(`"${dir}" holds ${[...new Set(what)].join(' and ')}; choose another folder, or add --overwrite to replace ${others.length === 1 ? 'it' : 'them'}`);
  }
  // With --overwrite, what was derived from a replaced result goes with it (transitively).
  const gone = new Set(others.map(key));
  for (let grew = true; grew;) {
    grew = false;
    for (const e of entries) {
      if (!gone.has(key(e)) && e.derivedFrom !== undefined && gone.has(e.derivedFrom) && key(e) !== key(entry)) { gone.add(key(e)); grew = true; }
    }
  }
  for (const e of entries) if (gone.has(key(e))) replaced.push(e);
  const kept = entries.filter((e) => key(e) !== key(entry) && !gone.has(key(e)));
  return { ok: true, value: { dir, entry, kept, replaced } };
}

/** The ledger as it is while the result is being written: the new entry added (rule 6: ownership first). */
export function beginOutput(plan: OutputPlan): void {
  mkdirSync(plan.dir, { recursive: true });
  writeLedger(plan.dir, [...plan.kept, ...plan.replaced.filter((e) => key(e) !== key(plan.entry)), plan.entry]);
}

/** Removes what the replaced results wrote and the new one did not, and writes the final ledger. */
export function finishOutput(plan: OutputPlan): void {
  for (const e of plan.replaced) {
    for (const f of e.files) {
      if (covered(f, plan.entry.files) || plan.kept.some((k) => covered(f, k.files))) continue;
      rmSync(join(plan.dir, f), { recursive: true, force: true });
      removeEmptyParents(plan.dir, f);
    }
  }
  writeLedger(plan.dir, [...plan.kept, plan.entry]);
}

function removeEmptyParents(dir: string, rel: string): void {
  for (let d = dirname(rel); d !== '.' && d !== ''; d = dirname(d)) {
    try { rmdirSync(join(dir, d)); } catch { return; }
  }
}

function writeLedger(dir: string, entries: LedgerEntry[]): void {
  const ledger: Ledger = { tool: 'entente', format: 1, entries };
  writeFileAtomic(join(dir, LEDGER_FILE), JSON.stringify(ledger, null, 1) + '\n');
}

/**
 * What a file is written from: its bytes, a sequence of chunks (written one at a time, so a
 * large file is never held as one string), or a function called when its turn comes (a
 * manifest that records the files written before it).
 */
export type Contents = string | Uint8Array | Iterable<string | Uint8Array> | (() => string | Uint8Array);

/**
 * Writes a result's files (name relative to the folder -> contents) in the order given (put the
 * manifest last: until it is in place, the folder reads as the earlier result or as damaged),
 * then finishes the output. A failed write removes its temporary files, puts the ledger back as
 * it was (a folder it made is removed again) and is returned as a problem naming the file and
 * the cause.
 */
export function commitOutput(plan: OutputPlan, contents: ReadonlyArray<readonly [string, Contents]>): LoadResult<null> {
  const temporaries: [string, string][] = [];
  const existed = existsSync(plan.dir);
  let current = plan.dir;
  let begun = false;
  try {
    beginOutput(plan);
    begun = true;
    for (const [name, data] of contents) {
      const file = join(plan.dir, name);
      current = file;
      mkdirSync(dirname(file), { recursive: true });
      const tmp = temporaryName(file);
      temporaries.push([tmp, file]);
      writeSynced(tmp, data);
    }
    current = plan.dir;
    for (const [tmp, file] of temporaries) { current = file; renameSync(tmp, file); }
    for (const d of new Set(temporaries.map(([, file]) => dirname(file)))) syncFolder(d);
    finishOutput(plan);
    return { ok: true, value: null };
  } catch (e) {
    for (const [tmp] of temporaries) rmSync(tmp, { force: true });
    if (begun) undoBegin(plan, existed, temporaries.map(([, file]) => file));
    return { ok: false, problems: [writeProblem(e, current)] };
  }
}

/** After a failed write: the ledger as it was, and a folder this write made (now empty) removed. */
function undoBegin(plan: OutputPlan, existed: boolean, files: string[]): void {
  try {
    for (const f of files) removeEmptyParents(plan.dir, f.slice(plan.dir.length + 1));
    if (!existed) {
      rmSync(join(plan.dir, LEDGER_FILE), { force: true });
      rmdirSync(plan.dir);
    } else {
      writeLedger(plan.dir, [...plan.kept, ...plan.replaced]);
    }
  } catch { /* the write's own problem is the one to report */ }
}

/** A failed write as a problem: the file and the cause in words. */
export function writeProblem(e: unknown, fallback: string): Problem {
  const err = e as NodeJS.ErrnoException;
  const causes: Record<string, string> = {
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EPERM: 'operation not permitted',
    EROFS: 'read-only file system', ENOTDIR: 'a part of the path is a file, not a folder', ENOENT: 'a folder on the path does not exist (a dangling link?)',
    EISDIR: 'is a folder', EEXIST: 'already exists', EIO: 'input/output error',
  };
  const cause = (err.code !== undefined && causes[err.code]) || (err instanceof Error ? err.message : String(e));
  return { file: err.path ?? fallback, path: '', line: 0, column: 0, message: `cannot be written (${cause}${err.code !== undefined ? `, ${err.code}` : ''}); nothing was replaced` };
}

/** The temporary name a file is written under before it is renamed into place. */
export function temporaryName(file: string): string {
  return join(dirname(file), `.${file.slice(dirname(file).length + 1)}.tmp-${process.pid}`);
}

const TEMPORARY = /^\..+\.tmp-(\d+)$/;

/** Removes temporary files (`.NAME.tmp-PID`) that a stopped process of Entente left in `dir`. */
export function removeStaleTemporaries(dir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  for (const name of readdirSync(dir)) {
    const m = TEMPORARY.exec(name);
    if (m === null || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Writes contents (bytes, chunks, or a function giving them) and syncs them to the device before returning. */
export function writeSynced(file: string, data: Contents): void {
  const fd = openSync(file, 'w');
  try {
    const write = (piece: string | Uint8Array) => {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    };
    if (typeof data === 'function') write(data());
    else if (typeof data === 'string' || data instanceof Uint8Array) write(data);
    else for (const piece of data) write(piece);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Syncs a folder's entries (a rename inside it) to the device; a no-op where folders cannot be synced. */
export function syncFolder(dir: string): void {
  let fd: number;
  try { fd = openSync(dir, 'r'); } catch { return; }
  try { fsyncSync(fd); } catch { /* some file systems refuse to sync a folder */ } finally { closeSync(fd); }
}

/** Replaces `file` with `data` as one step: written beside it, synced, renamed, folder synced. */
export function writeFileAtomic(file: string, data: Contents): void {
  const tmp = temporaryName(file);
  try {
    writeSynced(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dirname(file));
}

/** Whether two paths name the same file or folder (real paths and inode identity, not spelling). */
export function samePath(a: string, b: string): boolean {
  try {
    const sa = statSync(a), sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return realPathOf(a) === realPathOf(b);
  }
}

/** Whether `inner` is `outer` or lies inside it, by real paths. */
export function isInside(inner: string, outer: string): boolean {
  const i = realPathOf(inner), o = realPathOf(outer);
  return i === o || i.startsWith(o.endsWith(sep) ? o : o + sep);
}

/** The real path of a file that may not exist yet: its nearest existing ancestor resolved. */
function realPathOf(p: string): string {
  const abs = resolve(p);
  let d = abs;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  const real = existsSync(d) ? realpathSync(d) : d;
  return join(real, abs.slice(d.length));
}

/**
 * A value from a file or the command line made safe as one path component: letters, digits,
 * `.`, `_`, `=` and `-` kept, anything else as `_`, never `.` or `..` or empty.
 */
export function safeComponent(value: string): string {
  const s = value.replace(/[^A-Za-z0-9._=-]/g, '_').slice(0, 80);
  return s === '' || /^\.+$/.test(s) ? `_${s.replace(/\./g, '_')}` : s;
}
