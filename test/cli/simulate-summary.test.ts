/** The summary `npm run simulate` prints: its start column is the initial state, the same under every hypothesis. */
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, simulate } from '../../src/index.js';
import { summary } from '../../src/cli/simulate.js';

const loaded = loadScenario('scenarios/fpda.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const scenario = loaded.value;

/** The "start" cells of the pairs that moved most, by pair. */
function starts(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\S+ -> \S+)\s+(\d\.\d{3})\s+(\d\.\d{3})\s*$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

describe('simulate summary', () => {
  it('the start column is the initial row, and a pair starts at its initial belief under every hypothesis', () => {
    for (const hypothesis of ['habits-first', 'trust-first', 'blend=0.5']) {
      for (const pairs of [true, false]) {
        const r = simulate(scenario, { seed: 2, hypothesis, steps: 12, pairs, events: false });
        const text = summary(r, 'out/x');
        expect(text).toMatch(/measure\s+start\s+last step/);
        const meanTrust = r.series.data[r.series.columns.indexOf('meanTrust')];
        expect(text).toMatch(new RegExp(`mean trust\\s+${meanTrust.toFixed(3).replace('.', '\\.')}\\s`));
        expect(text).toContain('12 steps');
        const moved = starts(text);
        expect(moved.size).toBeGreaterThan(0);
        const { ids, n } = r.world;
        for (const [pair, start] of moved) {
          const [a, b] = pair.split(' -> ').map((id) => ids.indexOf(id));
          // The scenario's initial trust of the pair, from its trust block.
          const set = scenario.trust.pairs.find((p) => p.from === ids[a] && p.to === ids[b]);
          expect(start, `${hypothesis} ${pair}`).toBe((set?.value ?? scenario.trust.default).toFixed(3));
          if (r.pairTrust !== null) expect(start).toBe(r.pairTrust[a * n + b].toFixed(3));
        }
      }
    }
  });
});
