/**
 * Bad arguments to the statistics functions are reported in the library's one convention: a
 * ProblemError whose problem names the argument, with the message saying what was expected.
 */
import { describe, expect, it } from 'vitest';
import { ProblemError } from '../../src/io/problem.js';
import { kaplanMeier, pairedComparison, pairedTimeToEvent, summarize, timeToEvent } from '../../src/stats/index.js';

function problemOf(f: () => unknown): { path: string; message: string; file: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    const p = (e as ProblemError).problems;
    expect(p).toHaveLength(1);
    return p[0];
  }
  throw new Error('did not throw');
}

describe('bad arguments', () => {
  it('are ProblemErrors naming the argument, with the message kept', () => {
    const cases: [() => unknown, string, RegExp][] = [
      [() => summarize([1, 2], { seed: 'x', resamples: 0 }), 'resamples', /resamples must be a positive integer, got 0/],
      [() => summarize([1, 2], { seed: 'x', level: 1 }), 'level', /level must be strictly between 0 and 1/],
      [() => summarize([1, 2], { seed: 3 as unknown as string }), 'seed', /seed must be a string/],
      [() => summarize([1, NaN], { seed: 'x' }), 'values[1]', /values\[1\] is not a finite number/],
      [() => pairedComparison([1, 2], [1], { seed: 'x' }), 'b', /same length/],
      [() => pairedComparison([1.7e308], [-1.7e308], { seed: 'x' }), 'b[0]', /overflows/],
      [() => kaplanMeier([1, -1], [true, true]), 'times[1]', /times\[1\] must be a finite number >= 0/],
      [() => kaplanMeier([1], ['yes' as unknown as boolean]), 'events[0]', /must be a boolean/],
      [() => timeToEvent([1], [true], -1), 'horizon', /horizon must be a finite number >= 0/],
      [() => pairedTimeToEvent([1, 2], [true, true], [1], [true], 5, { seed: 'x' }), 'timesB', /same length/],
    ];
    for (const [f, path, message] of cases) {
      const p = problemOf(f);
      expect(p.file).toBe('<arguments>');
      expect(p.path).toBe(path);
      expect(p.message).toMatch(message);
    }
  });
});
