/** JSON Schema text for editors, generated from the zod schemas. */
import { z } from 'zod';
import { Experiment } from '../experiment/schema.js';
import { Scenario } from './schema.js';

/** File name -> JSON Schema text (stable, pretty-printed, newline-terminated). */
export function jsonSchemas(): Record<string, string> {
  const scenario = z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  const experiment = z.toJSONSchema(Experiment, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  return {
    'scenario.schema.json': JSON.stringify({ ...scenario, title: 'Entente scenario' }, null, 2) + '\n',
    'experiment.schema.json': JSON.stringify({ ...experiment, title: 'Entente experiment' }, null, 2) + '\n',
  };
}
