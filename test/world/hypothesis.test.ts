import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/io/problem.js';
import { hypothesisName, parseHypothesis, readHypothesis } from '../../src/world/hypothesis.js';

describe('parseHypothesis', () => {
  it('habits-first is blend 0, trust-first is blend 1', () => {
    expect(parseHypothesis('habits-first')).toBe(0);
    expect(parseHypothesis('trust-first')).toBe(1);
  });

  it.each([['blend=0', 0], ['blend=0.25', 0.25], ['blend=.5', 0.5], ['blend=1', 1], ['blend=1.000', 1], ['blend=0.999', 0.999]])(
    '%s is the trust-first weight %f', (text, blend) => {
      expect(parseHypothesis(text)).toBe(blend);
    });

  it.each(['', 'habits', 'Trust-first', 'blend=', 'blend=1.5', 'blend=-0.1', 'blend=2', 'blend=0.5x', ' trust-first', 'blend=1.01'])(
    'rejects %j with a ProblemError naming the option and the expected forms', (text) => {
      expect(() => parseHypothesis(text)).toThrow(ProblemError);
      expect(() => parseHypothesis(text)).toThrow(/habits-first, trust-first or blend=X/);
      const r = readHypothesis(text, '--hypothesis');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems).toEqual([expect.objectContaining({ file: '<options>', path: '--hypothesis', line: 0 })]);
    });
});

describe('hypothesisName', () => {
  it('names the two hypotheses and a blend canonically', () => {
    expect(hypothesisName(0)).toBe('habits-first');
    expect(hypothesisName(1)).toBe('trust-first');
    expect(hypothesisName(0.3)).toBe('blend=0.3');
  });

  it('round-trips through parseHypothesis', () => {
    for (const b of [0, 0.1, 0.5, 0.75, 1]) expect(parseHypothesis(hypothesisName(b))).toBe(b);
    for (const text of ['habits-first', 'trust-first', 'blend=0.4']) expect(hypothesisName(parseHypothesis(text))).toBe(text);
  });
});
