/**
 * The handout of an experiment: what an instructor hands out, on one or two A4 pages. The two
 * views of the essay in plain words with its passage, the question the experiment asked, the
 * answer in a few sentences with its caveat, one chart per key finding, and three questions for
 * discussion. Self-contained like the report (styles, fonts and charts inline, no script).
 */
import { totalIndexChart, verdictsChart } from '../charts/index.js';
import { differenceTarget, mainScenario } from '../charts/index.js';
import { MODEL_VERSION } from '../version.js';
import type { ChartSet } from './charts.js';
import { answerOf, CONDITION_WORDS, discussionQuestions, viewsHtml } from './experiment/answer.js';
import { networkSummaries } from './experiment/agreement-network.js';
import { experimentContext, metricWords } from './experiment/context.js';
import type { ExperimentInput } from './experiment/input.js';
import { html, join, type Html } from './html.js';
import { documentHtml } from './page.js';
import type { SensitivityInput } from './sensitivity/input.js';

/** The measures of the handout's chart, in order (those the experiment has). */
export const HANDOUT_METRICS = ['partnerBelief', 'brier', 'reliance', 'trusterPayoff', 'exploitationLoss', 'missedOpportunities'] as const;

const CSS = `
* { box-sizing: border-box; }
body { margin: 0; color: #1a1a1a; background: #fff; font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 14px; line-height: 1.45; }
.page { max-width: 900px; margin: 0 auto; padding: 24px 24px 40px; }
.kind { text-transform: uppercase; letter-spacing: 0.08em; font-size: 11px; color: #555; font-weight: bold; margin: 0 0 4px; }
h1 { font-size: 24px; line-height: 1.2; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 16px 0 6px; border-bottom: 1.5px solid #1a1a1a; padding-bottom: 3px; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 14px; margin: 0 0 4px; }
p { margin: 0 0 8px; }
.sub { color: #555; margin: 0 0 10px; }
blockquote.essay { margin: 6px 0 10px; padding: 6px 12px; border-left: 4px solid #0072B2; background: #f4f4f1; font-style: italic; }
blockquote.essay .source { display: block; font-style: normal; font-size: 12px; color: #555; margin-top: 3px; }
.views { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin: 6px 0 8px; }
.view { border: 1px solid #d0d0d0; padding: 8px 10px; break-inside: avoid; page-break-inside: avoid; }
.answer p { margin-bottom: 6px; }
.caveat { border-left: 4px solid #E69F00; background: #fdf6e8; padding: 6px 10px; margin: 8px 0; }
figure.chart { margin: 8px 0 10px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { font-size: 11px; color: #555; margin-top: 2px; }
ol.questions li { margin-bottom: 6px; }
.foot { font-size: 11px; color: #555; margin-top: 12px; border-top: 1px solid #d0d0d0; padding-top: 6px; }
@media print {
  @page { size: A4; margin: 12mm 13mm 12mm 13mm; }
  body { font-size: 9.5pt; line-height: 1.35; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 16pt; }
  h2 { font-size: 11.5pt; margin-top: 9pt; }
  h3 { font-size: 10pt; }
  /* Charts sized so that two fit a page with the text. */
  figure.chart svg { width: min(100%, calc(80mm * var(--ratio))); margin: 0 auto; }
  /* The first page holds the views, the question and the answer; the evidence and the questions the second. */
  h2.evidence { break-before: page; page-break-before: always; margin-top: 0; }
  figure.chart figcaption { font-size: 7.5pt; }
  .foot { font-size: 7.5pt; }
  blockquote.essay, .caveat { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export interface Handout {
  html: string;
  title: string;
}

/** The handout of an experiment (with its sensitivity folder when given), drawing its charts into `charts`. */
export function handoutPage(input: ExperimentInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }, sensitivity?: SensitivityInput): Handout {
  const x = experimentContext(input, charts, ctx);
  const title = `${x.plan.name}: handout`;
  const answer = answerOf(x, sensitivity);
  const parts: Html[] = [];
  parts.push(html`<p class="kind">Entente seminar handout</p><h1>${x.plan.name}</h1><p class="sub">Two views of how defence diplomacy builds trust between states, put to the test in a simulation (${x.plan.runs.toLocaleString('en-GB')} runs).</p>`);
  parts.push(html`<h2>The two views</h2>`, viewsHtml(x.A, x.B));
  if (answer === null) {
    parts.push(html`<h2>The question</h2><p>This experiment ran ${x.plan.hypotheses.join(' and ')} without comparing two of them, so it gives no answer to compare; its report shows what each did.</p>`);
  } else {
    parts.push(html`<h2>The question</h2><p>${answer.question}</p>`);
    parts.push(html`<h2>The answer</h2><div class="answer">${answer.sentences.map((s) => html`<p>${s}</p>`)}</div><p class="caveat">${answer.caveat}</p>`);
    const figs: Html[] = [];
    const metrics = HANDOUT_METRICS.filter((m) => x.c0!.rows.some((r) => r.metric === m));
    if (metrics.length > 0) figs.push(x.fig(verdictsChart(x.c0!, { id: 'handout-verdicts', metrics, title: 'Which view leads, measure by measure' })));
    const s = sensitivity?.sensitivity;
    if (s !== undefined && s.method === 'sobol' && answer.focus !== null) {
      const target = differenceTarget(s);
      const r = s.results.find((q) => q.scenario === mainScenario(s) && q.target === target && q.metric === answer.focus && q.skipped === null);
      if (r !== undefined) figs.push(x.fig(totalIndexChart(s, r, { id: 'handout-conditions', top: 6, labels: CONDITION_WORDS, title: `What decides the difference in ${metricWords(answer.focus)}`, subtitle: `${x.A} minus ${x.B}, over the conditions varied` })));
    }
    if (figs.length > 0) parts.push(html`<h2 class="evidence">The evidence</h2>`, join(figs));
    // Kinne (2018), when the experiment records the agreement network.
    const network = networkSummaries(x);
    if (network !== null) {
      parts.push(html`<h2>The agreement network</h2><p>Kinne (2018) found that defence cooperation agreements go to states that are already well connected (preferential attachment) and to partners of partners (triadic closure). Here each new agreement is held against one drawn at random from the pairs that could have signed then:</p>${network.map((n) => html`<p>${n.sentence}</p>`)}`);
    }
    parts.push(html`<h2>For discussion</h2><ol class="questions">${discussionQuestions(answer, x.A, x.B).map((q) => html`<li>${q}</li>`)}</ol>`);
  }
  parts.push(html`<p class="foot">Made by Entente (model ${MODEL_VERSION}) from ${input.dir}${sensitivity !== undefined ? ` and ${sensitivity.dir}` : ''}. The full report, with every measure, scenario and condition, is report.html beside this file; ${ctx.reportCommand} remakes both.</p>`);
  return { html: documentHtml(title, CSS, join(parts)), title };
}
