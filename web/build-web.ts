/** `npm run build:web [-- --out DIR]`: the explorer as a static folder (default dist-web/) for any static host. */
import { Command } from 'commander';
import { buildWeb, DEFAULT_OUT, sizeWords } from './build.js';

const program = new Command('build:web')
  .description('Build the Entente explorer into a static folder that any static host, or a small local server, can serve.')
  .option('--out <dir>', 'output folder (replaced on each build, refused if it holds files the build did not write)', DEFAULT_OUT)
  .addHelpText('after', '\nServe it with `npm run explore`, or copy the folder to a web host or a USB stick (open it through a small server, e.g. `npx vite preview --outDir <dir>`: a browser will not run its worker from file://).')
  .showHelpAfterError();
program.parse();
const { out } = program.opts<{ out: string }>();

try {
  const r = await buildWeb(out);
  process.stdout.write(`Explorer built in ${r.out}: ${r.files} files, ${sizeWords(r.bytes)}.\n`);
} catch (e) {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
