/**
 * What an experiment report is built from: the experiment folder's aggregated results
 * (plan.json, manifest.json, summary.csv, comparison.json; never runs.csv), read and checked
 * before anything is drawn, and the experiment and scenario files found again by their SHA-256.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseComparisonJson, parseSummaryCsv, type Comparison, type SummaryRow } from '../../charts/index.js';
import type { PlanInfo } from '../../experiment/store.js';
import { ProblemError, type LoadResult, type Problem } from '../../io/problem.js';
import type { Scenario } from '../../scenario/schema.js';
import { ENTENTE_ROOT, findFile, findScenario, readJson, type Found } from '../read.js';

export interface ManifestJson {
  experiment?: string;
  experimentFile?: string;
  experimentSha256?: string;
  seeds?: string;
  rngAlgorithm?: string;
  modelVersion?: string;
  gitCommit?: string;
  node?: string;
  command?: string;
  workers?: number;
  wallSeconds?: number;
  [key: string]: unknown;
}

const whole = (file: string, message: string): Problem => ({ file, path: '', line: 0, column: 0, message });

export interface ExperimentInput {
  dir: string;
  plan: PlanInfo;
  manifest: ManifestJson;
  summary: SummaryRow[];
  comparisons: Comparison[];
  experimentFile: { status: 'found' | 'changed' | 'missing'; path: string | null };
  scenarios: Found<Scenario>[];
}

/** Reads an experiment folder's aggregated results; every unreadable file a problem. */
export function readExperimentInput(dir: string): LoadResult<ExperimentInput> {
  const problems: Problem[] = [];
  const get = <T>(f: () => T): T | null => {
    try {
      return f();
    } catch (e) {
      problems.push(...(e instanceof ProblemError ? e.problems : [whole(dir, e instanceof Error ? e.message : String(e))]));
      return null;
    }
  };
  const text = (name: string, parse: (t: string) => unknown) => {
    try {
      return parse(readFileSync(join(dir, name), 'utf8'));
    } catch (e) {
      throw new ProblemError([whole(join(dir, name), `cannot be read (${e instanceof Error ? e.message : String(e)})`)]);
    }
  };
  const plan = get(() => readJson<PlanInfo>(join(dir, 'plan.json')));
  if (plan !== null && (plan.format !== 'entente-experiment/1' || !Array.isArray(plan.scenarios) || !Array.isArray(plan.sets) || !Array.isArray(plan.hypotheses))) {
    problems.push(whole(join(dir, 'plan.json'), 'expected the plan of an experiment written by npm run experiment (format entente-experiment/1)'));
  }
  const manifest = get(() => readJson<ManifestJson>(join(dir, 'manifest.json')));
  const summary = get(() => text('summary.csv', parseSummaryCsv) as SummaryRow[]);
  const comparisons = get(() => text('comparison.json', parseComparisonJson) as Comparison[]);
  if (problems.length > 0 || plan === null || manifest === null || summary === null || comparisons === null) return { ok: false, problems };
  const exp = findFile(plan.experimentFile, plan.experimentSha256, dir);
  // Scenario paths are relative to the experiment file.
  const base = exp.path !== null ? dirname(resolve(exp.path)) : join(ENTENTE_ROOT, 'experiments');
  const scenarios = plan.scenarios.map((s) => findScenario(s.file, s.sha256, dir, base));
  return { ok: true, value: { dir, plan, manifest, summary, comparisons, experimentFile: { status: exp.status, path: exp.path }, scenarios } };
}

