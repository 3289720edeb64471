/**
 * One error convention below the CLI (STYLE, "what to stop doing"): a function whose input is
 * wrong reports every problem at once, with the same `Problem` a file loader returns, in a
 * `LoadResult`; a function that returns a plain value throws `ProblemError`. Only the CLI turns
 * problems into text and exit code 2.
 */
import type { z } from 'zod';
import { formatPath, formatProblem, type LoadResult, type Problem } from './problem-format.js';

export type { LoadResult, Problem } from './problem-format.js';

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
/** The `file` of a problem with a command-line option. */
export const COMMAND_LINE = '<command line>';
/** The `file` of a problem with a library function's argument. */
export const ARGUMENTS = '<arguments>';

/**
 * A problem with the option at `path` (`--out` on the command line, or `steps` of a library
 * function's options with `file` OPTIONS_FILE); options have no line or column.
 */
export function optionProblem(path: string, message: string, file = COMMAND_LINE): Problem {
  return { file, path, line: 0, column: 0, message };
}

/** A bad command-line value (`--out`), reported like a file problem with `<command line>` as the file. */
export function commandLineProblem(option: string, message: string): Problem {
  return optionProblem(option, message);
}

/** A bad argument of a library function, e.g. `argumentProblem('resamples', 'must be a positive integer, got 0')`. */
export function argumentProblem(name: string, message: string): Problem {
  return optionProblem(name, message, ARGUMENTS);
}

/** A problem with a whole file (no position inside it). */
export function fileProblem(file: string, message: string, path = ''): Problem {
  return { file, path, line: 0, column: 0, message };
}

/** The problems of a failed `safeParse` of options (parsed with `reportInput: true`, so each names the value given). */
export function optionProblems(error: z.ZodError, file = OPTIONS_FILE): Problem[] {
  return error.issues.map((issue) => {
    const got = 'input' in issue ? `, got ${show(issue.input)}` : '';
    return optionProblem(formatPath(issue.path), `${issue.message}${got}`, file);
  });
}

/** The value of a result, or its problems thrown as a `ProblemError`. */
export function unwrap<T>(result: LoadResult<T>): T {
  if (!result.ok) throw new ProblemError(result.problems);
  return result.value;
}

const show = (v: unknown): string =>
  typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? 'an array' : typeof v === 'object' && v !== null ? 'an object' : String(v);
