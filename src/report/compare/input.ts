/**
 * What a report comparing two runs is built from: both run folders, each read once through the
 * run report's own reader (readRunInput), checked before anything is drawn.
 */
import { basename, resolve } from 'node:path';
import type { LoadResult, Problem } from '../../io/problem.js';
import { folderKind } from '../read.js';
import { readRunInput, type RunInput } from '../run/index.js';

export interface CompareInput {
  /** Run A (the report's first folder) and run B. */
  a: RunInput;
  b: RunInput;
  /** Both runs have the same states in the same order: pairs can be compared. */
  sameStates: boolean;
  /** The same scenario file (by SHA-256) and the same seed: the runs drew the same dice. */
  sameDice: boolean;
}

const whole = (file: string, message: string): Problem => ({ file, path: '', line: 0, column: 0, message });

/** Why `dir` cannot be one of the two runs compared (it must be a run folder). */
function runFolderProblems(dir: string, which: 'A' | 'B'): Problem[] {
  const kind = folderKind(dir);
  if ('problems' in kind) return kind.problems;
  if (kind.kind === 'run') return [];
  return [whole(dir, `is ${kind.kind === 'experiment' ? 'an experiment folder' : 'a sensitivity folder'}; a report of two runs compares two run folders (npm run simulate), and this is run ${which}. An experiment compares its hypotheses in its own report: npm run report -- ${dir}`)];
}

/** Reads both run folders; every problem of either returned (nothing is written). */
export function readCompareInput(dirA: string, dirB: string): LoadResult<CompareInput> {
  const problems = [...runFolderProblems(dirA, 'A'), ...runFolderProblems(dirB, 'B')];
  if (problems.length === 0 && resolve(dirA) === resolve(dirB)) problems.push(whole(dirB, `is run A's folder again; name two different run folders`));
  if (problems.length > 0) return { ok: false, problems };
  const a = readRunInput(dirA, []);
  const b = readRunInput(dirB, []);
  if (!a.ok || !b.ok) return { ok: false, problems: [...(a.ok ? [] : a.problems), ...(b.ok ? [] : b.problems)] };
  const sa = a.value.data.final.states, sb = b.value.data.final.states;
  const ma = a.value.manifest, mb = b.value.manifest;
  return {
    ok: true,
    value: {
      a: a.value, b: b.value,
      sameStates: sa.length === sb.length && sa.every((s, k) => s === sb[k]),
      sameDice: ma.scenario.sha256 === mb.scenario.sha256 && String(ma.seed) === String(mb.seed),
    },
  };
}

/** The default file of a report comparing A with B: `compare-<B's folder name>.html` in A's folder. */
export function compareFile(dirA: string, dirB: string): string {
  return resolve(dirA, `compare-${basename(resolve(dirB))}.html`);
}
