/**
 * The report of a sensitivity folder (`npm run sensitivity`) on its own: what was varied and
 * how, which conditions matter for each metric (Sobol bars or a Morris chart, with sentences
 * from the numbers), where each hypothesis wins over the two conditions that matter most (from
 * points.csv), and the files it was made from. An experiment report includes the middle
 * sections with `--sensitivity` (sensitivitySection, whereEachWinsSection).
 */
import type { ChartSet } from '../charts.js';
import { figure } from '../charts.js';
import { filesTable, kv, thousands } from '../common.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { Section } from '../page.js';
import { whereEachWinsSection } from '../experiment/where-each-wins.js';
import type { SensitivityInput } from './input.js';
import { MODEL_CAVEAT, sensitivitySection } from './section.js';

export { readSensitivityInput, isSensitivityFolder, SENSITIVITY_FILE, type SensitivityInput } from './input.js';
export { sensitivitySection, methodWords, MODEL_CAVEAT, SENSITIVITY_SECTION_ID } from './section.js';

/** Builds the sections of a sensitivity folder's report, drawing its charts into `charts`. */
export function sensitivityReport(input: SensitivityInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }, where?: readonly [string, string]): { title: string; cover: Html; sections: Section[] } {
  const s = input.sensitivity;
  const fig = (spec: Parameters<ChartSet['add']>[0]) => figure(charts.add(spec), ctx.chartsHref);
  const method = s.method === 'sobol' ? 'Sobol indices' : 'Morris screening';
  const cover = joinHtml([
    html`<p class="kind">Entente sensitivity report</p>`,
    html`<h1>${s.experiment.name}</h1>`,
    html`<p class="subtitle">${method} of ${s.factors.length} conditions (${s.factors.map((f) => f.name).join(', ')}): ${thousands(s.points)} points × ${s.replications} replication${s.replications === 1 ? '' : 's'} × ${s.hypotheses.length} hypotheses (${s.hypotheses.join(', ')}) × ${s.scenarios.length} scenario${s.scenarios.length === 1 ? '' : 's'}, compared on the same seeds.</p>`,
    html`<p>${MODEL_CAVEAT}</p>`,
  ]);
  const sections: Section[] = [sensitivitySection(input, fig), whereEachWinsSection({ kind: 'points', input }, fig, where)];
  sections.push({
    id: 'reproduce',
    title: 'Reproduce',
    body: joinHtml([
      html`<p>Made by <code>npm run sensitivity</code> from the experiment file below; the same file, seed and model version give the same points and indices.</p>`,
      kv([
        ['experiment file', html`<code>${s.experiment.file}</code>`],
        ['its SHA-256', html`<code class="wrap">${s.experiment.sha256}</code>`],
        ['method', `${method}${s.method === 'morris' ? `, ${s.levels ?? '?'} levels` : s.secondOrder ? ', with second-order indices' : ''}`],
        [s.method === 'sobol' ? 'base samples' : 'trajectories', String(s.samples)],
        ['seed', String(s.seed)],
        ['bootstrap', `${s.resamples} resamples, ${Math.round(s.level * 100)}% intervals`],
        ['this report', html`<code>${ctx.reportCommand}</code>`],
      ]),
      html`<h3>Result files</h3>`,
      filesTable(input.files),
    ]),
  });
  return { title: `${s.experiment.name}: sensitivity report`, cover, sections };
}
