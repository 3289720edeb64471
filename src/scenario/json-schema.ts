/** JSON Schema text for editors, generated from the zod schemas. */
import { z } from 'zod';
import { Scenario } from './schema.js';

/** The JSON Schema of a zod schema's input, as editors read it: draft-7, pretty-printed, newline-terminated. */
export function jsonSchemaText(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  return JSON.stringify({ ...json, title }, null, 2) + '\n';
}

/** The scenario file's JSON Schema (schema/scenario.schema.json). */
export function scenarioJsonSchema(): string {
  return jsonSchemaText(Scenario, 'Entente scenario');
}
