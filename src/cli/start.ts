/**
 * `npm start`: the first thing a newcomer runs. Runs the default teaching scenario (ASEAN with
 * the ADMM and ADMM-Plus) under both hypotheses on the same seed and prints their summaries.
 */
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { runCommand } from './common.js';
import { runSimulate, summary } from './simulate.js';

export const DEFAULT_SCENARIO = 'scenarios/asean-admm.yaml';

async function main(argv: string[]): Promise<void> {
  const program = new Command('start')
    .description(`Run the default teaching scenario (${DEFAULT_SCENARIO}) under both hypotheses and print the summaries.`)
    .option('--seed <seed>', 'run seed (default: the scenario\'s run.seed)')
    .addHelpText('after', '\nTo run any scenario with every option: npm run simulate -- --help');
  await runCommand(program, argv, () => {
    const { seed } = program.opts<{ seed?: string }>();
    for (const hypothesis of ['habits-first', 'trust-first']) {
      const { dir, result } = runSimulate(DEFAULT_SCENARIO, { seed, hypothesis, events: true });
      console.log(summary(result, dir));
      console.log('');
    }
    console.log('Next: edit a scenario in scenarios/ and run it with  npm run simulate -- <file>  (see --help).');
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
