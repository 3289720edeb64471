/**
 * What a scenario may ask of memory, checked with the schema wherever a scenario is loaded (a
 * run, an experiment, a report): a scenario too large to run is refused up front with a clear
 * limit, never left to run out of memory.
 */
import type { Check } from '../io/parse-text.js';

/**
 * At most this many states in a scenario: the resolved world keeps several n x n matrices, about
 * 170 to 270 bytes a pair of states (measured: 2,000 states take 0.74 GB; 5,000 would take over 4 GB).
 */
export const MAX_STATES = 2000;

/** The scenario's own limits, checked with the schema: the number of states. */
export const scenarioLimits: Check = (data) => {
  const states = (data as { states?: unknown } | null)?.states;
  if (!Array.isArray(states) || states.length <= MAX_STATES) return [];
  return [{ path: ['states'], message: `has ${states.length} states; a scenario may have at most ${MAX_STATES} (memory grows with the square of the number of states: about 0.75 GB at ${MAX_STATES})` }];
};
