/**
 * The report of one run folder (`npm run simulate`): the scenario's description and teaching
 * note, the key figures, trust over time for the region and chosen pairs, trust matrices at
 * chosen times, the trust network, the timeline, the outcomes, the state that sent most as
 * transmitter and receiver, the explanations of the biggest moves with their waterfalls, a
 * pointer to an experiment for comparing hypotheses, and what it takes to reproduce the run.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  outcomesChart, pairsFromFinal, pairTrustChart, profileFromFinal, readRunDir as readChartRun, timelineChart,
  transmitterReceiverChart, trendFromSeries, trustMatrixChart, trustNetworkChart, trustOverTimeChart,
  receptionCounts, monthLabel, type RunData,
} from '../charts/index.js';
import { waterfallChart } from '../charts/waterfall.js';
import { explainPair, readRunDir as readExplainRun, type ExplainRun, type PairExplanation } from '../explain/index.js';
import type { Problem } from '../io/document.js';
import { MODEL_VERSION } from '../version.js';
import { resolveWorld } from '../world/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { ChartSet, figure } from './charts.js';
import { cards, filesTable, fx, kv, parametersTable, pct, scenarioText, shellWord, sx, thousands } from './common.js';
import { html, join as joinHtml, paragraphs, table, type Html } from './html.js';
import type { Section } from './page.js';
import { ENTENTE_ROOT, fileHashes, findScenario, readJson, type Found } from './read.js';

/** run.json as simulate writes it. */
interface RunJson {
  scenario: { name: string; file: string; sha256: string };
  seed: string | number;
  hypothesis: string;
  steps: number;
  modelVersion: string;
  gitCommit?: string;
  node?: string;
  rng?: string;
  wallTimeMs?: number;
  command?: string;
  files?: string[];
  /** When the run was written from an experiment (npm run experiment -- --replay N). */
  experiment?: { file: string; sha256?: string; run: number; set: number; parameters?: Record<string, number>; replication: number };
}

const whole = (file: string, message: string): Problem => ({ file, path: '', line: 0, column: 0, message });

/** What a run report is built from; everything is read and checked before anything is drawn. */
export interface RunInput {
  dir: string;
  manifest: RunJson;
  data: RunData;
  explain: ExplainRun | null;
  /** Why there are no explanations, when there are none. */
  explainCaveat: string | null;
  scenario: Found<Scenario>;
  pairs: [string, string][];
}

/**
 * Reads a run folder and checks the chosen pairs; throws a list of problems (bad files, unknown
 * pair ids) as `{ problems }`.
 */
export function readRunInput(dir: string, pairs: readonly [string, string][]): RunInput {
  const problems: Problem[] = [];
  let manifest: RunJson | null = null;
  try {
    manifest = readJson<RunJson>(join(dir, 'run.json'));
    if (typeof manifest !== 'object' || manifest === null || typeof manifest.scenario?.name !== 'string') {
      problems.push(whole(join(dir, 'run.json'), 'expected the manifest of a run (scenario, seed, hypothesis, steps)'));
      manifest = null;
    }
  } catch (p) {
    problems.push(p as Problem);
  }
  let data: RunData | null = null;
  try {
    data = readChartRun(dir);
  } catch (e) {
    problems.push(whole(dir, `cannot be read as a run folder (${e instanceof Error ? e.message : String(e)})`));
  }
  // The explanations read the event log with every check; a run without one is reported, not refused.
  let explain: ExplainRun | null = null;
  let explainCaveat: string | null = null;
  if (existsSync(join(dir, 'events.jsonl'))) {
    const loaded = readExplainRun(dir);
    if (loaded.ok) explain = loaded.value;
    else problems.push(...loaded.problems);
  } else {
    explainCaveat = 'the run was written without its event log (--no-events)';
  }
  if (data !== null) {
    const ids = data.final.states;
    for (const [a, b] of pairs) {
      for (const id of [a, b]) {
        if (!ids.includes(id)) problems.push({ file: '<command line>', path: '--pair', line: 0, column: 0, message: `unknown state id "${id}" in ${a},${b}; expected one of: ${ids.join(', ')}` });
      }
      if (a === b) problems.push({ file: '<command line>', path: '--pair', line: 0, column: 0, message: `${a},${b}: a state's trust in itself is not modelled; name two different states` });
    }
  }
  if (problems.length > 0 || manifest === null || data === null) throw { problems };
  const scenario = findScenario(manifest.scenario.file, manifest.scenario.sha256, dir);
  return { dir, manifest, data, explain, explainCaveat, scenario, pairs: [...pairs] };
}

/** Directed pairs ranked by their change in trust over the run (start of step 0 to the end). */
function moves(run: ExplainRun): { a: string; b: string; start: number; end: number; change: number }[] {
  const n = run.ids.length;
  const start = new Float64Array(n * n).fill(Number.NaN);
  for (const r of run.rows) {
    const k = r.observer * n + r.subject;
    if (Number.isNaN(start[k])) start[k] = r.p0;
  }
  const out: { a: string; b: string; start: number; end: number; change: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const end = run.finalTrust[i][j];
      const s = Number.isNaN(start[i * n + j]) ? end : start[i * n + j];
      out.push({ a: run.ids[i], b: run.ids[j], start: s, end, change: end - s });
    }
  }
  return out.sort((x, y) => y.change - x.change || (x.a + x.b < y.a + y.b ? -1 : 1));
}

/** The pairs to explain: the chosen ones, then the two that gained most and the two that lost most. */
export function pairsToExplain(run: ExplainRun, chosen: readonly [string, string][]): { pair: [string, string]; why: string }[] {
  const ranked = moves(run);
  const out: { pair: [string, string]; why: string }[] = chosen.map((p) => ({ pair: p, why: 'chosen with --pair' }));
  const has = (a: string, b: string) => out.some((o) => o.pair[0] === a && o.pair[1] === b);
  const gains = ranked.filter((m) => m.change > 0).slice(0, 2);
  const losses = ranked.filter((m) => m.change < 0).reverse().slice(0, 2);
  gains.forEach((m, k) => { if (!has(m.a, m.b)) out.push({ pair: [m.a, m.b], why: k === 0 ? 'the largest gain in trust of the run' : 'the second-largest gain' }); });
  losses.forEach((m, k) => { if (!has(m.a, m.b)) out.push({ pair: [m.a, m.b], why: k === 0 ? 'the largest loss of trust of the run' : 'the second-largest loss' }); });
  return out;
}

/** The state that sent most activities (heeded or not), and how many. */
function topSender(data: RunData): { state: string; sent: number } | null {
  let best: { state: string; sent: number } | null = null;
  for (const s of data.final.states) {
    const sent = receptionCounts(data.events, s, 'partner').filter((c) => c.direction === 'sent' && c.reception !== 'declined by the sender').reduce((t, c) => t + c.count, 0);
    if (best === null || sent > best.sent) best = { state: s, sent };
  }
  return best !== null && best.sent > 0 ? best : null;
}

/** The recorded command line ("simulate <args>", "experiment <args>") as the npm command that runs it. */
const npmCommand = (m: RunJson): string => {
  const c = m.command ?? '';
  const m2 = /^(simulate|experiment|start) ?(.*)$/.exec(c);
  if (m2 === null) return c;
  return m2[1] === 'start' ? `npm start${m2[2] ? ` -- ${m2[2]}` : ''}` : `npm run ${m2[1]}${m2[2] ? ` -- ${m2[2]}` : ''}`;
};

/** "tension = 0.05, seniority = 0.8", or "as written". */
const conditionWords = (p: Record<string, number> | undefined): string => {
  const e = Object.entries(p ?? {});
  return e.length === 0 ? 'as written' : e.map(([k, v]) => `${k} = ${v}`).join(', ');
};

/** Builds the sections of a run report, drawing its charts into `charts`. */
export function runReport(input: RunInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }): { title: string; cover: Html; sections: Section[] } {
  const { manifest: m, data, explain, scenario } = input;
  const fig = (spec: Parameters<ChartSet['add']>[0]) => figure(charts.add(spec), ctx.chartsHref);
  const series = data.series;
  const first = series[0], last = series[series.length - 1];
  const states = data.final.states;
  const sc = scenario.value;
  const runLabel = `${m.hypothesis}, seed ${m.seed}`;
  const subtitle = `${m.scenario.name}; ${runLabel}`;
  let names: readonly string[] = states;
  if (sc !== null) {
    try {
      const w = resolveWorld(sc, { hypothesis: m.hypothesis, steps: m.steps });
      if (w.ids.length === states.length && w.ids.every((id, k) => id === states[k])) names = w.names;
    } catch { /* names stay ids */ }
  }
  const sum = (col: string) => series.reduce((s, r) => s + (r.values[col] ?? 0), 0);
  const v = (r: typeof first, col: string) => r.values[col] ?? Number.NaN;
  let peak = first;
  for (const r of series) if (v(r, 'meanTension') > v(peak, 'meanTension')) peak = r;

  // --- Cover ---------------------------------------------------------------------------------
  const cover = joinHtml([
    html`<p class="kind">Entente run report</p>`,
    html`<h1>${m.scenario.name}</h1>`,
    html`<p class="subtitle">Hypothesis ${m.hypothesis}, seed ${String(m.seed)}; ${states.length} states, ${series.length} steps, ${monthLabel(first.date)} to ${monthLabel(last.date)}.</p>`,
    m.experiment ? html`<p class="subtitle">Run ${String(m.experiment.run)} of the experiment <code>${m.experiment.file}</code>: parameter set ${String(m.experiment.set)} (${conditionWords(m.experiment.parameters)}), replication ${String(m.experiment.replication + 1)}.</p>` : '',
    scenarioText(scenario),
  ]);

  const sections: Section[] = [];

  // --- Key figures ---------------------------------------------------------------------------
  const activities = sum('activities'), heeded = sum('heeded');
  sections.push({
    id: 'key-figures',
    title: 'Key figures',
    body: joinHtml([
      cards([
        { value: `${fx(v(first, 'meanTrust'))} → ${fx(v(last, 'meanTrust'))}`, label: `regional mean trust, first step → last (${sx(v(last, 'meanTrust') - v(first, 'meanTrust'))})` },
        { value: `${fx(v(first, 'meanTension'))} → ${fx(v(last, 'meanTension'))}`, label: `mean tension (peak ${fx(v(peak, 'meanTension'))}, ${monthLabel(peak.date)})` },
        { value: `${fx(v(first, 'meanHabit'))} → ${fx(v(last, 'meanHabit'))}`, label: 'mean habit of cooperation' },
        { value: thousands(activities), label: `activities undertaken, ${pct(activities > 0 ? heeded / activities : Number.NaN)} heeded` },
        { value: `${thousands(sum('tests'))}`, label: `tests of cooperation: ${thousands(sum('honoured'))} honoured, ${thousands(sum('exploited'))} exploited` },
        { value: `${thousands(sum('incidents'))}`, label: `incidents, ${thousands(sum('escalations'))} escalated` },
        { value: `${thousands(sum('defections'))}`, label: 'defections on core national interest' },
        { value: `${thousands(v(last, 'agreementsTotal'))}`, label: 'defence cooperation agreements in force at the end' },
      ]),
      table(['measure', `first step (${first.date})`, `last step (${last.date})`], [
        ['regional mean trust', fx(v(first, 'meanTrust')), fx(v(last, 'meanTrust'))],
        ['spread of trust across pairs (sd)', fx(v(first, 'trustSpread')), fx(v(last, 'trustSpread'))],
        ['mean tension', fx(v(first, 'meanTension')), fx(v(last, 'meanTension'))],
        ['mean habit', fx(v(first, 'meanHabit')), fx(v(last, 'meanHabit'))],
        ['agreements signed', thousands(v(first, 'agreementsTotal')), thousands(v(last, 'agreementsTotal'))],
      ], { numeric: [1, 2] }),
      table(['over the run', 'count'], [
        ['activities undertaken', thousands(activities)],
        ['heeded', thousands(heeded)],
        ['misread', thousands(sum('misread'))],
        ['felt as deception', thousands(sum('deceived'))],
        ['aroused suspicion (heeded above the activity\'s tension ceiling)', thousands(sum('suspicious'))],
        ['declined by the sender', thousands(sum('declined'))],
        ['forum meetings', thousands(sum('forumMeetings'))],
        ['tests (honoured / exploited)', `${thousands(sum('tests'))} (${thousands(sum('honoured'))} / ${thousands(sum('exploited'))})`],
        ['incidents (escalated)', `${thousands(sum('incidents'))} (${thousands(sum('escalations'))})`],
        ['defections', thousands(sum('defections'))],
      ], { numeric: [1] }),
      html`<h3>States</h3>`,
      table(['id', 'name'], states.map((id, k) => [html`<code>${id}</code>`, names[k] ?? id]), { cls: 'narrow' }),
    ]),
  });

  // --- Trust over time -----------------------------------------------------------------------
  const hasPairs = data.pairs.length > 0;
  const pairsMissing = (what: string) => html`<p class="missing">This run has no <code>pairs.csv</code> (every pair's trust at every step), so ${what}. Run the scenario again with <code>--pairs</code> to get it: <code>${`npm run simulate -- ${m.scenario.file} --seed ${m.seed} --hypothesis ${m.hypothesis} --steps ${m.steps} --pairs`}</code>, then report on that folder.</p>`;
  sections.push({
    id: 'trust-over-time',
    title: 'Trust over time',
    body: joinHtml([
      html`<p>The region's mean trust (every state's trust in every other, as a probability), with a band of one standard deviation across directed pairs; then chosen pairs.</p>`,
      fig(trustOverTimeChart(trendFromSeries(series, { spread: true, series: m.hypothesis }), { id: 'trust-over-time', subtitle, bandLabel: 'one sd of trust across directed pairs' })),
      hasPairs
        ? fig(pairTrustChart(data.pairs, { id: 'pair-trust', subtitle, pairs: input.pairs.length > 0 ? input.pairs : undefined }))
        : pairsMissing('chosen pairs\' trust over time cannot be drawn'),
      hasPairs && input.pairs.length === 0 ? html`<p class="aside">Pairs shown: the ones that moved most. Choose others with <code>--pair A,B</code> (repeatable).</p>` : '',
    ]),
  });

  // --- Who trusts whom ---------------------------------------------------------------------
  sections.push({
    id: 'trust-matrix',
    title: 'Who trusts whom',
    body: hasPairs
      ? joinHtml([
        html`<p>The trust matrix at the start, the middle and the end of the run.</p>`,
        fig(trustMatrixChart(data.pairs, { id: 'trust-matrix', subtitle })),
      ])
      : joinHtml([
        pairsMissing('only the final trust matrix can be shown'),
        fig(trustMatrixChart(pairsFromFinal(data.final), { id: 'trust-matrix', subtitle })),
      ]),
  });

  // --- Network -------------------------------------------------------------------------------
  sections.push({
    id: 'trust-network',
    title: 'The trust network',
    body: joinHtml([
      html`<p>Who trusts whom at the end of the run, as a network; defence cooperation agreements are marked.</p>`,
      fig(trustNetworkChart(data.final, { id: 'trust-network', subtitle })),
    ]),
  });

  // --- Timeline ------------------------------------------------------------------------------
  const hasEvents = input.explainCaveat === null;
  const eventsMissing = (what: string) => html`<p class="missing">This run has no event log (it was written with <code>--no-events</code>), so ${what}. Run the scenario again without <code>--no-events</code>.</p>`;
  sections.push({
    id: 'timeline',
    title: 'Tension and events',
    body: joinHtml([
      hasEvents ? '' : eventsMissing('the event lanes are empty'),
      fig(timelineChart(series, data.events, { id: 'timeline', subtitle })),
    ]),
  });

  // --- Outcomes ------------------------------------------------------------------------------
  sections.push({
    id: 'outcomes',
    title: 'The nine outcomes',
    body: joinHtml([
      html`<p>The essay's nine outcomes of defence diplomacy, summed over every pair and the whole run.</p>`,
      fig(outcomesChart([profileFromFinal(data.final, m.hypothesis)], { id: 'outcomes', subtitle })),
    ]),
  });

  // --- Transmitter and receiver --------------------------------------------------------------
  const sender = hasEvents ? topSender(data) : null;
  sections.push({
    id: 'transmitter-receiver',
    title: 'Transmitter and receiver',
    body: sender === null
      ? (hasEvents ? html`<p>No state sent any activity in this run.</p>` : eventsMissing('what each state sent and received is unknown'))
      : joinHtml([
        html`<p>${sender.state}${names[states.indexOf(sender.state)] !== sender.state ? ` (${names[states.indexOf(sender.state)]})` : ''} sent the most activities of any state (${thousands(sender.sent)}): what it sent and received, and how it was taken, by kind of activity and by partner.</p>`,
        fig(transmitterReceiverChart(data.events, sender.state, { id: `transmitter-receiver-${sender.state}-activity`, subtitle, by: 'activity' })),
        fig(transmitterReceiverChart(data.events, sender.state, { id: `transmitter-receiver-${sender.state}-partner`, subtitle, by: 'partner' })),
      ]),
  });

  // --- Explanations --------------------------------------------------------------------------
  const explanations: Html[] = [];
  if (explain !== null) {
    for (const { pair: [a, b], why } of pairsToExplain(explain, input.pairs)) {
      let e: PairExplanation;
      try {
        e = explainPair(explain, { observer: a, subject: b });
      } catch (err) {
        explanations.push(html`<p class="missing">${a} → ${b}: cannot be explained (${err instanceof Error ? err.message : String(err)}).</p>`);
        continue;
      }
      explanations.push(explanationBlock(e, why, fig));
    }
  }
  sections.push({
    id: 'explanations',
    title: 'Why trust moved',
    body: explain === null
      ? eventsMissing(`the moves in trust cannot be explained (${input.explainCaveat ?? 'no event log'})`)
      : joinHtml([
        html`<p>For the pairs whose trust moved most over the run${input.pairs.length > 0 ? ' and the pairs chosen with --pair' : ''}: the events that moved it, grouped by kind, with their share of the change. ${explain.caveats.length > 0 ? `Note: ${explain.caveats.join('; ')}; names are shown by id where unknown.` : ''}</p>`,
        explanations.length > 0 ? joinHtml(explanations) : html`<p>No pair's trust moved in this run.</p>`,
        html`<p class="aside">${explain.rows.length > 0 ? 'How to read the numbers: ' : ''}Contributions add up exactly in log-odds, the scale in which the model adds evidence; the change in trust (a probability) is split in proportion to them. Any other pair: <code>npm run explain -- ${input.dir} --pair A,B</code>.</p>`,
      ]),
  });

  // --- Hypothesis comparison -----------------------------------------------------------------
  const scenarioPath = scenario.path ?? join(ENTENTE_ROOT, m.scenario.file);
  const fromExperiments = relative(join(ENTENTE_ROOT, 'experiments'), scenarioPath) || m.scenario.file;
  const other = m.hypothesis === 'habits-first' ? 'trust-first' : 'habits-first';
  sections.push({
    id: 'comparison',
    title: 'Comparing the hypotheses',
    body: joinHtml([
      html`<p>This is one run, under ${m.hypothesis}, on one seed. Whether habits-first or trust-first builds more trust, sooner, cannot be told from a single run: a comparison needs an experiment, which runs the scenario many times under both hypotheses on the same dice (common random numbers) and compares them pair by pair, with confidence intervals.</p>`,
      html`<p>The project's experiment, over every teaching scenario (a quick look with 10 replications):</p>`,
      html`<pre>npm run experiment -- experiments/trust-vs-habits.yaml --replications 10 --out out/tvh
npm run report -- out/tvh</pre>`,
      html`<p>An experiment on this scenario alone: save this as <code>experiments/mine.yaml</code>, then run it and report on it.</p>`,
      html`<pre>${`name: ${JSON.stringify(`${m.scenario.name}: trust-first or habits-first`)}
description: Both hypotheses on the same seeds.
scenarios: [${JSON.stringify(fromExperiments)}]
hypotheses: [trust-first, habits-first]
replications: 100
baseSeed: 1`}</pre>`,
      html`<pre>npm run experiment -- experiments/mine.yaml --out out/mine
npm run report -- out/mine</pre>`,
      html`<p>The same seed under ${other}, to set one run beside this one: <code>${`npm run simulate -- ${m.scenario.file} --seed ${m.seed} --hypothesis ${other} --pairs`}</code>.</p>`,
    ]),
  });

  // --- Reproduce -----------------------------------------------------------------------------
  const found = scenario.status === 'found' ? `found unchanged at ${scenario.path}` : scenario.status === 'changed' ? `changed since the run (found at ${scenario.path}, with another SHA-256)` : 'not found';
  sections.push({
    id: 'reproduce',
    title: 'Reproduce this run',
    body: joinHtml([
      html`<p>The same scenario file, seed, hypothesis, steps and model version give byte-identical <code>series.csv</code>, <code>events.jsonl</code>, <code>final.json</code> and <code>pairs.csv</code> on any machine.</p>`,
      html`<h3>The command that made it</h3><pre>${npmCommand(m) || `npm run simulate -- ${m.scenario.file} --seed ${m.seed} --hypothesis ${m.hypothesis} --steps ${m.steps}`}</pre>`,
      m.experiment && Object.keys(m.experiment.parameters ?? {}).length > 0
        ? html`<p>This run was written from an experiment with its parameter set's conditions (${conditionWords(m.experiment.parameters)}) applied to the scenario, so the scenario file alone does not give it: the command above does. This report: <code>${ctx.reportCommand}</code>.</p>`
        : html`<p>Into a new folder: <code>${`npm run simulate -- ${shellWord(m.scenario.file)} --seed ${shellWord(String(m.seed))} --hypothesis ${m.hypothesis} --steps ${m.steps}${hasPairs ? ' --pairs' : ''}${hasEvents ? '' : ' --no-events'} --out out/replay`}</code>. This report: <code>${ctx.reportCommand}</code>.</p>`,
      html`<h3>Manifest (run.json)</h3>`,
      kv([
        ['scenario', m.scenario.name],
        ['scenario file', html`<code>${m.scenario.file}</code> (${found})`],
        ['scenario SHA-256', html`<code class="wrap">${m.scenario.sha256}</code>`],
        ...(m.experiment ? [['experiment', html`<code>${m.experiment.file}</code>, run ${String(m.experiment.run)}, parameter set ${String(m.experiment.set)} (${conditionWords(m.experiment.parameters)}), replication ${String(m.experiment.replication + 1)}`] as [string, Html]] : []),
        ['seed', String(m.seed)],
        ['hypothesis', m.hypothesis],
        ['steps', `${m.steps} (${first.date} to ${last.date})`],
        ['model version', `${m.modelVersion}${m.modelVersion !== MODEL_VERSION ? ` (this Entente is ${MODEL_VERSION}: results may differ)` : ''}`],
        ['git commit', html`<code class="wrap">${m.gitCommit ?? 'not recorded'}</code>`],
        ['Node', m.node ?? 'not recorded'],
        ['random numbers', m.rng ?? 'not recorded'],
        ['wall time', m.wallTimeMs !== undefined ? `${(m.wallTimeMs / 1000).toFixed(2)} s` : 'not recorded'],
      ]),
      html`<h3>Result files</h3>`,
      filesTable(fileHashes(input.dir, ['run.json', 'series.csv', 'events.jsonl', 'final.json', 'pairs.csv'])),
      html`<h3>Parameters</h3>`,
      m.experiment && Object.keys(m.experiment.parameters ?? {}).length > 0 ? html`<p>Conditions of the experiment's parameter set, applied over the scenario's own values: ${conditionWords(m.experiment.parameters)}.</p>` : '',
      sc !== null ? parametersTable(sc) : html`<p class="missing">The parameters cannot be listed: the scenario file is ${found}. The file's SHA-256 above identifies the exact file.</p>`,
    ]),
  });

  return { title: `${m.scenario.name}: ${runLabel}`, cover, sections };
}

/** One explanation: heading, sentences, the table of the largest contributions, the waterfall. */
function explanationBlock(e: PairExplanation, why: string, fig: (spec: Parameters<ChartSet['add']>[0]) => Html): Html {
  const top = e.groups.slice(0, 8);
  const rest = e.groups.slice(8);
  const rows: (string | Html)[][] = top.map((g) => [
    g.kind === 'forgetting' ? 'forgetting between events' : g.label,
    g.kind === 'forgetting' ? '–' : thousands(g.count),
    sx(g.probability, 4),
    g.share === null ? '–' : pct(g.share),
  ]);
  if (rest.length > 0) {
    const p = rest.reduce((s, g) => s + g.probability, 0);
    const l = rest.reduce((s, g) => s + g.logOdds, 0);
    rows.push([`${rest.length} smaller contributions`, thousands(rest.reduce((s, g) => s + g.count, 0)), sx(p, 4), e.change.logOdds !== 0 ? pct(l / e.change.logOdds) : '–']);
  }
  rows.push([html`<strong>total change</strong>`, thousands(e.events.length), html`<strong>${sx(e.change.trust, 4)}</strong>`, e.change.logOdds !== 0 ? '100%' : '–']);
  return html`<div class="explanation">
<h3>${e.observer.name}'s trust in ${e.subject.name} (${e.observer.id} → ${e.subject.id}): ${fx(e.from.trust)} → ${fx(e.to.trust)}</h3>
<p class="aside">Why this pair: ${why}.</p>
${paragraphs(e.sentences.join(' '))}
${table(['contribution (largest first)', 'events', 'change in trust', 'share'], rows, { numeric: [1, 2, 3] })}
${fig(waterfallChart(e))}
</div>`;
}
