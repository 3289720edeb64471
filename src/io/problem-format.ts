/** What a problem in an input file is, and how it is written as one line. */

/** One problem in an input file. */
export interface Problem {
  file: string;
  /** Path inside the document, e.g. `states[2].receptivity`. Empty for the whole file. */
  path: string;
  line: number;
  column: number;
  message: string;
}

export type LoadResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/**
 * A problem as one line: `file:line:column: path: message` (no position for a whole-file
 * problem). Control characters from input values (a line break, a terminal escape sequence) are
 * shown escaped (`\n`, `\x1b`), so a file cannot break the line or drive the terminal.
 */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return escapeControls(`${where}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
}

const NAMED_CONTROLS: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Control characters (C0, DEL, C1) as escapes: `\n`, `\r`, `\t`, `\x1b`, `\u009b`. */
export function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001F\u007F-\u009F]/g, (c) => NAMED_CONTROLS[c] ?? (c.charCodeAt(0) < 0x80 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
