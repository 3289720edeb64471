/**
 * Reads a YAML or JSON file and validates it against a zod schema, collecting every problem
 * with its file, path, line and column. The parsing and validation of the text is
 * `parseText` (parse-text.ts, which needs no file system and so runs in a browser too); this
 * module adds reading the file.
 */
import type { z } from 'zod';
import { parseText, type Check } from './parse-text.js';
import type { LoadResult } from './problem-format.js';
import { readInputFile } from './read-input.js';

export { escapeControls, formatPath, formatProblem, type LoadResult, type Problem } from './problem-format.js';
export { MAX_INPUT_BYTES, readInputFile } from './read-input.js';
export { parseText, type Check } from './parse-text.js';

/** Reads and validates `file`; never throws for bad input. */
export function loadFile<S extends z.ZodType>(file: string, schema: S, check?: Check): LoadResult<z.output<S>> {
  const bytes = readInputFile(file);
  if (!bytes.ok) return bytes;
  return parseText(bytes.value.toString('utf8'), file, schema, check);
}
