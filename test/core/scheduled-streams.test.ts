/**
 * Scheduled tests, scheduled incidents and programme gates draw from streams of their own
 * (core/rng.ts), so adding one to a scenario does not shift the dice of another mechanism.
 *
 * The region has two separate halves: A and B, and C and D, who share a routine programme,
 * test each other at random, meet at sea and choose activities with their budgets. A scheduled
 * event or programme between A and B must leave everything between C and D exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { EVENT_KINDS } from '../../src/core/events.js';
import { simulate, type RunResult } from '../../src/run/simulate.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { makeScenario, type FixtureOptions } from '../world-fixture.js';

type Extra = Pick<ScenarioInput, 'events' | 'programmes'>;

function region(extra: Extra, hypothesis: string): FixtureOptions {
  return {
    steps: 120,
    hypothesis,
    seed: 3,
    states: [
      { id: 'A' }, { id: 'B' },
      { id: 'C', navalPresence: 1, budget: 24 }, { id: 'D', navalPresence: 1, budget: 24 },
    ],
    groups: [
      { id: 'AB', members: ['A', 'B'], closeness: 0.5 },
      { id: 'CD', members: ['C', 'D'], closeness: 0.5 },
    ],
    programmes: [
      { from: 'C', to: 'D', activity: 'officialContact', schedule: { start: 0, every: 1 }, mutual: true },
      ...(extra.programmes ?? []),
    ],
    events: [{ type: 'shock', step: 1, states: ['A', 'B'], tension: 0.1 }, ...(extra.events ?? [])],
    parameters: { testRate: 0.5, testHabit: 0.01, incidentRate: 0.2 },
  };
}

/** Everything that happened between C and D: trust each way at every step, and their events. */
function betweenCD(r: RunResult): { trust: number[]; events: string[] } {
  const { ids, n, steps } = r.world;
  const c = ids.indexOf('C'), d = ids.indexOf('D');
  const trust: number[] = [];
  for (let t = 0; t <= steps; t++) trust.push(r.pairTrust![t * n * n + c * n + d], r.pairTrust![t * n * n + d * n + c]);
  const log = r.events!;
  const events: string[] = [];
  const cd = (x: number) => x === c || x === d;
  for (let k = 0; k < log.length; k++) {
    if (!cd(log.actor[k]) || !(cd(log.target[k]) || log.target[k] < 0)) continue;
    events.push(`${log.step[k]} ${EVENT_KINDS[log.kind[k]]} ${log.actor[k]}>${log.target[k]} ${log.activity[k]} ${log.flags[k]} ${log.l2[k]}`);
  }
  return { trust, events };
}

function compare(extra: Extra, hypothesis: string, expectKinds: string[]): void {
  const run = (x: Extra) => simulate(makeScenario(region(x, hypothesis)), { pairs: true });
  const without = run({}), withExtra = run(extra);
  const a = betweenCD(without), b = betweenCD(withExtra);
  // The mechanisms whose dice are at stake did run between C and D...
  for (const kind of expectKinds) expect(a.events.some((e) => e.includes(` ${kind} `)), kind).toBe(true);
  // ...and the extra event or programme between A and B did happen.
  expect(withExtra.events!.length).toBeGreaterThan(without.events!.length);
  expect(b.events).toEqual(a.events);
  expect(b.trust).toEqual(a.trust);
}

describe('streams of their own', () => {
  it('a scheduled test between A and B leaves the random tests between C and D as they were', () => {
    compare({ events: [{ type: 'test', step: 10, truster: 'A', trustee: 'B' }] }, 'habits-first', ['test']);
  });

  it('a scheduled incident between A and B leaves the random incidents between C and D as they were', () => {
    compare({ events: [{ type: 'incident', step: 10, between: ['A', 'B'] }] }, 'habits-first', ['incident']);
  });

  it('a gated programme between A and B leaves the discretionary choices of C and D as they were', () => {
    const extra: Extra = { programmes: [{ from: 'A', to: 'B', activity: 'officialContact', schedule: { start: 0, every: 3 } }] };
    compare(extra, 'blend=0.5', ['activity']);
  });
});
