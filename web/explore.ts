/** `npm run explore`: builds the explorer if its inputs changed, serves it on localhost, prints the address and opens it where there is a desktop. */
import { Command, InvalidArgumentError } from 'commander';
import { join } from 'node:path';
import { buildWeb, checkOut, DEFAULT_OUT, ROOT, sizeWords } from './build.js';

const port = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
};

const program = new Command('explore')
  .description('Serve the Entente explorer (sliders, run, pause, step; both hypotheses side by side) on this machine.')
  .option('--port <n>', 'port to serve on (the next free one if taken)', port, 4173)
  .option('--host <address>', 'address to listen on (0.0.0.0 to let other machines in the room connect)', '127.0.0.1')
  .option('--no-open', 'do not open a browser')
  .option('--rebuild', 'build again even if nothing changed')
  .showHelpAfterError();
program.parse();
const o = program.opts<{ port: number; host: string; open: boolean; rebuild: boolean }>();

/** A desktop to open a browser on: macOS, Windows, or a Linux session with a display. */
const desktop = process.platform === 'darwin' || process.platform === 'win32' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

try {
  const check = checkOut(DEFAULT_OUT);
  if (check.state === 'foreign') throw new Error(check.why);
  if (o.rebuild || check.state !== 'fresh') {
    process.stderr.write('Building the explorer…\n');
    const r = await buildWeb(DEFAULT_OUT);
    process.stderr.write(`Built ${r.out}: ${r.files} files, ${sizeWords(r.bytes)}.\n`);
  }
  const { preview } = await import('vite');
  const server = await preview({
    configFile: join(ROOT, 'web/vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: DEFAULT_OUT },
    preview: { port: o.port, host: o.host, strictPort: false, open: o.open && desktop },
  });
  const url = server.resolvedUrls?.local[0] ?? server.resolvedUrls?.network[0] ?? `http://${o.host}:${o.port}/`;
  process.stdout.write(`Entente explorer: ${url}\n`);
  process.stderr.write(`${o.open && desktop ? 'Opened in your browser. ' : 'Open that address in a browser. '}Press Ctrl-C to stop.\n`);
} catch (e) {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
}
