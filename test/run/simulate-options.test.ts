/**
 * simulate() checks its options once, through the public API: a bad option is a ProblemError
 * whose problems name it (file `<options>`, path the option), every bad option at once; good
 * options run as before (the golden runs pin their numbers).
 */
import { describe, expect, it } from 'vitest';
import {
  checkSimulateOptions, formatProblem, loadScenario, MAX_STEPS, ProblemError, simulate, SimulateOptions, type Problem,
} from '../../src/index.js';

const loaded = loadScenario('scenarios/minimal-pair.yaml');
if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
const scenario = loaded.value;

/** The problems simulate() throws for these options (fails the test if it does not throw one). */
function problemsOf(options: unknown): Problem[] {
  try {
    simulate(scenario, options as SimulateOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).problems;
  }
  throw new Error(`simulate accepted ${JSON.stringify(options)}`);
}

describe('simulate() options', () => {
  it.each([
    [{ steps: 1.5 }, 'steps', /whole number from 1 to 100000, got 1\.5/],
    [{ steps: -5 }, 'steps', /whole number from 1 to 100000, got -5/],
    [{ steps: 0 }, 'steps', /whole number from 1 to 100000, got 0/],
    [{ steps: MAX_STEPS + 1 }, 'steps', /whole number from 1 to 100000, got 100001/],
    [{ steps: '5' }, 'steps', /whole number/],
    [{ seed: NaN }, 'seed', /safe integer or a non-empty word, got NaN/],
    [{ seed: 1.5 }, 'seed', /safe integer or a non-empty word, got 1\.5/],
    [{ seed: 2 ** 60 }, 'seed', /safe integer/],
    [{ seed: '' }, 'seed', /non-empty word, got ""/],
    [{ seed: '  ' }, 'seed', /non-empty word/],
    [{ hypothesis: 'nonsense' }, 'hypothesis', /unknown hypothesis "nonsense"; expected habits-first, trust-first or blend=X/],
    [{ hypothesis: 'blend=1.5' }, 'hypothesis', /unknown hypothesis/],
    [{ pairs: 'yes' }, 'pairs', /true or false, got "yes"/],
    [{ events: 1 }, 'events', /true or false, got 1/],
  ])('%j is a problem naming the option', (options, path, message) => {
    const problems = problemsOf(options);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: '<options>', path, line: 0, column: 0 });
    expect(problems[0].message).toMatch(message);
  });

  it('reports every bad option at once, and the error message lists them', () => {
    try {
      simulate(scenario, { steps: 0, seed: NaN, hypothesis: 'nonsense' });
      expect.unreachable('simulate accepted bad options');
    } catch (e) {
      expect((e as ProblemError).problems.map((p) => p.path).sort()).toEqual(['hypothesis', 'seed', 'steps']);
      expect((e as ProblemError).message).toMatch(/^<options>: seed: /m);
      expect((e as ProblemError).name).toBe('ProblemError');
    }
  });

  it('rejects options that are not an object', () => {
    expect(problemsOf(7)[0]).toMatchObject({ file: '<options>', path: '' });
  });

  it('accepts the forms it documents, and leaves a seed word as given', () => {
    for (const options of [
      {}, { steps: 1 }, { steps: 3, seed: 7 }, { seed: -3 }, { seed: 'w 1' }, { hypothesis: 'trust-first' },
      { hypothesis: 'blend=.5' }, { pairs: true, events: false }, { steps: undefined, seed: undefined },
    ]) {
      expect(checkSimulateOptions(options).ok, JSON.stringify(options)).toBe(true);
    }
    const r = simulate(scenario, { seed: ' x ', steps: 2, hypothesis: 'blend=.5' });
    expect(r.seed).toBe(' x ');
    expect(r.hypothesis).toBe('blend=0.5');
    expect(r.world.hypothesis).toBe('blend=.5');
    expect(r.series.rows).toBe(3); // the initial state and two steps
  });

  it('gives the same run as before for the same options (the hypothesis parsed once, the seed and steps as given)', () => {
    const a = simulate(scenario, { seed: 3, hypothesis: 'trust-first', steps: 24 });
    const b = simulate(scenario, { seed: 3, hypothesis: 'trust-first', steps: 24, pairs: false, events: true });
    expect(Array.from(a.series.data)).toEqual(Array.from(b.series.data));
    expect(a.final).toEqual(b.final);
    expect(a.seed).toBe(3);
    expect(a.world.blend).toBe(1);
  });

  it('is a zod schema callers can use themselves', () => {
    expect(SimulateOptions.safeParse({ steps: 10 }).success).toBe(true);
    expect(SimulateOptions.safeParse({ steps: 10.5 }).success).toBe(false);
    expect(MAX_STEPS).toBe(100000);
  });
});
