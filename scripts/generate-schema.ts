/**
 * Writes the JSON Schemas that editors use to validate and complete input files, generated from
 * the zod schemas (the single source of truth). `npm run schema` rewrites them; a test fails
 * when a committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../src/experiment/json-schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [name, text] of Object.entries(jsonSchemas())) {
  writeFileSync(`${root}schema/${name}`, text);
  console.log(`wrote schema/${name}`);
}
