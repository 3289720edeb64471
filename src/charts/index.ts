/**
 * Charts for seminar reports: each chart is a pure function from typed rows to a
 * {@link ChartSpec}, whose caption is computed from the data; `renderSvg` turns a spec into one
 * standalone SVG (title, subtitle, legend and caption inside) and `renderPng` into a PNG that
 * is the same on every machine.
 *
 * @example
 * ```ts
 * import { readRunFolder } from './src/run/folder/index.js';
 * import { runDataOf, timelineChart, renderSvg, renderPng } from './src/charts/index.js';
 * const folder = readRunFolder('out/asean-admm/habits-first-seed1');
 * if (!folder.ok) throw new Error(folder.problems[0].message);
 * const run = runDataOf(folder.value);
 * const svg = renderSvg(timelineChart(run.series, run.events, { subtitle: run.manifest?.scenario.name }));
 * writeFileSync('timeline.svg', svg);
 * writeFileSync('timeline.png', renderPng(svg, { scale: 2 }));
 * ```
 */
export { renderSvg, svgSize, escapeXml, DEFAULT_WIDTH, DEFAULT_HEIGHT } from './render.js';
export { renderPng, resvgOptions } from './png.js';
export type { ChartSpec, ColorBar } from './render.js';
export * from './palette.js';
export { FONT_FAMILY, fontFiles, textWidth, wrapText } from './font.js';
export * from './data.js';
export { trustOverTimeChart, pairTrustChart, trendFromSteps, trendFromSeries, METRIC_WORDS, METRIC_AXIS } from './trust-over-time.js';
export type { TrendRow, TrustOverTimeOptions, PairTrustOptions } from './trust-over-time.js';
export { trustMatrixChart, pairsFromFinal } from './trust-matrix.js';
export type { TrustMatrixOptions } from './trust-matrix.js';
export { trustNetworkChart, circleLayout } from './trust-network.js';
export type { TrustNetworkOptions } from './trust-network.js';
export { timelineChart, laneEvents, EXERCISE_ACTIVITIES } from './timeline.js';
export type { TimelineOptions, LaneEvent } from './timeline.js';
export { outcomesChart, profileFromFinal, profileFromSeries, OUTCOME_LABELS, OUTCOME_NAMES } from './outcomes.js';
export type { OutcomeProfile, OutcomesOptions } from './outcomes.js';
export { hypothesisTrajectoriesChart, differencesChart, sweepChart, advantage, differenceStops, COMPARISON_METRIC_WORDS } from './comparison.js';
export type { TrajectoriesOptions, DifferencesOptions, SweepOptions } from './comparison.js';
export { transmitterReceiverChart, receptionCounts, reception, activityLabel, RECEPTION, RECEPTION_COLORS } from './transmitter-receiver.js';
export type { Reception, ReceptionCount, TransmitterReceiverOptions } from './transmitter-receiver.js';
export { parseSensitivityJson, parsePointsCsv, readSensitivityDir, differencePair, differenceTarget, mainScenario, rankedFactors, factorsByImportance, factorsForMetric, SensitivitySchema } from './sensitivity-data.js';
export type { Sensitivity, SensitivityResult, SensitivityFactor, SensitivityPoint, SensitivityData, FactorIndex } from './sensitivity-data.js';
export { sobolChart, totalIndexChart, TOTAL_COLOR, FIRST_COLOR } from './sensitivity-bars.js';
export { verdictsChart, verdictTally, UNDECIDED_COLOR } from './verdicts.js';
export type { SobolChartOptions } from './sensitivity-bars.js';
export { morrisChart } from './morris.js';
export type { MorrisChartOptions } from './morris.js';
export { scenarioWords, sensitivitySentence, sensitivityTargetWords } from './sensitivity-words.js';
export { partialDependence, binAxis, binsFor, MAX_VALUE_BINS } from './partial-dependence.js';
export type { PartialDependence, DependencePoint, DependenceCell, BinnedAxis, AxisBin } from './partial-dependence.js';
export { whereEachWinsChart, whereEachWinsSpec, winsFromComparison, winsFromPoints, winsMap, winsSentences, winWords, binWords, metricBetter, metricMargin, EQUIVALENT_COLOR, WIN_WORDS } from './where-each-wins.js';
export type { WhereEachWinsOptions, WinsInput, WinsMap, WinsCell, WinsSide } from './where-each-wins.js';
