/**
 * `npm run explain -- <run dir> --pair A,B [options]`: why did A's trust in B move? Reads a run
 * folder written by `npm run simulate`, decomposes the change in A's trust in B over a range of
 * steps into the events that moved it and the forgetting between them, prints it in plain
 * sentences and a table (or as JSON), and draws a waterfall chart.
 */
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import { planExplainCharts, writeExplainCharts, type ExplainCharts } from '../report/explain-charts.js';
import { DEFAULT_TOP, explainPair, queryProblems, type PairExplanation } from '../explain/explain.js';
import { readRunDir } from '../explain/read-run.js';
import type { ExplainRun } from '../explain/run.js';
import { explanationText } from '../explain/terminal.js';
import type { Problem } from '../io/problem.js';
import { MONTH_PATTERN } from '../model/calendar.js';
import { InputError, optionProblem, runCommand } from './common.js';

const HELP_AFTER = `
What it does:
  Takes one directed pair, A's trust in B (A and B are state ids of the run), and a range of
  steps, and explains the change in that trust exactly: every event that moved it (activities
  heeded, misread or felt as deception, symbolic positioning, tests honoured or exploited,
  escalated incidents, defections, reputation through partners at forum meetings, leadership
  changes) and the forgetting between events (trust relaxing toward its baseline). Contributions
  are grouped by kind (activities by forum, or by activity for bilateral ones, and by what became
  of them), ranked by size, and each is given its share of all the movement.

The range:
  --from T and --to T take a step number, as in series.csv, pairs.csv and events.jsonl (0 is
  the initial state, before any activity; 1 the first month simulated), or a month, YYYY-MM.
  Trust is taken at the start of step --from (before its events: the row of step --from minus 1
  in pairs.csv) and at the end of step --to (its row). Default: the whole run, from the initial
  state. A month is the month of a step's events: --from 2014-03 starts before March's events,
  --to 2014-03 ends after them. A month between two steps (runs with several months a step)
  starts the range at the next step and ends it at the previous one.

How the change is attributed:
  Each event is given the change in trust (a probability) it made at the moment it happened:
  trust just after it minus just before it (events.jsonl's "delta"). Forgetting is given the
  actual change in trust between events. These add up exactly to the change over the range, and
  every running total in the order things happened is a level trust had. Shares are of all the
  movement, up and down (the contributions in absolute value, added up), so no share is above
  100% and a push down has a negative share. The same decomposition in log-odds, the scale in
  which the model adds evidence, is given beside it. The sentences and the table name the same
  --top groups and count the same "smaller contributions" after them.

What it reads (from the run folder):
  run.json, events.jsonl (a run made with --no-events cannot be explained), series.csv (the
  calendar), final.json (final trust), and pairs.csv when the run kept it. State, forum and
  activity names come from the scenario file named in run.json if it is found unchanged;
  otherwise ids are shown. Placing --from or --to between two events of the pair needs pairs.csv
  or that scenario file (for the forgetting rate).

What it writes:
  The explanation on standard output (text, or JSON with --json), and a waterfall chart of the
  change in the order it happened (each bar floats between two levels trust had, over one
  period of the range): by default <run dir>/explain-A-B.svg and .png (with -<from>-to-<to>
  added for a part of the run); --out FILE writes FILE only, SVG or PNG by its extension;
  --no-chart writes none. The charts are recorded in the folder's ledger (.entente.json): explain replaces only
  charts it wrote there, never another file. Beside the run they belong to it: simulating the
  same run into the folder again keeps them; simulate --overwrite with another run removes them.

Bad input (a missing run folder, a run without events.jsonl, a run file damaged or changed since
simulate wrote it, an unknown state id, A equal to B, --from after --to, a step or month outside
the run, an --out file explain did not write, a bad option) is reported with the file or option
at fault, exits with code 2 and writes nothing.

Examples:
  npm run explain -- out/asean-admm/habits-first-seed1 --pair IDN,MYS
  npm run explain -- out/asean-admm/habits-first-seed1 --pair PHL,CHN --from 2012-01 --to 2016-12 --top 5
  npm run explain -- out/fpda/habits-first-seed1 --pair MYS,SGP --json --no-chart
`;

export interface ExplainCliOptions {
  pair: string;
  from?: string;
  to?: string;
  top?: string;
  out?: string;
  chart: boolean;
  json?: boolean;
}

export function buildProgram(): Command {
  return new Command('explain')
    .description("Explain why one state's trust in another moved over a run (or part of it), event by event.")
    .argument('<run>', 'run folder written by npm run simulate')
    .requiredOption('--pair <A,B>', "the pair to explain: A's trust in B, as two state ids separated by a comma")
    .option('--from <T>', 'first step of the range: a step number or YYYY-MM (default: 0, the initial state)')
    .option('--to <T>', 'last step of the range: a step number or YYYY-MM (default: the last step)')
    .option('--top <K>', `groups named in the sentences and the table before the rest are gathered as smaller contributions (default ${DEFAULT_TOP})`)
    .option('--out <file>', 'the chart file, .svg or .png (default: <run>/explain-A-B.svg and .png)')
    .addOption(new Option('--no-chart', 'write no chart'))
    .option('--json', 'print the decomposition as JSON instead of text')
    .addHelpText('after', HELP_AFTER)
    .showHelpAfterError('(run with --help for usage)');
}

const STEP = /^\d+$/;
const MONTH = MONTH_PATTERN;

/** A step of the run from a step number or a month; a problem message when it is not one. */
function stepOf(run: ExplainRun, text: string, end: 'from' | 'to'): number | string {
  const last = run.dates.length - 1;
  const range = `the run has steps 0 to ${last}, ${run.dates[0]} to ${run.dates[last]}`;
  if (STEP.test(text)) {
    const t = Number(text);
    return t <= last ? t : `step ${text} is outside the run; ${range}`;
  }
  // A month: the first step on or after it (from), or the last on or before it (to).
  if (text < run.dates[0] || text > run.dates[last]) return `${text} is outside the run; ${range}`;
  if (end === 'from') return run.dates.findIndex((d) => d >= text);
  for (let t = last; t >= 0; t--) if (run.dates[t] <= text) return t;
  return `${text} is outside the run; ${range}`;
}

interface Plan {
  run: ExplainRun;
  explanation: PairExplanation;
  top: number;
  /** Chart files to write, checked; null with --no-chart. */
  charts: ExplainCharts | null;
}

/** Checks everything and computes the explanation; writes nothing. */
export function planExplain(dir: string, o: ExplainCliOptions): Plan {
  const problems: Problem[] = [];
  const add = (option: string, message: string) => problems.push(...optionProblem(option, message).problems);
  const ids = o.pair.split(',').map((s) => s.trim());
  const pairOk = ids.length === 2 && ids.every((s) => s !== '');
  if (!pairOk) add('--pair', `expected two state ids separated by a comma, e.g. --pair IDN,MYS; got "${o.pair}"`);
  for (const [option, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v !== undefined && !STEP.test(v) && !MONTH.test(v)) add(option, `expected a step number or a month as YYYY-MM, got "${v}"`);
  }
  let top = DEFAULT_TOP;
  if (o.top !== undefined) {
    top = Number(o.top);
    if (!/^\d+$/.test(o.top) || top < 1 || top > 1000) add('--top', `expected a whole number from 1 to 1000, got "${o.top}"`);
  }
  if (o.out !== undefined) {
    const ext = extname(o.out).toLowerCase();
    if (ext !== '.svg' && ext !== '.png') add('--out', `expected a file name ending in .svg or .png, got "${o.out}"`);
    else if (existsSync(o.out) && statSync(o.out).isDirectory()) add('--out', `"${o.out}" is a folder; expected a file name ending in .svg or .png`);
  }
  const loaded = readRunDir(dir);
  if (!loaded.ok) {
    problems.push(...loaded.problems);
    if (pairOk && ids[0] === ids[1]) add('--pair', `a state's trust in itself is not modelled; name two different states`);
    throw new InputError(problems);
  }
  const run = loaded.value;
  let from: number | undefined, to: number | undefined;
  for (const [option, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v === undefined || (!STEP.test(v) && !MONTH.test(v))) continue;
    const t = stepOf(run, v, option === '--from' ? 'from' : 'to');
    if (typeof t === 'string') add(option, t);
    else if (option === '--from') from = t;
    else to = t;
  }
  if (pairOk) {
    const query = { observer: ids[0], subject: ids[1], from, to };
    // A step outside the run is already reported with the text the user typed.
    problems.push(...queryProblems(run, query).filter((p) => !p.message.includes('is outside the run')));
  }
  if (problems.length > 0) throw new InputError(problems);
  const explanation = explainPair(run, { observer: ids[0], subject: ids[1], from, to, top });
  let charts: ExplainCharts | null = null;
  if (o.chart) {
    const planned = planExplainCharts(dir, explanation, run.dates.length - 1, o.out);
    if (!planned.ok) throw new InputError(planned.problems);
    charts = planned.value;
  }
  return { run, explanation, top, charts };
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  await runCommand(program, argv, async () => {
    const [dir] = program.args;
    const o = program.opts<ExplainCliOptions>();
    const plan = planExplain(dir, o);
    let charts: string[] = [];
    if (plan.charts !== null) {
      const written = await writeExplainCharts(plan.charts, plan.explanation, plan.top);
      if (!written.ok) throw new InputError(written.problems);
      charts = written.value;
    }
    if (o.json) {
      process.stdout.write(JSON.stringify({ ...plan.explanation, caveats: plan.run.caveats, charts }, null, 2) + '\n');
    } else {
      const text = explanationText(plan);
      process.stdout.write(text + '\n' + (charts.length > 0 ? `Chart written to ${charts.join(' and ')}\n` : ''));
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main(process.argv);
