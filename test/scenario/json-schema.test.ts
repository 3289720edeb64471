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

describe('the model version', () => {
  it('matches package.json', () => {
    expect(MODEL_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
