/**
 * docs/MODEL.md (the ODD model document) stays in step with the code: its generated sections
 * (parameters, activity catalogue, state defaults) and inline defaults are what
 * `npm run docs` would write, and every parameter and activity kind is named in it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_IDS, CATALOGUE } from '../../src/model/catalogue.js';
import { defaultParams, Parameters } from '../../src/model/params.js';
import { STATE_DEFAULTS } from '../../src/world/resolve.js';
import {
  activitiesSection, DOC_FILE, formatRange, formatValue, generateDocument, parametersSection, refreshInlineDefaults, replaceBlock,
} from '../../scripts/generate-docs.js';

const doc = readFileSync(DOC_FILE, 'utf8');
const PARAM_NAMES = Object.keys(Parameters.shape);

/** The document without its generated blocks: the hand-written prose. */
function prose(text: string): string {
  return text.replace(/<!-- BEGIN GENERATED: ([\w-]+) -->[\s\S]*?<!-- END GENERATED: \1 -->/g, '');
}

describe('docs/MODEL.md', () => {
  it('is up to date with the code (run `npm run docs` if this fails)', () => {
    expect(doc).toBe(generateDocument(doc));
  });

  it('has every generated block', () => {
    for (const name of ['parameters', 'activities', 'state-defaults']) {
      expect(doc).toContain(`<!-- BEGIN GENERATED: ${name} -->`);
      expect(doc).toContain(`<!-- END GENERATED: ${name} -->`);
    }
  });

  it('names every parameter in the parameters table with its default', () => {
    const defaults = defaultParams() as Record<string, unknown>;
    for (const name of PARAM_NAMES) {
      expect(doc, name).toContain(`| \`${name}\` | ${formatValue(defaults[name])} |`);
    }
  });

  it('names every parameter in the hand-written submodels too', () => {
    const text = prose(doc);
    const missing = PARAM_NAMES.filter((name) => !text.includes(`\`${name}\``) && !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing).toEqual([]);
  });

  it('names every activity kind and every state attribute', () => {
    for (const id of ACTIVITY_IDS) expect(doc, id).toContain(`\`${id}\``);
    for (const key of Object.keys(STATE_DEFAULTS)) expect(doc, key).toContain(`\`${key}\``);
  });

  it('follows the ODD protocol and lists deviations', () => {
    for (const heading of [
      '# Overview', 'Purpose and patterns', 'Entities, state variables and scales', 'Process overview and scheduling',
      '# Design concepts', '**Basic principles.**', '**Emergence.**', '**Adaptation.**', '**Objectives.**', '**Learning.**',
      '**Prediction.**', '**Sensing.**', '**Interaction.**', '**Stochasticity.**', '**Collectives.**', '**Observation.**',
      '# Details', 'Initialisation', 'Input data', 'Submodels', 'Deviations from MODEL.md', 'How to read a run',
    ]) expect(doc, heading).toContain(heading);
  });
});

describe('generate-docs', () => {
  it('replaces only the text between markers', () => {
    const text = 'a\n<!-- BEGIN GENERATED: x -->\nold\n<!-- END GENERATED: x -->\nb\n';
    expect(replaceBlock(text, 'x', 'new')).toBe('a\n<!-- BEGIN GENERATED: x -->\nnew\n<!-- END GENERATED: x -->\nb\n');
    expect(() => replaceBlock('no markers', 'x', 'new')).toThrow(/markers/);
  });

  it('refreshes inline defaults of parameters and state attributes only', () => {
    const p = defaultParams();
    expect(refreshInlineDefaults('`forgetting` (default 9) and kappa\n(default 9)')).toBe(
      `\`forgetting\` (default ${p.forgetting}) and kappa\n(default ${p.kappa})`);
    expect(refreshInlineDefaults('`equivocation` (default 9)')).toBe(`\`equivocation\` (default ${STATE_DEFAULTS.equivocation})`);
    expect(refreshInlineDefaults('a kind (default `forumMeeting`)')).toBe('a kind (default `forumMeeting`)');
  });

  it('formats ranges from the JSON Schema', () => {
    expect(formatRange({ type: 'number', minimum: 0, maximum: 1 })).toBe('[0, 1]');
    expect(formatRange({ type: 'number', exclusiveMinimum: 0, maximum: 1 })).toBe('(0, 1]');
    expect(formatRange({ type: 'number' })).toBe('(-∞, ∞)');
    expect(formatRange({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER })).toBe('integer in [1, ∞)');
  });

  it('groups every parameter under a section of params.ts', () => {
    const table = parametersSection();
    for (const name of PARAM_NAMES) expect(table).toContain(`| \`${name}\` |`);
    expect(table).not.toContain('**Other**');
  });

  it('lists every catalogue kind with its cost and likelihood ratio', () => {
    const table = activitiesSection();
    for (const id of ACTIVITY_IDS) {
      const a = CATALOGUE[id];
      expect(table).toContain(`| \`${id}\` | ${a.label} | ${a.cost} | ${a.lr} |`);
    }
  });
});
