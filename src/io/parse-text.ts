/**
 * Validates YAML or JSON text against a zod schema, collecting every problem with its file,
 * path, line and column (zod 4: problems are collected, not thrown at the first). No file
 * system here: the command line reads the file (document.ts), the explorer gets the text from
 * a file picker, and both give the same messages.
 *
 * JSON is read by the YAML parser too (JSON is YAML 1.2), so both get positions. Guards:
 * empty files, syntax errors, duplicate keys, alias bombs (a cap on alias expansion), and keys
 * such as `__proto__` that would reach an object's prototype.
 */
import { isAlias, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { describe, kindOf, valueAt } from './issue-words.js';
import { formatPath, type LoadResult, type Problem } from './problem-format.js';
import { forbiddenKeys, keyPathAt, nearestNode } from './yaml-paths.js';

/** At most this many alias expansions in one document (a billion-laughs file stops here). */
const MAX_ALIAS_COUNT = 50;

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
