/**
 * `npm run simulate -- <scenario file> [options]`: runs one scenario and writes its results.
 */
import { pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import { outputDate } from '../model/calendar.js';
import { HYPOTHESIS_PATTERN } from '../scenario/schema.js';
import type { RunResult } from '../run/simulate.js';
import { loadRunScenario, runToFolder, MAX_STATES } from '../run/folder/simulate-file.js';
import { MAX_INPUT_BYTES } from '../io/document.js';
import { sigmoid } from '../model/logistic.js';
import { fixed } from '../text/number.js';
import { InputError, optionProblem, runCommand, table } from './common.js';

const HELP_AFTER = () => `
Outputs (in DIR, written together: an interrupted run leaves earlier results untouched):
  run.json      manifest: scenario name, file and SHA-256, seed, hypothesis, model version,
                git commit, Node version, random-number algorithm, wall time
  series.csv    step 0: the initial state, before any activity (dated with the start month);
                then one row per step simulated (1 .. steps, dated with its month): regional
                mean trust and its spread, mean tension and habit,
                counts of activities, heeded and misread signals, deceptions, tests, incidents,
                defections, agreements, and the nine outcomes (cumulative)
  events.jsonl  one JSON object per event (activity, symbolic, test, incident, defection,
                reputation, leadership, shock, forum, agreement, declined), with the change in
                trust each caused ("delta") and the forgetting since the pair was last touched
                ("drift"), as probabilities
  final.json    final trust, tension, habit and understanding matrices, agreements, outcomes,
                and per-state gains and losses from tested cooperation
  pairs.csv     with --pairs: every pair's trust at every step (step,date,from,to,trust),
                step 0 the initial state
Steps are the same in every file: events.jsonl's step is the step (1 .. steps) whose row of
series.csv first shows the event, and final.json's step is the last (steps).

Hypotheses: habits-first (trust grows as habits of cooperation are reinforced), trust-first
(states first choose to trust, then act on it), or blend=X, X in [0,1] the trust-first weight.

  run.json also records each file's line count, size and SHA-256: explain and report refuse a
  file that has changed since (exit code 2).

The output folder: a new or empty folder, or one holding an earlier result of Entente (its
ledger, .entente.json, lists what Entente wrote there). Files Entente did not write are never
replaced or deleted. The same run again (same scenario file, seed, hypothesis, steps, model
version and files) replaces its own files and keeps the report and explanation charts made from
it; a different run is refused unless --overwrite is given, and then the report and charts made
from the run it replaces are removed with it.

Limits: a scenario file of at most ${MAX_INPUT_BYTES / 2 ** 20} MB and ${MAX_STATES} states; --steps up to 100000; with
--pairs, steps x states x states x 8 bytes of at most 1 GB.

The same scenario, seed, hypothesis and model version give byte-identical series.csv,
events.jsonl, final.json and pairs.csv on any machine. Bad input exits with code 2 and writes
nothing.

Examples:
  npm run simulate -- scenarios/minimal-pair.yaml
  npm run simulate -- scenarios/asean-admm.yaml --hypothesis trust-first --seed 7 --pairs
`;

export interface SimulateCliOptions {
  seed?: string;
  hypothesis?: string;
  steps?: string;
  out?: string;
  pairs?: boolean;
  events: boolean;
  overwrite?: boolean;
  quiet?: boolean;
}

export function buildProgram(): Command {
  return new Command('simulate')
    .description('Run one Entente scenario and write its results.')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seed <seed>', 'run seed, an integer or a word (default: the scenario\'s run.seed)')
    .option('--hypothesis <h>', 'habits-first, trust-first or blend=X (default: the scenario\'s run.hypothesis)')
    .option('--steps <n>', 'number of steps (default: the scenario\'s calendar.steps)')
    .option('--out <dir>', 'output folder (default: out/<scenario>/<hypothesis>-seed<seed>)')
    .option('--pairs', 'also write every pair\'s trust at every step (pairs.csv)')
    .addOption(new Option('--no-events', 'do not write the event log'))
    .option('--overwrite', 'replace another run in the output folder, and the report and explanation charts made from it (default: refused)')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', HELP_AFTER())
    .showHelpAfterError('(run with --help for usage)');
}

function checkOptions(o: SimulateCliOptions): { seed?: string | number; hypothesis?: string; steps?: number } {
  const problems = [];
  let seed: string | number | undefined;
  if (o.seed !== undefined) {
    if (o.seed.trim() === '') problems.push(optionProblem('--seed', 'expected an integer or a word, got an empty value'));
    else seed = /^-?\d+$/.test(o.seed) ? Number(o.seed) : o.seed;
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) problems.push(optionProblem('--seed', `expected a safe integer, got ${o.seed}`));
  }
  if (o.hypothesis !== undefined && !HYPOTHESIS_PATTERN.test(o.hypothesis)) {
    problems.push(optionProblem('--hypothesis', `expected habits-first, trust-first or blend=X with X in [0,1], got "${o.hypothesis}"`));
  }
  let steps: number | undefined;
  if (o.steps !== undefined) {
    steps = Number(o.steps);
    if (!/^\d+$/.test(o.steps) || steps < 1 || steps > 100000) problems.push(optionProblem('--steps', `expected a whole number from 1 to 100000, got "${o.steps}"`));
  }
  if (problems.length > 0) throw new InputError(problems.flatMap((p) => p.problems));
  return { seed, hypothesis: o.hypothesis, steps };
}

/** Runs the command on already-parsed arguments; returns the output folder and the run. */
export function runSimulate(file: string, o: SimulateCliOptions): { dir: string; result: RunResult } {
  // Every problem at once: the options' and the file's.
  const problems = [];
  let opts: ReturnType<typeof checkOptions> = {};
  try { opts = checkOptions(o); } catch (e) { if (e instanceof InputError) problems.push(...e.problems); else throw e; }
  const loaded = loadRunScenario(file);
  if (!loaded.ok) problems.push(...loaded.problems);
  if (problems.length > 0 || !loaded.ok) throw new InputError(problems);
  const written = runToFolder({
    file, scenario: loaded.value.scenario, sha256: loaded.value.sha256, ...opts, out: o.out,
    pairs: o.pairs === true, events: o.events, overwrite: o.overwrite === true,
    command: ['simulate', ...process.argv.slice(2)].join(' '),
  });
  if (!written.ok) throw new InputError(written.problems);
  return written.value;
}

/** The summary printed after a run: key figures at the start (the initial state) and end, and the pairs that moved most. */
export function summary(r: RunResult, dir: string): string {
  const { columns, rows, data } = r.series;
  const W = columns.length;
  const col = (name: string) => columns.indexOf(name);
  const at = (t: number, name: string) => data[t * W + col(name)];
  // Row 0 is the initial state, before any activity: counts are summed over the steps run, 1 .. last.
  const sum = (name: string) => { let s = 0; for (let t = 1; t < rows; t++) s += at(t, name); return s; };
  const f3 = (v: number) => fixed(v, 3);
  const last = rows - 1;
  const lines = [
    `${r.world.name}: ${r.world.n} states, ${last} steps (${outputDate(r.world, 1)} to ${outputDate(r.world, last)}), ${r.hypothesis}, seed ${r.seed}`,
    '',
    table(['measure', 'start', 'last step'], [
      ['mean trust', f3(at(0, 'meanTrust')), f3(at(last, 'meanTrust'))],
      ['trust spread (sd)', f3(at(0, 'trustSpread')), f3(at(last, 'trustSpread'))],
      ['mean tension', f3(at(0, 'meanTension')), f3(at(last, 'meanTension'))],
      ['mean habit', f3(at(0, 'meanHabit')), f3(at(last, 'meanHabit'))],
      ['agreements signed', String(at(0, 'agreementsTotal')), String(at(last, 'agreementsTotal'))],
    ]),
    '',
    table(['over the run', 'count'], [
      ['activities undertaken', String(sum('activities'))],
      ['  heeded', String(sum('heeded'))],
      ['  misread', String(sum('misread'))],
      ['  felt as deception', String(sum('deceived'))],
      ['  aroused suspicion', String(sum('suspicious'))],
      ['forum meetings', String(sum('forumMeetings'))],
      ['tests (honoured / exploited)', `${sum('tests')} (${sum('honoured')} / ${sum('exploited')})`],
      ['incidents (escalated)', `${sum('incidents')} (${sum('escalations')})`],
      ['defections', String(sum('defections'))],
    ]),
  ];
  const { ids } = r.world;
  const n = r.world.n;
  const moves: [string, number, number][] = [];
  // Starting trust: the initial belief, the same under every hypothesis (pairs.csv's step 0 when kept).
  const start = (p: number) => (r.pairTrust !== null ? r.pairTrust[p] : sigmoid(r.world.trust0[p]));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i !== j) moves.push([`${ids[i]} -> ${ids[j]}`, start(i * n + j), r.final.trust[i][j]]);
  }
  moves.sort((a, b) => (b[2] - b[1]) - (a[2] - a[1]) || (a[0] < b[0] ? -1 : 1));
  const show = [...moves.slice(0, 3), ...moves.slice(-3).filter((m) => !moves.slice(0, 3).includes(m))];
  lines.push('', table(['trust moved most (i -> j: i\'s trust in j)', 'start', 'end'], show.map(([k, a, b]) => [k, f3(a), f3(b)])));
  lines.push('', `Results written to ${dir}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, () => {
    const [file] = program.args;
    const o = program.opts<SimulateCliOptions>();
    const { dir, result } = runSimulate(file, o);
    if (!o.quiet) console.log(summary(result, dir));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
