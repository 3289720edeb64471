/**
 * Entente's public API: everything a script or notebook needs to load a scenario, run it and
 * read the results, from one entry point.
 *
 * @example
 * ```ts
 * import { loadScenario, simulate, formatProblem } from 'entente';
 * const loaded = loadScenario('scenarios/minimal-pair.yaml');
 * if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
 * const run = simulate(loaded.value, { seed: 7, hypothesis: 'trust-first' });
 * const meanTrust = run.series.columns.indexOf('meanTrust');
 * console.log(run.series.data[(run.series.rows - 1) * run.series.columns.length + meanTrust]);
 * ```
 */

/** Runs one scenario: a pure function of (scenario, seed, hypothesis, model version). */
export { simulate, simulateWorld } from './run/simulate.js';
export { resolveWorld } from './world/resolve.js';
export type { RunResult, Series, FinalState } from './run/simulate.js';
/** simulate()'s options: the zod schema (its type too), checked once; bad options throw a ProblemError. */
export { SimulateOptions, MAX_STEPS, checkSimulateOptions } from './run/options.js';
export type { CheckedOptions } from './run/options.js';

/** Loading and validating scenario files (YAML or JSON); problems carry file, path and line. */
export { loadScenario, parseScenario } from './scenario/load.js';
export { formatProblem } from './io/document.js';
export type { Problem, LoadResult } from './io/document.js';
export { ProblemError, optionProblem } from './io/problem.js';

/** The scenario schema (zod) and its types; the JSON Schema for editors is generated from it. */
export { Scenario, HYPOTHESIS_PATTERN, POLICIES } from './scenario/schema.js';
export type { ScenarioInput, ScenarioEvent } from './scenario/schema.js';
export { jsonSchemas } from './experiment/json-schema.js';

/** The parameters table (every default, overridable per scenario) and the activity catalogue. */
export { Parameters, defaultParams } from './model/params.js';
export type { Params, ParametersInput } from './model/params.js';
export { CATALOGUE, ACTIVITY_IDS } from './model/catalogue.js';
export type { ActivityId } from './model/catalogue.js';
export { OUTCOMES, ActivitySpec } from './model/activity.js';
export type { OutcomeName } from './model/activity.js';

/** The event log (every activity, misreading, deception, test, incident, defection, agreement). */
export { EVENT_KINDS, EventFlag as EVENT_FLAGS } from './core/events.js';
export type { EventKind, EventSink } from './core/events.js';
export { EventLog } from './record/event-log.js';

/** The run folder `npm run simulate` writes: its file formats, its one writer and its one reader. */
export { seriesCsv, pairsCsv, eventsJsonl, finalJson, readRunFolder, writeRunFolder } from './run/folder/index.js';
export type { RunFolder, RunManifest, WriteRunOptions, RunJson, FinalJson, EventRow } from './run/folder/index.js';
/** The calendar: a model step's month (YYYY-MM), and the month of a step of the run files (step 0 the initial state). */
export { outputDate, stepDate } from './model/calendar.js';

/** Hypotheses: `habits-first`, `trust-first`, `blend=X` (X the trust-first weight). */
export { parseHypothesis, readHypothesis, hypothesisName } from './world/hypothesis.js';
export type { Hypothesis } from './world/hypothesis.js';
export type { World } from './world/world.js';

/** Why did A's trust in B move: an exact decomposition of one pair's change in trust (`npm run explain`). */
export * from './explain/index.js';

/**
 * Experiments (`npm run experiment`, `npm run merge`): run one from its file into a folder,
 * with an AbortSignal to stop it and a progress callback; merge shards; replay one run in full.
 * Bad input and failed writes are `ProblemError`s carrying `Problem`s.
 */
export { runExperiment, experimentPlan, defaultOut } from './experiment/run.js';
export type { ExperimentOptions, ExperimentEvent, ExperimentResult } from './experiment/run.js';
export { mergeShards } from './experiment/merge.js';
export type { MergeOptions, MergeResult } from './experiment/merge.js';
export { replayRun } from './experiment/replay.js';
export type { Replay, ReplayOptions } from './experiment/replay.js';
export { manifest as experimentManifest, MANIFEST_FILE } from './experiment/manifest.js';
export { planInfo, readPlanInfo, PLAN_FILE } from './experiment/plan-info.js';
export type { PlanInfo, Shard } from './experiment/plan-info.js';
export { loadPlan } from './experiment/plan.js';
export type { Plan } from './experiment/plan.js';
export { defaultWorkers, maxWorkers } from './experiment/runner.js';

/**
 * Global sensitivity analysis of an experiment's conditions (`npm run sensitivity`): Sobol
 * indices or Morris effects of every metric, per hypothesis and for the paired difference of two,
 * run through the experiment machinery (pool, store, resume, shards; merge with `mergeShards`).
 */
export { runSensitivity, sensitivityOut } from './experiment/sensitivity/run.js';
export type { SensitivityOptions, SensitivityResult } from './experiment/sensitivity/run.js';
export type { SensitivityChoices } from './experiment/sensitivity/plan.js';
export type { SensitivityReport } from './experiment/sensitivity/files.js';
export type { SensitivityRow } from './experiment/sensitivity/analyse.js';
export type { SensitivityInfo, SensitivityMethod } from './experiment/sensitivity/schema.js';

export { MODEL_VERSION } from './version.js';

/** Global sensitivity analysis of any model of numbers: Sobol' indices (Saltelli design) and Morris screening. */
export { sobol, sobolDesign, sobolIndices, sobolSequence, morris, morrisDesign, morrisIndices } from './stats/index.js';
export type { Factor, SobolOptions, SobolDesign, SobolResult, MorrisOptions, MorrisDesign, MorrisResult } from './stats/index.js';

/** The prisoner's dilemma layer (docked against the Axelrod library): stage game, strategies, matches, tournaments. */
export { DEFAULT_GAME, checkGame, payoff } from './game/game.js';
export type { Action, Game } from './game/game.js';
export { memoryOne } from './game/strategy.js';
export type { Strategy, Player, FourVector } from './game/strategy.js';
export { NAMED as NAMED_STRATEGIES, STRATEGY_NAMES, strategyByName, strategiesByName, random as randomStrategy, gtftProbability } from './game/strategies.js';
export { GRIT } from './game/grit.js';
export { playMatch, DEFAULT_TURNS } from './game/match.js';
export type { MatchResult, MatchOptions } from './game/match.js';
export { playTournament, DEFAULT_REPETITIONS } from './game/tournament.js';
export type { TournamentResult, TournamentOptions } from './game/tournament.js';
