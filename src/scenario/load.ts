/**
 * Scenario file -> validated scenario. The only place a scenario is checked: everything after
 * this trusts its input.
 */
import { loadFile, parseText, type LoadResult } from '../io/document.js';
import { scenarioLimits } from './limits.js';
import { Scenario } from './schema.js';

/** Reads and validates a scenario file (YAML or JSON); every problem is returned, none thrown. */
export function loadScenario(file: string): LoadResult<Scenario> {
  return loadFile(file, Scenario, scenarioLimits);
}

/** Validates scenario text already in memory; `file` names it in messages. */
export function parseScenario(text: string, file = '<scenario>'): LoadResult<Scenario> {
  return parseText(text, file, Scenario, scenarioLimits);
}
