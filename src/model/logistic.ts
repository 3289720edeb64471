/**
 * The logistic function and its inverse: trust is held as log-odds L and read as a probability
 * q = sigmoid(L) (MODEL 9, docs/MODEL.md 7.1). One definition for every stage, so the model,
 * the recorder and the readers of a run convert trust with the same floating-point expression.
 */

/** Probability of log-odds x: 1 / (1 + e^-x). */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Log-odds of probability p: ln(p / (1 - p)); infinite at 0 and 1 (see `clampLogit`). */
export const logit = (p: number): number => Math.log(p / (1 - p));

/** Trust and its baseline stay within +-30 log-odds: finite, and strictly inside (0,1) as probabilities. */
export const LOGIT_LIMIT = 30;

/** x clamped to [-LOGIT_LIMIT, LOGIT_LIMIT]. */
export const clampLogit = (x: number): number => (x > LOGIT_LIMIT ? LOGIT_LIMIT : x < -LOGIT_LIMIT ? -LOGIT_LIMIT : x);
