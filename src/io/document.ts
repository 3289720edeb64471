/**
 * Reads a YAML or JSON file and validates it against a zod schema, collecting every problem
 * with its file, path, line and column (zod 4: problems are collected, not thrown at the first).
 *
 * JSON is read by the YAML parser too (JSON is YAML 1.2), so both get positions. Guards:
 * empty files, syntax errors, duplicate keys, alias bombs (a cap on alias expansion), and keys
 * such as `__proto__` that would reach an object's prototype.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { z } from 'zod';

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

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** At most this many alias expansions in one document (a billion-laughs file stops here). */
const MAX_ALIAS_COUNT = 50;

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

/** An input file (a scenario, an experiment) larger than this is refused before it is parsed. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Reads an input file's bytes: a regular file of at most `maxBytes` (default MAX_INPUT_BYTES).
 * A folder, a device or a pipe (`/dev/zero`, a FIFO) is refused, never read without end.
 */
export function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): LoadResult<Buffer> {
  const fail = (message: string): LoadResult<Buffer> => ({ ok: false, problems: [{ file, path: '', line: 0, column: 0, message }] });
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would otherwise wait for one.
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot be read (${code ?? String(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return fail('is a directory, expected a file');
    if (!st.isFile()) return fail('is not a regular file (a device, a pipe or a socket); expected a scenario or experiment file');
    if (st.size > maxBytes) return fail(`is too large (${(st.size / 2 ** 20).toFixed(1)} MB; an input file may have at most ${maxBytes / 2 ** 20} MB)`);
    // Read at most one byte past the limit: a file that grows while it is read is refused too.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length;) { r = readSync(fd, buf, n, buf.length - n, null); n += r; }
    if (n > maxBytes) return fail(`is too large (more than ${maxBytes / 2 ** 20} MB)`);
    return { ok: true, value: buf.subarray(0, n) };
  } catch (e) {
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    closeSync(fd);
  }
}

/** Reads and validates `file`; never throws for bad input. */
export function loadFile<S extends z.ZodType>(file: string, schema: S, check?: Check): LoadResult<z.output<S>> {
  const bytes = readInputFile(file);
  if (!bytes.ok) return bytes;
  return parseText(bytes.value.toString('utf8'), file, schema, check);
}

/**
 * Checks that need more than the schema (other files, the file's folder). They get the raw
 * data, valid or not (so their problems are reported with the schema's), must not assume its
 * shape, and name a path inside the document for each problem, turned into a line and column.
 */
export type Check = (data: unknown) => { path: PropertyKey[]; message: string }[];

/** Validates already-read text; `file` names it in messages. */
export function parseText<S extends z.ZodType>(text: string, file: string, schema: S, check?: Check): LoadResult<z.output<S>> {
  const lc = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lc.linePos(offset);
    return { line, column: col };
  };
  if (text.split('\n').every((line) => { const t = line.trim(); return t === '' || t.startsWith('#'); })) {
    return { ok: false, problems: [{ file, path: '', line: 1, column: 1, message: 'the file is empty; expected a mapping of keys such as name, description, ...' }] };
  }
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: false });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    const pos = at(e.pos[0]);
    const message = e.code === 'DUPLICATE_KEY'
      ? `duplicate key "${(/^[^:\n,}]*/.exec(text.slice(e.pos[0]))?.[0] ?? '').trim().replace(/^["']|["']$/g, '')}" (each key may appear once in a mapping)`
      : `syntax error: ${e.message.split('\n')[0]}`;
    const path = e.code === 'DUPLICATE_KEY' ? keyPathAt(doc.contents, e.pos[0], []) : null;
    problems.push({ file, path: path === null ? '' : formatPath(path), ...pos, message });
  }
  // A real syntax error leaves nothing reliable to validate; a duplicate key does (the first
  // occurrence is kept), so validation goes on and every problem is reported at once.
  if (doc.errors.some((e) => e.code !== 'DUPLICATE_KEY')) return { ok: false, problems };

  // Keys that would reach an object's prototype are reported and dropped, then the rest is validated.
  forbiddenKeys(doc.contents, [], (path, node) => {
    problems.push({ file, path: formatPath(path), ...at(node.range?.[0] ?? 0), message: `the key "${String(path[path.length - 1])}" is not allowed` });
  });

  let unknownAnchor = false;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.resolve(doc) === undefined) {
        unknownAnchor = true;
        problems.push({ file, path: '', ...at(node.range?.[0] ?? 0), message: `unknown anchor "*${node.source}"; define it first with &${node.source}` });
      }
    },
  });
  if (unknownAnchor) return { ok: false, problems };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const bomb = /alias count|resource exhaustion/i.test(msg);
    return { ok: false, problems: [{ file, path: '', line: 1, column: 1, message: bomb
      ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}); a file that expands aliases this much is refused`
      : `cannot be read: ${msg}` }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ file, path: '', line: 1, column: 1, message: `expected a mapping at the top of the file, got ${kindOf(data)}` }] };
  }
  const parsed = schema.safeParse(data);
  for (const c of check?.(data) ?? []) {
    problems.push({ file, path: formatPath(c.path), ...at(nearestNode(doc, c.path)?.range?.[0] ?? 0), message: c.message });
  }
  if (parsed.success) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    return problems.length === 0 ? { ok: true, value: parsed.data } : { ok: false, problems };
  }
  for (const issue of parsed.error.issues) {
    const paths: PropertyKey[][] = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const unknownKey = issue.code === 'unrecognized_keys';
      const node = nearestNode(doc, path, unknownKey);
      const pos = at(node?.range?.[0] ?? 0);
      const message = unknownKey
        ? `unknown key "${String(path[path.length - 1])}" (a typo?)`
        : describe(issue, valueAt(data, path));
      problems.push({ file, path: formatPath(path), ...pos, message });
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

/** What a value is, in words, for messages. */
function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `a string "${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `missing; ${issue.message.replace(/^Invalid input: /, '').replace(', received undefined', '')}`;
  if (issue.code === 'invalid_union') {
    if ('note' in issue && issue.note === 'No matching discriminator') {
      return `${issue.message}; expected type to be one of the documented event types`;
    }
    // Say what each alternative would have accepted.
    const wanted = new Set<string>();
    for (const alternative of issue.errors) {
      for (const sub of alternative) {
        if (sub.path.length > 0) continue;
        if (sub.code === 'invalid_type') wanted.add(sub.expected === 'array' ? 'a list' : sub.expected === 'object' ? 'a mapping' : sub.expected === 'string' ? 'text' : sub.expected);
        else if (sub.code === 'invalid_value') for (const v of sub.values) wanted.add(JSON.stringify(v));
      }
    }
    if (wanted.size > 0) return `expected ${[...wanted].join(' or ')}, got ${kindOf(value)}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * The YAML node at `path`, or the deepest existing ancestor (for a missing key: its parent
 * map's key). With `atKey`, the last step returns the key rather than its value.
 */
function nearestNode(doc: Document, path: readonly PropertyKey[], atKey = false): Node | null {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const [depth, p] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p));
      if (!pair) return (keyNode ?? (node as Node));
      keyNode = isScalar(pair.key) ? (pair.key as Node) : null;
      if (atKey && depth === path.length - 1 && keyNode !== null) return keyNode;
      node = pair.value;
    } else if (isSeq(node) && typeof p === 'number' && p < node.items.length) {
      keyNode = null;
      node = node.items[p];
    } else {
      return (node as Node) ?? keyNode;
    }
  }
  return ((node as Node | null) ?? keyNode);
}

/** The path of the mapping key that starts at `offset`, or null. */
function keyPathAt(node: unknown, offset: number, path: PropertyKey[]): PropertyKey[] | null {
  if (isMap(node)) {
    for (const it of node.items) {
      const key = isScalar(it.key) ? String(it.key.value) : '';
      if (isScalar(it.key) && it.key.range?.[0] === offset) return [...path, key];
      const inner = keyPathAt(it.value, offset, [...path, key]);
      if (inner !== null) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = keyPathAt(node.items[i], offset, [...path, i]);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** Reports and removes keys such as `__proto__` anywhere in the document. */
function forbiddenKeys(node: unknown, path: PropertyKey[], report: (path: PropertyKey[], node: Node) => void): void {
  if (isMap(node)) {
    node.items = node.items.filter((it) => {
      const key = isScalar(it.key) ? String(it.key.value) : '';
      if (FORBIDDEN_KEYS.has(key)) { report([...path, key], it.key as Node); return false; }
      forbiddenKeys(it.value, [...path, key], report);
      return true;
    });
  } else if (isSeq(node)) {
    node.items.forEach((it, i) => forbiddenKeys(it, [...path, i], report));
  }
}
