/** The paired differences with their intervals, by scenario and by condition, and the sweep map. */
import { differencesChart, sweepChart, type Comparison } from '../../charts/index.js';
import { html, type Html } from '../html.js';
import { MANY_SETS, metricWords, rowsOf, type ExperimentContext } from './context.js';
import { sweepAxes } from './sweep.js';

export function differencesFigures({ plan, S, P, R, A, B, headline, baseSet, baseWords, fig }: ExperimentContext, c0: Comparison): Html[] {
  const out: Html[] = [];
  out.push(html`<h3>Paired differences with their intervals</h3>`);
  const overview = c0.rows.filter((r) => r.metric === headline && r.set === baseSet);
  // With many scattered sets the one shown stands for little (the verdicts chart and the maps summarise them all).
  if (S > 1 && overview.length > 0 && P <= 2 * MANY_SETS) {
    out.push(fig(differencesChart({ ...c0, rows: overview }, {
      id: 'differences-scenarios', metric: headline,
      title: `${A} against ${B}: ${metricWords(headline)}, each scenario ${baseWords}`,
      subtitle: `${R} paired runs per scenario`,
    })));
  }
  if (P > 2 * MANY_SETS) {
    // A forest plot of many scattered points is a wall of whiskers: the maps of "Where each
    // hypothesis wins" show the same differences over the conditions.
    out.push(html`<p>Per scenario, the ${P} parameter sets' differences are drawn as maps over the conditions in “Where each hypothesis wins” (when there are comparisons of the conditions), and listed cell by cell in the appendix's files.</p>`);
  } else if (P > 1) {
    plan.scenarios.forEach((s, k) => {
      const rows = rowsOf(c0, s.name, headline);
      if (rows.length === 0) return;
      out.push(fig(differencesChart({ ...c0, rows }, {
        id: `differences-${k + 1}`, metric: headline,
        subtitle: `${s.name}; ${R} paired runs per condition`,
      })));
    });
  } else if (S === 1) {
    out.push(html`<p>One scenario and one parameter set: the difference is in the table below.</p>`);
  }
  return out;
}

/** A map of the difference over two conditions that vary together; nothing when the plan has no such grid. */
export function sweepMapFigures({ plan, headline, fig }: ExperimentContext, c0: Comparison): Html[] {
  const out: Html[] = [];
  const axes = sweepAxes(plan);
  if (!('reason' in axes)) {
    out.push(html`<h3>Sweep map</h3>`);
    const keep = new Set(axes.sets);
    plan.scenarios.forEach((s, k) => {
      const rows = c0.rows.filter((r) => r.scenario === s.name && r.metric === headline && keep.has(r.set));
      if (rows.length === 0) return;
      out.push(fig(sweepChart({ ...c0, rows }, { id: `sweep-${k + 1}`, metric: headline, scenario: s.name, x: axes.x, y: axes.y })));
    });
  }
  return out;
}
