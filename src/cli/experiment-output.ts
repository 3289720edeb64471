/**
 * What `npm run experiment` prints as it goes and at the end: progress on stderr (a bar on a
 * terminal, a line every 10 seconds otherwise), what the experiment does, and its result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { RESULT_FILES } from '../experiment/analysis.js';
import { MANIFEST_FILE } from '../experiment/manifest.js';
import type { Comparison } from '../experiment/analysis.js';
import type { ExperimentEvent, ExperimentResult } from '../experiment/run.js';

/** Progress on stderr: a bar on a terminal, a line every 10 seconds otherwise, nothing when quiet. */
export function progressReporter(total: number, already: number, quiet: boolean): { update: (done: number) => void; stop: () => void } {
  if (quiet || total === 0) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'runs {bar} {value}/{total} | {rate} runs/s | {eta_formatted} left',
      hideCursor: true, etaBuffer: 200, stream: process.stderr,
    });
    bar.start(total, already, { rate: '-' });
    let stopped = false;
    return {
      update: (done) => bar.update(already + done, { rate: (done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(0) }),
      stop: () => { if (!stopped) { stopped = true; bar.stop(); } },
    };
  }
  let last = started;
  return {
    update: (done) => {
      const now = Date.now();
      if (now - last < 10_000 && already + done < total) return;
      last = now;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const left = rate > 0 ? Math.round((total - already - done) / rate) : NaN;
      process.stderr.write(`runs ${already + done}/${total} (${Math.floor(((already + done) / total) * 100)}%), ${rate.toFixed(0)} runs/s, ${Number.isFinite(left) ? `${left} s left` : 'time left unknown'}\n`);
    },
    stop: () => undefined,
  };
}

/** Prints what the experiment does as it goes (stderr), unless quiet. */
export function experimentPrinter(quiet: boolean): { onProgress: (e: ExperimentEvent) => void; stop: () => void } {
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  let progress = progressReporter(0, 0, true);
  let started = Date.now();
  let ran = 0;
  let analysing = false;
  return {
    onProgress: (e) => {
      if (e.kind === 'start') {
        const { info } = e;
        started = Date.now();
        say(`${info.name}: ${info.runs} runs (${info.scenarios.length} scenario${info.scenarios.length === 1 ? '' : 's'} x ${info.sets.length} parameter set${info.sets.length === 1 ? '' : 's'} x ${info.replications} replications x ${info.hypotheses.length} hypotheses)`
          + `${info.shard ? `; shard ${info.shard.k}/${info.shard.n}: ${e.total} runs` : ''}${e.already > 0 ? `; ${e.already} already done` : ''}; ${e.workers} worker${e.workers === 1 ? '' : 's'}; writing to ${e.dir}`
          + `${e.replacing ? ' (the results there are kept until these are complete)' : ''}`);
        progress = progressReporter(e.total, e.already, quiet);
      } else if (e.kind === 'damaged') {
        say(`${e.batches.length} batch${e.batches.length === 1 ? '' : 'es'} of runs recorded as done did not match ${e.batches.length === 1 ? 'its checksums' : 'their checksums'} (${[...new Set(e.batches.map((b) => b.file))].join(', ')}); running ${e.batches.length === 1 ? 'it' : 'them'} again`);
      } else if (e.kind === 'notice') {
        say(`warning: ${e.message}`);
      } else if (e.kind === 'runs') {
        ran = e.done;
        progress.update(e.done);
      } else if (e.kind === 'analysing' && !analysing) {
        analysing = true;
        progress.stop();
        say(`${ran} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; analysing...`);
      }
    },
    stop: () => progress.stop(),
  };
}

/** What the command prints at the end; returns the exit code. */
export function reportResult(r: ExperimentResult, file: string, quiet: boolean): number {
  const say = (s: string) => { if (!quiet) process.stderr.write(`${s}\n`); };
  if (r.status === 'done') {
    say(`"${r.dir}" already holds this experiment, finished (${r.total} runs): nothing to run. Its results are there; add --overwrite to run it again.`);
    return 0;
  }
  if (r.status === 'interrupted') {
    say(`interrupted: ${r.already + r.ran} of ${r.total} runs are saved in ${r.dir}; finish with:\n  npm run experiment -- ${file} --out ${r.dir} --resume`);
    return 130;
  }
  if (r.info.shard !== null) {
    say(`shard ${r.info.shard.k}/${r.info.shard.n} done in ${r.runSeconds.toFixed(1)} s; when every shard is done, combine them with:\n  npm run merge -- <shard folders...> --out <folder>`);
    return 0;
  }
  if (!quiet) {
    process.stdout.write(readFileSync(join(r.dir, 'comparison.txt'), 'utf8'));
    for (const line of verdictSummary(r.comparisons ?? [])) process.stdout.write(`${line}\n`);
    process.stdout.write(`results in ${r.dir}: ${RESULT_FILES.join(', ')}, ${MANIFEST_FILE}\n`);
  }
  return 0;
}

/**
 * One line per comparison: how many (scenario, set, metric) cells each hypothesis leads, how many
 * are equivalent and how many undecided, and the most replications an undecided cell would need.
 */
export function verdictSummary(comparisons: readonly Comparison[]): string[] {
  return comparisons.map((c) => {
    const count = (f: (r: Comparison['rows'][number]) => boolean) => c.rows.filter(f).length;
    const a = count((r) => r.verdict === 'leads' && r.leads === c.a), b = count((r) => r.verdict === 'leads' && r.leads === c.b);
    const eq = count((r) => r.verdict === 'equivalent'), und = count((r) => r.verdict === 'undecided');
    const need = c.rows.map((r) => r.replicationsNeeded).filter((n): n is number => n !== null);
    const most = need.length === 0 ? '' : `; the undecided would need up to ${Math.max(...need) > 1_000_000 ? 'more than 1,000,000' : Math.max(...need).toLocaleString('en-US')} replications`;
    return `${c.a} vs ${c.b}, over ${c.rows.length} cells (scenario x set x metric): ${c.a} leads in ${a}, ${c.b} in ${b}, equivalent in ${eq}, undecided in ${und}${most} (leads: interval beyond the metric's margin and Benjamini-Hochberg adjusted p < ${Number((1 - c.level).toFixed(6))})`;
  });
}
