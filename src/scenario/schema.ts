/**
 * The scenario schema: the only definition of a scenario file. Types are inferred from it and
 * `schema/scenario.schema.json` (for editors) is generated from it by `npm run schema`.
 *
 * Field-level rules live on the fields; rules that relate fields (ids that must exist, ids that
 * must be unique, culture vectors that must match the named dimensions) live in `crossCheck`,
 * which reports every problem with its path so the loader can give its line.
 */
import { z } from 'zod';
import { ActivityOverride } from '../model/activity.js';
import { ACTIVITY_IDS, type ActivityId } from '../model/catalogue.js';
import { Parameters, WILL } from '../model/params.js';

const unit = z.number().min(0).max(1);
const prob = z.number().gt(0).lt(1);
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'an id: a letter, then letters, digits, "_", "-" or "."');
const step = z.number().int().min(0);

export const POLICIES = ['auto', 'routine', 'trust-gated', 'grit', 'reciprocal'] as const;
export const HYPOTHESIS_PATTERN = /^(habits-first|trust-first|blend=(0(\.\d+)?|1(\.0+)?|\.\d+))$/;
export const Hypothesis = z.string().regex(HYPOTHESIS_PATTERN, 'habits-first, trust-first or blend=X with X in [0,1]');

const Interest = z.strictObject({
  salience: unit.describe('How much the issue matters to the state (0 not at all, 1 a core national interest).'),
  stance: z.number().min(-1).max(1).describe('Where the state stands on the issue (-1 .. 1).'),
});

/** Attributes every state has; all optional in `stateDefaults`, each falling back to the built-in default. */
const stateAttributes = {
  name: z.string().optional().describe('Display name (defaults to the id).'),
  capability: z.number().min(1e-6).max(1e9).optional().describe('Relative material capacity (e.g. a defence-spending index), from 1e-6 to 1e9. Default 1.'),
  culture: z.record(z.string(), unit).optional().describe('Position on each of the scenario\'s culture dimensions, in [0,1].'),
  language: z.strictObject({
    primary: z.string().min(1).describe('Primary language code (e.g. en, th, zh).'),
    english: unit.describe('English proficiency (1 native, 0 none).'),
  }).optional(),
  equivocation: unit.optional().describe('How equivocal it is seen to be about its activities. Default 0.2.'),
  receptivity: unit.optional().describe('Probability it heeds a signal. Default 0.8.'),
  seniority: unit.optional().describe('Tendency to assert senior status. Default 0.2.'),
  empathy: unit.optional().describe('Effort to understand partners\' perspectives. Default 0.5.'),
  transparency: unit.optional().describe('Transparency of its aims. Default 0.5.'),
  restraint: unit.optional().describe('Willingness to limit its capabilities in joint work. Default 0.5.'),
  trustworthiness: unit.optional().describe('Hidden: probability it honours cooperation when tested. Default 0.8.'),
  will: z.number().min(-10).max(10).optional().describe(`Willingness to take a leap of faith, in log-odds (trust-first, MODEL 6): it extends trust to a partner when logit(belief) + will >= logit of the reference test's threshold, and then acts on logit(belief) + will. Default ${WILL} (calibrated, docs/MODEL.md 7.5).`),
  sovereignty: unit.optional().describe('Weight of sovereign imperatives against group commitment. Default 0.2.'),
  navalPresence: unit.optional().describe('Naval presence at sea (sets the incident rate). Default 0.3.'),
  budget: z.number().min(0).optional().describe('Defence-diplomacy effort per year, in activity-cost units. Default 24.'),
  policy: z.enum(POLICIES).optional().describe('How it chooses activities; auto follows the hypothesis. Default auto.'),
  interests: z.record(z.string(), Interest).optional().describe('Core interests: issue id -> salience and stance.'),
};

export const StateDefaults = z.strictObject(stateAttributes);
export const State = z.strictObject({ id, ...stateAttributes });

const Schedule = z.strictObject({
  start: step.default(0).describe('First step (months from the scenario start, in steps).'),
  every: z.number().int().min(1).describe('Steps between occurrences.'),
  end: step.optional().describe('Last step at which it may occur (inclusive).'),
});

const Group = z.strictObject({
  id,
  name: z.string().optional(),
  members: z.array(id).min(2),
  closeness: unit.describe('How close the grouping is (Asean: high).'),
});

const Forum = z.strictObject({
  id,
  name: z.string().optional(),
  members: z.array(id).min(1).describe('State ids or group ids (a group stands for all its members); at least two states in all.'),
  track: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
  activity: z.string().default('forumMeeting').describe('Activity kind of one meeting.'),
  schedule: Schedule,
  codeForUnplannedEncounters: step.optional().describe('Step from which members adopt a code for unplanned encounters at sea (CUES).'),
});

const Programme = z.strictObject({
  from: id,
  to: z.union([id, z.array(id).min(1)]),
  activity: z.string(),
  schedule: Schedule,
  mutual: z.boolean().default(false).describe('Both sides transmit at each occurrence.'),
});

const at = { step: step.describe('Step at which it happens.'), note: z.string().optional() };
const Event = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('coreInterestIssue'), ...at, group: id, issue: id,
    decision: z.number().min(-1).max(1).describe('Where the group decision stands on the issue (-1 .. 1).') }),
  z.strictObject({ type: z.literal('incident'), ...at, between: z.tuple([id, id]),
    escalates: z.boolean().optional().describe('Force escalation (true) or not (false); drawn when absent.') }),
  z.strictObject({ type: z.literal('leadershipChange'), ...at, state: id,
    trustShift: z.number().min(-5).max(5).default(0).describe('Log-odds added to its belief in, and belief baseline toward, the partners concerned (same under both hypotheses). Default 0.'),
    will: z.number().min(-10).max(10).optional().describe('The new leadership\'s willingness to take a leap of faith (log-odds; default: unchanged). A leadership change is a stance review (MODEL 6).'),
    toward: z.array(id).optional().describe('Partners concerned (default: all).') }),
  z.strictObject({ type: z.literal('shock'), ...at, states: z.array(id).min(2),
    tension: z.number().min(-1).max(1).describe('Tension added between every two of the states.') }),
  z.strictObject({ type: z.literal('test'), ...at, truster: id, trustee: id,
    stake: unit.optional().describe('Cost of being exploited (default: parameters.testStake).'),
    honours: z.boolean().optional().describe('Force the trustee\'s answer if relied on: true honours, false exploits (a scripted betrayal); drawn from its trustworthiness when absent.') }),
]);

const PairValue = z.strictObject({ from: id, to: id, value: unit });
const SymPairValue = z.strictObject({ between: z.tuple([id, id]), value: unit });

export const Scenario = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().min(1),
  teachingNote: z.string().min(1),
  calendar: z.strictObject({
    start: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM'),
    stepMonths: z.number().int().min(1).max(12).default(1),
    steps: z.number().int().min(1).max(100000),
  }),
  cultureDimensions: z.array(id).default([]).describe('Names of the culture dimensions (e.g. Hofstede\'s pdi, idv).'),
  issues: z.array(z.strictObject({ id, description: z.string().optional() })).default([]),
  stateDefaults: StateDefaults.default({}),
  states: z.array(State).min(2),
  groups: z.array(Group).default([]),
  forums: z.array(Forum).default([]),
  programmes: z.array(Programme).default([]),
  events: z.array(Event).default([]),
  rivalries: z.array(z.tuple([id, id])).default([]).describe('Pairs of rivals (arms transfers to one raise tension with the other).'),
  trust: z.strictObject({ default: prob.default(0.5), pairs: z.array(z.strictObject({ from: id, to: id, value: prob })).default([]) }).default({ default: 0.5, pairs: [] }),
  tension: z.strictObject({ default: unit.default(0.1), pairs: z.array(SymPairValue).default([]) }).default({ default: 0.1, pairs: [] }),
  understanding: z.strictObject({ default: unit.default(0.3), pairs: z.array(PairValue).default([]) }).default({ default: 0.3, pairs: [] }),
  aims: z.strictObject({
    default: z.number().min(-1).max(1).default(0.3),
    pairs: z.array(z.strictObject({ between: z.tuple([id, id]), value: z.number().min(-1).max(1) })).default([]),
  }).default({ default: 0.3, pairs: [] }),
  activities: z.record(z.string(), ActivityOverride).default({}).describe('Overrides of the activity catalogue, by kind.'),
  parameters: Parameters.partial().default({}),
  run: z.strictObject({
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    hypothesis: Hypothesis.default('habits-first'),
  }).default({ seed: 1, hypothesis: 'habits-first' }),
}).superRefine(crossCheck as (s: unknown, ctx: z.RefinementCtx) => void, {
  // Run even when fields have problems, so that every problem is reported at once.
  when: (payload) => typeof payload.value === 'object' && payload.value !== null,
});

export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;
export type ScenarioEvent = Scenario['events'][number];

type Ctx = z.RefinementCtx;

/* Lenient readers: crossCheck also runs on input that failed field checks, so nothing is assumed. */
type Any = { [k: string]: any };
const list = (x: unknown): Any[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Any => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Any) : {});
const strs = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

/** Relations between fields: every problem found, each with its path. */
function crossCheck(raw: unknown, ctx: Ctx): void {
  const s = obj(raw);
  const err = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const states = new Set<string>();
  list(s.states).forEach((st, i) => {
    if (typeof st?.id !== 'string') return;
    if (states.has(st.id)) err(['states', i, 'id'], `duplicate state id "${st.id}"`);
    states.add(st.id);
  });
  const groups = new Set<string>();
  list(s.groups).forEach((g, i) => {
    if (typeof g?.id !== 'string') return;
    if (groups.has(g.id) || states.has(g.id)) err(['groups', i, 'id'], `duplicate id "${g.id}" (already a state or group)`);
    groups.add(g.id);
  });
  const issues = new Set(list(s.issues).map((x) => x?.id));
  const dims = new Set(strs(s.cultureDimensions));
  const activityKinds = new Set<string>([...ACTIVITY_IDS]);
  // Without a list of states there is nothing to check references against (the schema has
  // already said what is wrong with `states`).
  const statesKnown = states.size > 0;
  const stateRef = (path: (string | number)[], v: unknown) => {
    if (statesKnown && typeof v === 'string' && !states.has(v)) err(path, `unknown state id "${v}"; expected one of: ${[...states].join(', ')}`);
  };
  const activityRef = (path: (string | number)[], v: unknown) => {
    if (typeof v === 'string' && !activityKinds.has(v)) err(path, `unknown activity "${v}"; expected one of: ${ACTIVITY_IDS.join(', ')}`);
  };
  const noDup = (path: (string | number)[], ids: unknown) => {
    const seen = new Set<unknown>();
    list(ids).forEach((v, k) => { if (seen.has(v)) err([...path, k], `"${String(v)}" listed twice`); seen.add(v); });
  };
  const distinct = (path: (string | number)[], a: unknown, b: unknown) => {
    if (typeof a === 'string' && a === b) err(path, `a pair needs two different states, got "${a}" twice`);
  };
  const pairRefs = (path: (string | number)[], pair: unknown) => {
    const p = list(pair);
    p.forEach((v, k) => stateRef([...path, k], v));
    distinct(path, p[0], p[1]);
  };
  const checkCulture = (path: (string | number)[], c: unknown) => {
    for (const key of Object.keys(obj(c))) {
      if (!dims.has(key)) err([...path, key], `unknown culture dimension "${key}"; expected one of: ${[...dims].join(', ') || '(none declared in cultureDimensions)'}`);
    }
  };
  const checkInterests = (path: (string | number)[], it: unknown) => {
    for (const key of Object.keys(obj(it))) {
      if (!issues.has(key)) err([...path, key], `unknown issue "${key}"; declare it under issues`);
    }
  };
  const defaults = obj(s.stateDefaults);
  checkCulture(['stateDefaults', 'culture'], defaults.culture);
  checkInterests(['stateDefaults', 'interests'], defaults.interests);
  list(s.states).forEach((st, i) => {
    const merged = { ...obj(defaults.culture), ...obj(st?.culture) };
    checkCulture(['states', i, 'culture'], st?.culture);
    for (const d of dims) if (!(d in merged)) err(['states', i], `missing culture dimension "${d}" (give it in culture here or in stateDefaults.culture)`);
    checkInterests(['states', i, 'interests'], st?.interests);
  });
  list(s.groups).forEach((g, i) => {
    list(g?.members).forEach((m, k) => stateRef(['groups', i, 'members', k], m));
    noDup(['groups', i, 'members'], g?.members);
  });
  const forumIds = new Set<string>();
  list(s.forums).forEach((f, i) => {
    if (typeof f?.id === 'string') {
      if (forumIds.has(f.id) || states.has(f.id) || groups.has(f.id)) err(['forums', i, 'id'], `duplicate id "${f.id}"`);
      forumIds.add(f.id);
    }
    list(f?.members).forEach((m, k) => {
      if (statesKnown && typeof m === 'string' && !states.has(m) && !groups.has(m)) err(['forums', i, 'members', k], `unknown state or group id "${m}"; expected one of: ${[...states, ...groups].join(', ')}`);
    });
    noDup(['forums', i, 'members'], f?.members);
    const expanded = new Set<string>();
    for (const m of list(f?.members)) {
      if (typeof m !== 'string') continue;
      const g = list(s.groups).find((x) => x?.id === m);
      if (g) for (const x of list(g.members)) expanded.add(String(x)); else expanded.add(m);
    }
    if (list(f?.members).length > 0 && expanded.size < 2) err(['forums', i, 'members'], 'a forum needs at least two member states (a group counts as all its members)');
    activityRef(['forums', i, 'activity'], f?.activity);
  });
  list(s.programmes).forEach((p, i) => {
    stateRef(['programmes', i, 'from'], p?.from);
    const many = Array.isArray(p?.to);
    (many ? list(p.to) : [p?.to]).forEach((t, k) => {
      const path = many ? ['programmes', i, 'to', k] : ['programmes', i, 'to'];
      stateRef(path, t);
      if (typeof t === 'string' && t === p?.from) err(path, `a programme cannot go from "${t}" to itself`);
    });
    activityRef(['programmes', i, 'activity'], p?.activity);
  });
  const steps = obj(s.calendar).steps;
  list(s.events).forEach((e, i) => {
    const p = ['events', i];
    if (typeof e?.step === 'number' && typeof steps === 'number' && e.step >= steps) {
      err([...p, 'step'], `step ${e.step} is past the end of the run (calendar.steps is ${steps}, so the last step is ${steps - 1})`);
    }
    switch (e?.type) {
      case 'coreInterestIssue':
        if (typeof e.group === 'string' && !groups.has(e.group)) err([...p, 'group'], `unknown group id "${e.group}"; expected one of: ${[...groups].join(', ')}`);
        if (typeof e.issue === 'string' && !issues.has(e.issue)) err([...p, 'issue'], `unknown issue "${e.issue}"; declare it under issues`);
        break;
      case 'incident':
        pairRefs([...p, 'between'], e.between);
        break;
      case 'leadershipChange':
        stateRef([...p, 'state'], e.state);
        list(e.toward).forEach((v, k) => stateRef([...p, 'toward', k], v));
        break;
      case 'shock':
        list(e.states).forEach((v, k) => stateRef([...p, 'states', k], v));
        noDup([...p, 'states'], e.states);
        break;
      case 'test':
        stateRef([...p, 'truster'], e.truster);
        stateRef([...p, 'trustee'], e.trustee);
        distinct(p, e.truster, e.trustee);
        break;
    }
  });
  list(s.rivalries).forEach((r, i) => pairRefs(['rivalries', i], r));
  for (const key of ['trust', 'understanding'] as const) {
    list(obj(s[key]).pairs).forEach((x, i) => {
      stateRef([key, 'pairs', i, 'from'], x?.from);
      stateRef([key, 'pairs', i, 'to'], x?.to);
      distinct([key, 'pairs', i], x?.from, x?.to);
    });
  }
  for (const key of ['tension', 'aims'] as const) {
    list(obj(s[key]).pairs).forEach((x, i) => pairRefs([key, 'pairs', i, 'between'], x?.between));
  }
  for (const key of Object.keys(obj(s.activities))) {
    if (!activityKinds.has(key)) err(['activities', key], `unknown activity "${key}"; expected one of: ${ACTIVITY_IDS.join(', ')}`);
  }
}

export type { ActivityId };
