/**
 * The experiment report's comparison of the hypotheses: which leads on each metric, then their
 * trajectories on the same dice, the paired differences, the sweep map and the outcomes.
 */
import type { ComparisonRow } from '../../charts/index.js';
import { paramsLabel } from '../../charts/common.js';
import { decimalsFor, sx } from '../common.js';
import { html, join as joinHtml, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import { metricWords, type ExperimentContext } from './context.js';
import { differencesFigures, sweepMapFigures } from './differences.js';
import { outcomeFigures } from './outcomes.js';
import { trajectoryFigures } from './trajectories.js';

/** For each comparison, a table of how often each hypothesis leads, by metric, with its largest lead. */
function leadTables({ comparisons, S }: ExperimentContext): Html[] {
  const out: Html[] = [];
  for (const c of comparisons) {
    const metrics = [...new Set(c.rows.map((r) => r.metric))];
    const best = (rows: ComparisonRow[]) => [...rows].sort((x, y) => Math.abs(y.meanDiff) - Math.abs(x.meanDiff))[0];
    const where = (r: ComparisonRow | undefined) => r === undefined ? '–'
      : html`${S > 1 ? `${r.scenario}, ` : ''}${paramsLabel(r.params)}: ${sx(r.meanDiff, decimalsFor(Math.abs(r.meanDiff)))} <span class="aside">[${sx(r.ciLow, decimalsFor(Math.abs(r.meanDiff)))}, ${sx(r.ciHigh, decimalsFor(Math.abs(r.meanDiff)))}]</span>`;
    out.push(html`<h3>Which hypothesis leads: ${c.a} against ${c.b}</h3>`);
    out.push(table(['metric', 'better', `${c.a} leads`, `${c.b} leads`, 'neither', `largest lead for ${c.a} (A − B)`, `largest lead for ${c.b} (A − B)`], metrics.map((m) => {
      const rows = c.rows.filter((r) => r.metric === m);
      const la = rows.filter((r) => r.leader === 'a'), lb = rows.filter((r) => r.leader === 'b');
      return [metricWords(m), rows[0]?.better ?? 'higher', String(la.length), String(lb.length), String(rows.length - la.length - lb.length), where(best(la)), where(best(lb))];
    }), { numeric: [2, 3, 4] }));
    out.push(html`<p class="aside">Counts are of ${S > 1 ? 'scenario and parameter set combinations' : 'parameter sets'} (${c.rows.filter((r) => r.metric === metrics[0]).length} per metric).</p>`);
  }
  return out;
}

export function comparisonSection(x: ExperimentContext): Section {
  const { plan, c0, A, B, level } = x;
  const comp: Html[] = [];
  if (c0 === undefined) {
    comp.push(html`<p class="missing">The experiment has only one hypothesis (${plan.hypotheses.join(', ')}), so there is nothing to compare. List two in the experiment file's <code>hypotheses</code>.</p>`);
  } else {
    comp.push(html`<p>${A} (A) against ${B} (B), paired on the same seeds: each replication runs both hypotheses with the same random numbers, so their difference is the hypothesis's effect and not luck. Intervals are ${level}% bootstrap intervals of the mean paired difference A − B; a hypothesis “leads” when it does better and the interval excludes zero.</p>`);
    comp.push(...leadTables(x));
    comp.push(...trajectoryFigures(x));
    comp.push(...differencesFigures(x, c0));
    comp.push(...sweepMapFigures(x, c0));
    comp.push(...outcomeFigures(x));
  }
  return { id: 'comparison', title: 'Comparing the hypotheses', body: joinHtml(comp) };
}
