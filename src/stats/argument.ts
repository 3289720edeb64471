/**
 * Bad arguments to the statistics functions, reported in the one convention of the library: a
 * `ProblemError` carrying an `argumentProblem` that names the argument.
 */
import { argumentProblem, ProblemError } from '../io/problem.js';

/** The error for a bad argument `name`; `message` says what was expected and what was given. */
export function badArgument(name: string, message: string): ProblemError {
  return new ProblemError([argumentProblem(name, message)]);
}
