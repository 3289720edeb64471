/**
 * Scenario text -> validated scenario, without a file system: the command line reads the file
 * (load.ts), the explorer gets the text from a file picker or its bundled teaching scenarios, and
 * both give the same messages (file, line, column, path).
 */
import { parseText } from '../io/parse-text.js';
import type { LoadResult } from '../io/problem-format.js';
import { scenarioLimits } from './limits.js';
import { Scenario } from './schema.js';

/** Validates scenario text already in memory; `file` names it in messages. */
export function parseScenario(text: string, file = '<scenario>'): LoadResult<Scenario> {
  return parseText(text, file, Scenario, scenarioLimits);
}
