/**
 * src/io/document.ts: reading YAML or JSON and validating it, with every problem placed at its
 * file, path, line and column.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath, formatProblem, loadFile, parseText, type Problem } from '../../src/io/document.js';
import { Scenario } from '../../src/scenario/schema.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const Item = z.strictObject({ id: z.string(), value: z.number().min(0).max(1) });
const Small = z.strictObject({
  name: z.string(),
  items: z.array(Item),
  nested: z.strictObject({ deep: z.strictObject({ x: z.number(), y: z.number().default(7) }) }).optional(),
  tags: z.record(z.string(), z.number()).optional(),
});

const SMALL = `# a small document
name: small
items:
  - id: a
    value: 0.1
  - id: b
    value: 0.2
  - id: c
    value: 0.3
nested:
  deep:
    x: 1
`;

/** 1-based line and column of the `nth` (0-based) occurrence of `needle`. */
function pos(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`test setup: "${needle}" occurs fewer than ${nth + 1} times`);
  }
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test setup: expected exactly one "${from}"`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function problems<S extends z.ZodType>(text: string, schema: S, file = 'doc.yaml'): Problem[] {
  const r = parseText(text, file, schema);
  expect(r.ok, 'expected problems').toBe(false);
  return r.ok ? [] : r.problems;
}

function only(ps: Problem[], path: string): Problem {
  const hits = ps.filter((p) => p.path === path);
  expect(hits, `expected one problem at "${path}"; got:\n${ps.map(formatProblem).join('\n')}`).toHaveLength(1);
  return hits[0];
}

describe('formatPath and formatProblem', () => {
  it('writes paths as in JavaScript: keys with dots, indices in brackets', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['name'])).toBe('name');
    expect(formatPath(['states', 2, 'equivocation'])).toBe('states[2].equivocation');
    expect(formatPath(['rivalries', 0, 1])).toBe('rivalries[0][1]');
    expect(formatPath([3, 'a'])).toBe('[3].a');
  });

  it('writes a problem as file:line:column: path: message, without the path for the whole file', () => {
    expect(formatProblem({ file: 's.yaml', path: 'states[2].equivocation', line: 15, column: 19, message: 'too big' }))
      .toBe('s.yaml:15:19: states[2].equivocation: too big');
    expect(formatProblem({ file: 's.yaml', path: '', line: 1, column: 1, message: 'the file is empty' }))
      .toBe('s.yaml:1:1: the file is empty');
  });
});

describe('parseText: values and positions', () => {
  it('returns the validated value, defaults applied', () => {
    const r = parseText(SMALL, 'doc.yaml', Small);
    expect(r).toEqual({
      ok: true,
      value: {
        name: 'small',
        items: [{ id: 'a', value: 0.1 }, { id: 'b', value: 0.2 }, { id: 'c', value: 0.3 }],
        nested: { deep: { x: 1, y: 7 } },
      },
    });
  });

  it('places a problem in items[2].value at its value\'s line and column (block style)', () => {
    const text = edit(SMALL, 'value: 0.3', 'value: 1.3');
    const p = only(problems(text, Small), 'items[2].value');
    expect(p).toMatchObject({ file: 'doc.yaml', ...pos(text, '1.3') });
    expect(p.message).toMatch(/<=\s*1/);
  });

  it('places problems in flow sequences and flow mappings at their value', () => {
    const text = 'name: flow\nitems: [{ id: a, value: 0.5 }, { id: b, value: 0.5 }, { id: c, value: -4 }]\n';
    expect(only(problems(text, Small), 'items[2].value')).toMatchObject(pos(text, '-4'));
    const text2 = 'name: flow\nitems:\n  - { id: a, value: 0.5 }\n  - { id: 7, value: 0.5 }\n';
    expect(only(problems(text2, Small), 'items[1].id')).toMatchObject(pos(text2, '7'));
  });

  it('places a problem deep in nested mappings', () => {
    const text = edit(SMALL, '    x: 1', '    x: one');
    const p = only(problems(text, Small), 'nested.deep.x');
    expect(p).toMatchObject(pos(text, 'one'));
    expect(p.message).toMatch(/expected number/);
  });

  it('places problems in multi-line JSON', () => {
    const text = JSON.stringify({ name: 'j', items: [{ id: 'a', value: 0.5 }, { id: 'b', value: 0.5 }, { id: 'c', value: 9 }] }, null, 2);
    expect(only(problems(text, Small, 'doc.json'), 'items[2].value')).toMatchObject({ file: 'doc.json', ...pos(text, '9') });
  });

  it('places a missing key at its parent', () => {
    const text = edit(SMALL, '    x: 1', '    y: 1');
    const p = only(problems(text, Small), 'nested.deep.x');
    expect(p.line).toBe(pos(text, 'deep:').line);
    expect(p.message).toMatch(/missing/);
    expect(p.message).toMatch(/expected number/);
  });

  it('places each unknown key on its own line and calls it an unknown key', () => {
    const text = edit(SMALL, '  - id: b\n', '  - id: b\n    vlaue: 0.2\n    colour: red\n');
    const ps = problems(text, Small);
    for (const key of ['vlaue', 'colour']) {
      const p = only(ps, `items[1].${key}`);
      expect(p.line).toBe(pos(text, key).line);
      expect(p.message).toMatch(/unknown key/);
      expect(p.message).toContain(`"${key}"`);
    }
  });

  it('reports every problem, sorted by line, and keeps lines exact with CRLF line endings', () => {
    const text = edit(edit(edit(SMALL, 'name: small', 'name: 5'), 'value: 0.1', 'value: 2'), '    x: 1', '    x: "1"');
    const lf = problems(text, Small);
    expect(lf.map((p) => p.path)).toEqual(['name', 'items[0].value', 'nested.deep.x']);
    expect(lf.map((p) => p.line)).toEqual([pos(text, 'name: 5').line, pos(text, 'value: 2').line, pos(text, 'x: "1"').line]);
    const crlf = problems(text.replace(/\n/g, '\r\n'), Small);
    expect(crlf.map((p) => [p.path, p.line, p.column])).toEqual(lf.map((p) => [p.path, p.line, p.column]));
  });
});

describe('parseText on a scenario', () => {
  const fpda = readFileSync(join(ROOT, 'scenarios', 'fpda.yaml'), 'utf8');
  /** Index in `lines` of the (k+1)-th state's `- id:` line (states are in a block sequence). */
  const stateLine = (lines: string[], k: number) => {
    const start = lines.indexOf('states:');
    const ids = lines.map((l, i) => (i > start && /^ {2}- id: /.test(l) ? i : -1)).filter((i) => i >= 0);
    expect(ids.length, 'test setup: the scenario has fewer states than expected').toBeGreaterThan(k);
    return ids[k];
  };

  it('the scenario used is valid as it is', () => {
    const r = parseText(fpda, 'fpda.yaml', Scenario);
    expect(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n')).toBe(true);
  });

  it('a problem in states[2].equivocation points to its line, among comments', () => {
    const lines = fpda.split('\n');
    const at = stateLine(lines, 2);
    lines.splice(at + 1, 0, '    # an inserted comment', '    equivocation: 1.5   # too equivocal');
    const p = only(problems(lines.join('\n'), Scenario, 'fpda.yaml'), 'states[2].equivocation');
    expect(p).toMatchObject({ file: 'fpda.yaml', line: at + 3, column: 19 });
    expect(p.message).toMatch(/<=\s*1/);
  });

  it('a bad id and an unknown key in states[2] point to their lines', () => {
    const lines = fpda.split('\n');
    const at = stateLine(lines, 2);
    lines[at] = lines[at].replace('- id: ', '- id: 9');
    lines.splice(at + 1, 0, '    equivocaton: 0.5');
    const ps = problems(lines.join('\n'), Scenario, 'fpda.yaml');
    expect(only(ps, 'states[2].id')).toMatchObject({ line: at + 1, column: 9 });
    const typo = only(ps, 'states[2].equivocaton');
    expect(typo.line).toBe(at + 2);
    expect(typo.message).toMatch(/unknown key/);
  });

  it('line numbers stay exact deep in a long file', () => {
    const lines = [...Array.from({ length: 3000 }, (_, k) => `# comment line ${k}`), ...readFileSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'), 'utf8').split('\n')];
    const k = lines.findIndex((l) => /^ {4}receptivity: /.test(l));
    expect(k).toBeGreaterThan(3000);
    lines[k] = '    receptivity: 7';
    expect(only(problems(lines.join('\n'), Scenario), 'states[1].receptivity')).toMatchObject({ line: k + 1, column: 18 });
  });
});

describe('parseText: guards', () => {
  it('refuses duplicate keys, at the second occurrence, naming the key', () => {
    const cases: [string, string][] = [
      [edit(SMALL, '    value: 0.3', '    value: 0.3\n    value: 0.4'), 'value: 0.4'],
      [`${SMALL}name: again\n`, 'name: again'],
      ['{\n  "name": "j",\n  "items": [],\n  "name": "k"\n}', '"name": "k"'],
    ];
    for (const [text, second] of cases) {
      const ps = problems(text, Small);
      expect(ps).toHaveLength(1);
      expect(ps[0].line).toBe(pos(text, second).line);
      expect(ps[0].message).toMatch(/unique|duplicate/i);
      // Which key: in the path or in the message.
      const key = second.replace(/"/g, '').split(':')[0];
      expect(formatProblem(ps[0]), 'the problem should name the duplicated key').toContain(key);
    }
  });

  it('reports syntax errors at their line, all of them, and nothing else', () => {
    const text = 'name: a: b\nitems:\n  - id: "unclosed\n';
    const ps = problems(text, Small);
    expect(ps.length).toBeGreaterThanOrEqual(2);
    expect(ps.every((p) => p.path === '' && p.message.startsWith('syntax error: '))).toBe(true);
    expect(ps[0].line).toBe(1);
    for (const p of ps) expect(p.message).not.toContain('\n');
  });

  it('refuses an empty file, or one of blank lines and comments only, with one problem at 1:1', () => {
    for (const text of ['', '\n', '  \n\t\n', '# c', '#\n#\n', '  # indented\n# another\n', '# a\r\n# b\r\n', '#'.repeat(500)]) {
      const ps = problems(text, Small);
      expect(ps).toEqual([{ file: 'doc.yaml', path: '', line: 1, column: 1, message: expect.stringMatching(/empty.*expected a mapping/) }]);
    }
  });

  it('refuses a document that is not a mapping, saying what it is', () => {
    expect(problems('- a\n- b\n', Small)[0].message).toMatch(/expected a mapping.*list/);
    expect(problems('"text"\n', Small)[0].message).toMatch(/expected a mapping.*string/);
    expect(problems('[1, 2]', Small, 'doc.json')[0].message).toMatch(/expected a mapping.*list/);
    expect(problems('true\n', Small)[0].message).toMatch(/expected a mapping.*boolean/);
  });

  it('refuses __proto__, constructor and prototype keys at their line, before anything is built', () => {
    const cases: [string, string, string][] = [
      [`${SMALL}__proto__: { polluted: true }\n`, '__proto__', '__proto__'],
      [edit(SMALL, '  - id: b\n', '  - id: b\n    constructor: 1\n'), 'items[1].constructor', 'constructor'],
      [edit(SMALL, '    x: 1', '    x: 1\n    prototype: { polluted: true }'), 'nested.deep.prototype', 'prototype'],
      [`${SMALL}tags: { "__proto__": 1 }\n`, 'tags.__proto__', '__proto__'],
      ['{\n  "name": "j",\n  "items": [],\n  "__proto__": { "polluted": true }\n}', '__proto__', '__proto__'],
    ];
    for (const [text, path, key] of cases) {
      const p = only(problems(text, Small), path);
      expect(p.line).toBe(pos(text, key).line);
      expect(p.message).toContain(`"${key}"`);
      expect(p.message).toMatch(/not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops an alias bomb with one problem, and accepts a few aliases', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefghij'.split('').map((c, k) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[k]}`).join(', ')}]`)].join('\n');
    const ps = problems(bomb, z.record(z.string(), z.unknown()));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({ path: '', line: 1 });
    expect(ps[0].message).toMatch(/alias/i);

    const few = 'name: few\nitems:\n  - &item { id: a, value: 0.5 }\n  - *item\n  - *item\n';
    const r = parseText(few, 'doc.yaml', Small);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.items).toHaveLength(3);
  });

  it('never throws and always gives lines inside the file, whatever the text', () => {
    const base = readFileSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'), 'utf8');
    const piece = fc.string({ maxLength: 12, unit: fc.constantFrom('"', "'", ':', '[', ']', '{', '}', '-', ' ', '\n', '\t', '#', '&a ', '*a', 'x', '1', '.nan', '__proto__', '---') });
    const mutated = fc.tuple(fc.nat(base.length), fc.nat(30), piece).map(([at, cut, s]) => base.slice(0, at) + s + base.slice(at + cut));
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), mutated), (text) => {
      const r = parseText(text, 'f.yaml', Scenario);
      if (r.ok) return;
      const lines = text.split(/\r\n|\r|\n/).length;
      expect(r.problems.length).toBeGreaterThan(0);
      for (const p of r.problems) {
        expect(p.file).toBe('f.yaml');
        expect(p.line).toBeGreaterThanOrEqual(1);
        expect(p.line).toBeLessThanOrEqual(lines);
        expect(p.column).toBeGreaterThanOrEqual(1);
      }
    }), { numRuns: 300, seed: 20240601 });
  });

  it('a big, legitimate 5,000-line file with many comments loads in well under a second', () => {
    const lines = [
      '# yaml-language-server: $schema=../schema/scenario.schema.json',
      ...Array.from({ length: 1000 }, (_, k) => ['#', `# Note ${k}: ${'words '.repeat(k % 13)}`, `   #${' '.repeat(k % 40)}`, '', `# ${'#'.repeat(k % 70)}`][k % 5]),
      'name: Big',
      'description: >',
      '  Many states and many comments.',
      'teachingNote: Tests the loader on a big file.',
      'calendar: { start: "2020-01", steps: 12 }   # one year',
      'states:',
    ];
    let n = 0;
    while (lines.length < 5000) {
      lines.push(`  # State ${n}${' '.repeat(n % 30)}`, '  #', `  - id: S${n}   # trailing comment  `, '    # inner comment ## with hashes #', `    equivocation: 0.${(n % 9) + 1}`, '', `    receptivity: 0.5 #${'-'.repeat(n % 50)}`);
      n++;
    }
    const big = `${lines.join('\n')}\n`;
    // The same number of comment lines with nothing else, and with content only on the last line.
    const comments = lines.filter((l) => l.trim() === '' || l.trim().startsWith('#')).join('\n');
    const started = performance.now();
    const r = parseText(big, 'big.yaml', Scenario);
    const onlyComments = parseText(`${comments}\n`, 'comments.yaml', Scenario);
    const lastLine = parseText(`${comments}\nname: x\n`, 'last.yaml', Scenario);
    const ms = performance.now() - started;
    expect(big.split('\n').length).toBeGreaterThanOrEqual(5000);
    expect(r.ok, r.ok ? '' : r.problems.slice(0, 3).map(formatProblem).join('\n')).toBe(true);
    if (r.ok) expect(r.value.states).toHaveLength(n);
    expect(onlyComments.ok ? '' : onlyComments.problems[0].message).toMatch(/empty/);
    expect(lastLine.ok).toBe(false);
    expect(ms, `took ${Math.round(ms)} ms`).toBeLessThan(5000);
  });
});

describe('loadFile', () => {
  it('reads a file and gives the same result as parseText on its text', () => {
    const file = join(ROOT, 'scenarios', 'minimal-pair.yaml');
    expect(loadFile(file, Scenario)).toEqual(parseText(readFileSync(file, 'utf8'), file, Scenario));
  });

  it('reports a missing file and a folder with the file name, without throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-document-'));
    try {
      const missing = join(dir, 'missing.yaml');
      expect(loadFile(missing, Small)).toEqual({ ok: false, problems: [expect.objectContaining({ file: missing, path: '', message: expect.stringMatching(/no such file/) })] });
      const folder = loadFile(dir, Small);
      expect(folder.ok ? '' : folder.problems[0].message).toMatch(/directory/);
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, 'name: x\nitems:\n  - { id: a, value: 3 }\n');
      const r = loadFile(bad, Small);
      const { line, column } = pos(readFileSync(bad, 'utf8'), '3 }');
      expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([`${bad}:${line}:${column}: items[0].value: ${r.ok ? '' : r.problems[0].message}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
