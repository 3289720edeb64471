/** The experiment report's trust over time: regional mean trust per hypothesis, with bands of runs. */
import { trendFromSteps, trustOverTimeChart, type StepRow } from '../../charts/index.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { ExperimentContext } from './context.js';

export function trustOverTimeSection({ plan, steps, baseSet, baseWords, baseNote, R, fig }: ExperimentContext): Section {
  const bandOf = (rows: StepRow[]) => rows[0]?.n ?? R;
  const tot: Html[] = [];
  for (const s of plan.scenarios) {
    const rows = steps.filter((r) => r.scenario === s.name && r.set === baseSet);
    if (rows.length === 0) { tot.push(html`<p class="missing">${s.name}: steps.csv has no mean trust rows.</p>`); continue; }
    tot.push(fig(trustOverTimeChart(trendFromSteps(rows, { metric: 'meanTrust', scenario: s.name, set: baseSet, band: 'p10-p90' }), {
      id: `trust-over-time-${plan.scenarios.indexOf(s) + 1}`,
      subtitle: `${s.name}; ${baseWords}; ${bandOf(rows)} run${bandOf(rows) === 1 ? '' : 's'} per hypothesis`,
      bandLabel: `10th to 90th percentile of the ${bandOf(rows)} run${bandOf(rows) === 1 ? '' : 's'}`,
    })));
  }
  return {
    id: 'trust-over-time',
    title: 'Trust over time',
    body: joinHtml([
      html`<p>Regional mean trust per hypothesis for each scenario ${baseWords}: the line is the mean over replications, the band the 10th to 90th percentile of runs (how far one run can stray).</p>`,
      baseNote !== null ? html`<p class="note">${baseNote}</p>` : '',
      ...tot,
    ]),
  };
}
