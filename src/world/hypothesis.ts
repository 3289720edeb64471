/**
 * The two hypotheses of the essay ("Underlying all of this is the concept of trust") as one
 * number: the trust-first weight `blend` in [0,1]. habits-first is 0, trust-first is 1, and
 * `blend=X` sweeps between them (MODEL 6).
 */
import { HYPOTHESIS_PATTERN } from '../scenario/schema.js';

/** Parses `habits-first`, `trust-first` or `blend=X`; throws a RangeError with the expected form. */
export function parseHypothesis(text: string): number {
  if (!HYPOTHESIS_PATTERN.test(text)) {
    throw new RangeError(`unknown hypothesis "${text}"; expected habits-first, trust-first or blend=X with X in [0,1]`);
  }
  if (text === 'habits-first') return 0;
  if (text === 'trust-first') return 1;
  return Number(text.slice('blend='.length));
}

/** The canonical name of a blend value. */
export function hypothesisName(blend: number): string {
  return blend === 0 ? 'habits-first' : blend === 1 ? 'trust-first' : `blend=${blend}`;
}
