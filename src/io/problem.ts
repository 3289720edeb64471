/**
 * The one way to report bad input below the command line: a `Problem` (file, path inside it,
 * line, column, message), returned in a `LoadResult` or, where a function returns a plain value,
 * thrown inside a `ProblemError`. Only the CLI turns problems into text and exit code 2.
 */
import type { LoadResult, Problem } from './document.js';

export type { LoadResult, Problem } from './document.js';

/** Bad input, carrying every problem found. */
export class ProblemError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.file}${p.path === '' ? '' : `: ${p.path}`}: ${p.message}`).join('\n'));
    this.name = 'ProblemError';
  }
}

/** A bad command-line value, reported like a file problem with `<command line>` as the file. */
export function optionProblem(option: string, message: string): Problem {
  return { file: '<command line>', path: option, line: 0, column: 0, message };
}

/** A problem with a whole file (no position inside it). */
export function fileProblem(file: string, message: string, path = ''): Problem {
  return { file, path, line: 0, column: 0, message };
}

/** A bad argument of a library function, e.g. `argumentProblem('resamples', 'must be a positive integer, got 0')`. */
export function argumentProblem(name: string, message: string): Problem {
  return { file: '<arguments>', path: name, line: 0, column: 0, message };
}

/** The value of a result, or its problems thrown as a `ProblemError`. */
export function unwrap<T>(result: LoadResult<T>): T {
  if (!result.ok) throw new ProblemError(result.problems);
  return result.value;
}
