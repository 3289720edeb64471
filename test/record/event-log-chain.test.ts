/**
 * The event log explains every pair's trajectory: for each directed pair, the rows chain
 * (each row starts, in log-odds, where the previous one ended, after the forgetting it
 * reports as drift), the first row starts from the pair's starting trust, and the trust after
 * the last row, forgotten to the end of the run, is the final trust. So drift + delta summed
 * over a pair's rows, plus the forgetting after its last row, is the pair's whole change.
 */
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, simulate } from '../../src/index.js';

const loaded = loadScenario('scenarios/asean-admm.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const scenario = loaded.value;

describe.each(['habits-first', 'trust-first'])('event log of asean-admm under %s', (hypothesis) => {
  const r = simulate(scenario, { seed: 3, hypothesis, steps: 120, pairs: true });
  const log = r.events!;
  const n = r.world.n;
  const sigmoid = (l: number) => 1 / (1 + Math.exp(-l));

  it('chains: each trust row starts where the previous row of its pair ended, forgetting included', () => {
    const last = new Map<number, number>();
    let rows = 0, gaps = 0;
    for (let k = 0; k < log.length; k++) {
      if (log.observer[k] < 0) continue;
      const p = log.observer[k] * n + log.subject[k];
      const prev = last.get(p);
      if (prev !== undefined) {
        rows++;
        // The row's l0 is the previous row's l2: no change in between that the log does not show.
        if (log.l0[k] !== prev) gaps++;
      }
      expect(Number.isFinite(log.drift(k) + log.delta(k))).toBe(true);
      last.set(p, log.l2[k]);
    }
    expect(rows).toBeGreaterThan(1000);
    expect(gaps).toBe(0);
  });

  it('adds up: each pair\'s last row in a step is the recorded trust, and its first row starts from the scenario\'s', () => {
    // The trust the run recorded independently of the log (`pairs: true`), pair by pair, after
    // each step: the last row of a pair in a step must end there (trust is stored as of its
    // last change, so nothing moves it within the step after that row).
    const pt = r.pairTrust!;
    expect(pt).not.toBeNull();
    const nn = n * n;
    const first = new Map<number, number>();
    const lastInStep = new Map<number, number>(); // step * nn + pair -> row
    for (let k = 0; k < log.length; k++) {
      if (log.observer[k] < 0) continue;
      const p = log.observer[k] * n + log.subject[k];
      if (!first.has(p)) first.set(p, k);
      // The log keeps the month's 0-based index; the row of pairs.csv that shows it is the next
      // (row 0 is the initial state).
      lastInStep.set((log.step[k] + 1) * nn + p, k);
    }
    expect(lastInStep.size).toBeGreaterThan(1000);
    let compared = 0;
    for (const [tp, k] of lastInStep) {
      expect(log.trust(k), `step ${Math.floor(tp / nn)} pair ${tp % nn}`).toBeCloseTo(pt[tp], 9);
      compared++;
    }
    expect(compared).toBe(lastInStep.size);
    // The first row of a pair starts from its trust at the start of the run (step 0 trust,
    // before any event, is the scenario's trust under every hypothesis: MODEL 6, no head start),
    // unless a leadership change inside the run moved that pair's trust first.
    const inRun = r.world.events.filter((e) => e.step < r.world.steps);
    let checked = 0;
    for (const [p, k] of first) {
      const i = Math.floor(p / n), j = p % n;
      const moved = inRun.some((e) => e.type === 'leadershipChange' && e.state === i && e.step <= log.step[k]
        && (e.toward === null || e.toward.includes(j)));
      if (moved) continue;
      expect(sigmoid(log.l0[k]), `pair ${p}`).toBeCloseTo(sigmoid(r.world.trust0[p]), 9);
      checked++;
    }
    expect(checked).toBeGreaterThan(n);
  });
});
