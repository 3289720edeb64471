/**
 * `npm run merge -- <shard folder>... [--out DIR]`: parses the options, merges the shards
 * (src/experiment/merge.ts) into the results a single machine would have written, and prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { RESULT_FILES } from '../experiment/analysis.js';
import { MANIFEST_FILE } from '../experiment/manifest.js';
import { mergeShards } from '../experiment/merge.js';
import { SENSITIVITY_FILES } from '../experiment/sensitivity/files.js';
import { runCommand } from './common.js';
import { summaryTable } from './sensitivity.js';
import { interruptSignal } from './interrupt.js';

interface MergeCliOptions { out?: string; overwrite?: boolean; quiet?: boolean }

export function buildProgram(): Command {
  return new Command('merge')
    .description('Combine the shards of an experiment into the results of a single run.\n'
      + 'Every shard must come from the same experiment file, scenarios and Entente version, and\n'
      + 'together they must hold every run. Every batch is checked against the checksum recorded\n'
      + 'when it was done; a damaged shard is refused, naming the file.')
    .argument('<shards...>', 'shard folders written by npm run experiment -- <file> --shard K/N')
    .option('--out <dir>', 'output folder (default: out/<experiment name>); not a shard folder, nor inside one')
    .option('--overwrite', 'replace another experiment\'s results in --out; they stay until the merged ones are complete')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExample:\n  npm run merge -- out/tvh-shard-1-of-2 out/tvh-shard-2-of-2 --out out/tvh\n'
      + '\nExit codes: 0 done, 2 bad input (nothing written), 130 interrupted, 1 other errors.');
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    const o = program.opts<MergeCliOptions>();
    const say = (s: string) => { if (!o.quiet) process.stderr.write(`${s}\n`); };
    const stop = interruptSignal('run the merge again');
    try {
      const r = await mergeShards(program.args, { out: o.out, overwrite: o.overwrite, signal: stop.signal, command: argv.slice(2).join(' ') });
      if (r.status === 'done') { say(`"${r.dir}" already holds these shards merged: nothing to do.`); return; }
      if (r.status === 'interrupted') { say(`interrupted: the merge into ${r.dir} is unfinished; run the same merge again to finish it`); process.exit(130); }
      if (!o.quiet && r.sensitivity != null) {
        process.stdout.write(summaryTable(r.sensitivity));
        process.stdout.write(`merged ${r.shards} folder${r.shards === 1 ? '' : 's'} of a sensitivity analysis into ${r.dir}: ${SENSITIVITY_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
      } else if (!o.quiet) {
        process.stdout.write(readFileSync(join(r.dir, 'comparison.txt'), 'utf8'));
        process.stdout.write(`merged ${r.shards} folder${r.shards === 1 ? '' : 's'} into ${r.dir}: ${RESULT_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
      }
    } finally {
      stop.dispose();
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
