/**
 * Writes a report as one unit: the chart files go to a fresh temporary folder that then takes
 * the charts folder's place by rename, and the HTML file goes to a temporary file renamed into
 * place last. An interrupted write leaves the earlier report as it was (or a `.tmp-*` file or
 * folder to delete), never a half-written file that looks complete.
 *
 * Only a report's own files are ever replaced: an existing file at the report's path must be an
 * earlier report (it carries the generator mark), and an existing charts folder must hold only
 * chart files (.svg and .png); anything else is refused before anything is written.
 */
import { existsSync, mkdirSync, openSync, readdirSync, readSync, closeSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The mark in every report's head, by which an earlier report is recognised. */
export const GENERATOR = 'Entente npm run report';

const CHART_FILE = /^[a-z0-9-]+\.(svg|png)$/;

function head(file: string, bytes = 4096): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** Why the report cannot be written to `file` (with its charts in `chartsDir`); empty when it can. */
export function outputProblems(file: string, chartsDir: string): string[] {
  const problems: string[] = [];
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) problems.push(`"${file}" is a folder; give the report's file name, e.g. ${join(file, 'report.html')}`);
    else if (!head(file).includes(`content="${GENERATOR}"`)) problems.push(`"${file}" exists and is not a report written by npm run report; choose another file`);
  } else {
    // The nearest existing ancestor must be a folder.
    let d = dirname(file);
    while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
    if (existsSync(d) && !statSync(d).isDirectory()) problems.push(`"${d}" is a file, so "${file}" cannot be written there`);
  }
  if (existsSync(chartsDir)) {
    if (!statSync(chartsDir).isDirectory()) problems.push(`"${chartsDir}" (where the chart files go) is a file; move it or choose another --out`);
    else {
      const foreign = readdirSync(chartsDir).filter((f) => !CHART_FILE.test(f));
      if (foreign.length > 0) {
        const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
        problems.push(`"${chartsDir}" (where the chart files go) holds files that are not charts of a report (${shown}); move them or choose another --out`);
      }
    }
  }
  return problems;
}

/** Writes the HTML file and the chart files as one unit; call `outputProblems` first. */
export function writeReport(file: string, text: string, chartsDir: string, charts: readonly { name: string; data: string | Uint8Array }[]): void {
  const problems = outputProblems(file, chartsDir);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const parent = dirname(chartsDir);
  mkdirSync(parent, { recursive: true });
  mkdirSync(dirname(file), { recursive: true });
  const tmpDir = join(parent, `.tmp-${basename(chartsDir)}-${process.pid}`);
  const tmpFile = join(dirname(file), `.tmp-${basename(file)}-${process.pid}`);
  const old = join(parent, `.old-${basename(chartsDir)}-${process.pid}`);
  try {
    rmSync(tmpDir, { recursive: true, force: true });
    mkdirSync(tmpDir);
    for (const c of charts) writeFileSync(join(tmpDir, c.name), c.data);
    writeFileSync(tmpFile, text);
    if (existsSync(chartsDir)) {
      renameSync(chartsDir, old);
      renameSync(tmpDir, chartsDir);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(tmpDir, chartsDir);
    }
    renameSync(tmpFile, file);
  } catch (e) {
    rmSync(tmpDir, { recursive: true, force: true });
    rmSync(tmpFile, { force: true });
    if (existsSync(old) && !existsSync(chartsDir)) renameSync(old, chartsDir);
    throw e;
  }
}
