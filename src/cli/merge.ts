/**
 * `npm run merge -- <shard folder>... [--out DIR]`: combines the shards of an experiment
 * (`npm run experiment -- <file> --shard K/N`) into the results a single machine would have
 * written: the same runs.csv, summary.csv, steps.csv, comparison.json and comparison.txt.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { analyse, RESULT_FILES } from '../experiment/analysis.js';
import { RECORD_WIDTH } from '../experiment/metrics.js';
import { traceAt, traceOffsets } from '../experiment/plan.js';
import { batchRange, DATA_DIR, PLAN_FILE, readDone, readRecords, readTraces, writeAll, writeFileAtomic, type PlanInfo } from '../experiment/store.js';
import { EXPERIMENT_FILES, folderProblem, MANIFEST_FILE, manifest, readPlanInfo, slug } from './experiment.js';
import { InputError, optionProblem, runCommand } from './common.js';
import type { Problem } from '../io/document.js';

interface MergeCliOptions { out?: string; quiet?: boolean }

export function buildProgram(): Command {
  return new Command('merge')
    .description('Combine the shards of an experiment into the results of a single run.\n'
      + 'Every shard must come from the same experiment file, scenarios and Entente version, and\n'
      + 'together they must hold every run.')
    .argument('<shards...>', 'shard folders written by npm run experiment -- <file> --shard K/N')
    .option('--out <dir>', 'output folder (default: out/<experiment name>)')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', '\nExample:\n  npm run merge -- out/tvh-shard-1-of-2 out/tvh-shard-2-of-2 --out out/tvh');
}

const shardProblem = (dir: string, message: string): Problem => ({ file: dir, path: '', line: 0, column: 0, message });

export function mergeShards(dirs: string[], o: MergeCliOptions, argv: string[]): string {
  const problems: Problem[] = [];
  const infos: { dir: string; info: PlanInfo; done: Set<number> }[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) { problems.push(shardProblem(dir, 'no such folder')); continue; }
    const info = readPlanInfo(dir);
    if (info === null) { problems.push(shardProblem(dir, `not an experiment folder (no valid ${PLAN_FILE})`)); continue; }
    infos.push({ dir, info, done: readDone(dir, info) });
  }
  if (infos.length > 0) {
    const key = infos[0].info.key;
    for (const s of infos.slice(1)) {
      if (s.info.key !== key) problems.push(shardProblem(s.dir, `comes from another experiment than ${infos[0].dir} (other files or another Entente version)`));
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  const info: PlanInfo = { ...infos[0].info, shard: null };
  // Which shard holds each batch (the first that finished it).
  const owner = new Array<number>(info.batches).fill(-1);
  infos.forEach((s, k) => { for (const b of s.done) if (owner[b] < 0) owner[b] = k; });
  const missing = owner.flatMap((o, b) => (o < 0 ? [b] : []));
  if (missing.length > 0) {
    const runs = missing.reduce((n, b) => n + (batchRange(info, b)[1] - batchRange(info, b)[0]), 0);
    const shards = [...new Set(infos.map((s) => s.info.shard).filter((x) => x !== null).map((x) => `${x!.k}/${x!.n}`))];
    throw new InputError([shardProblem('<shards>', `${runs} of ${info.runs} runs are in none of the folders given (shards given: ${shards.join(', ') || 'none'}); finish or add the missing shards (resume an unfinished one with --resume)`)]);
  }
  const dir = o.out ?? join('out', slug(info.name));
  if (dirs.some((d) => join(d) === join(dir))) throw optionProblem('--out', `"${dir}" is one of the shards; choose another folder`);
  const fp = folderProblem(dir);
  if (fp !== null) throw optionProblem('--out', fp);

  const started = Date.now();
  for (const f of EXPERIMENT_FILES) rmSync(join(dir, f), { recursive: true, force: true });
  mkdirSync(join(dir, DATA_DIR), { recursive: true });
  writeFileAtomic(join(dir, PLAN_FILE), JSON.stringify(info, null, 2) + '\n');
  const plan = { scenarios: info.scenarios, sets: info.sets, replications: info.replications, hypotheses: info.hypotheses };
  const offsets = traceOffsets(plan);
  const records = openSync(join(dir, DATA_DIR, 'records.f64'), 'w');
  const traces = openSync(join(dir, DATA_DIR, 'traces.f32'), 'w');
  const done: string[] = [];
  try {
    for (let b = 0; b < info.batches; b++) {
      const from = infos[owner[b]].dir;
      const [start, end] = batchRange(info, b);
      const rec = readRecords(from, start, end - start);
      writeAll(records, new Uint8Array(rec.buffer), start * RECORD_WIDTH * 8);
      const at = traceAt(plan, offsets, start);
      const len = (end < info.runs ? traceAt(plan, offsets, end) : offsets[offsets.length - 1]) - at;
      const tr = readTraces(from, at, len);
      writeAll(traces, new Uint8Array(tr.buffer), at * 4);
      done.push(`${start} ${end}\n`);
    }
    // The numbers are durable before the log that says they are there.
    fsyncSync(records);
    fsyncSync(traces);
  } finally {
    closeSync(records);
    closeSync(traces);
  }
  writeFileAtomic(join(dir, DATA_DIR, 'done.log'), done.join(''));
  analyse(dir, info);
  writeFileAtomic(join(dir, MANIFEST_FILE), manifest(info, {
    command: argv.join(' '), mergedFrom: infos.map((s) => ({ dir: s.dir, shard: s.info.shard })), wallSeconds: (Date.now() - started) / 1000,
  }));
  if (!o.quiet) {
    process.stdout.write(readFileSync(join(dir, 'comparison.txt'), 'utf8'));
    process.stdout.write(`merged ${infos.length} folder${infos.length === 1 ? '' : 's'} into ${dir}: ${RESULT_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
  }
  return dir;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, () => {
    mergeShards(program.args, program.opts<MergeCliOptions>(), argv.slice(2));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
