/**
 * What a sensitivity report (or section) is built from: a sensitivity folder's
 * `sensitivity.json` (checked against the shared format entente-sensitivity/1, every problem
 * named with its path) and `points.csv` (optional: without it there is no "where each
 * hypothesis wins" map), read before anything is drawn.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePointsCsv, SensitivitySchema, type Sensitivity, type SensitivityPoint } from '../../charts/index.js';
import { fileProblem, type LoadResult, type Problem } from '../../io/problem.js';
import { fileHashes } from '../read.js';

export const SENSITIVITY_FILE = 'sensitivity.json';
export const SENSITIVITY_FILES = ['sensitivity.json', 'sensitivity.csv', 'points.csv'] as const;

export interface SensitivityInput {
  dir: string;
  sensitivity: Sensitivity;
  /** points.csv's rows (empty when the folder has none). */
  points: SensitivityPoint[];
  /** The result files present, with their sizes and SHA-256. */
  files: { name: string; bytes: number; sha256: string }[];
}

/** Whether `dir` is a sensitivity folder (it holds sensitivity.json). */
export function isSensitivityFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory() && existsSync(join(dir, SENSITIVITY_FILE));
}

/** Reads and checks a sensitivity folder; every problem at once. */
export function readSensitivityInput(dir: string): LoadResult<SensitivityInput> {
  const file = join(dir, SENSITIVITY_FILE);
  if (!isSensitivityFolder(dir)) {
    return { ok: false, problems: [fileProblem(dir, 'is not a sensitivity folder: it has no sensitivity.json (written by npm run sensitivity)')] };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { ok: false, problems: [fileProblem(file, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`)] };
  }
  const parsed = SensitivitySchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => fileProblem(file, `${i.message}; expected the sensitivity.json of npm run sensitivity (format entente-sensitivity/1)`, i.path.join('.'))) };
  }
  const s = parsed.data;
  const problems: Problem[] = [];
  const k = s.factors.length;
  s.results.forEach((r, n) => {
    for (const key of ['first', 'total', 'firstInterval', 'totalInterval', 'mu', 'muStar', 'sigma', 'muStarInterval'] as const) {
      const v = r[key];
      if (v !== undefined && v.length !== k && r.skipped === null) problems.push(fileProblem(file, `has ${v.length} values, expected one per factor (${k})`, `results.${n}.${key}`));
    }
    const needs = s.method === 'sobol' ? (['first', 'total'] as const) : (['muStar', 'sigma'] as const);
    for (const key of needs) if (r.skipped === null && r[key] === undefined) problems.push(fileProblem(file, `is missing (a ${s.method} result needs it)`, `results.${n}.${key}`));
  });
  let points: SensitivityPoint[] = [];
  const pointsFile = join(dir, 'points.csv');
  if (existsSync(pointsFile)) {
    try {
      points = parsePointsCsv(readFileSync(pointsFile, 'utf8'));
      const missing = s.factors.filter((f) => points.length > 0 && !(f.name in points[0].params)).map((f) => f.name);
      if (missing.length > 0) problems.push(fileProblem(pointsFile, `has no column for ${missing.join(', ')} (factors of sensitivity.json)`));
    } catch (e) {
      problems.push(fileProblem(pointsFile, e instanceof Error ? e.message : String(e)));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { dir, sensitivity: s, points, files: fileHashes(dir, SENSITIVITY_FILES) } };
}
