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
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LoadResult, Problem } from './document.js';
import { syncFolder, temporaryName, writeFileAtomic, writeProblem, writeSynced, type Contents } from './durable.js';
import { samePath } from './paths.js';
import { LEDGER_FILE, readLedger, safeRelative, writeLedger, type LedgerEntry } from './ledger.js';

export { LEDGER_FILE, readLedger, type Ledger, type LedgerEntry } from './ledger.js';

export { removeStaleTemporaries, syncFolder, temporaryName, writeFileAtomic, writeProblem, writeSynced, type Contents } from './durable.js';
export { isInside, safeComponent, samePath } from './paths.js';

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
    if (begun) undoBegin(plan, existed, contents.map(([name]) => name));
    return { ok: false, problems: [writeProblem(e, current)] };
  }
}

/** After a failed write: the ledger as it was, and folders this write made (now empty) removed; `names` relative to the folder. */
function undoBegin(plan: OutputPlan, existed: boolean, names: string[]): void {
  try {
    for (const name of names) removeEmptyParents(plan.dir, name);
    if (!existed) {
      rmSync(join(plan.dir, LEDGER_FILE), { force: true });
      rmdirSync(plan.dir);
    } else {
      writeLedger(plan.dir, [...plan.kept, ...plan.replaced]);
    }
  } catch { /* the write's own problem is the one to report */ }
}
