/**
 * Conditions an experiment can vary: the ones the essay names (tension, equivocation,
 * receptivity, cultural and language distance, seniority, share of untrustworthy states, group
 * closeness, willingness to take a leap of faith) as
 * transformations of a scenario, plus any model parameter as `parameters.<name>`. Each takes
 * a validated scenario and returns a new one; the original is never changed.
 */
import { Parameters } from '../model/params.js';
import type { Scenario } from '../scenario/schema.js';
import { STATE_DEFAULTS } from '../world/resolve.js';

export interface Condition {
  /** What it does, for --help, docs and error messages. */
  description: string;
  min: number;
  max: number;
  apply: (s: Scenario, value: number) => Scenario;
}

/** Sets one attribute on every state (the scenario's per-state values are replaced). */
function everyState(attr: 'equivocation' | 'receptivity' | 'seniority' | 'will'): Condition['apply'] {
  return (s, v) => ({
    ...s,
    stateDefaults: { ...s.stateDefaults, [attr]: v },
    states: s.states.map((st) => ({ ...st, [attr]: v })),
  });
}

/** A position in [0,1] for ordering states without a random draw: FNV-1a of the id. */
function idRank(id: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < id.length; k++) {
    h ^= id.charCodeAt(k);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const CONDITIONS: Record<string, Condition> = {
  tension: {
    description: 'Initial tension between every two states (replaces the scenario\'s default and per-pair values).',
    min: 0, max: 1,
    apply: (s, v) => ({ ...s, tension: { default: v, pairs: [] } }),
  },
  equivocation: {
    description: 'Equivocation of every state about its activities.',
    min: 0, max: 1, apply: everyState('equivocation'),
  },
  receptivity: {
    description: 'Receptivity of every state (probability it heeds a signal).',
    min: 0, max: 1, apply: everyState('receptivity'),
  },
  seniority: {
    description: 'Tendency of every state to assert senior status.',
    min: 0, max: 1, apply: everyState('seniority'),
  },
  culturalDistance: {
    description: 'Scales every state\'s distance from the regional mean on each culture dimension (0: one culture, 1: as written, 2: twice as far; clamped to [0,1]).',
    min: 0, max: 3,
    apply: (s, k) => {
      const dims = s.cultureDimensions;
      const base = (st: Scenario['states'][number], d: string) => st.culture?.[d] ?? s.stateDefaults.culture?.[d] ?? 0.5;
      const mean = Object.fromEntries(dims.map((d) => [d, s.states.reduce((a, st) => a + base(st, d), 0) / s.states.length]));
      const clamp = (x: number) => Math.min(1, Math.max(0, x));
      return {
        ...s,
        states: s.states.map((st) => ({
          ...st,
          // k = 1 keeps every value as written, bit for bit (mean + (x - mean) can round).
          culture: Object.fromEntries(dims.map((d) => [d, k === 1 ? base(st, d) : clamp(mean[d] + k * (base(st, d) - mean[d]))])),
        })),
      };
    },
  },
  languageDistance: {
    description: 'Language distance: every state whose primary language is not English gets English proficiency 1 - value.',
    min: 0, max: 1,
    apply: (s, v) => ({
      ...s,
      states: s.states.map((st) => {
        // Without a language a state is a native English speaker, as in resolveWorld.
        const lang = st.language ?? s.stateDefaults.language ?? { primary: 'en', english: 1 };
        if (lang.primary === 'en') return st;
        return { ...st, language: { primary: lang.primary, english: 1 - v } };
      }),
    }),
  },
  groupCloseness: {
    description: 'Closeness of every group (how close the grouping is: it raises commitment to a group decision and softens the evidence of a defection, MODEL 7). A scenario without groups is unchanged.',
    min: 0, max: 1,
    apply: (s, v) => ({ ...s, groups: s.groups.map((g) => ({ ...g, closeness: v })) }),
  },
  willingness: {
    description: 'Willingness of every state to take a leap of faith, in log-odds (the state attribute `will`, read by trust-first only: it extends trust when logit(belief) + will reaches the reference threshold). Leadership changes may still change it during a run.',
    min: -10, max: 10, apply: everyState('will'),
  },
  untrustworthyShare: {
    description: `Share of states that are untrustworthy (trustworthiness 0.2; the others keep theirs, default ${STATE_DEFAULTS.trustworthiness}). Which states is fixed by their ids, not drawn.`,
    min: 0, max: 1,
    apply: (s, v) => {
      const count = Math.round(v * s.states.length);
      const chosen = new Set([...s.states].sort((a, b) => idRank(a.id) - idRank(b.id) || (a.id < b.id ? -1 : 1)).slice(0, count).map((st) => st.id));
      return { ...s, states: s.states.map((st) => (chosen.has(st.id) ? { ...st, trustworthiness: 0.2 } : st)) };
    },
  },
};

const PARAMETER_PREFIX = 'parameters.';

export function isConditionName(name: string): boolean {
  if (Object.hasOwn(CONDITIONS, name)) return true;
  return name.startsWith(PARAMETER_PREFIX) && Object.hasOwn(Parameters.shape, name.slice(PARAMETER_PREFIX.length));
}

/** Why `value` is not allowed for condition `name`, or null when it is. */
export function conditionValueProblem(name: string, value: number): string | null {
  if (!Number.isFinite(value)) return `expected a finite number, got ${value}`;
  if (Object.hasOwn(CONDITIONS, name)) {
    const c = CONDITIONS[name];
    return value >= c.min && value <= c.max ? null : `expected ${name} from ${c.min} to ${c.max}, got ${value}`;
  }
  const key = name.slice(PARAMETER_PREFIX.length);
  const r = Parameters.partial().safeParse({ [key]: value });
  return r.success ? null : `${name}: ${r.error.issues[0]?.message ?? 'not allowed'}`;
}

/** The scenario under one parameter set (conditions applied in the set's key order). */
export function applySet(scenario: Scenario, set: Readonly<Record<string, number>>): Scenario {
  let s = scenario;
  const params: Record<string, number> = {};
  for (const [name, value] of Object.entries(set)) {
    if (Object.hasOwn(CONDITIONS, name)) s = CONDITIONS[name].apply(s, value);
    else params[name.slice(PARAMETER_PREFIX.length)] = value;
  }
  return Object.keys(params).length === 0 ? s : { ...s, parameters: { ...s.parameters, ...params } };
}
