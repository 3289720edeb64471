/**
 * What a report reads beside the run folder's reader: which kind of folder it is given (a run or
 * an experiment), hashes of the result files, and, for an experiment, the rows of steps.csv it
 * needs, streamed and filtered so that a large steps.csv is never turned into objects wholesale.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StepRow } from '../charts/index.js';
import { sha256File } from '../io/hash.js';
import { ProblemError, type Problem } from '../io/problem.js';

/** Finding the files results were made from again, by their SHA-256: one definition, beside the run folder's reader. */
export { ENTENTE_ROOT, findFile, findScenario, type Found } from '../run/folder/source.js';

export type FolderKind = 'run' | 'experiment' | 'sensitivity';

const whole = (file: string, message: string): Problem => ({ file, path: '', line: 0, column: 0, message });

/** Files of a run folder and of a finished experiment folder. */
export const RUN_NEEDS = ['run.json', 'series.csv', 'final.json'] as const;
export const EXPERIMENT_NEEDS = ['plan.json', 'manifest.json', 'summary.csv', 'steps.csv', 'comparison.json'] as const;

/** Whether `dir` is a run, a finished experiment or a sensitivity folder; otherwise the problems that say why not. */
export function folderKind(dir: string): { kind: FolderKind } | { problems: Problem[] } {
  if (!existsSync(dir)) return { problems: [whole(dir, 'no such folder; expected a run folder (npm run simulate) or an experiment folder (npm run experiment)')] };
  if (!statSync(dir).isDirectory()) return { problems: [whole(dir, 'is a file; expected a run folder (npm run simulate) or an experiment folder (npm run experiment)')] };
  const has = (f: string) => existsSync(join(dir, f));
  // A sensitivity folder (npm run sensitivity) holds its runs' plan.json too: its own file decides.
  if (has('sensitivity.json')) return { kind: 'sensitivity' };
  if (has('plan.json')) {
    let shard: { k: number; n: number } | null = null;
    try {
      shard = (JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { shard?: { k: number; n: number } | null }).shard ?? null;
    } catch (e) {
      return { problems: [whole(join(dir, 'plan.json'), `is not valid JSON (${e instanceof Error ? e.message : String(e)})`)] };
    }
    const missing = EXPERIMENT_NEEDS.filter((f) => !has(f));
    if (missing.length === 0) return { kind: 'experiment' };
    if (shard !== null) {
      return { problems: [whole(dir, `holds shard ${shard.k} of ${shard.n} of an experiment, not its results; combine the shards first with npm run merge -- <shard folders...> --out <folder>, then report on that folder`)] };
    }
    return { problems: [whole(dir, `holds an experiment that has not finished (no ${missing.join(', ')}); finish it with npm run experiment -- <experiment file> --out ${dir} --resume`)] };
  }
  const runFiles = RUN_NEEDS.filter(has);
  if (runFiles.length === RUN_NEEDS.length) return { kind: 'run' };
  if (runFiles.length > 0) {
    return { problems: [whole(dir, `looks like a run folder but has no ${RUN_NEEDS.filter((f) => !has(f)).join(' or ')}; rerun npm run simulate into it`)] };
  }
  return {
    problems: [whole(dir, 'is neither a run folder (run.json, series.csv, final.json: written by npm run simulate) '
      + 'nor an experiment folder (plan.json, manifest.json, summary.csv, steps.csv, comparison.json: written by npm run experiment)')],
  };
}

/** Reads a JSON file; a ProblemError naming it when it cannot be read or is not JSON. */
export function readJson<T>(file: string): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProblemError([whole(file, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`)]);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new ProblemError([whole(file, `is not valid JSON (${e instanceof Error ? e.message : String(e)})`)]);
  }
}

/** Name, size and SHA-256 of each of `names` present in `dir`. */
export function fileHashes(dir: string, names: readonly string[]): { name: string; bytes: number; sha256: string }[] {
  return names.filter((n) => existsSync(join(dir, n)) && statSync(join(dir, n)).isFile())
    .map((n) => ({ name: n, bytes: statSync(join(dir, n)).size, sha256: sha256File(join(dir, n)) }));
}

// --- steps.csv, streamed -------------------------------------------------------------------

/** Splits one CSV line (RFC 4180 quotes) into cells. */
function splitLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const num = (s: string | undefined): number => (s === undefined || s === '' ? Number.NaN : Number(s));

/**
 * The rows of an experiment's steps.csv that `want(scenario, set, metric)` keeps, read in
 * chunks: only kept rows become objects. A quoted cell holding a line break (a scenario name
 * written over two lines) is joined back.
 */
export function readSteps(file: string, want: (scenario: string, set: number, metric: string) => boolean, chunkBytes = 8 << 20): StepRow[] {
  const out: StepRow[] = [];
  const fd = openSync(file, 'r');
  const buf = Buffer.allocUnsafe(chunkBytes);
  let header: string[] | null = null;
  let col: Record<string, number> = {};
  let pending = '';
  const onLine = (line: string) => {
    if (pending !== '') { line = `${pending}\n${line}`; pending = ''; }
    if ((line.split('"').length - 1) % 2 === 1) { pending = line; return; }
    if (line === '') return;
    if (header === null) {
      header = splitLine(line);
      col = Object.fromEntries(header.map((h, k) => [h, k]));
      for (const need of ['scenario', 'set', 'hypothesis', 'step', 'date', 'metric', 'mean']) {
        if (!(need in col)) throw new ProblemError([whole(file, `has no "${need}" column; expected the steps.csv of npm run experiment`)]);
      }
      return;
    }
    const c = splitLine(line);
    const scenario = c[col.scenario], set = Number(c[col.set]), metric = c[col.metric];
    if (!want(scenario, set, metric)) return;
    out.push({
      scenario, set, hypothesis: c[col.hypothesis], step: Number(c[col.step]), date: c[col.date], metric,
      n: num(c[col.n]), mean: num(c[col.mean]), sd: num(c[col.sd]), ciLow: num(c[col.ciLow]), ciHigh: num(c[col.ciHigh]),
      p10: num(c[col.p10]), p90: num(c[col.p90]),
    });
  };
  try {
    let carry: Buffer = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      // Decode up to the last newline only, so that no UTF-8 character is split between chunks.
      const last = buf.lastIndexOf(10, n - 1);
      if (last < 0) {
        carry = Buffer.concat([carry, buf.subarray(0, n)]);
        continue;
      }
      const text = Buffer.concat([carry, buf.subarray(0, last + 1)]).toString('utf8');
      carry = Buffer.from(buf.subarray(last + 1, n));
      let at = 0;
      for (;;) {
        const nl = text.indexOf('\n', at);
        if (nl < 0) break;
        onLine(text.charCodeAt(nl - 1) === 13 ? text.slice(at, nl - 1) : text.slice(at, nl));
        at = nl + 1;
      }
    }
    if (carry.length > 0) onLine(carry.toString('utf8'));
    if (pending !== '') throw new ProblemError([whole(file, 'ends inside a quoted cell')]);
  } finally {
    closeSync(fd);
  }
  return out;
}
