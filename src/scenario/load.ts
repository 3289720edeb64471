/**
 * Scenario file -> validated scenario. The only place a scenario is checked: everything after
 * this trusts its input. The text itself is checked by `parseScenario` (parse.ts).
 */
import { loadFile, type LoadResult } from '../io/document.js';
import { scenarioLimits } from './limits.js';
import { Scenario } from './schema.js';

export { parseScenario } from './parse.js';

/** Reads and validates a scenario file (YAML or JSON); every problem is returned, none thrown. */
export function loadScenario(file: string): LoadResult<Scenario> {
  return loadFile(file, Scenario, scenarioLimits);
}
