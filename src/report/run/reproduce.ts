/** The run report's last sections: how to compare the hypotheses, and what it takes to reproduce the run. */
import { join, relative } from 'node:path';
import { ENTENTE_ROOT } from '../../run/folder/index.js';
import { conditionValue } from '../../charts/common.js';
import { MODEL_VERSION } from '../../version.js';
import { fileHashes } from '../read.js';
import { filesTable, kv, parametersTable, shellWord } from '../common.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { RunContext } from './context.js';
import type { RunInput } from './input.js';

const npmCommand = (m: RunInput['manifest']): string => {
  const c = m.command ?? '';
  const m2 = /^(simulate|experiment|start) ?(.*)$/.exec(c);
  if (m2 === null) return c;
  return m2[1] === 'start' ? `npm start${m2[2] ? ` -- ${m2[2]}` : ''}` : `npm run ${m2[1]}${m2[2] ? ` -- ${m2[2]}` : ''}`;
};

/** "tension = 0.05, seniority = 0.8", or "as written". */
export const conditionWords = (p: Record<string, number> | undefined): string => {
  const e = Object.entries(p ?? {});
  return e.length === 0 ? 'as written' : e.map(([k, v]) => `${k} = ${conditionValue(v)}`).join(', ');
};


export function reproduceSections(c: RunContext): Section[] {
  const { input, m, scenario, first, last, hasPairs, hasEvents, ctx } = c;
  const sc = scenario.value;
  const sections: Section[] = [];
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
        ...(m.experiment ? [['experiment', html`<code>${m.experiment.file}</code>, run ${String(m.experiment.run)}, parameter set ${String(m.experiment.set)} (${conditionWords(m.experiment.parameters)}), replication ${String(m.experiment.replication)} (as runs.csv numbers them, from 0)`] as [string, Html]] : []),
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
  return sections;
}
