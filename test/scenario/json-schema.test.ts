import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, MODEL_VERSION, parseScenario } from '../../src/index.js';

describe('the generated JSON Schema', () => {
  it.each(Object.entries(jsonSchemas()))('schema/%s is up to date with the zod schema (npm run schema)', (name, text) => {
    expect(readFileSync(`schema/${name}`, 'utf8')).toBe(text);
  });

  it('describes the scenario blocks and state attributes an editor should complete', () => {
    const schema = JSON.parse(jsonSchemas()['scenario.schema.json']);
    for (const key of ['name', 'calendar', 'states', 'groups', 'forums', 'programmes', 'events', 'trust', 'parameters']) {
      expect(schema.properties, key).toHaveProperty(key);
    }
    const state = schema.properties.states.items.properties;
    for (const key of ['capability', 'culture', 'language', 'equivocation', 'receptivity', 'seniority', 'empathy', 'transparency', 'restraint', 'trustworthiness', 'interests', 'budget', 'policy']) {
      expect(state, key).toHaveProperty(key);
    }
    expect(schema.additionalProperties).toBe(false); // unknown keys are flagged while typing
  });

  it('agrees with the zod schema on an unknown key', () => {
    // The JSON Schema editors use, as written to disk: no "stats" key, and unknown keys refused.
    const onDisk = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'));
    expect(onDisk.properties).toHaveProperty('states');
    expect(onDisk.properties).not.toHaveProperty('stats');
    expect(onDisk.additionalProperties).toBe(false);
    // The zod schema refuses the same key, naming it and its line.
    const valid = 'name: x\ndescription: d\nteachingNote: t\ncalendar: { start: "2020-01", steps: 2 }\nstates: [{ id: A }, { id: B }]\n';
    expect(parseScenario(valid, 'ok.yaml').ok).toBe(true);
    const r = parseScenario(`${valid}stats: 1\n`, 'typo.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'typo.yaml', path: 'stats', line: 6 });
    expect(r.problems[0].message).toContain('unknown key "stats"');
  });
});

type Json = { [k: string]: unknown };

/**
 * Every property of a JSON Schema without a description, as a path (`events[].note`,
 * `activities.*.mode`): properties of objects, of list items, of each alternative of a union
 * and of the values of a mapping.
 */
function undescribed(node: unknown, path = ''): string[] {
  if (node === null || typeof node !== 'object') return [];
  if (Array.isArray(node)) return node.flatMap((n) => undescribed(n, path));
  const n = node as Json;
  const out: string[] = [];
  for (const [key, child] of Object.entries((n.properties ?? {}) as Json)) {
    const at = path === '' ? key : `${path}.${key}`;
    const text = (child as Json).description;
    if (typeof text !== 'string' || text.trim() === '') out.push(at);
    out.push(...undescribed(child, at));
  }
  out.push(...undescribed(n.items, `${path}[]`), ...undescribed(n.additionalProperties, `${path}.*`));
  for (const key of ['anyOf', 'oneOf', 'allOf']) out.push(...undescribed(n[key], path));
  return [...new Set(out)];
}

describe('descriptions for editors', () => {
  it.each(['scenario.schema.json', 'experiment.schema.json'])('every property of schema/%s has a description', (name) => {
    const schema = JSON.parse(readFileSync(`schema/${name}`, 'utf8'));
    expect(undescribed(schema), 'properties without a description (add .describe(...) in the zod schema, then npm run schema)').toEqual([]);
  });

  it('the walk finds properties without one, at every depth', () => {
    const schema = {
      properties: {
        a: { description: 'A.', type: 'object', properties: { b: { type: 'number' } } },
        list: { description: 'L.', items: { anyOf: [{ properties: { c: {} } }, { properties: { d: { description: ' ' } } }] } },
        map: { additionalProperties: { properties: { e: { description: 'E.' }, f: {} } } },
      },
    };
    expect(undescribed(schema)).toEqual(['a.b', 'list[].c', 'list[].d', 'map', 'map.*.f']);
  });
});

describe('the model version', () => {
  it('matches package.json', () => {
    expect(MODEL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
