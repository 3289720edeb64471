/** The hypotheses' trajectories on the same dice, at each scenario's set of largest difference. */
import { hypothesisTrajectoriesChart } from '../../charts/index.js';
import { html, type Html } from '../html.js';
import { metricWords, type ExperimentContext } from './context.js';

export function trajectoryFigures({ plan, steps, trajectorySet, headline, level, setLabel, fig }: ExperimentContext): Html[] {
  const out: Html[] = [];
  out.push(html`<h3>Trajectories on the same dice</h3>`);
  out.push(html`<p>For each scenario, the parameter set where the two hypotheses end furthest apart on ${metricWords(headline)}: the mean trajectories of regional mean trust (every pair of states) with the ${level}% confidence interval of the mean.</p>`);
  for (const s of plan.scenarios) {
    const set = trajectorySet.get(s.name)!;
    const rows = steps.filter((r) => r.scenario === s.name && r.set === set);
    if (rows.length === 0) continue;
    out.push(fig(hypothesisTrajectoriesChart(rows, {
      id: `trajectories-${plan.scenarios.indexOf(s) + 1}`, metric: 'meanTrust', scenario: s.name, set,
      subtitle: `${s.name}; ${setLabel(set)}; ${rows[0].n} run${rows[0].n === 1 ? '' : 's'} per hypothesis`,
    })));
  }
  return out;
}
