/**
 * The import flow of src/ (STYLE, "Layout that shows the flow"): each file may import its own
 * stage and the stages before it, never a later one, and nothing inside src/ imports the
 * package entry point. Every import is read with the TypeScript parser: static `import ... from`
 * and `import type`, `export ... from`, `import('...')` calls and `import('...')` types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

/** The stages in the order data flows through them; stages on one level are peers. */
const FLOW: readonly (readonly string[])[] = [
  ['scenario'],
  ['world'],
  ['core'],
  ['record'],
  ['run'],
  ['experiment'],
  ['charts', 'explain'],
  ['report'],
  ['cli'],
];

/**
 * Shared foundations: any stage may import them; they import only each other. `stats` is one:
 * pure numerical functions of arrays (bootstrap, paired comparison, survival) that know nothing
 * of scenarios or runs, used by the experiment's analysis and by charts alike; `text` is the
 * wording of numbers, markup escaping and terminal tables, shared by charts, reports and commands;
 * `game` is the prisoner's dilemma layer (stage game, matches, tournaments), pure like `stats`.
 */
const FOUNDATIONS: readonly string[] = ['io', 'model', 'stats', 'text', 'game', 'version.ts'];

/** The package entry point: it may import everything, and nothing in src/ may import it. */
const ENTRY = 'index.ts';

/**
 * Imports between peers of one level, each needed today: a waterfall chart draws an
 * explanation (charts/waterfall.ts reads explain's `PairExplanation` and its number words).
 * Only this direction, so the peers stay acyclic.
 */
const PEER_IMPORTS: readonly (readonly [from: string, to: string])[] = [['charts', 'explain']];

/** Edges named explicitly (each also against the flow), with the reason shown on failure. */
const FORBIDDEN: readonly (readonly [from: string, to: string, why: string])[] = [
  ['record', 'run', 'the recorder is driven by the run, it does not call it'],
  ['scenario', 'experiment', 'an experiment reads scenarios, a scenario knows nothing of experiments'],
];

const level = (stage: string): number => FLOW.findIndex((peers) => peers.includes(stage));

/** The stage of a path relative to src/: its first folder, or the file's name at the top. */
function stageOf(pathInSrc: string): string {
  return pathInSrc.split(/[\\/]/)[0];
}

/** Why an import from stage `from` to stage `to` runs against the flow, or null when it may. */
function violation(from: string, to: string): string | null {
  if (to === ENTRY) return 'imports the package entry point; import the module that defines it';
  const forbidden = FORBIDDEN.find(([f, t]) => f === from && t === to);
  if (forbidden !== undefined) return `${from} must not import ${to}: ${forbidden[2]}`;
  if (from === ENTRY || from === to) return null;
  if (FOUNDATIONS.includes(to)) return null;
  if (FOUNDATIONS.includes(from)) return `the foundation ${from} imports ${to}; foundations import only foundations`;
  const a = level(from), b = level(to);
  if (a < 0) return `${from} is not a stage of the flow`;
  if (b < 0) return `${to} is not a stage of the flow`;
  if (b < a) return null;
  if (b === a && PEER_IMPORTS.some(([f, t]) => f === from && t === to)) return null;
  return b === a ? `${from} imports its peer ${to}, which is not among the peer imports allowed` : `${from} imports ${to}, a later stage`;
}

interface ImportRef {
  specifier: string;
  line: number;
}

/** Every module a TypeScript source refers to: static, re-export, dynamic and type imports with a literal. */
function importsOf(text: string, fileName = 'file.ts'): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: ImportRef[] = [];
  const add = (node: ts.Node) => {
    if (!ts.isStringLiteralLike(node)) return;
    out.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Every .ts file under a folder, as paths relative to src/ with forward slashes. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [relative(SRC, path).split(sep).join('/')] : [];
  });
}

/** The import edges of src/ against the flow, one line each: `file:line imports 'x': why`. */
function flowViolations(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const { specifier, line } of importsOf(readFileSync(join(SRC, file), 'utf8'), file)) {
      if (!specifier.startsWith('.')) continue; // a package, not a stage
      const target = normalize(join(dirname(file), specifier)).split(sep).join('/');
      if (target.startsWith('..')) continue; // outside src/
      const why = violation(stageOf(file), stageOf(target.replace(/\.js$/, '.ts')));
      if (why !== null) found.push(`src/${file}:${line} imports '${specifier}': ${why}`);
    }
  }
  return found;
}

describe('the import flow of src/', () => {
  it('has no import against the flow, of the entry point, of run from record or of experiment from scenario', () => {
    expect(flowViolations()).toEqual([]);
  });

  it('reads every import of every file (a known edge is seen)', () => {
    // Guards the reader itself: if it missed imports, the test above would pass vacuously.
    const edges = importsOf(readFileSync('src/run/simulation.ts', 'utf8'));
    expect(edges.map((e) => e.specifier)).toContain('../core/step.js');
    expect(sourceFiles(SRC).length).toBeGreaterThan(50);
  });
});

describe('the flow rule', () => {
  it('flags a stage importing a later one, naming both', () => {
    expect(violation('core', 'record')).toMatch(/core imports record, a later stage/);
    expect(violation('world', 'core')).toMatch(/later stage/);
    expect(violation('scenario', 'world')).toMatch(/later stage/);
    expect(violation('report', 'cli')).toMatch(/later stage/);
  });

  it('names the two edges the design forbids by name', () => {
    expect(violation('record', 'run')).toMatch(/record must not import run/);
    expect(violation('scenario', 'experiment')).toMatch(/scenario must not import experiment/);
  });

  it('flags any import of the package entry point, from every stage', () => {
    for (const stage of [...FLOW.flat(), ...FOUNDATIONS]) expect(violation(stage, ENTRY), stage).not.toBeNull();
  });

  it('allows earlier stages, one\'s own, and the foundations', () => {
    expect(violation('record', 'core')).toBeNull();
    expect(violation('run', 'scenario')).toBeNull();
    expect(violation('core', 'core')).toBeNull();
    for (const f of FOUNDATIONS) expect(violation('core', f)).toBeNull();
    expect(violation('io', 'model')).toBeNull();
  });

  it('lets the CLI and the entry point import everything', () => {
    for (const stage of [...FLOW.flat(), ...FOUNDATIONS]) {
      expect(violation(ENTRY, stage), stage).toBeNull();
      expect(violation('cli', stage), stage).toBeNull();
    }
  });

  it('keeps foundations below every stage', () => {
    expect(violation('model', 'core')).toMatch(/foundations import only foundations/);
    expect(violation('io', 'scenario')).toMatch(/foundations import only foundations/);
  });

  it('allows only the listed peer imports, in their direction', () => {
    expect(violation('charts', 'explain')).toBeNull();
    expect(violation('explain', 'charts')).toMatch(/peer/);
    expect(violation('stats', 'charts')).toMatch(/foundation stats imports charts/);
  });

  it('flags a folder that is not a stage', () => {
    expect(violation('core', 'utils')).toMatch(/not a stage/);
    expect(violation('utils', 'core')).toMatch(/not a stage/);
  });

  it('reads static, type, re-export and dynamic imports with their lines, not comments or strings', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      'const e = await import(\'./e.js\');',
      "type F = import('./f.js').F;",
      "// import { g } from './g.js';",
      "const s = \"import { h } from './h.js'\";",
      'import {',
      '  i,',
      "} from './i.js';",
      "import './side-effect.js';",
    ].join('\n');
    expect(importsOf(text)).toEqual([
      { specifier: './a.js', line: 1 }, { specifier: '../b.js', line: 2 }, { specifier: './c.js', line: 3 },
      { specifier: './d.js', line: 4 }, { specifier: './e.js', line: 5 }, { specifier: './f.js', line: 6 },
      { specifier: './i.js', line: 11 }, { specifier: './side-effect.js', line: 12 },
    ]);
  });

  it('maps a file to its stage by folder, and top-level files by name', () => {
    expect(stageOf('core/step.ts')).toBe('core');
    expect(stageOf('index.ts')).toBe(ENTRY);
    expect(stageOf('version.ts')).toBe('version.ts');
  });
});
