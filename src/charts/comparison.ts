/**
 * Charts 6 and 7: comparing hypotheses. The two mean trajectories on the same seeds; the paired
 * differences with their confidence intervals per scenario and condition (a forest plot); and,
 * over two swept conditions, a map of which hypothesis leads on a metric and by how much.
 */
export { advantage, COMPARISON_METRIC_WORDS, differenceStops, sideOf, verdictOfRow } from './comparison-common.js';
export { differencesChart, type DifferencesOptions } from './differences.js';
export { sweepChart, type SweepOptions } from './sweep.js';
export { hypothesisTrajectoriesChart, type TrajectoriesOptions } from './trajectories.js';
