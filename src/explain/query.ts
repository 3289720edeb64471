/** Checking an explanation's query against its run. */
import { optionProblem, type Problem } from '../io/problem.js';
import type { ExplainQuery } from './explanation.js';
import type { ExplainRun } from './run.js';

/**
 * Problems with a query against a run (unknown ids, a state paired with itself, a range outside
 * the run), each naming the option that asks for it (`--pair`, `--from`, `--to`).
 */
export function queryProblems(run: ExplainRun, q: ExplainQuery): Problem[] {
  const problems: Problem[] = [];
  const valid = `expected one of: ${run.ids.join(', ')}`;
  for (const id of [q.observer, q.subject]) {
    if (!run.ids.includes(id)) problems.push(optionProblem('--pair', `unknown state id "${id}"; ${valid}`));
  }
  if (q.observer === q.subject) problems.push(optionProblem('--pair', `a state's trust in itself is not modelled; name two different states`));
  const last = run.dates.length - 1;
  const range = `the run has steps 0 to ${last} (${run.dates[0]} to ${run.dates[last]})`;
  for (const [option, t] of [['--from', q.from], ['--to', q.to]] as const) {
    if (t !== undefined && !(Number.isInteger(t) && t >= 0 && t <= last)) problems.push(optionProblem(option, `step ${t} is outside the run; ${range}`));
  }
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    problems.push(optionProblem('--from', `the range starts after it ends (from step ${q.from}, ${run.dates[q.from] ?? '?'}, to step ${q.to}, ${run.dates[q.to] ?? '?'})`));
  }
  return problems;
}
