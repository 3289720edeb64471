/**
 * The two hypotheses of the essay ("Underlying all of this is the concept of trust") as one
 * number: the trust-first weight `blend` in [0,1]. habits-first is 0, trust-first is 1, and
 * `blend=X` sweeps between them (MODEL 6).
 */
import type { LoadResult } from '../io/document.js';
import { OPTIONS_FILE, optionProblem, ProblemError } from '../io/problem.js';
import { HYPOTHESIS_PATTERN } from '../scenario/schema.js';

export { hypothesisName } from './hypothesis-name.js';

/** A hypothesis as given and its trust-first weight, parsed once. */
export interface Hypothesis {
  readonly text: string;
  readonly blend: number;
}

/**
 * Reads `habits-first`, `trust-first` or `blend=X` into its trust-first weight, or a problem
 * at `path` (an option's name, default `hypothesis`) naming the expected forms.
 */
export function readHypothesis(text: string, path = 'hypothesis'): LoadResult<number> {
  if (!HYPOTHESIS_PATTERN.test(text)) {
    return { ok: false, problems: [optionProblem(path, `unknown hypothesis "${text}"; expected habits-first, trust-first or blend=X with X in [0,1]`, OPTIONS_FILE)] };
  }
  if (text === 'habits-first') return { ok: true, value: 0 };
  if (text === 'trust-first') return { ok: true, value: 1 };
  return { ok: true, value: Number(text.slice('blend='.length)) };
}

/** Parses `habits-first`, `trust-first` or `blend=X`; throws a `ProblemError` naming the expected forms. */
export function parseHypothesis(text: string): number {
  const r = readHypothesis(text);
  if (!r.ok) throw new ProblemError(r.problems);
  return r.value;
}

