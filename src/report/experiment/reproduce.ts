/** The experiment report's last sections: how to replay one run for explanations, and what it takes to reproduce the experiment. */
import { relative } from 'node:path';
import { runIndex, seedOf } from '../../experiment/plan.js';
import { MODEL_VERSION } from '../../version.js';
import { filesTable, kv, shellWord, thousands } from '../common.js';
import { html, join as joinHtml, table } from '../html.js';
import type { Section } from '../page.js';
import { fileHashes } from '../read.js';
import { MANY_SETS, type ExperimentContext } from './context.js';

export function explanationsSection({ input, plan, R, H, B, A, baseSet, trajectorySet, setLabel }: ExperimentContext): Section {
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
      s.name, setLabel(set), String(seedOf(plan, s.name, set, 0)),
      html`<code>${`npm run experiment -- ${shellWord(expPath)} --replications ${R} --replay ${runA} --out out/run-${runA}`}</code>${runB !== null ? html`<span class="ci-line">${B}: --replay ${runB}</span>` : ''}`,
    ];
  });
  return {
    id: 'explanations',
    title: 'Why trust moved',
    body: joinHtml([
      html`<p>Explanations of why one state's trust in another moved need a run's event log, which an experiment does not keep (it keeps a summary of each run). Any run of the experiment can be written again, exactly, as a run folder with its event log and every pair's trust: its seed depends on the scenario and the replication${(plan.seeds ?? 'per-set') === 'per-set' ? ' and the parameter set' : ' (and, as this experiment was run with common seeds, not on the parameter set either)'}, not on the hypothesis, so the two hypotheses' runs share their dice.</p>`,
      html`<p>For each scenario, the first replication (replication 0 in <code>runs.csv</code>) at the parameter set shown in “Trajectories on the same dice”, under ${A}${H > 1 ? ` (and the same dice under ${B})` : ''}; then <code>npm run report -- out/run-N</code> gives that run's report with the explanations of its biggest moves, or <code>npm run explain -- out/run-N --pair A,B</code> one pair's.</p>`,
      table(['scenario', 'parameter set', 'seed', 'command'], replayRows, { numeric: [2] }),
    ]),
  };
}

export function reproduceSection({ input, plan, man, found, ctx, R, level, wall, setLabel }: ExperimentContext): Section {
  const expStatus = input.experimentFile.status === 'found' ? `found unchanged at ${input.experimentFile.path}` : input.experimentFile.status === 'changed' ? `changed since the experiment (found at ${input.experimentFile.path}, with another SHA-256)` : 'not found';
  // The manifest records the command line after `npm run experiment --`, or a whole command
  // (`npm start -- ...`, which ran this experiment among other things).
  const command = typeof man.command === 'string'
    ? (man.command.startsWith('npm ') ? man.command : `npm run experiment -- ${man.command}`)
    : `npm run experiment -- ${plan.experimentFile} --replications ${R}`;
  return {
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
        ['analysis', `${plan.analysis?.resamples ?? '?'} bootstrap resamples, ${level}% intervals; paired t-tests adjusted by Benjamini–Hochberg within each metric`],
        ['margins', plan.analysis?.margins ? Object.entries(plan.analysis.margins).map(([m, v]) => `${m} ${v}`).join(', ') : 'not recorded (analysed before the margins)'],
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
      plan.sets.length <= 2 * MANY_SETS
        ? table(['set', 'conditions'], plan.sets.map((_, k) => [String(k), setLabel(k)]), { numeric: [0], cls: 'narrow' })
        : html`<p>${plan.sets.length} parameter sets: each set's conditions are in <code>plan.json</code> (<code>sets</code>) and on every row of <code>summary.csv</code> and <code>comparison.txt</code>.</p>`,
      html`<h3>Result files</h3>`,
      filesTable(fileHashes(input.dir, ['plan.json', 'manifest.json', 'summary.csv', 'steps.csv', 'comparison.json', 'comparison.txt', 'runs.csv'])),
    ]),
  };
}
