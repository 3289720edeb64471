/**
 * The names a scenario takes (activity ids, policies, strategies, hypotheses) are lists an
 * editor completes from in schema/scenario.schema.json, generated from the same constants the
 * loader checks against; the loader's own messages (file, path, line, the valid names) stay as
 * they were.
 */
import { describe, expect, it } from 'vitest';
import { ACTIVITY_IDS, HYPOTHESIS_PATTERN, jsonSchemas, NAMED_STRATEGIES, parseScenario, POLICIES, strategyByName, type Problem } from '../../src/index.js';
import { ACTIVITY_MEANINGS } from '../../src/model/catalogue.js';

type Json = { [k: string]: any };
const schema: Json = JSON.parse(jsonSchemas()['scenario.schema.json']);
const state: Json = schema.properties.states.items.properties;

/** Whether a JSON Schema string node with `pattern` and/or `anyOf` of enums and patterns accepts `text`. */
function accepts(node: Json, text: string): boolean {
  if (node.enum && !node.enum.includes(text)) return false;
  if (node.pattern && !new RegExp(node.pattern, 'u').test(text)) return false;
  if (node.anyOf) return node.anyOf.some((alt: Json) => accepts(alt, text));
  return true;
}

describe('names as enums in the JSON Schema', () => {
  it('activity ids wherever one is taken: forums, programmes and the keys of activities', () => {
    const forum = schema.properties.forums.items.properties.activity;
    const programme = schema.properties.programmes.items.properties.activity;
    const keys = schema.properties.activities.propertyNames;
    for (const node of [forum, programme, keys]) {
      expect(node.enum).toEqual(ACTIVITY_IDS);
      expect(node.enumDescriptions).toEqual(ACTIVITY_IDS.map((a) => ACTIVITY_MEANINGS[a]));
    }
    expect(forum.default).toBe('forumMeeting');
  });

  it('policies', () => {
    expect(state.policy.enum).toEqual([...POLICIES]);
    expect(schema.properties.stateDefaults.properties.policy.enum).toEqual([...POLICIES]);
  });

  it('strategies: the named ones, and the forms Random(p) and MemoryOne(pCC,pCD,pDC,pDD,C|D)', () => {
    for (const node of [state.strategy, schema.properties.stateDefaults.properties.strategy]) {
      expect(node.anyOf[0].enum).toEqual([...Object.keys(NAMED_STRATEGIES), 'Random']);
      expect(node.anyOf.slice(1).map((alt: Json) => alt.pattern)).toEqual([expect.stringMatching(/^\^Random/), expect.stringMatching(/^\^MemoryOne/)]);
    }
    // The editor's forms agree with the loader's: every name one accepts, the other does too.
    const valid = [...Object.keys(NAMED_STRATEGIES), 'Random', 'Random(0.3)', 'Random(1)', 'Random(0)', 'Random(.25)', 'Random( 0.5 )',
      'MemoryOne(1,0,1,0,C)', 'MemoryOne(0.9, 0.1, 1, 0.0, D)', 'MemoryOne(1,1,1,1, C )'];
    const invalid = ['TitForTatt', 'titfortat', 'Random()', 'Random(1.5)', 'Random(-0.1)', 'Random(p)', 'MemoryOne(1,0,1,C)', 'MemoryOne(1,0,1,0,X)',
      'MemoryOne(2,0,1,0,C)', 'MemoryOne(1,0,1,0,C,D)', 'GTFT(0.3)', ''];
    for (const name of valid) {
      expect(accepts(state.strategy, name), `editor accepts ${name}`).toBe(true);
      expect('message' in strategyByName(name), `loader accepts ${name}`).toBe(false);
    }
    for (const name of invalid) {
      expect(accepts(state.strategy, name), `editor refuses ${name}`).toBe(false);
      expect('message' in strategyByName(name), `loader refuses ${name}`).toBe(true);
    }
  });

  it('hypotheses: habits-first and trust-first, and blend=X', () => {
    const node = schema.properties.run.properties.hypothesis;
    expect(node.anyOf[0].enum).toEqual(['habits-first', 'trust-first']);
    for (const text of ['habits-first', 'trust-first', 'blend=0', 'blend=0.5', 'blend=1', 'blend=1.0', 'blend=.25', 'trust', 'blend=1.5', 'blend=', 'blend=-0.1', 'Habits-first']) {
      expect(accepts(node, text), text).toBe(HYPOTHESIS_PATTERN.test(text));
    }
  });
});

describe('the loader\'s messages for names', () => {
  const text = `name: x
description: d
teachingNote: t
calendar: { start: "2020-01", steps: 12 }
states:
  - { id: A, strategy: TitForTatt, policy: smart }
  - { id: B, strategy: "Random(2)" }
forums:
  - { id: F, members: [A, B], track: 1, activity: forumMeting, schedule: { every: 3 } }
programmes:
  - { from: A, to: B, activity: shipVist, schedule: { every: 3 } }
activities:
  shipVisit: { cost: 3 }
  shipVist: { cost: 3 }
run: { hypothesis: blend=2 }
`;
  const r = parseScenario(text, 'names.yaml');
  const problems: Problem[] = r.ok ? [] : r.problems;
  const at = (path: string) => {
    const hit = problems.filter((p) => p.path === path);
    expect(hit, path).toHaveLength(1);
    return hit[0];
  };

  it('name the file, path and line, and the valid names, once each', () => {
    expect(r.ok).toBe(false);
    expect(problems.every((p) => p.file === 'names.yaml')).toBe(true);
    const activities = `expected one of: ${ACTIVITY_IDS.join(', ')}`;
    expect(at('states[0].strategy')).toMatchObject({ line: 6, message: expect.stringMatching(/^unknown strategy "TitForTatt"; valid names: Cooperator, .*GRIT, Random, Random\(p\), MemoryOne\(pCC,pCD,pDC,pDD,C\|D\)$/) });
    expect(at('states[0].policy')).toMatchObject({ line: 6, message: 'Invalid option: expected one of "auto"|"routine"|"trust-gated"|"grit"|"reciprocal"' });
    expect(at('states[1].strategy')).toMatchObject({ line: 7, message: 'Random(p) needs p, the probability of cooperating, in [0, 1], got "2"' });
    expect(at('forums[0].activity')).toMatchObject({ line: 9, message: `unknown activity "forumMeting"; ${activities}` });
    expect(at('programmes[0].activity')).toMatchObject({ line: 11, message: `unknown activity "shipVist"; ${activities}` });
    expect(at('activities.shipVist')).toMatchObject({ line: 14, message: `unknown activity "shipVist"; ${activities}` });
    expect(at('run.hypothesis')).toMatchObject({ line: 15, message: 'habits-first, trust-first or blend=X with X in [0,1]' });
    expect(problems).toHaveLength(7);
  });
});
