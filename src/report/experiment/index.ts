/**
 * The report of an experiment folder (`npm run experiment`), from its aggregated results only
 * (plan.json, manifest.json, summary.csv, comparison.json, and the rows of steps.csv it draws;
 * never runs.csv): the experiment's and its scenarios' descriptions and teaching notes, the key
 * figures, trust over time with bands per hypothesis, the hypotheses' trajectories on the same
 * dice, paired differences with intervals per scenario and condition, a sweep map when two
 * conditions vary together, outcomes when recorded, the full comparison table, how to replay
 * one run for explanations, and what it takes to reproduce the experiment.
 */
import { join, relative } from 'node:path';
import {
  COMPARISON_METRIC_WORDS, differencesChart, hypothesisColor, hypothesisTrajectoriesChart, mix, OUTCOME_NAMES, outcomesChart,
  sweepChart, trendFromSteps, trustOverTimeChart,
  type Comparison, type ComparisonRow, type OutcomeProfile, type StepRow,
} from '../../charts/index.js';
import { paramsLabel } from '../../charts/common.js';
import { runIndex, runSeed } from '../../experiment/plan.js';
import { MODEL_VERSION } from '../../version.js';
import { ChartSet, figure } from '../charts.js';
import { cards, decimalsFor, filesTable, fx, kv, scenarioText, shellWord, sx, thousands } from '../common.js';
import { html, join as joinHtml, paragraphs, raw, table, type Html, type HtmlValue } from '../html.js';
import type { Section } from '../page.js';
import { fileHashes, readSteps } from '../read.js';
import type { ExperimentInput } from './input.js';
import { sweepAxes } from './sweep.js';

export { readExperimentInput, type ExperimentInput } from './input.js';
export { sweepAxes } from './sweep.js';

const metricWords = (m: string) => COMPARISON_METRIC_WORDS[m] ?? m;

/** The metrics of the key figures table, in order: partner-pair metrics that no starting value decides. */
const KEY_METRICS = ['partnerBelief', 'brier', 'trusterPayoff'] as const;
const KEY_METRIC_NOTES: Record<(typeof KEY_METRICS)[number], string> = {
  partnerBelief: 'Final trust in partners: mean belief (a probability) over directed partner pairs at the last step; higher is better.',
  brier: 'Error of trust in partners: the Brier score, the mean squared gap between that belief and the partner\'s hidden trustworthiness; lower is better.',
  trusterPayoff: 'Payoff to states that relied: honoured reliances times R plus the S of each exploitation, summed over partner pairs and the run; higher is better.',
};

/** Rows of one comparison for one scenario and metric, by set. */
function rowsOf(c: Comparison, scenario: string, metric: string): ComparisonRow[] {
  return c.rows.filter((r) => r.scenario === scenario && r.metric === metric);
}

/** The parameter set where the two hypotheses differ most on `metric` (the as-written set on ties). */
function setOfLargestDifference(c: Comparison | undefined, scenario: string, metric: string, fallback: number): number {
  if (c === undefined) return fallback;
  let best: ComparisonRow | null = null;
  for (const r of rowsOf(c, scenario, metric)) if (Number.isFinite(r.meanDiff) && (best === null || Math.abs(r.meanDiff) > Math.abs(best.meanDiff))) best = r;
  return best?.set ?? fallback;
}

/**
 * Two conditions that vary together (a grid over them, the other conditions fixed), for a
 * sweep map; or the reason there is none.
 */
function compareCell(r: ComparisonRow | undefined, d: number): HtmlValue {
  if (r === undefined) return '–';
  if (!Number.isFinite(r.meanDiff)) return html`<span class="d">–</span><span class="ci">no paired values</span>`;
  const mark = r.leader === 'a' ? ' A' : r.leader === 'b' ? ' B' : '';
  return html`<span class="d">${sx(r.meanDiff, d)}${mark}</span><span class="ci">[${sx(r.ciLow, d)}, ${sx(r.ciHigh, d)}]</span>`;
}

function leadClass(r: ComparisonRow | undefined): string {
  return r?.leader === 'a' ? 'lead-a' : r?.leader === 'b' ? 'lead-b' : '';
}

/** Builds the sections of an experiment report, drawing its charts into `charts`. */
export function experimentReport(input: ExperimentInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }): { title: string; cover: Html; sections: Section[] } {
  const { plan, manifest: man, summary, comparisons, scenarios: found } = input;
  const fig = (spec: Parameters<ChartSet['add']>[0]) => figure(charts.add(spec), ctx.chartsHref);
  const S = plan.scenarios.length, P = plan.sets.length, R = plan.replications, H = plan.hypotheses.length;
  const c0 = comparisons[0] as Comparison | undefined;
  const level = Math.round((c0?.level ?? plan.analysis?.level ?? 0.95) * 100);
  const setLabel = (k: number) => paramsLabel(plan.sets[k] ?? {});
  // The set shown when one is: the scenario as written when the plan has it, else the first.
  const baseSet = Math.max(0, plan.sets.findIndex((s) => Object.keys(s).length === 0));
  const baseWords = Object.keys(plan.sets[baseSet] ?? {}).length === 0 ? 'as written' : `parameter set ${baseSet} (${setLabel(baseSet)})`;
  // The headline: partner belief at the end (MODEL 10.1), a partner-pair metric that the starting value does not decide.
  const headline = plan.metrics.includes('partnerBelief') ? 'partnerBelief' : plan.metrics[0];
  const A = c0?.a ?? plan.hypotheses[0], B = c0?.b ?? plan.hypotheses[1] ?? '';

  // The rows of steps.csv drawn: mean trust, for the base set and each scenario's set of largest difference.
  const trajectorySet = new Map(plan.scenarios.map((s) => [s.name, setOfLargestDifference(c0, s.name, headline, baseSet)]));
  const wanted = new Map(plan.scenarios.map((s) => [s.name, new Set([baseSet, trajectorySet.get(s.name)!])]));
  const steps: StepRow[] = readSteps(join(input.dir, 'steps.csv'), (scenario, set, metric) => metric === 'meanTrust' && (wanted.get(scenario)?.has(set) ?? false));

  // --- Cover ---------------------------------------------------------------------------------
  const cover = joinHtml([
    html`<p class="kind">Entente experiment report</p>`,
    html`<h1>${plan.name}</h1>`,
    html`<p class="subtitle">${thousands(plan.runs)} runs: ${S} scenario${S === 1 ? '' : 's'} × ${P} parameter set${P === 1 ? '' : 's'} × ${R} replication${R === 1 ? '' : 's'} × ${H} hypotheses (${plan.hypotheses.join(', ')}), compared on the same seeds.</p>`,
    plan.description ? paragraphs(plan.description) : '',
    html`<p class="aside">Each scenario's own description and teaching note are in “Scenarios”.</p>`,
  ]);
  const sections: Section[] = [];

  // --- Key figures ---------------------------------------------------------------------------
  const sumRow = (scenario: string, set: number, hyp: string, metric: string) => summary.find((r) => r.scenario === scenario && r.set === set && r.hypothesis === hyp && r.metric === metric);
  const leads = (c: Comparison, metric: string) => {
    const rows = c.rows.filter((r) => r.metric === metric);
    return { a: rows.filter((r) => r.leader === 'a').length, b: rows.filter((r) => r.leader === 'b').length, n: rows.length };
  };
  const headLeads = c0 ? leads(c0, headline) : null;
  const shown = plan.hypotheses.slice(0, 2);
  // The key table: partner-pair metrics only (belief, its error, the trusters' payoff), never one a starting value decides.
  const keyMetrics = KEY_METRICS.filter((m) => plan.metrics.includes(m));
  const keyDigits = new Map(keyMetrics.map((m) => [m, decimalsFor(Math.max(0, ...summary
    .filter((r) => r.set === baseSet && r.metric === m).flatMap((r) => [Math.abs(r.mean), Math.abs(r.ciLow), Math.abs(r.ciHigh)]).filter(Number.isFinite)))]));
  const keyRows = plan.scenarios.map((s) => {
    const cells: HtmlValue[] = [s.name];
    for (const m of keyMetrics) {
      const d = keyDigits.get(m)!;
      for (const h of shown) {
        const r = sumRow(s.name, baseSet, h, m);
        cells.push(r && Number.isFinite(r.mean) ? html`${fx(r.mean, d)}<span class="ci-line">[${fx(r.ciLow, d)}, ${fx(r.ciHigh, d)}]</span>` : '–');
      }
    }
    const c = c0 ? rowsOf(c0, s.name, headline).find((r) => r.set === baseSet) : undefined;
    cells.push(c ? (c.leader === 'none' ? 'neither clearly' : c.leader === 'a' ? A : B) : '–');
    return cells;
  });
  const wall = typeof man.wallSeconds === 'number' ? `${man.wallSeconds.toFixed(1)} s` : 'not recorded';
  sections.push({
    id: 'key-figures',
    title: 'Key figures',
    body: joinHtml([
      cards([
        { value: thousands(plan.runs), label: 'runs' },
        { value: String(S), label: `scenario${S === 1 ? '' : 's'}` },
        { value: String(P), label: `parameter set${P === 1 ? '' : 's'} (conditions)` },
        { value: String(R), label: 'replications per scenario, set and hypothesis' },
        { value: plan.hypotheses.join(' / '), label: 'hypotheses, on the same seeds' },
        ...(headLeads ? [
          { value: `${headLeads.a} / ${headLeads.b} / ${headLeads.n - headLeads.a - headLeads.b}`, label: `scenario and set combinations where ${A} / ${B} / neither leads on ${metricWords(headline)} (${level}% interval)` },
        ] : []),
        { value: wall, label: `wall time, ${man.workers ?? '?'} worker${man.workers === 1 ? '' : 's'}` },
      ]),
      keyMetrics.length > 0 ? joinHtml([
        html`<h3>${S === 1 ? 'The scenario' : 'Each scenario'}, ${baseWords}</h3>`,
        table(['scenario', ...keyMetrics.flatMap((m) => shown.map((h) => `${metricWords(m)}, ${h}`)), `leads on ${metricWords(headline)}`], keyRows,
          { numeric: keyMetrics.flatMap((_, j) => shown.map((_, k) => 1 + j * shown.length + k)) }),
        html`<p class="aside">Each number is the mean over ${R} replications with its ${level}% bootstrap interval, on partner pairs (the pairs of states that deal with each other; docs/MODEL.md section 10.1). ${keyMetrics.map((m) => KEY_METRIC_NOTES[m]).join(' ')} “Leads”: the hypothesis that does better with a ${level}% interval of the paired difference that excludes zero.</p>`,
      ]) : '',
    ]),
  });

  // --- Scenarios -----------------------------------------------------------------------------
  sections.push({
    id: 'scenarios',
    title: 'Scenarios',
    body: joinHtml(plan.scenarios.map((s, k) => joinHtml([
      html`<h3>${s.name}</h3>`,
      html`<p class="aside"><code>${s.file}</code>; ${s.ids.length} states; ${s.steps} steps of ${s.stepMonths === 1 ? 'one month' : `${s.stepMonths} months`} from ${s.start}.</p>`,
      scenarioText(found[k], 'h4'),
    ]))),
  });

  // --- Trust over time -----------------------------------------------------------------------
  const bandOf = (rows: StepRow[]) => rows[0]?.n ?? R;
  const tot: Html[] = [];
  for (const s of plan.scenarios) {
    const rows = steps.filter((r) => r.scenario === s.name && r.set === baseSet);
    if (rows.length === 0) { tot.push(html`<p class="missing">${s.name}: steps.csv has no mean trust rows.</p>`); continue; }
    tot.push(fig(trustOverTimeChart(trendFromSteps(rows, { metric: 'meanTrust', scenario: s.name, set: baseSet, band: 'p10-p90' }), {
      id: `trust-over-time-${plan.scenarios.indexOf(s) + 1}`,
      subtitle: `${s.name}; ${baseWords}; ${bandOf(rows)} runs per hypothesis`,
      bandLabel: `10th to 90th percentile of the ${bandOf(rows)} runs`,
    })));
  }
  sections.push({
    id: 'trust-over-time',
    title: 'Trust over time',
    body: joinHtml([
      html`<p>Regional mean trust per hypothesis for each scenario ${baseWords}: the line is the mean over replications, the band the 10th to 90th percentile of runs (how far one run can stray).</p>`,
      ...tot,
    ]),
  });

  // --- Hypothesis comparison -----------------------------------------------------------------
  const comp: Html[] = [];
  if (c0 === undefined) {
    comp.push(html`<p class="missing">The experiment has only one hypothesis (${plan.hypotheses.join(', ')}), so there is nothing to compare. List two in the experiment file's <code>hypotheses</code>.</p>`);
  } else {
    comp.push(html`<p>${A} (A) against ${B} (B), paired on the same seeds: each replication runs both hypotheses with the same random numbers, so their difference is the hypothesis's effect and not luck. Intervals are ${level}% bootstrap intervals of the mean paired difference A − B; a hypothesis “leads” when it does better and the interval excludes zero.</p>`);
    // Which hypothesis leads, by metric.
    for (const c of comparisons) {
      const metrics = [...new Set(c.rows.map((r) => r.metric))];
      const best = (rows: ComparisonRow[]) => [...rows].sort((x, y) => Math.abs(y.meanDiff) - Math.abs(x.meanDiff))[0];
      const where = (r: ComparisonRow | undefined) => r === undefined ? '–'
        : html`${S > 1 ? `${r.scenario}, ` : ''}${paramsLabel(r.params)}: ${sx(r.meanDiff, decimalsFor(Math.abs(r.meanDiff)))} <span class="aside">[${sx(r.ciLow, decimalsFor(Math.abs(r.meanDiff)))}, ${sx(r.ciHigh, decimalsFor(Math.abs(r.meanDiff)))}]</span>`;
      comp.push(html`<h3>Which hypothesis leads: ${c.a} against ${c.b}</h3>`);
      comp.push(table(['metric', 'better', `${c.a} leads`, `${c.b} leads`, 'neither', `largest lead for ${c.a} (A − B)`, `largest lead for ${c.b} (A − B)`], metrics.map((m) => {
        const rows = c.rows.filter((r) => r.metric === m);
        const la = rows.filter((r) => r.leader === 'a'), lb = rows.filter((r) => r.leader === 'b');
        return [metricWords(m), rows[0]?.better ?? 'higher', String(la.length), String(lb.length), String(rows.length - la.length - lb.length), where(best(la)), where(best(lb))];
      }), { numeric: [2, 3, 4] }));
      comp.push(html`<p class="aside">Counts are of ${S > 1 ? 'scenario and parameter set combinations' : 'parameter sets'} (${c.rows.filter((r) => r.metric === metrics[0]).length} per metric).</p>`);
    }
    // Trajectories on the same dice.
    comp.push(html`<h3>Trajectories on the same dice</h3>`);
    comp.push(html`<p>For each scenario, the parameter set where the two hypotheses end furthest apart on ${metricWords(headline)}: the mean trajectories of regional mean trust (every pair of states) with the ${level}% confidence interval of the mean.</p>`);
    for (const s of plan.scenarios) {
      const set = trajectorySet.get(s.name)!;
      const rows = steps.filter((r) => r.scenario === s.name && r.set === set);
      if (rows.length === 0) continue;
      comp.push(fig(hypothesisTrajectoriesChart(rows, {
        id: `trajectories-${plan.scenarios.indexOf(s) + 1}`, metric: 'meanTrust', scenario: s.name, set,
        subtitle: `${s.name}; ${setLabel(set)}; ${rows[0].n} runs per hypothesis`,
      })));
    }
    // Paired differences.
    comp.push(html`<h3>Paired differences with their intervals</h3>`);
    const overview = c0.rows.filter((r) => r.metric === headline && r.set === baseSet);
    if (S > 1 && overview.length > 0) {
      comp.push(fig(differencesChart({ ...c0, rows: overview }, {
        id: 'differences-scenarios', metric: headline,
        title: `${A} against ${B}: ${metricWords(headline)}, each scenario ${baseWords}`,
        subtitle: `${R} paired runs per scenario`,
      })));
    }
    if (P > 1) {
      plan.scenarios.forEach((s, k) => {
        const rows = rowsOf(c0, s.name, headline);
        if (rows.length === 0) return;
        comp.push(fig(differencesChart({ ...c0, rows }, {
          id: `differences-${k + 1}`, metric: headline,
          subtitle: `${s.name}; ${R} paired runs per condition`,
        })));
      });
    } else if (S === 1) {
      comp.push(html`<p>One scenario and one parameter set: the difference is in the table below.</p>`);
    }
    // Sweep map.
    comp.push(html`<h3>Sweep map</h3>`);
    const axes = sweepAxes(plan);
    if ('reason' in axes) {
      comp.push(html`<p class="missing">No sweep map: ${axes.reason}.</p>`);
    } else {
      const keep = new Set(axes.sets);
      plan.scenarios.forEach((s, k) => {
        const rows = c0.rows.filter((r) => r.scenario === s.name && r.metric === headline && keep.has(r.set));
        if (rows.length === 0) return;
        comp.push(fig(sweepChart({ ...c0, rows }, { id: `sweep-${k + 1}`, metric: headline, scenario: s.name, x: axes.x, y: axes.y })));
      });
    }
    // Outcomes.
    comp.push(html`<h3>Outcomes</h3>`);
    const outcomeMetric = (name: string) => OUTCOME_NAMES.find((o) => name === o || name === `outcome.${o}`);
    if (!summary.some((r) => outcomeMetric(r.metric) !== undefined)) {
      comp.push(html`<p class="missing">This experiment did not record the nine outcomes (its metrics are ${plan.metrics.map(metricWords).join(', ')}), so there is no outcome profile. A run records them: <code>npm run simulate -- &lt;scenario&gt; --hypothesis ${A}</code> and <code>npm run report</code> on its folder show the profile.</p>`);
    } else {
      plan.scenarios.forEach((s, k) => {
        const profiles: OutcomeProfile[] = plan.hypotheses.map((h) => {
          const outcomes: Record<string, number> = {};
          for (const r of summary) {
            const o = outcomeMetric(r.metric);
            if (o !== undefined && r.scenario === s.name && r.set === baseSet && r.hypothesis === h) outcomes[o] = r.mean;
          }
          return { series: h, outcomes };
        }).filter((p) => Object.keys(p.outcomes).length > 0);
        if (profiles.length > 0) comp.push(fig(outcomesChart(profiles, { id: `outcomes-${k + 1}`, subtitle: `${s.name}; ${baseWords}; mean over ${R} runs` })));
      });
    }
  }
  sections.push({ id: 'comparison', title: 'Comparing the hypotheses', body: joinHtml(comp) });

  // --- The comparison table ------------------------------------------------------------------
  if (c0 !== undefined) {
    const metrics = plan.metrics.filter((m) => c0.rows.some((r) => r.metric === m));
    // At most seven metrics a table (what fits across a printed page), in tables of even size.
    const count = Math.ceil(metrics.length / 7);
    const size = Math.ceil(metrics.length / Math.max(1, count));
    const chunks: string[][] = [];
    for (let k = 0; k < metrics.length; k += size) chunks.push(metrics.slice(k, k + size));
    const byKey = new Map(c0.rows.map((r) => [`${r.scenario}\u0000${r.set}\u0000${r.metric}`, r]));
    const colorA = mix(hypothesisColor(A), '#FFFFFF', 0.8), colorB = mix(hypothesisColor(B), '#FFFFFF', 0.8);
    const tables: Html[] = [
      html`<p>Every scenario, parameter set and metric: the mean paired difference A − B (A = ${A}, B = ${B}) over ${R} seeds, and below it its ${level}% bootstrap interval. <span class="swatch" style="background:${colorA}"></span>A or <span class="swatch" style="background:${colorB}"></span>B after the number, in bold on a shaded cell: that hypothesis leads (it does better and the interval excludes zero). Under each metric: whether higher or lower is better. The same numbers, with each hypothesis's mean, win shares and effect sizes, are in <code>comparison.txt</code> and <code>comparison.json</code>.</p>`,
    ];
    plan.scenarios.forEach((s) => {
      tables.push(html`<h3>${s.name}</h3>`);
      for (const chunk of chunks) {
        const digits = new Map(chunk.map((m) => {
          const rows = rowsOf(c0, s.name, m);
          return [m, decimalsFor(Math.max(...rows.flatMap((r) => [Math.abs(r.meanDiff), Math.abs(r.ciLow), Math.abs(r.ciHigh)]).filter(Number.isFinite), 0))];
        }));
        const head = [html`condition`, ...chunk.map((m) => html`${metricWords(m)}<span class="better">${(rowsOf(c0, s.name, m)[0]?.better ?? 'higher')} better</span>`)];
        const body = plan.sets.map((_, set) => html`<tr><td>${setLabel(set)}</td>${chunk.map((m) => {
          const r = byKey.get(`${s.name}\u0000${set}\u0000${m}`);
          const cls = leadClass(r);
          return html`<td class="num${cls ? ` ${cls}` : ''}">${compareCell(r, digits.get(m)!)}</td>`;
        })}</tr>`);
        tables.push(html`<table class="compare"><thead><tr>${head.map((h, k) => html`<th${raw(k > 0 ? ' class="num"' : '')}>${h}</th>`)}</tr></thead><tbody>${body}</tbody></table>`);
      }
    });
    sections.push({ id: 'comparison-table', title: 'The comparison table', body: joinHtml(tables) });
  }

  // --- Explanations --------------------------------------------------------------------------
  // Each run can be written again as a run folder (npm run experiment -- --replay N), its
  // parameter set applied; the run numbers are those of runs.csv.
  const expPath = (() => {
    const p = input.experimentFile.path;
    if (p === null) return plan.experimentFile;
    const rel = relative(process.cwd(), p);
    return rel === '' || rel.startsWith('..') ? p : rel;
  })();
  const layout = { sets: plan.sets, replications: R, hypotheses: plan.hypotheses };
  const replayRows = plan.scenarios.map((s, k) => {
    const set = trajectorySet.get(s.name) ?? baseSet;
    const runA = runIndex(layout, { scenario: k, set, replication: 0, hypothesis: 0 });
    const runB = H > 1 ? runIndex(layout, { scenario: k, set, replication: 0, hypothesis: 1 }) : null;
    return [
      s.name, setLabel(set), String(runSeed(plan.baseSeed, s.name, set, 0)),
      html`<code>${`npm run experiment -- ${shellWord(expPath)} --replications ${R} --replay ${runA} --out out/run-${runA}`}</code>${runB !== null ? html`<span class="ci-line">${B}: --replay ${runB}</span>` : ''}`,
    ];
  });
  sections.push({
    id: 'explanations',
    title: 'Why trust moved',
    body: joinHtml([
      html`<p>Explanations of why one state's trust in another moved need a run's event log, which an experiment does not keep (it keeps a summary of each run). Any run of the experiment can be written again, exactly, as a run folder with its event log and every pair's trust: its seed depends on the scenario, the parameter set and the replication, not on the hypothesis, so the two hypotheses' runs share their dice.</p>`,
      html`<p>For each scenario, replication 1 at the parameter set shown in “Trajectories on the same dice”, under ${A}${H > 1 ? ` (and the same dice under ${B})` : ''}; then <code>npm run report -- out/run-N</code> gives that run's report with the explanations of its biggest moves, or <code>npm run explain -- out/run-N --pair A,B</code> one pair's.</p>`,
      table(['scenario', 'parameter set', 'seed', 'command'], replayRows, { numeric: [2] }),
    ]),
  });

  // --- Reproduce -----------------------------------------------------------------------------
  const expStatus = input.experimentFile.status === 'found' ? `found unchanged at ${input.experimentFile.path}` : input.experimentFile.status === 'changed' ? `changed since the experiment (found at ${input.experimentFile.path}, with another SHA-256)` : 'not found';
  const command = typeof man.command === 'string' ? `npm run experiment -- ${man.command}` : `npm run experiment -- ${plan.experimentFile} --replications ${R}`;
  sections.push({
    id: 'reproduce',
    title: 'Reproduce this experiment',
    body: joinHtml([
      html`<p>The same experiment file, scenario files and model version give the same results, byte for byte, whatever the number of workers, interruptions or shards.</p>`,
      html`<h3>The command that made it</h3><pre>${command}</pre>`,
      html`<p>This report: <code>${ctx.reportCommand}</code>.</p>`,
      html`<h3>Manifest</h3>`,
      kv([
        ['experiment', plan.name],
        ['experiment file', html`<code>${plan.experimentFile}</code> (${expStatus})`],
        ['experiment SHA-256', html`<code class="wrap">${plan.experimentSha256}</code>`],
        ['hypotheses', plan.hypotheses.join(', ')],
        ['replications', String(R)],
        ['runs', thousands(plan.runs)],
        ['base seed', String(plan.baseSeed)],
        ['seeds', man.seeds ?? 'not recorded'],
        ['random numbers', man.rngAlgorithm ?? 'not recorded'],
        ['metrics', plan.metrics.join(', ')],
        ['thresholds', `confidence ${plan.thresholds?.confidence ?? '?'}, recovery ${plan.thresholds?.recovery ?? '?'} (accepted for compatibility; no metric of model 0.3 reads them)`],
        ['analysis', `${plan.analysis?.resamples ?? '?'} bootstrap resamples, ${level}% intervals`],
        ['model version', `${man.modelVersion ?? 'not recorded'}${man.modelVersion !== undefined && man.modelVersion !== MODEL_VERSION ? ` (this Entente is ${MODEL_VERSION}: results may differ)` : ''}`],
        ['git commit', html`<code class="wrap">${man.gitCommit ?? 'not recorded'}</code>`],
        ['Node', man.node ?? 'not recorded'],
        ['workers', String(man.workers ?? 'not recorded')],
        ['wall time', wall],
        ['plan key', html`<code class="wrap">${plan.key}</code>`],
      ]),
      html`<h3>Scenario files</h3>`,
      table(['scenario', 'file (relative to the experiment file)', 'steps', 'SHA-256', 'now'], plan.scenarios.map((s, k) => [
        s.name, html`<code>${s.file}</code>`, String(s.steps), html`<code class="wrap">${s.sha256}</code>`,
        found[k].status === 'found' ? 'found unchanged' : found[k].status === 'changed' ? 'changed' : 'not found',
      ]), { numeric: [2] }),
      html`<h3>Parameter sets</h3>`,
      table(['set', 'conditions'], plan.sets.map((_, k) => [String(k), setLabel(k)]), { numeric: [0], cls: 'narrow' }),
      html`<h3>Result files</h3>`,
      filesTable(fileHashes(input.dir, ['plan.json', 'manifest.json', 'summary.csv', 'steps.csv', 'comparison.json', 'comparison.txt', 'runs.csv'])),
    ]),
  });

  return { title: `${plan.name}: experiment report`, cover, sections };
}
