/**
 * Invariants of the arms race over random valid scenarios (test/properties/arbitrary.ts) with
 * `richardson: true` and at least one rivalry, through the public API: outputs finite, every
 * tension in [0, 1], the same seed giving the same bytes, and a scenario whose rivalries are
 * dropped running exactly as with the switch off (the switch acts on rival pairs only).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsJsonl, finalJson, seriesCsv, simulate, type ScenarioInput } from '../../src/index.js';
import { pairArb, scenarioInputArb, validate } from '../properties/arbitrary.js';

fc.configureGlobal({ ...fc.readConfigureGlobal(), numRuns: 30, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: true });

/** A random scenario with the race on and one to two rivalries. */
const racing = scenarioInputArb({ maxStates: 6, maxSteps: 48 }).chain((input) =>
  fc.array(pairArb(input.states.map((s) => s.id)), { minLength: 1, maxLength: 2 })
    .map((rivalries): ScenarioInput => ({ ...input, rivalries, richardson: true })));

describe('the arms race over random scenarios', () => {
  it('keeps every output finite and every tension in [0, 1], and a seed gives the same bytes', () => {
    fc.assert(fc.property(racing, (input) => {
      const s = validate(input);
      const a = simulate(s, { seed: 3 }), b = simulate(s, { seed: 3 });
      expect(Array.from(a.series.data).every(Number.isFinite)).toBe(true);
      for (const row of a.final.tension) for (const x of row) expect(x >= 0 && x <= 1, `tension ${x}`).toBe(true);
      expect(seriesCsv(a)).toBe(seriesCsv(b));
      expect(eventsJsonl(a)).toBe(eventsJsonl(b));
      expect(finalJson(a)).toBe(finalJson(b));
    }));
  });

  it('on without rivalries is the same run as off', () => {
    fc.assert(fc.property(racing, (input) => {
      const on = validate({ ...input, rivalries: [] });
      const off = validate({ ...input, rivalries: [], richardson: false });
      const a = simulate(on, { seed: 5 }), b = simulate(off, { seed: 5 });
      expect(seriesCsv(a)).toBe(seriesCsv(b));
      expect(eventsJsonl(a)).toBe(eventsJsonl(b));
    }));
  });
});
