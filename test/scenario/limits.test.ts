/**
 * The scenario's memory limit holds on every path a scenario is loaded by, not only simulate's:
 * the public loaders and an experiment's plan refuse a scenario of more states than memory allows.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { formatProblem, loadPlan, loadScenario, parseScenario } from '../../src/index.js';
import { MAX_STATES } from '../../src/scenario/limits.js';

const dir = mkdtempSync(join(tmpdir(), 'entente-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The minimal pair with `n` states (copies of its two), as JSON text. */
function manyStates(n: number): string {
  const data = parseYaml(readFileSync('scenarios/minimal-pair.yaml', 'utf8')) as { states: { id: string }[] };
  data.states = Array.from({ length: n }, (_, i) => ({ ...data.states[i % 2], id: i < 2 ? data.states[i].id : `S${i}` }));
  return JSON.stringify(data);
}

describe('a scenario of more states than memory allows', () => {
  it('is refused by loadScenario and parseScenario, naming the limit', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, manyStates(MAX_STATES + 1));
    for (const r of [loadScenario(file), parseScenario(readFileSync(file, 'utf8'), file)]) {
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.problems.map(formatProblem)).toEqual([expect.stringMatching(/big\.json:\d+:\d+: states: has 2001 states; a scenario may have at most 2000/)]);
    }
  });

  it('is accepted at the limit', () => {
    expect(parseScenario(manyStates(MAX_STATES)).ok).toBe(true);
  });

  it('is refused in an experiment before any run', () => {
    writeFileSync(join(dir, 'big-scenario.json'), manyStates(MAX_STATES + 1));
    const experiment = join(dir, 'big.yaml');
    writeFileSync(experiment, 'name: Big\ndescription: too many states\nscenarios: [big-scenario.json]\nhypotheses: [trust-first, habits-first]\nreplications: 1\n');
    const r = loadPlan(experiment);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map(formatProblem).join('\n')).toMatch(/big-scenario\.json:\d+:\d+: states: has 2001 states; a scenario may have at most 2000/);
  });
});
