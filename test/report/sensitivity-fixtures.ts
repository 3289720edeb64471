/**
 * Sensitivity folders and a small experiment over a grid for the report tests: copies of the
 * chart fixtures (test/charts/fixtures/sensitivity, in the shared format entente-sensitivity/1)
 * and a real experiment of one scenario over tension x equivocation, both hypotheses.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { makeExperiment, ROOT } from './fixtures.js';

export const SENSITIVITY_FIXTURES = join(ROOT, 'test', 'charts', 'fixtures', 'sensitivity');

/** A copy of the Sobol (one scenario) or Morris (two scenarios and their mean) fixture folder at `dir`. */
export function copySensitivity(method: 'sobol' | 'morris', dir: string): string {
  cpSync(join(SENSITIVITY_FIXTURES, method), dir, { recursive: true });
  return dir;
}

/** An experiment folder: the minimal pair over a 2 x 3 grid of tension and equivocation, both hypotheses, 2 replications. */
export function makeGridExperiment(dir: string, file: string): Promise<string> {
  return makeExperiment(dir, file, `name: Where each wins
description: One scenario over tension and equivocation, under both hypotheses.
scenarios: [${JSON.stringify(join(ROOT, 'scenarios/minimal-pair.yaml'))}]
hypotheses: [trust-first, habits-first]
variations:
  grid: { tension: [0.05, 0.5], equivocation: [0.1, 0.35, 0.6] }
replications: 2
baseSeed: 5
steps: 36
analysis: { resamples: 100, level: 0.95 }
`);
}
