/**
 * The JSON Schemas of every input file, generated from their zod schemas. It lives with the
 * experiment, the later stage, because an experiment may read scenarios but a scenario knows
 * nothing of experiments.
 */
import { jsonSchemaText, scenarioJsonSchema } from '../scenario/json-schema.js';
import { Experiment } from './schema.js';

/** File name -> JSON Schema text (stable, pretty-printed, newline-terminated). */
export function jsonSchemas(): Record<string, string> {
  return {
    'scenario.schema.json': scenarioJsonSchema(),
    'experiment.schema.json': jsonSchemaText(Experiment, 'Entente experiment'),
  };
}
