/** What the experiment command tests share: where the commands, the small experiment and the result files are. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
export const EXPERIMENT = join(ROOT, 'src', 'cli', 'experiment.ts');
export const MERGE = join(ROOT, 'src', 'cli', 'merge.ts');
export const SMALL = join(ROOT, 'test', 'experiment', 'fixtures', 'small.yaml');
/** The result files an experiment writes besides its data and manifest. */
export const RESULTS = ['runs.csv', 'summary.csv', 'steps.csv', 'comparison.json', 'comparison.txt'];
