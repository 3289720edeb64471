/**
 * The golden runs: fixed scenarios, seeds and hypotheses whose outputs are kept in
 * test/golden/ and compared byte for byte by test/golden/golden.test.ts. After a deliberate
 * change to the model, regenerate them with `npm run golden` and review the diff.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eventsJsonl, finalJson, formatProblem, loadScenario, pairsCsv, seriesCsv, simulate } from '../src/index.js';

export const GOLDEN_DIR = 'test/golden';
export const GOLDEN_RUNS = [
  { name: 'equivocal-unheeding-seed7-trust-first', file: 'scenarios/equivocal-unheeding.yaml', seed: 7, hypothesis: 'trust-first' },
  { name: 'minimal-pair-seed1-habits-first', file: 'scenarios/minimal-pair.yaml', seed: 1, hypothesis: 'habits-first' },
] as const;

/** The files of one golden run, name -> text. */
export function goldenFiles(run: (typeof GOLDEN_RUNS)[number]): Record<string, string> {
  const loaded = loadScenario(run.file);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const r = simulate(loaded.value, { seed: run.seed, hypothesis: run.hypothesis, pairs: true });
  return { 'series.csv': seriesCsv(r), 'events.jsonl': eventsJsonl(r), 'final.json': finalJson(r), 'pairs.csv': pairsCsv(r) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const run of GOLDEN_RUNS) {
    const dir = join(GOLDEN_DIR, run.name);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(goldenFiles(run))) writeFileSync(join(dir, name), text);
    console.log(`wrote ${dir}`);
  }
}
