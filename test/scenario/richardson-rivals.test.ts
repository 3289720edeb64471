/**
 * scenarios/richardson-rivals.yaml through the public API (src/index.ts), checked as a user
 * would check it (docs/MODEL.md 7.15): with the switch on and stable coefficients, the rivals'
 * tension settles at the level the analytic equilibrium implies when no outcomes act; the
 * confidence-building programme lowers it; an unstable coefficient set drives it to 1; with the
 * switch off the run is byte for byte the run of the same scenario without the Richardson fields.
 * Bad coefficients give the usual scenario error, with file, path and line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsJsonl, finalJson, formatProblem, pairsCsv, parseScenario, seriesCsv, simulate, type Scenario } from '../../src/index.js';
import { richardsonEquilibrium, tensionOfLevels } from '../../src/model/richardson.js';

const FILE = 'scenarios/richardson-rivals.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function parse(text: string, file = FILE): Scenario {
  const r = parseScenario(text, file);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

const SCENARIO = parse(TEXT);
const A = SCENARIO.states.findIndex((s) => s.id === 'Arcadia');
const B = SCENARIO.states.findIndex((s) => s.id === 'Borduria');

/** The scenario without the rivals' own programme (the confidence building). */
const withoutProgramme = (s: Scenario): Scenario => ({ ...s, programmes: s.programmes.filter((p) => p.from !== 'Arcadia') });
/** No shocks: no random incidents, no rival effect of Dravia's transfers. */
const quiet = (s: Scenario): Scenario => ({ ...s, parameters: { ...s.parameters, incidentRate: 0, rivalTension: 0 } });
const rivalsTension = (s: Scenario, seed: number, steps?: number): number => simulate(s, { seed, steps, events: false }).final.tension[A][B];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEEDS = [1, 2, 3, 4, 5, 6];

describe('scenarios/richardson-rivals.yaml', () => {
  it('switches the race on for its one rivalry, with stable coefficients', () => {
    expect(SCENARIO.richardson).toBe(true);
    const p = { ...SCENARIO.parameters };
    expect(p.richardsonFatigue!).toBeGreaterThan(p.richardsonReaction!);
  });

  it('with no outcomes acting (no programme, no shocks), the rivals settle at the analytic equilibrium', () => {
    const p = SCENARIO.parameters;
    const a = p.richardsonReaction!, m = p.richardsonFatigue!, g = p.richardsonGrievance!;
    const [xs, ys] = richardsonEquilibrium({ a, b: a, m, n: m, g, h: g })!;
    const expected = tensionOfLevels(xs, ys); // 1 - 2^-(g / (m - a)) = 1 - 2^-0.5
    expect(expected).toBeCloseTo(1 - Math.SQRT1_2, 12);
    // From tension 0.5 (mean level 1) the distance shrinks by 1 - (m - a) = 0.98 a step: after
    // 1200 steps 0.98^1200 * 0.5 = 1.5e-11 in level (from 0.9, mean level 3.3: 1e-10), far
    // below the 1e-8 checked in tension.
    for (const seed of [1, 2]) expect(rivalsTension(quiet(withoutProgramme(SCENARIO)), seed, 1200)).toBeCloseTo(expected, 8);
    // and from a different start too
    const hot = { ...SCENARIO, tension: { ...SCENARIO.tension, pairs: [{ between: ['Arcadia', 'Borduria'] as [string, string], value: 0.9 }] } };
    expect(rivalsTension(quiet(withoutProgramme(hot)), 1, 1200)).toBeCloseTo(expected, 8);
  });

  it('the confidence-building programme lowers the rivals\' tension, with shocks or without', () => {
    const quietWith = rivalsTension(quiet(SCENARIO), 1);
    const quietWithout = rivalsTension(quiet(withoutProgramme(SCENARIO)), 1);
    expect(quietWith).toBeLessThan(quietWithout - 0.1);
    const withProgramme = mean(SEEDS.map((seed) => rivalsTension(SCENARIO, seed)));
    const without = mean(SEEDS.map((seed) => rivalsTension(withoutProgramme(SCENARIO), seed)));
    expect(withProgramme).toBeLessThan(without - 0.1);
  });

  it('an unstable coefficient set (reaction above fatigue) drives the rivals\' tension to 1, programme or not, finite everywhere', () => {
    const unstable = { ...SCENARIO, parameters: { ...SCENARIO.parameters, richardsonReaction: 0.08 } };
    for (const seed of [1, 2, 3]) {
      const r = simulate(unstable, { seed, events: false });
      expect(r.final.tension[A][B]).toBe(1);
      expect(Array.from(r.series.data).every((v) => !Number.isNaN(v) && Number.isFinite(v))).toBe(true);
    }
  });

  it('every corner of the coefficients\' ranges gives finite outputs and tension in [0, 1]', () => {
    for (const a of [0, 1]) for (const m of [0, 1]) for (const g of [0, 1]) {
      const s = { ...SCENARIO, parameters: { ...SCENARIO.parameters, richardsonReaction: a, richardsonFatigue: m, richardsonGrievance: g } };
      const r = simulate(s, { seed: 2, steps: 300, events: false });
      const where = `a=${a} m=${m} g=${g}`;
      expect(Array.from(r.series.data).every(Number.isFinite), where).toBe(true);
      const x = r.final.tension[A][B];
      expect(x >= 0 && x <= 1, `${where}: tension ${x}`).toBe(true);
      if (a > m || (a === m && g > 0)) expect(x, where).toBe(1); // a runaway race (or a marginal one fed by grievance)
    }
  });

  it('with the switch off, a run is identical to the run without the Richardson fields', () => {
    const off = parse(TEXT.replace(/^richardson: true$/m, 'richardson: false'));
    const withoutText = TEXT.replace(/^richardson: true\n/m, '').replace(/^ {2}richardson\w+: .*\n/gm, '');
    expect(withoutText).not.toMatch(/^ *richardson\w*:/m);
    expect(off.richardson).toBe(false);
    const without = parse(withoutText);
    for (const seed of [1, 7]) {
      const a = simulate(off, { seed, pairs: true }), b = simulate(without, { seed, pairs: true });
      expect(seriesCsv(a)).toBe(seriesCsv(b));
      expect(finalJson(a)).toBe(finalJson(b));
      expect(eventsJsonl(a)).toBe(eventsJsonl(b));
      expect(pairsCsv(a)).toBe(pairsCsv(b));
    }
    // and on is something else, the same for the same seed
    const on1 = simulate(SCENARIO, { seed: 1 }), on2 = simulate(SCENARIO, { seed: 1 });
    expect(seriesCsv(on1)).toBe(seriesCsv(on2));
    expect(eventsJsonl(on1)).toBe(eventsJsonl(on2));
    expect(finalJson(on1)).not.toBe(finalJson(simulate(off, { seed: 1 })));
  });

  it('a coefficient out of range, or a switch that is not a boolean, is a scenario error with file, path and line', () => {
    const bad = TEXT.replace('richardsonFatigue: 0.05', 'richardsonFatigue: 1.5').replace(/^richardson: true$/m, 'richardson: yes please');
    const r = parseScenario(bad, 'bad.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = bad.split('\n');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;
    const fatigue = r.problems.find((p) => p.path === 'parameters.richardsonFatigue');
    expect(fatigue, r.problems.map(formatProblem).join('\n')).toBeDefined();
    expect(fatigue!.line).toBe(lineOf('richardsonFatigue: 1.5'));
    expect(formatProblem(fatigue!)).toMatch(/^bad\.yaml:\d+:\d+: parameters\.richardsonFatigue: .*1/);
    const flag = r.problems.find((p) => p.path === 'richardson');
    expect(flag).toBeDefined();
    expect(flag!.line).toBe(lineOf('richardson: yes please'));
  });
});
