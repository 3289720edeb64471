/** The hypotheses' outcome profiles, when the experiment recorded the nine outcomes. */
import { OUTCOME_NAMES, outcomesChart, type OutcomeProfile } from '../../charts/index.js';
import { html, type Html } from '../html.js';
import type { ExperimentContext } from './context.js';

export function outcomeFigures({ plan, summary, R, baseSet, baseWords, fig }: ExperimentContext): Html[] {
  const out: Html[] = [];
  const outcomeMetric = (name: string) => OUTCOME_NAMES.find((o) => name === o || name === `outcome.${o}`);
  // Nothing to show when the experiment did not record the nine outcomes (a run's report shows its profile).
  if (summary.some((r) => outcomeMetric(r.metric) !== undefined)) {
    out.push(html`<h3>Outcomes</h3>`);
    plan.scenarios.forEach((s, k) => {
      const profiles: OutcomeProfile[] = plan.hypotheses.map((h) => {
        const outcomes: Record<string, number> = {};
        for (const r of summary) {
          const o = outcomeMetric(r.metric);
          if (o !== undefined && r.scenario === s.name && r.set === baseSet && r.hypothesis === h) outcomes[o] = r.mean;
        }
        return { series: h, outcomes };
      }).filter((p) => Object.keys(p.outcomes).length > 0);
      if (profiles.length > 0) out.push(fig(outcomesChart(profiles, { id: `outcomes-${k + 1}`, subtitle: `${s.name}; ${baseWords}; mean over ${R} run${R === 1 ? '' : 's'}` })));
    });
  }
  return out;
}
