/**
 * The parameters table's bounds keep every output finite: each parameter set to either end of
 * its range (the others at their defaults) gives a run whose series and final state hold finite
 * numbers only. Before the payoffs had bounds, `payoffReward: 1e308` gave infinities.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INTEGER_PARAMETERS, Parameters } from '../../src/model/params.js';
import { parseScenario, simulate } from '../../src/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The ends of a number parameter's range (an open end just inside it). */
function ends(schema: z.ZodNumber): number[] {
  const lo = schema.minValue, hi = schema.maxValue;
  expect(lo, 'a lower bound').not.toBeNull();
  expect(hi, 'an upper bound').not.toBeNull();
  const checks = (schema.def.checks ?? []) as unknown as { _zod: { def: { check: string; inclusive?: boolean } } }[];
  const open = checks.some((c) => c._zod.def.check === 'greater_than' && c._zod.def.inclusive === false);
  return [open ? lo! + 1e-9 : lo!, hi!];
}

function finiteEverywhere(value: unknown, where: string): void {
  // NaN marks "none" (e.g. no defection); an infinity is an overflow.
  if (typeof value === 'number') { if (Math.abs(value) === Infinity) expect.fail(`${where} is ${value}`); return; }
  if (ArrayBuffer.isView(value)) { for (const x of Array.from(value as unknown as ArrayLike<number>)) if (Math.abs(x) === Infinity) expect.fail(`${where} holds ${x}`); return; }
  if (Array.isArray(value)) { value.forEach((v, k) => finiteEverywhere(v, `${where}[${k}]`)); return; }
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) finiteEverywhere(v, `${where}.${k}`);
}

describe('parameter bounds', () => {
  const scenarios = ['grit-initiative.yaml', 'wpns-cues.yaml'].map((f) => readFileSync(join(ROOT, 'scenarios', f), 'utf8'));

  it('every number parameter has both bounds, and either end gives finite outputs', () => {
    for (const [name, schema] of Object.entries(Parameters.shape)) {
      const inner = schema.unwrap();
      if (!(inner instanceof z.ZodNumber)) continue;
      for (const value of ends(inner)) {
        for (const text of scenarios) {
          const parsed = parseScenario(text, 'scenario.yaml');
          if (!parsed.ok) throw new Error(parsed.problems[0].message);
          const s = { ...parsed.value, parameters: { ...parsed.value.parameters, [name]: value } };
          const run = simulate(s, { seed: 3, hypothesis: 'trust-first', steps: 30 });
          finiteEverywhere(run.series.data, `${name}=${value} series`);
          finiteEverywhere(run.final, `${name}=${value} final`);
        }
      }
    }
  });

  it('marks the whole-number parameters', () => {
    expect([...INTEGER_PARAMETERS].sort()).toEqual(['gritInterval', 'gritPause', 'maxActsPerStep', 'stanceReview', 'tiedHandsMemory']);
  });

  it('refuses a payoff too large to add up', () => {
    expect(Parameters.partial().safeParse({ payoffReward: 1e308 }).success).toBe(false);
    expect(Parameters.partial().safeParse({ payoffReward: 1000 }).success).toBe(true);
  });
});
