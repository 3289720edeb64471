/**
 * One error convention below the CLI (STYLE, "what to stop doing"): a function whose input is
 * wrong reports every problem at once, with the same `Problem` a file loader returns. A
 * function that returns a value throws `ProblemError`; only the CLI turns problems into text and
 * exit codes.
 */
import type { z } from 'zod';
import { formatPath, formatProblem, type Problem } from './document.js';

/** Thrown for input that is not valid; `problems` says what, where, and what was expected. */
export class ProblemError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemError';
    this.problems = problems;
  }
}

/** The `file` of a problem with a function's options rather than with a file. */
export const OPTIONS_FILE = '<options>';

/** A problem with the option at `path` (e.g. `steps`); options have no line or column. */
export function optionProblem(path: string, message: string): Problem {
  return { file: OPTIONS_FILE, path, line: 0, column: 0, message };
}

/** The problems of a failed `safeParse` of options (parsed with `reportInput: true`, so each names the value given). */
export function optionProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const got = 'input' in issue ? `, got ${show(issue.input)}` : '';
    return optionProblem(formatPath(issue.path), `${issue.message}${got}`);
  });
}

const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : typeof v === 'object' && v !== null ? 'an object' : String(v);
