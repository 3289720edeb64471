/**
 * A run folder as an explanation reads it: derived from the one read of the folder
 * (`readRunFolder`), which checks every file. The folder holds ids only: display names, and the
 * forgetting rate that places a range's ends between two events, come from the scenario file
 * named in run.json, used only if its SHA-256 is the one recorded. Without it, states and forums
 * are shown by id and activities by their catalogue label; with pairs.csv the forgetting rate
 * is not needed.
 */
import type { LoadResult } from '../io/problem.js';
import { fileProblem } from '../io/problem.js';
import { CATALOGUE } from '../model/catalogue.js';
import { findScenario, readRunFolder, scenarioCaveat, type Found, type RunFolder } from '../run/folder/index.js';
import type { Scenario } from '../scenario/schema.js';
import { MODEL_VERSION } from '../version.js';
import { resolveWorld } from '../world/resolve.js';
import { buildRows, type ExplainRun, worldNames } from './run.js';
import { join } from 'node:path';

/** Reads a run folder for explanations: `readRunFolder`, then the run as `explainRun` sees it. */
export function readRunDir(dir: string): LoadResult<ExplainRun> {
  const folder = readRunFolder(dir);
  if (!folder.ok) return folder;
  return explainRun(folder.value);
}

/** The scenario a run folder was made from, found again by its SHA-256. */
export function runScenario(folder: RunFolder): Found<Scenario> {
  const m = folder.manifest;
  return findScenario(m.scenario.file, m.scenario.sha256, folder.dir);
}

/**
 * A checked run folder as an explanation reads it; a problem when it has no event log. The
 * scenario (found again by `runScenario` when not given) supplies names and the forgetting rate.
 */
export function explainRun(folder: RunFolder, scenario: Found<Scenario> = runScenario(folder)): LoadResult<ExplainRun> {
  const m = folder.manifest;
  if (folder.events === null) {
    return {
      ok: false,
      problems: [fileProblem(join(folder.dir, 'events.jsonl'), m.files.includes('events.jsonl')
        ? 'no such file; the event log is needed to explain a pair'
        : 'the run was written with --no-events, so it has no event log to explain; rerun simulate without --no-events')],
    };
  }
  const ids = folder.final.states;
  const caveats: string[] = [];
  let names: string[] = [...ids];
  let activityNames = new Map<string, string>(Object.entries(CATALOGUE).map(([id, a]) => [id, a.label]));
  let forumNames: ReadonlyMap<string, string> = new Map();
  let groupNames: ReadonlyMap<string, string> = new Map();
  let members = new Map<string, Set<string>>();
  let forgetting: number | null = null;
  const why = scenarioCaveat(scenario);
  if (why !== null) caveats.push(why);
  if (scenario.value !== null) {
    try {
      const world = resolveWorld(scenario.value, { hypothesis: m.hypothesis, steps: m.steps });
      if (world.ids.length === ids.length && world.ids.every((id, i) => id === ids[i])) {
        const named = worldNames(world);
        names = [...named.names];
        activityNames = new Map([...activityNames, ...named.activityNames]);
        forumNames = named.forumNames;
        groupNames = named.groupNames;
        members = named.members;
        if (m.modelVersion === MODEL_VERSION) forgetting = world.params.forgetting;
        else caveats.push(`the run was made by model version ${m.modelVersion}, not ${MODEL_VERSION}, so its forgetting rate may differ`);
      } else {
        caveats.push(`the scenario file "${m.scenario.file}" names other states than final.json`);
      }
    } catch (e) {
      caveats.push(`the scenario file "${m.scenario.file}" could not be resolved (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  const { rows, notes } = buildRows(folder.events, ids, members);
  return {
    ok: true,
    value: {
      title: `${m.scenario.name}, ${m.hypothesis}, seed ${m.seed}`,
      ids, names, activityNames, forumNames, groupNames, dates: folder.dates,
      finalTrust: folder.final.trust, rows, notes, pairTrust: folder.pairTrust, forgetting, caveats,
    },
  };
}
