/**
 * Bad input to `npm run simulate`: every kind is refused with exit code 2, a message of the form
 * `file:line:column: path: message` that says what was expected, no stack trace, and nothing
 * written (a fresh --out folder is not created; an existing result folder is left as it was).
 *
 * The command is run as a child process (its real interface) for one case of each kind; the
 * other variants go through the public API (`parseScenario` / `loadScenario`), which the
 * command uses, to keep the number of processes down.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatProblem, loadScenario, parseScenario, type Problem } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCRIPT = join(ROOT, 'src', 'cli', 'simulate.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MINIMAL = readFileSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'), 'utf8');

/** A small valid scenario with three states, a forum and a programme; each case breaks one thing. */
const BASE = `# A small valid scenario; the tests break one thing at a time.
name: Three states
description: A small test scenario.
teachingNote: Used by the tests of bad input.
calendar: { start: "2020-01", steps: 24 }
cultureDimensions: [pdi]
stateDefaults:
  culture: { pdi: 0.5 }
states:
  - id: A
    name: Alpha
    equivocation: 0.1
  - id: B
    name: Beta
    receptivity: 0.9
  - id: C
    name: Gamma
    capability: 2
    equivocation: 0.3
forums:
  - id: F
    members: [A, B, C]
    track: 1
    schedule: { every: 6 }
programmes:
  - from: A
    to: B
    activity: officialContact
    schedule: { every: 1 }
run: { seed: 1, hypothesis: habits-first }
`;

/** Billion laughs: nine levels of nine aliases (9^9 strings if expanded). */
const ALIAS_BOMB = `a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
`;

/** Replaces the one occurrence of `from` (fails loudly if the base text has changed). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`test setup: expected exactly one "${from}" in the base text`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line of the one occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0 || text.indexOf(needle, at + 1) >= 0) throw new Error(`test setup: expected exactly one "${needle}" in the text`);
  return text.slice(0, at).split('\n').length;
}

function simulate(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

/** Every file under `dir` (relative path -> SHA-256 and inode), and the folder's own inode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': `ino ${statSync(dir).ino}` };
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out[`${r}/`] = `ino ${statSync(join(dir, r)).ino}`;
        walk(r);
      } else {
        const bytes = readFileSync(join(dir, r));
        out[r] = `ino ${statSync(join(dir, r)).ino} sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
      }
    }
  };
  walk('');
  return out;
}

interface Expected {
  /** Path inside the file; '' for the whole file. */
  path: string;
  line: number;
  /** Each must match the message (after the path). */
  message: RegExp[];
}

/** The problem lines of `file` in stderr, parsed from `file:line:column: rest`. */
function reported(stderr: string, file: string): { line: number; column: number; rest: string }[] {
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${esc}:(\\d+):(\\d+): (.*)$`);
  return stderr.split('\n').flatMap((l) => {
    const m = re.exec(l);
    return m ? [{ line: Number(m[1]), column: Number(m[2]), rest: m[3] }] : [];
  });
}

function expectReported(stderr: string, file: string, e: Expected): void {
  const all = reported(stderr, file);
  const hit = all.find((p) => p.line === e.line && (e.path === '' ? true : p.rest.startsWith(`${e.path}: `)));
  expect(hit, `expected a problem "${file}:${e.line}:<column>: ${e.path}: ..." in stderr:\n${stderr}`).toBeDefined();
  expect(hit!.column).toBeGreaterThanOrEqual(1);
  const message = e.path === '' ? hit!.rest : hit!.rest.slice(e.path.length + 2);
  for (const m of e.message) expect(message, `message of ${e.path || 'the file'}`).toMatch(m);
}

/** Exit code 2, a one-line summary, nothing on stdout, no stack trace. */
function expectRefused(r: SpawnSyncReturns<string>, problems?: number): void {
  expect(r.error, 'the process could not be run').toBeUndefined();
  expect(r.status, `exit code; stderr:\n${r.stderr}`).toBe(2);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\b(TypeError|RangeError|ReferenceError|SyntaxError|ZodError)\b/);
  expect(r.stdout).toBe('');
  if (problems !== undefined) {
    expect(r.stderr).toContain(`${problems} problem${problems === 1 ? '' : 's'} found; nothing was written.`);
  }
}

let tmp: string;
/** An earlier good result folder, passed as --out to some bad runs; it must not change. */
let existing: string;
let existingBefore: Record<string, string>;
let existingParentBefore: string[];
let caseNo = 0;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-bad-input-'));
  mkdirSync(join(tmp, 'existing'));
  writeFileSync(join(tmp, 'existing', 'good.yaml'), BASE);
  existing = join(tmp, 'existing', 'result');
  const r = simulate([join(tmp, 'existing', 'good.yaml'), '--steps', '3', '--quiet', '--out', existing]);
  if (r.status !== 0) throw new Error(`test setup: the good base scenario failed:\n${r.stderr}`);
  existingBefore = snapshot(existing);
  existingParentBefore = readdirSync(join(tmp, 'existing')).sort();
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface CliCase {
  name: string;
  /** File name and contents to write (omit for a file that does not exist). */
  file: string;
  text?: string;
  /** Extra arguments after the file. */
  args?: string[];
  /** `fresh`: a new folder that must not be created; `existing`: the earlier result folder. */
  out: 'fresh' | 'existing';
  problems?: number;
  expected: (file: string) => Expected[];
  /** For problems not tied to a file (command-line options). */
  check?: (stderr: string) => void;
}

function runCase(c: CliCase): void {
  const dir = join(tmp, `case-${++caseNo}`);
  mkdirSync(dir);
  const file = join(dir, c.file);
  if (c.text !== undefined) writeFileSync(file, c.text);
  const fresh = join(dir, 'results', 'run');
  const out = c.out === 'fresh' ? fresh : existing;
  const r = simulate([file, '--out', out, ...(c.args ?? [])]);
  expectRefused(r, c.problems);
  // Nothing written.
  expect(existsSync(join(dir, 'results')), 'the --out folder (or its parent) was created').toBe(false);
  expect(snapshot(existing), 'the existing result folder changed').toEqual(existingBefore);
  expect(readdirSync(join(tmp, 'existing')).sort(), 'files were left beside the existing result folder').toEqual(existingParentBefore);
  for (const e of c.expected(file)) expectReported(r.stderr, file, e);
  c.check?.(r.stderr);
}

describe('simulate refuses bad input: exit 2, file:line:col: path: message, nothing written', () => {
  it('the base scenario used below is valid', () => {
    const r = parseScenario(BASE, 'base.yaml');
    expect(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n')).toBe(true);
  });

  const cases: CliCase[] = [
    {
      name: 'unknown state id in a forum\'s members',
      file: 'forum.yaml',
      text: edit(BASE, 'members: [A, B, C]', 'members: [A, B, Z]'),
      out: 'fresh',
      problems: 1,
      // Like the other unknown-id messages, it should list the ids it expected.
      expected: () => [{ path: 'forums[0].members[2]', line: lineOf(BASE, 'members: [A, B, C]'), message: [/unknown/, /"Z"/, /expected/, /A, B, C/] }],
    },
    {
      name: 'unknown state ids in a programme\'s from and to',
      file: 'programme.yaml',
      text: edit(edit(BASE, '  - from: A', '  - from: Q'), '    to: B', '    to: R'),
      out: 'fresh',
      problems: 2,
      expected: () => [
        { path: 'programmes[0].from', line: lineOf(BASE, '  - from: A'), message: [/unknown state id "Q"/, /expected one of: A, B, C/] },
        { path: 'programmes[0].to', line: lineOf(BASE, '    to: B'), message: [/unknown state id "R"/, /expected one of: A, B, C/] },
      ],
    },
    {
      name: 'duplicate state ids',
      file: 'duplicate.yaml',
      text: edit(edit(BASE, '  - id: C', '  - id: A'), 'members: [A, B, C]', 'members: [A, B]'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'states[2].id', line: lineOf(BASE, '  - id: C'), message: [/duplicate/, /"A"/] }],
    },
    {
      name: 'a value out of range (equivocation 1.5 in minimal-pair.yaml)',
      file: 'range.yaml',
      text: edit(MINIMAL, 'equivocation: 0.1', 'equivocation: 1.5'),
      out: 'existing',
      problems: 1,
      expected: () => [{ path: 'states[0].equivocation', line: lineOf(MINIMAL, 'equivocation: 0.1'), message: [/expected/, /<=\s*1|at most 1/] }],
    },
    {
      name: 'a negative capability',
      file: 'capability.yaml',
      text: edit(BASE, 'capability: 2', 'capability: -1'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'states[2].capability', line: lineOf(BASE, 'capability: 2'), message: [/expected/, />=\s*0\.000001/] }],
    },
    {
      name: 'NaN (.nan)',
      file: 'nan.yaml',
      text: edit(BASE, 'receptivity: 0.9', 'receptivity: .nan'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'states[1].receptivity', line: lineOf(BASE, 'receptivity: 0.9'), message: [/expected (a )?(finite )?number/, /NaN/] }],
    },
    {
      name: 'an infinite number (.inf)',
      file: 'inf.yaml',
      text: edit(BASE, 'equivocation: 0.3', 'equivocation: .inf'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'states[2].equivocation', line: lineOf(BASE, 'equivocation: 0.3'), message: [/expected (a )?(finite )?number/, /Infinity/] }],
    },
    {
      name: 'a string where a number is expected',
      file: 'type.yaml',
      text: edit(BASE, 'steps: 24', 'steps: "twenty-four"'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'calendar.steps', line: lineOf(BASE, 'steps: 24'), message: [/expected number/, /string/] }],
    },
    {
      name: 'an unknown key (the typo equivocaton in minimal-pair.yaml)',
      file: 'typo.yaml',
      text: edit(MINIMAL, 'equivocation: 0.1', 'equivocaton: 0.1'),
      out: 'existing',
      problems: 1,
      expected: () => [{ path: 'states[0].equivocaton', line: lineOf(MINIMAL, 'equivocation: 0.1'), message: [/unknown key/, /"equivocaton"/] }],
    },
    {
      name: 'an event with both a step and a month, and one in a month past the end',
      file: 'dates.yaml',
      text: `${BASE}events:\n  - { type: test, step: 3, at: 2020-04, truster: A, trustee: B }\n  - { type: incident, at: 2022-01, between: [A, C] }\n`,
      out: 'fresh',
      problems: 2,
      expected: () => [
        { path: 'events[0].at', line: BASE.split('\n').length + 1, message: [/give step or at, not both/] },
        { path: 'events[1].at', line: BASE.split('\n').length + 2, message: [/at 2022-01 is past the end of the run/, /last step is 23 \(2021-12\)/] },
      ],
    },
    {
      name: 'a YAML syntax error',
      file: 'syntax.yaml',
      text: edit(BASE, '    name: Beta', '    name: Beta: the second'),
      out: 'existing',
      expected: () => [{ path: '', line: lineOf(BASE, '    name: Beta'), message: [/syntax error/] }],
    },
    {
      name: 'an empty file',
      file: 'empty.yaml',
      text: '',
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: '', line: 1, message: [/empty/, /expected a mapping/] }],
    },
    {
      name: 'a file of comments only',
      file: 'comments.yaml',
      text: '# A scenario to be written.\n\n   # Nothing here yet.\n',
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: '', line: 1, message: [/empty/, /expected a mapping/] }],
    },
    {
      name: 'a YAML alias bomb (billion laughs)',
      file: 'bomb.yaml',
      text: ALIAS_BOMB,
      out: 'existing',
      problems: 1,
      expected: () => [{ path: '', line: 1, message: [/alias/i] }],
    },
    {
      name: 'the key __proto__',
      file: 'proto.yaml',
      text: `${BASE}__proto__: { polluted: true }\n`,
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: '__proto__', line: BASE.split('\n').length, message: [/"__proto__"/, /not allowed/] }],
    },
    {
      name: 'the key constructor',
      file: 'constructor.yaml',
      text: edit(BASE, '    name: Beta', '    name: Beta\n    constructor: { name: Function }'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'states[1].constructor', line: lineOf(BASE, '    name: Beta') + 1, message: [/"constructor"/, /not allowed/] }],
    },
    {
      name: 'the key prototype',
      file: 'prototype.yaml',
      text: edit(BASE, '    track: 1', '    track: 1\n    prototype: {}'),
      out: 'fresh',
      problems: 1,
      expected: () => [{ path: 'forums[0].prototype', line: lineOf(BASE, '    track: 1') + 1, message: [/"prototype"/, /not allowed/] }],
    },
    (() => {
      const json = JSON.stringify(parseYaml(BASE), null, 2);
      const text = edit(json, '"teachingNote"', ', "teachingNote"');
      return {
        name: 'a JSON scenario with a syntax error',
        file: 'scenario.json',
        text,
        out: 'fresh' as const,
        expected: () => [{ path: '', line: lineOf(text, ', "teachingNote"'), message: [/syntax error/] }],
      };
    })(),
    {
      name: 'a missing file',
      file: 'no-such-scenario.yaml',
      out: 'existing',
      problems: 1,
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/^\S*no-such-scenario\.yaml: no such file/m),
    },
    {
      name: 'an empty --seed',
      file: 'good.yaml',
      text: BASE,
      args: ['--seed', ''],
      out: 'fresh',
      problems: 1,
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/^<command line>: --seed: .*expected an integer or a word/m),
    },
    {
      name: '--hypothesis maybe',
      file: 'good.yaml',
      text: BASE,
      args: ['--hypothesis', 'maybe'],
      out: 'existing',
      problems: 1,
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/^<command line>: --hypothesis: expected habits-first, trust-first or blend=X.*"maybe"/m),
    },
    {
      name: '--steps 0',
      file: 'good.yaml',
      text: BASE,
      args: ['--steps', '0'],
      out: 'fresh',
      problems: 1,
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/^<command line>: --steps: expected a whole number.*"0"/m),
    },
    {
      name: '--steps abc',
      file: 'good.yaml',
      text: BASE,
      args: ['--steps', 'abc'],
      out: 'fresh',
      problems: 1,
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/^<command line>: --steps: expected a whole number.*"abc"/m),
    },
    {
      name: 'an unknown option',
      file: 'good.yaml',
      text: BASE,
      args: ['--sead', '3'],
      out: 'fresh',
      expected: () => [],
      check: (stderr) => expect(stderr).toMatch(/unknown option.*--sead/),
    },
  ];

  for (const c of cases) it(`refuses ${c.name}`, () => runCase(c));

  it('reports several problems in one file at once, in line order', () => {
    const text = edit(edit(edit(edit(edit(BASE,
      'start: "2020-01"', 'start: "2020-13"'),
      'receptivity: 0.9', 'receptivity: "high"'),
      '    capability: 2', '    capabilty: 2'),
      'equivocation: 0.3', 'equivocation: 1.5'),
      '    to: B', '    to: Q');
    const c: CliCase = {
      name: 'several',
      file: 'several.yaml',
      text,
      out: 'existing',
      problems: 5,
      expected: () => [
        { path: 'calendar.start', line: lineOf(BASE, 'start: "2020-01"'), message: [/YYYY-MM/] },
        { path: 'states[1].receptivity', line: lineOf(BASE, 'receptivity: 0.9'), message: [/expected number/] },
        { path: 'states[2].capabilty', line: lineOf(BASE, '    capability: 2'), message: [/unknown key/] },
        { path: 'states[2].equivocation', line: lineOf(BASE, 'equivocation: 0.3'), message: [/<=\s*1|at most 1/] },
        { path: 'programmes[0].to', line: lineOf(BASE, '    to: B'), message: [/unknown state id "Q"/] },
      ],
    };
    runCase(c);
  });

  it('reports a duplicate key, a forbidden key and a value out of range together', () => {
    const text = edit(edit(BASE,
      '    receptivity: 0.9', '    receptivity: 0.9\n    receptivity: 0.8'),
      '    equivocation: 0.3', '    equivocation: 1.3\n    __proto__: { polluted: true }');
    const c: CliCase = {
      name: 'mixed',
      file: 'mixed.yaml',
      text,
      out: 'existing',
      problems: 3,
      expected: () => [
        { path: 'states[1].receptivity', line: lineOf(BASE, 'receptivity: 0.9') + 1, message: [/duplicate key "receptivity"/] },
        { path: 'states[2].equivocation', line: lineOf(BASE, 'equivocation: 0.3') + 1, message: [/<=\s*1|at most 1/] },
        { path: 'states[2].__proto__', line: lineOf(BASE, 'equivocation: 0.3') + 2, message: [/not allowed/] },
      ],
    };
    runCase(c);
  });
});

/* ---------------------------------------------------------------------------------------------- */
/* The remaining variants, in-process through the public API.                                      */

function problemsOf(text: string, file = 'case.yaml'): Problem[] {
  const r = parseScenario(text, file);
  expect(r.ok, 'expected the scenario to be refused').toBe(false);
  if (r.ok) return [];
  for (const p of r.problems) {
    expect(p.file).toBe(file);
    expect(typeof p.path).toBe('string');
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.column).toBeGreaterThanOrEqual(1);
    expect(p.message.length).toBeGreaterThan(0);
  }
  return r.problems;
}

function expectProblem(problems: Problem[], path: string, line: number, ...message: RegExp[]): void {
  const hit = problems.find((p) => p.path === path && p.line === line);
  expect(hit, `expected a problem at ${path} (line ${line}); got:\n${problems.map(formatProblem).join('\n')}`).toBeDefined();
  for (const m of message) expect(hit!.message).toMatch(m);
}

describe('bad input through the public API: every problem with its path, line and an expectation', () => {
  it('unknown ids anywhere they are referenced', () => {
    const withGroup = edit(BASE, 'forums:\n', 'groups:\n  - { id: G, members: [A, Y], closeness: 0.5 }\nforums:\n');
    let ps = problemsOf(withGroup);
    expectProblem(ps, 'groups[0].members[1]', lineOf(withGroup, 'id: G'), /unknown state id "Y"/, /expected one of: A, B, C/);

    const toList = edit(BASE, '    to: B', '    to: [B, Z]');
    ps = problemsOf(toList);
    expectProblem(ps, 'programmes[0].to[1]', lineOf(BASE, '    to: B'), /unknown state id "Z"/, /expected one of/);

    const events = `${BASE}events:
  - { type: test, step: 3, truster: X, trustee: A }
  - { type: incident, step: 4, between: [A, W] }
  - { type: leadershipChange, step: 5, state: V, trustShift: 1 }
rivalries: [[A, U]]
`;
    ps = problemsOf(events);
    expectProblem(ps, 'events[0].truster', lineOf(events, 'truster: X'), /unknown state id "X"/);
    expectProblem(ps, 'events[1].between[1]', lineOf(events, 'between: [A, W]'), /unknown state id "W"/);
    expectProblem(ps, 'events[2].state', lineOf(events, 'state: V'), /unknown state id "V"/);
    expectProblem(ps, 'rivalries[0][1]', lineOf(events, 'rivalries'), /unknown state id "U"/);
  });

  it('an event\'s date: a step or a month (at: YYYY-MM), exactly one, within the run', () => {
    const dated = `${edit(BASE, 'steps: 24 }', 'stepMonths: 2, steps: 24 }')}events:
  - { type: shock, at: 2020-05, states: [A, B], tension: 0.1 }
  - { type: shock, at: 2020-04, states: [A, B], tension: 0.1 }
  - { type: shock, at: 2019-12, states: [A, B], tension: 0.1 }
  - { type: shock, states: [A, B], tension: 0.1 }
  - { type: shock, at: "April 2020", states: [A, B], tension: 0.1 }
`;
    const ps = problemsOf(dated);
    expect(ps).toHaveLength(4);
    expectProblem(ps, 'events[1].at', lineOf(dated, 'at: 2020-04'), /between two steps/, /stepMonths is 2/, /nearest steps are 1 \(2020-03\) and 2 \(2020-05\)/);
    expectProblem(ps, 'events[2].at', lineOf(dated, 'at: 2019-12'), /before the scenario's start/);
    expectProblem(ps, 'events[3]', lineOf(dated, '  - { type: shock, states'), /missing step or at/);
    expectProblem(ps, 'events[4].at', lineOf(dated, 'April 2020'), /a month as YYYY-MM/);
    const good = parseScenario(dated.split('\n').slice(0, -5).join('\n'), 'dated.yaml');
    expect(good.ok && good.value.events.map((e) => e.step)).toEqual([2]);
  });

  it('a group id is a valid forum member, and a forum\'s unknown member is not', () => {
    const ok = edit(BASE, 'forums:\n', 'groups:\n  - { id: G, members: [A, B], closeness: 0.5 }\nforums:\n');
    const good = parseScenario(edit(ok, 'members: [A, B, C]', 'members: [G, C]'), 'g.yaml');
    expect(good.ok, good.ok ? '' : good.problems.map(formatProblem).join('\n')).toBe(true);
    const ps = problemsOf(edit(ok, 'members: [A, B, C]', 'members: [G, H]'));
    expectProblem(ps, 'forums[0].members[1]', lineOf(ok, 'members: [A, B, C]'), /"H"/);
  });

  it('duplicate ids and members', () => {
    const dupForum = edit(BASE, 'members: [A, B, C]', 'members: [A, B, A]');
    expectProblem(problemsOf(dupForum), 'forums[0].members[2]', lineOf(BASE, 'members: [A, B, C]'), /"A"/, /twice/);
    const dupIdAcross = edit(BASE, '  - id: F', '  - id: B');
    expectProblem(problemsOf(dupIdAcross), 'forums[0].id', lineOf(BASE, '  - id: F'), /duplicate id "B"/);
  });

  it('values out of range, each with what was expected', () => {
    const cases: [string, string, string, RegExp][] = [
      ['receptivity: 0.9', 'receptivity: -0.1', 'states[1].receptivity', />=\s*0/],
      ['equivocation: 0.1', 'equivocation: 2', 'states[0].equivocation', /<=\s*1/],
      ['steps: 24', 'steps: 0', 'calendar.steps', />=\s*1/],
      ['schedule: { every: 6 }', 'schedule: { every: 0 }', 'forums[0].schedule.every', />=\s*1/],
      ['capability: 2', 'capability: 0', 'states[2].capability', />=\s*0\.000001/],
    ];
    for (const [from, to, path, re] of cases) {
      const ps = problemsOf(edit(BASE, from, to));
      expectProblem(ps, path, lineOf(BASE, from), re);
    }
    // Probabilities of trust are open at both ends.
    for (const v of ['0', '1']) {
      const text = `${BASE}trust: { default: ${v} }\n`;
      expectProblem(problemsOf(text), 'trust.default', lineOf(text, 'trust: {'), v === '0' ? />\s*0/ : /<\s*1/);
    }
  });

  it('NaN and infinite numbers in every YAML spelling', () => {
    for (const v of ['.nan', '.NaN', '.NAN', '.inf', '+.inf', '-.inf', '.Inf', '-.INF', '1e400']) {
      const ps = problemsOf(edit(BASE, 'equivocation: 0.3', `equivocation: ${v}`));
      expectProblem(ps, 'states[2].equivocation', lineOf(BASE, 'equivocation: 0.3'), /expected (a )?(finite )?number/);
    }
    const ps = problemsOf(`${BASE}aims: { default: .nan }\n`);
    expect(ps.map((p) => p.path)).toEqual(['aims.default']);
  });

  it('wrong types: a string, list or number where another type is expected', () => {
    const cases: [string, string, string, RegExp][] = [
      ['name: Three states', 'name: 5', 'name', /expected string/],
      ['receptivity: 0.9', 'receptivity: yes', 'states[1].receptivity', /expected number/],
      ['members: [A, B, C]', 'members: A', 'forums[0].members', /expected array/],
      ['cultureDimensions: [pdi]', 'cultureDimensions: { pdi: 1 }', 'cultureDimensions', /expected array/],
    ];
    for (const [from, to, path, re] of cases) {
      expectProblem(problemsOf(edit(BASE, from, to)), path, lineOf(BASE, from), re);
    }
  });

  it('a wrong type in a field that takes one of two types says what was expected', () => {
    // programmes[].to takes an id or a list of ids; run.seed an integer or a word; track 1, 1.5 or 2.
    const to = problemsOf(edit(BASE, '    to: B', '    to: 5'));
    expectProblem(to, 'programmes[0].to', lineOf(BASE, '    to: B'), /expected/);
    const seed = problemsOf(edit(BASE, 'run: { seed: 1,', 'run: { seed: true,'));
    expectProblem(seed, 'run.seed', lineOf(BASE, 'run: { seed: 1,'), /expected/);
    const track = problemsOf(edit(BASE, 'track: 1', 'track: 3'));
    expectProblem(track, 'forums[0].track', lineOf(BASE, 'track: 1'), /expected/, /1\.5/);
  });

  it('unknown keys at the top, in flow mappings and nested objects say "unknown key"', () => {
    const cases: [string, string, string][] = [
      ['name: Three states', 'nmae: Three states', 'nmae'],
      ['steps: 24 }', 'steps: 24, stpes: 12 }', 'calendar.stpes'],
      ['    schedule: { every: 6 }', '    shedule: { every: 6 }', 'forums[0].shedule'],
      ['  culture: { pdi: 0.5 }', '  culture: { pdi: 0.5 }\n  language: { primary: en, englsh: 1 }', 'stateDefaults.language.englsh'],
    ];
    for (const [from, to, path] of cases) {
      const text = edit(BASE, from, to);
      const key = path.split('.').pop()!;
      const ps = problemsOf(text);
      expectProblem(ps, path, lineOf(text, key), /unknown key/, new RegExp(`"${key}"`));
    }
  });

  it('YAML syntax errors: tabs, an unclosed quote, bad indentation, duplicate keys', () => {
    const tab = edit(BASE, '    capability: 2', '\tcapability: 2');
    expect(problemsOf(tab).some((p) => p.line === lineOf(BASE, '    capability: 2') && /syntax error/.test(p.message))).toBe(true);
    const quote = edit(BASE, 'description: A small test scenario.', 'description: "A small test scenario.');
    expect(problemsOf(quote).every((p) => /syntax error/.test(p.message))).toBe(true);
    const indent = edit(BASE, '    receptivity: 0.9', '   receptivity: 0.9');
    expect(problemsOf(indent).some((p) => p.line === lineOf(BASE, '    receptivity: 0.9') && /syntax error/.test(p.message))).toBe(true);
    const dup = edit(BASE, '    name: Gamma', '    name: Gamma\n    name: Gamma again');
    const ps = problemsOf(dup);
    expect(ps.some((p) => p.line === lineOf(BASE, '    name: Gamma') + 1)).toBe(true);
  });

  it('empty files and files of comments or blank lines only', () => {
    for (const text of ['', '\n', '\n\n  \n', '   ', '# only a comment', '# a\n# b\n', '# a\r\n\r\n# b\r\n', '\t\n# x\n   # y']) {
      const ps = problemsOf(text);
      expect(ps).toHaveLength(1);
      expect(ps[0]).toMatchObject({ path: '', line: 1, column: 1 });
      expect(ps[0].message).toMatch(/empty/);
      expect(ps[0].message).toMatch(/expected a mapping/);
    }
  });

  it('a file that is not a mapping at the top: a list, a scalar, null', () => {
    expect(problemsOf('- A\n- B\n')[0].message).toMatch(/expected a mapping.*list/);
    expect(problemsOf('just some words\n')[0].message).toMatch(/expected a mapping.*string/);
    expect(problemsOf('42\n')[0].message).toMatch(/expected a mapping.*number/);
    // A file holding only `~` or `null` is null, not an "object".
    for (const text of ['~\n', 'null\n']) {
      const [p] = problemsOf(text);
      expect(p.message).toMatch(/expected a mapping/);
      expect(p.message).toMatch(/null|nothing|empty/);
    }
  });

  it('alias bombs are stopped with one problem, and moderate use of aliases is accepted', () => {
    const mapBomb = ['a: &a { x: 1, y: 1, z: 1, w: 1 }']
      .concat(Array.from({ length: 12 }, (_, k) => `${'bcdefghijklm'[k]}: &${'bcdefghijklm'[k]} { p: *${'abcdefghijkl'[k]}, q: *${'abcdefghijkl'[k]}, r: *${'abcdefghijkl'[k]} }`))
      .join('\n');
    for (const text of [ALIAS_BOMB, mapBomb, `${BASE}extra: &x [*x]\n`]) {
      const ps = problemsOf(text);
      expect(ps.length).toBeGreaterThanOrEqual(1);
      expect(ps.length).toBeLessThan(5);
    }
    const [p] = problemsOf(ALIAS_BOMB);
    expect(p).toMatchObject({ path: '', line: 1 });
    expect(p.message).toMatch(/alias/i);

    const aliased = edit(BASE, '    schedule: { every: 1 }',
      '    schedule: &monthly { every: 1 }\n  - { from: B, to: C, activity: officialContact, schedule: *monthly }');
    const r = parseScenario(aliased, 'aliased.yaml');
    expect(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n')).toBe(true);
    if (r.ok) expect(r.value.programmes[1].schedule).toEqual(r.value.programmes[0].schedule);

    // An alias that refers to its own anchor makes a cycle: refused with a path, not a hang.
    const cycle = edit(BASE, '  culture: { pdi: 0.5 }', '  culture: &c { pdi: *c }');
    expectProblem(problemsOf(cycle), 'stateDefaults.culture.pdi', lineOf(BASE, '  culture: { pdi: 0.5 }'), /expected number/);
  });

  it('an alias to an anchor that does not exist is reported at the alias\'s line', () => {
    const text = edit(BASE, '    schedule: { every: 1 }', '    schedule: *monthly');
    const ps = problemsOf(text);
    expect(ps).toHaveLength(1);
    expect(ps[0].message).toMatch(/monthly/);
    expect(ps[0].line, formatProblem(ps[0])).toBe(lineOf(text, '*monthly'));
  });

  it('__proto__, constructor and prototype are refused wherever they appear, and pollute nothing', () => {
    const cases: [string, string][] = [
      [`${BASE}"__proto__": { polluted: true }\n`, '__proto__'],
      [edit(BASE, '  culture: { pdi: 0.5 }', '  culture: { pdi: 0.5, __proto__: 0.5 }'), 'stateDefaults.culture.__proto__'],
      [edit(BASE, '  culture: { pdi: 0.5 }', '  culture: { pdi: 0.5, constructor: 0.5 }'), 'stateDefaults.culture.constructor'],
      [`constructor: { prototype: { polluted: true } }\n${BASE}`, 'constructor'],
      [edit(BASE, '    schedule: { every: 1 }', '    schedule: { every: 1, prototype: 1 }'), 'programmes[0].schedule.prototype'],
    ];
    for (const [text, path] of cases) {
      const ps = problemsOf(text);
      const key = path.split('.').pop()!;
      const line = text.split('\n').findIndex((l) => l.includes(key)) + 1;
      expectProblem(ps, path, line, /not allowed/, new RegExp(`"${key}"`));
    }
    const json = JSON.stringify(parseYaml(BASE), null, 2).replace(/^\{/, '{\n  "__proto__": { "polluted": true },');
    expectProblem(problemsOf(json, 'case.json'), '__proto__', 2, /not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('JSON scenarios: a valid one equals its YAML, and syntax errors and duplicate keys have lines', () => {
    const json = JSON.stringify(parseYaml(BASE), null, 2);
    const fromJson = parseScenario(json, 'base.json');
    const fromYaml = parseScenario(BASE, 'base.yaml');
    expect(fromJson.ok && fromYaml.ok).toBe(true);
    if (fromJson.ok && fromYaml.ok) expect(fromJson.value).toEqual(fromYaml.value);

    const missingBrace = json.replace(/\}\s*$/, '');
    expect(problemsOf(missingBrace, 'case.json')[0].message).toMatch(/syntax error/);
    const doubleComma = edit(json, '"description"', ',"description"');
    expectProblem(problemsOf(doubleComma, 'case.json'), '', lineOf(doubleComma, ',"description"'), /syntax error/);
    const dupKey = edit(json, '"teachingNote"', '"name": "again",\n  "teachingNote"');
    const ps = problemsOf(dupKey, 'case.json');
    expect(ps.some((p) => p.line === lineOf(dupKey, '"name": "again"'))).toBe(true);
  });

  it('a missing file and a folder are reported by loadScenario with the file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-load-'));
    try {
      const missing = join(dir, 'nope.yaml');
      const r = loadScenario(missing);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.problems).toHaveLength(1);
        expect(r.problems[0]).toMatchObject({ file: missing, path: '' });
        expect(r.problems[0].message).toMatch(/no such file/);
        expect(formatProblem(r.problems[0]).startsWith(`${missing}:`)).toBe(true);
      }
      const folder = loadScenario(dir);
      expect(folder.ok).toBe(false);
      if (!folder.ok) expect(folder.problems[0].message).toMatch(/directory/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('several problems are all reported, once each, sorted by line', () => {
    const text = edit(edit(edit(edit(edit(edit(BASE,
      'name: Three states', 'name: ""'),
      'equivocation: 0.1', 'equivocation: .nan'),
      '    name: Beta', '    nmae: Beta'),
      'capability: 2', 'capability: -2'),
      'members: [A, B, C]', 'members: [A, B, Z]'),
      '  - from: A', '  - from: Q');
    const ps = problemsOf(text);
    expectProblem(ps, 'name', lineOf(BASE, 'name: Three states'));
    expectProblem(ps, 'states[0].equivocation', lineOf(BASE, 'equivocation: 0.1'));
    expectProblem(ps, 'states[1].nmae', lineOf(BASE, '    name: Beta'), /unknown key/);
    expectProblem(ps, 'states[2].capability', lineOf(BASE, 'capability: 2'));
    expectProblem(ps, 'forums[0].members[2]', lineOf(BASE, 'members: [A, B, C]'));
    expectProblem(ps, 'programmes[0].from', lineOf(BASE, '  - from: A'));
    expect(ps).toHaveLength(6);
    const lines = ps.map((p) => p.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const keys = ps.map((p) => `${p.path}|${p.message}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('limits and files that are not files', () => {
  const spawnSimulate = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/simulate.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw r.error;
    return r;
  };
  let dir: string;
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'entente-limits-')); });
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });
  const refused = (args: string[], message: RegExp) => {
    const r = spawnSimulate([...args, '--out', join(dir, 'never'), '--quiet']);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  };

  it('a device is refused at once, not read without end', () => {
    refused(['/dev/zero'], /\/dev\/zero: is not a regular file/);
  });

  it('a named pipe is refused at once, even with no writer', () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    refused([fifo], /pipe\.yaml: is not a regular file/);
  });

  it('a file over 8 MB is refused before it is parsed', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `${readFileSync(join(ROOT, 'scenarios/minimal-pair.yaml'), 'utf8')}\n${'# padding\n'.repeat(900_000)}`);
    refused([big], /big\.yaml: is too large \(8\.\d MB; an input file may have at most 8 MB\)/);
  });

  /** The minimal pair with `n` states (copies of its two). */
  const manyStates = (n: number) => {
    const data = parseYaml(readFileSync(join(ROOT, 'scenarios/minimal-pair.yaml'), 'utf8')) as { states: { id: string }[] };
    data.states = Array.from({ length: n }, (_, i) => ({ ...data.states[i % 2], id: i < 2 ? data.states[i].id : `S${i}` }));
    const file = join(dir, `states-${n}.json`);
    writeFileSync(file, JSON.stringify(data));
    return file;
  };

  it('a scenario of more states than memory allows is refused with the limit', () => {
    refused([manyStates(2001)], /states-2001\.json:\d+:\d+: states: has 2001 states; a scenario may have at most 2000/);
  });

  it('every pair at every step beyond 1 GB is refused before the run', () => {
    refused([manyStates(200), '--pairs', '--steps', '100000'], /<command line>: --pairs: would keep 100001 rows \(the initial state and 100000 steps\) x 200² pairs of trust in memory \(29\.8 GB; at most 1 GB\)/);
  });
});

describe('problems print control characters from input values escaped', () => {
  it('a line break and a terminal escape sequence in an unknown id', () => {
    const p: Problem = { file: 's.yaml', path: 'programmes[0].to', line: 3, column: 5, message: 'unknown state id "B\n\u001b[2J\u001b]0;pwned\u0007"; expected one of: A' };
    expect(formatProblem(p)).toBe('s.yaml:3:5: programmes[0].to: unknown state id "B\\n\\x1b[2J\\x1b]0;pwned\\x07"; expected one of: A');
  });

  it('through the command line', () => {
    const file = join(tmpdir(), `entente-escape-${process.pid}.yaml`);
    writeFileSync(file, readFileSync(join(ROOT, 'scenarios/minimal-pair.yaml'), 'utf8').replace('  - { from: A, to: B, activity: officialContact', '  - { from: "A\\e[31m\\nforged line", to: B, activity: officialContact'));
    try {
      const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/simulate.ts'), file, '--quiet'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).not.toContain('\u001b');
      expect(r.stderr).toContain('A\\x1b[31m\\nforged line');
      expect(r.stderr.split('\n').filter((l) => l.startsWith('forged line'))).toEqual([]);
    } finally {
      rmSync(file, { force: true });
    }
  });
});
