/**
 * The conditions an experiment can vary (src/experiment/conditions.ts): each one does what its
 * description says on real teaching scenarios, checked on the scenario and on the resolved
 * world the engine runs; the original scenario is never changed; bad values are reported from
 * the experiment file with its line and path.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fc, test as fcTest } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySet, CONDITIONS, conditionValueProblem, isConditionName } from '../../src/experiment/conditions.js';
import { loadPlan } from '../../src/experiment/plan.js';
import { PARAMETER_NAMES } from '../../src/experiment/schema.js';
import { formatProblem } from '../../src/io/document.js';
import { defaultParams } from '../../src/model/params.js';
import { loadScenario, parseScenario } from '../../src/scenario/load.js';
import { Scenario } from '../../src/scenario/schema.js';
import { resolveWorld, STATE_DEFAULTS } from '../../src/world/resolve.js';
import type { World } from '../../src/world/world.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function scenario(name: string): Scenario {
  const r = loadScenario(join(ROOT, 'scenarios', `${name}.yaml`));
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

const ASEAN = scenario('asean-admm');
const LOST = scenario('lost-in-translation');
const SENIOR = scenario('senior-partner');
const ALL = { 'asean-admm': ASEAN, 'lost-in-translation': LOST, 'senior-partner': SENIOR };

/** Off-diagonal entries of an n x n matrix. */
function offDiagonal(m: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push(m[i * n + j]);
  return out;
}

/** A state's culture with the scenario's defaults filled in (what the engine uses). */
function cultureOf(s: Scenario, k: number): number[] {
  const c = { ...(s.stateDefaults.culture ?? {}), ...(s.states[k].culture ?? {}) };
  return s.cultureDimensions.map((d) => c[d]);
}

const world = (s: Scenario): World => resolveWorld(s, { steps: 12 });

it('every condition is tested here', () => {
  expect(Object.keys(CONDITIONS).sort()).toEqual(
    ['culturalDistance', 'equivocation', 'groupCloseness', 'languageDistance', 'receptivity', 'seniority', 'tension', 'untrustworthyShare', 'willingness']);
  for (const c of Object.values(CONDITIONS)) expect(c.description.length).toBeGreaterThan(20);
});

describe('tension', () => {
  it('replaces the default and every per-pair tension', () => {
    expect(ASEAN.tension.pairs.length).toBeGreaterThan(0);
    for (const v of [0, 0.37, 1]) {
      const s = applySet(ASEAN, { tension: v });
      expect(s.tension).toEqual({ default: v, pairs: [] });
      const w = world(s);
      expect(new Set(offDiagonal(w.tension0, w.n))).toEqual(new Set([v]));
    }
    // As written, the scenario's pairs have their own tension.
    expect(new Set(offDiagonal(world(ASEAN).tension0, ASEAN.states.length)).size).toBeGreaterThan(1);
  });
});

describe.each(['equivocation', 'receptivity', 'seniority'] as const)('%s', (attr) => {
  it.each(Object.entries(ALL))('is set on every state of %s', (_, s) => {
    for (const v of [0, 0.45, 1]) {
      const t = applySet(s, { [attr]: v });
      for (const st of t.states) expect(st[attr]).toBe(v);
      expect(t.stateDefaults[attr]).toBe(v);
      expect([...world(t)[attr]]).toEqual(s.states.map(() => v));
    }
    // Other attributes are left alone.
    const t = applySet(s, { [attr]: 0.45 });
    for (const other of ['equivocation', 'receptivity', 'seniority', 'empathy', 'trustworthiness'] as const) {
      if (other !== attr) expect([...world(t)[other]]).toEqual([...world(s)[other]]);
    }
  });
});

describe('willingness', () => {
  it.each(Object.entries(ALL))('sets the will (log-odds) of every state of %s, and nothing else', (_, s) => {
    for (const v of [-2, 0, 1.5]) {
      const t = applySet(s, { willingness: v });
      for (const st of t.states) expect(st.will).toBe(v);
      expect([...world(t).will]).toEqual(s.states.map(() => v));
    }
    const t = applySet(s, { willingness: 1.5 });
    for (const other of ['equivocation', 'receptivity', 'seniority', 'empathy', 'trustworthiness'] as const) {
      expect([...world(t)[other]]).toEqual([...world(s)[other]]);
    }
  });
});

describe('groupCloseness', () => {
  it('sets the closeness of every group the engine runs, and leaves the members alone', () => {
    expect(ASEAN.groups.length).toBeGreaterThan(0);
    for (const v of [0, 0.3, 1]) {
      const t = applySet(ASEAN, { groupCloseness: v });
      const w = world(t);
      expect(w.groups.map((g) => g.closeness)).toEqual(ASEAN.groups.map(() => v));
      expect(w.groups.map((g) => [...g.members])).toEqual(world(ASEAN).groups.map((g) => [...g.members]));
    }
    expect(ASEAN.groups.map((g) => g.closeness)).not.toEqual(ASEAN.groups.map(() => 0.3));
  });

  it('leaves a scenario without groups as it is', () => {
    expect(SENIOR.groups).toEqual([]);
    expect(applySet(SENIOR, { groupCloseness: 0.9 })).toEqual(SENIOR);
  });
});

describe('culturalDistance', () => {
  it.each(Object.entries(ALL))('0 gives every state of %s the regional mean culture, and no cultural distance', (_, s) => {
    const t = applySet(s, { culturalDistance: 0 });
    const n = s.states.length;
    s.cultureDimensions.forEach((d, k) => {
      const mean = s.states.reduce((a, _st, i) => a + cultureOf(s, i)[k], 0) / n;
      for (const st of t.states) expect(st.culture?.[d]).toBeCloseTo(mean, 12);
    });
    expect(Math.max(...offDiagonal(world(t).cult, n))).toBeLessThan(1e-12);
  });

  it.each(Object.entries(ALL))('1 leaves the culture of every state of %s as written', (_, s) => {
    const t = applySet(s, { culturalDistance: 1 });
    s.states.forEach((_st, i) => expect(cultureOf(t, i)).toEqual(cultureOf(s, i)));
    expect([...world(t).cult]).toEqual([...world(s).cult]);
  });

  it('2 doubles every distance from the regional mean, clamped to [0, 1]', () => {
    for (const s of [ASEAN, LOST]) {
      const t = applySet(s, { culturalDistance: 2 });
      const n = s.states.length;
      let clamped = 0, doubled = 0;
      s.cultureDimensions.forEach((_d, k) => {
        const mean = s.states.reduce((a, _st, i) => a + cultureOf(s, i)[k], 0) / n;
        s.states.forEach((_st, i) => {
          const before = cultureOf(s, i)[k], after = cultureOf(t, i)[k];
          const want = mean + 2 * (before - mean);
          if (want > 1) { expect(after).toBe(1); clamped++; } else if (want < 0) { expect(after).toBe(0); clamped++; } else {
            expect(after - mean).toBeCloseTo(2 * (before - mean), 12);
            doubled++;
          }
        });
      });
      expect(doubled).toBeGreaterThan(0);
      if (s === ASEAN) expect(clamped).toBeGreaterThan(0); // the clamp is exercised
      // Without clamping every pairwise distance would double; with it, none grows more than that.
      const c0 = offDiagonal(world(s).cult, n), c2 = offDiagonal(world(t).cult, n);
      c0.forEach((d, k) => expect(c2[k]).toBeLessThanOrEqual(2 * d + 1e-12));
    }
    // A hand-built region whose cultures all lie in [0.3, 0.7]: the mean lies there too, so
    // 1.5x the distance from it stays inside (0, 1), no value is clamped, and every value's
    // distance from the mean, and every pairwise cultural distance, grows by exactly 1.5.
    const mid: Scenario = structuredClone(LOST);
    mid.stateDefaults.culture = Object.fromEntries(mid.cultureDimensions.map((d) => [d, 0.5]));
    mid.states.forEach((st, i) => {
      st.culture = Object.fromEntries(mid.cultureDimensions.map((d, k) => [d, 0.3 + 0.4 * (((i + 2 * k) % 5) / 4)]));
    });
    const m = mid.states.length;
    const means = mid.cultureDimensions.map((_d, k) => mid.states.reduce((a, _st, i) => a + cultureOf(mid, i)[k], 0) / m);
    const t = applySet(mid, { culturalDistance: 1.5 });
    let checked = 0;
    mid.states.forEach((_st, i) => mid.cultureDimensions.forEach((_d, k) => {
      const before = cultureOf(mid, i)[k];
      // The precondition: written in [0.3, 0.7], and its 1.5x image strictly inside (0, 1).
      expect(before).toBeGreaterThanOrEqual(0.3);
      expect(before).toBeLessThanOrEqual(0.7);
      const want = means[k] + 1.5 * (before - means[k]);
      expect(want).toBeGreaterThan(0);
      expect(want).toBeLessThan(1);
      expect(cultureOf(t, i)[k]).toBeCloseTo(want, 12);
      checked++;
    }));
    expect(checked).toBe(m * mid.cultureDimensions.length);
    const c0 = offDiagonal(world(mid).cult, m), c = offDiagonal(world(t).cult, m);
    expect(Math.max(...c0)).toBeGreaterThan(0.1);
    c0.forEach((d, k) => expect(c[k]).toBeCloseTo(1.5 * d, 12));
  });
});

describe('languageDistance', () => {
  it('sets the English of every state whose language is not English, and leaves English speakers alone', () => {
    for (const s of [ASEAN, LOST]) {
      for (const v of [0, 0.3, 1]) {
        const t = applySet(s, { languageDistance: v });
        t.states.forEach((st, i) => {
          const before = s.states[i].language ?? s.stateDefaults.language;
          expect(st.language?.primary).toBe(before?.primary);
          expect(st.language?.english).toBe(before?.primary === 'en' ? before.english : 1 - v);
        });
        // So the language distance between two states with different languages, neither of them
        // English, is the value; with an English speaker, 1 - the lower of the two proficiencies.
        const w = world(t), n = w.n;
        let foreign = 0;
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          if (i === j) continue;
          const li = t.states[i].language!, lj = t.states[j].language!;
          if (li.primary === lj.primary) expect(w.lang[i * n + j]).toBe(0);
          else if (li.primary !== 'en' && lj.primary !== 'en') { expect(w.lang[i * n + j]).toBeCloseTo(v, 15); foreign++; }
          else expect(w.lang[i * n + j]).toBeCloseTo(1 - Math.min(li.english, lj.english), 15);
        }
        expect(foreign).toBeGreaterThan(0);
      }
    }
    expect(LOST.states.filter((st) => st.language?.primary === 'en').length).toBeGreaterThan(0);
  });

  it('treats a state without a language as the engine does: a native English speaker', () => {
    const r = parseScenario([
      'name: Default language',
      'description: A relies on the built-in language (English), B says English, C is Thai.',
      'teachingNote: For the tests.',
      'calendar: { start: "2020-01", steps: 12 }',
      'states:',
      '  - { id: A }',
      '  - { id: B, language: { primary: en, english: 1 } }',
      '  - { id: C, language: { primary: th, english: 0.3 } }',
      '',
    ].join('\n'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const before = world(r.value);
    expect(before.lang[0 * 3 + 1]).toBe(0); // A and B share English
    const w = world(applySet(r.value, { languageDistance: 0.6 }));
    expect(w.lang[0 * 3 + 1]).toBe(0); // still the same language
    expect(w.lang[0 * 3 + 2]).toBeCloseTo(0.6, 15);
    expect(w.lang[1 * 3 + 2]).toBeCloseTo(0.6, 15);
  });
});

describe('untrustworthyShare', () => {
  const untrustworthy = (s: Scenario) => s.states.filter((st) => st.trustworthiness === 0.2).map((st) => st.id);

  it('makes round(share x n) states untrustworthy, the others keeping their trustworthiness', () => {
    for (const s of [ASEAN, LOST, SENIOR]) {
      expect(untrustworthy(s)).toEqual([]);
      const n = s.states.length;
      for (const share of [0.1, 0.25, 0.5, 0.9, 1]) {
        const t = applySet(s, { untrustworthyShare: share });
        expect(untrustworthy(t), `${s.name} ${share}`).toHaveLength(Math.round(share * n));
        const w = world(t), w0 = world(s);
        t.states.forEach((st, i) => {
          expect(w.trustworthiness[i]).toBe(st.trustworthiness === 0.2 ? 0.2 : w0.trustworthiness[i]);
          if (st.trustworthiness !== 0.2) expect(st).toEqual(s.states[i]);
        });
      }
    }
    expect([...world(SENIOR).trustworthiness]).toEqual(SENIOR.states.map(() => STATE_DEFAULTS.trustworthiness));
  });

  it('picks the same states every time, whatever their order in the file, and more of them as the share grows', () => {
    for (const s of [ASEAN, LOST, SENIOR]) {
      let previous: string[] = [];
      for (let k = 1; k <= s.states.length; k++) {
        const share = k / s.states.length;
        const chosen = untrustworthy(applySet(s, { untrustworthyShare: share }));
        expect(untrustworthy(applySet(s, { untrustworthyShare: share }))).toEqual(chosen);
        const reversed = { ...s, states: [...s.states].reverse() };
        expect(untrustworthy(applySet(reversed, { untrustworthyShare: share })).sort()).toEqual([...chosen].sort());
        for (const id of previous) expect(chosen).toContain(id);
        previous = chosen;
      }
    }
  });

  it('0 changes nothing', () => {
    for (const s of [ASEAN, LOST, SENIOR]) expect(applySet(s, { untrustworthyShare: 0 })).toEqual(s);
  });
});

describe('parameters.<name>', () => {
  it('sets that model parameter and keeps the scenario\'s other overrides', () => {
    expect(Object.keys(LOST.parameters).length).toBeGreaterThan(0);
    const t = applySet(LOST, { 'parameters.kappa': 2.5, 'parameters.maxActsPerStep': 4 });
    expect(t.parameters).toEqual({ ...LOST.parameters, kappa: 2.5, maxActsPerStep: 4 });
    const p = world(t).params, p0 = world(LOST).params;
    expect(p.kappa).toBe(2.5);
    expect(p.maxActsPerStep).toBe(4);
    for (const k of Object.keys(p0) as (keyof typeof p0)[]) if (k !== 'kappa' && k !== 'maxActsPerStep') expect(p[k]).toEqual(p0[k]);
    expect(defaultParams().kappa).not.toBe(2.5);
  });

  it('names every model parameter, and nothing else', () => {
    expect(PARAMETER_NAMES).toEqual(Object.keys(defaultParams()));
    for (const name of PARAMETER_NAMES) expect(isConditionName(`parameters.${name}`)).toBe(true);
    for (const name of ['parameters.noSuch', 'parameters.', 'kappa', 'Tension', 'parameters.__proto__', 'toString']) expect(isConditionName(name), name).toBe(false);
    expect(conditionValueProblem('parameters.maxActsPerStep', 1.5)).toMatch(/^parameters\.maxActsPerStep: /);
    expect(conditionValueProblem('parameters.kappa', 11)).toMatch(/^parameters\.kappa: /);
    expect(conditionValueProblem('parameters.kappa', 3)).toBeNull();
  });
});

describe('every condition', () => {
  const names = Object.keys(CONDITIONS);
  const set = fc.array(fc.tuple(fc.constantFrom(...names), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 5 })
    .map((pairs) => Object.fromEntries(pairs.map(([n, u]) => [n, CONDITIONS[n].min + u * (CONDITIONS[n].max - CONDITIONS[n].min)])));
  const deepFreeze = <T>(x: T): T => {
    if (typeof x === 'object' && x !== null && !Object.isFrozen(x)) {
      Object.freeze(x);
      for (const v of Object.values(x)) deepFreeze(v);
    }
    return x;
  };
  const frozen = Object.fromEntries(Object.entries(ALL).map(([k, s]) => [k, deepFreeze(structuredClone(s))]));

  fcTest.prop([fc.constantFrom(...Object.keys(ALL)), set], { numRuns: 60 })(
    'never changes the original scenario and gives a valid one',
    (name, values) => {
      const s = frozen[name]; // writing to it would throw
      const t = applySet(s, values);
      expect(s).toEqual(ALL[name as keyof typeof ALL]);
      const check = Scenario.safeParse(t);
      expect(check.success, JSON.stringify(check.error?.issues.slice(0, 3))).toBe(true);
      world(t);
    });

  it('accepts its whole range and refuses values outside it', () => {
    for (const [name, c] of Object.entries(CONDITIONS)) {
      expect(conditionValueProblem(name, c.min)).toBeNull();
      expect(conditionValueProblem(name, c.max)).toBeNull();
      expect(conditionValueProblem(name, c.max + 0.01)).toBe(`expected ${name} from ${c.min} to ${c.max}, got ${c.max + 0.01}`);
      expect(conditionValueProblem(name, c.min - 0.5)).toBe(`expected ${name} from ${c.min} to ${c.max}, got ${c.min - 0.5}`);
      expect(conditionValueProblem(name, Infinity)).toMatch(/finite/);
      expect(conditionValueProblem(name, NaN)).toMatch(/finite/);
    }
  });
});

describe('bad values in an experiment file', () => {
  let tmp: string;
  beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-conditions-')); });
  afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

  const problemsOf = (lines: string[]): string[] => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, [
      'name: Bad values',
      'description: Values out of range.',
      `scenarios: [${join(ROOT, 'scenarios', 'minimal-pair.yaml')}]`,
      'replications: 2',
      'variations:',
      ...lines,
      '',
    ].join('\n'));
    const r = loadPlan(file);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('in a grid: each reported with its file, line, path and the allowed range', () => {
    const problems = problemsOf([
      '  grid:',
      '    culturalDistance: [1, 3.5]',
      '    untrustworthyShare: [-0.1]',
      '    parameters.maxActsPerStep: [1.5]',
      '    parameters.noSuch: [1]',
      '    tension: [.inf]',
    ]);
    // One problem each, none reported twice.
    expect(problems).toHaveLength(5);
    expect(new Set(problems.map((p) => p.replace(/: [^:]*$/, ''))).size).toBe(5);
    expect(problems).toContain(`${join(tmp, 'bad.yaml')}:7:27: variations.grid.culturalDistance[1]: expected culturalDistance from 0 to 3, got 3.5`);
    expect(problems.join('\n')).toMatch(/bad\.yaml:8:\d+: variations\.grid\.untrustworthyShare\[0\]: expected untrustworthyShare from 0 to 1, got -0\.1/);
    expect(problems.join('\n')).toMatch(/bad\.yaml:9:\d+: variations\.grid\.parameters\.maxActsPerStep\[0\]: parameters\.maxActsPerStep: .*int/);
    expect(problems.join('\n')).toMatch(/bad\.yaml:10:\d+: variations\.grid\.parameters\.noSuch: unknown condition "parameters\.noSuch"; expected one of tension, equivocation/);
    expect(problems.join('\n')).toMatch(/bad\.yaml:11:\d+: variations\.grid\.tension\[0\]: expected (a finite )?number.*Infinity/);
  });

  it('in a list and in the ranges of a Latin hypercube', () => {
    const list = problemsOf(['  list:', '    - { receptivity: 0.5 }', '    - { receptivity: 1.2, seniority: 0 }']).join('\n');
    expect(list).toMatch(/bad\.yaml:8:\d+: variations\.list\[1\]\.receptivity: expected receptivity from 0 to 1, got 1\.2/);
    expect(list.split('\n')).toHaveLength(1);
    const lhs = problemsOf(['  latinHypercube:', '    samples: 4', '    ranges:', '      languageDistance: [0.5, 1.5]', '      tension: [0.8, 0.2]']).join('\n');
    expect(lhs).toMatch(/bad\.yaml:9:\d+: variations\.latinHypercube\.ranges\.languageDistance\[1\]: expected languageDistance from 0 to 1, got 1\.5/);
    expect(lhs).toMatch(/bad\.yaml:10:\d+: variations\.latinHypercube\.ranges\.tension: expected the lower bound first, got \[0\.8, 0\.2\]/);
  });
});
