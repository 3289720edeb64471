/**
 * What a run report is built from, read and checked before anything is drawn: the one read of
 * the run folder (readRunFolder), the rows the charts draw, the run as explanations read it,
 * and the scenario found again by its SHA-256.
 */
import type { RunData } from '../../charts/index.js';
import { runDataOf } from '../../charts/run-data.js';
import { explainRun, runScenario, type ExplainRun } from '../../explain/index.js';
import { optionProblem, type LoadResult, type Problem } from '../../io/problem.js';
import { readRunFolder, type Found, type RunJson } from '../../run/folder/index.js';
import type { Scenario } from '../../scenario/schema.js';

export interface RunInput {
  dir: string;
  manifest: RunJson;
  data: RunData;
  explain: ExplainRun | null;
  /** Why there are no explanations, when there are none. */
  explainCaveat: string | null;
  scenario: Found<Scenario>;
  pairs: [string, string][];
}

/** Reads a run folder and checks the chosen pairs; every problem (bad files, unknown pair ids) returned. */
export function readRunInput(dir: string, pairs: readonly [string, string][]): LoadResult<RunInput> {
  const folder = readRunFolder(dir);
  if (!folder.ok) return folder;
  const problems: Problem[] = [];
  const scenario = runScenario(folder.value);
  // The explanations need the event log; a run without one is reported, not refused.
  let explain: ExplainRun | null = null;
  let explainCaveat: string | null = null;
  if (folder.value.events !== null) {
    const read = explainRun(folder.value, scenario);
    if (read.ok) explain = read.value;
    else problems.push(...read.problems);
  } else {
    explainCaveat = 'the run was written without its event log (--no-events)';
  }
  const ids = folder.value.final.states;
  for (const [a, b] of pairs) {
    for (const id of [a, b]) if (!ids.includes(id)) problems.push(optionProblem('--pair', `unknown state id "${id}" in ${a},${b}; expected one of: ${ids.join(', ')}`));
    if (a === b) problems.push(optionProblem('--pair', `${a},${b}: a state's trust in itself is not modelled; name two different states`));
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { dir, manifest: folder.value.manifest, data: runDataOf(folder.value), explain, explainCaveat, scenario, pairs: [...pairs] } };
}
