/**
 * fast-check arbitraries of VALID scenarios for the property tests.
 *
 * Every generated object goes through the real loader (`parseScenario(JSON.stringify(x))`:
 * the YAML/JSON reader, the zod schema and its cross-checks) and the arbitrary throws if it is
 * rejected, so the arbitrary cannot drift from the schema silently: a schema change that makes
 * generated objects invalid fails every property loudly. The parameter arbitraries are also
 * checked key by key against `Parameters.shape` when this module loads.
 *
 * Ranges: bounded schema ranges are used in full, boundaries included; fields the schema leaves
 * unbounded above (capability, budget, leapOfFaith, incidentRate, payoffs...) get a generous
 * finite cap, named where it is set.
 */
import fc from 'fast-check';
import {
  ACTIVITY_IDS, OUTCOMES, Parameters, POLICIES, formatProblem, parseScenario,
  type Scenario, type ScenarioInput,
} from '../../src/index.js';

/* ------------------------------------------------------------------ numbers ---------- */

/**
 * How numbers are drawn.
 * - `typical` (default): a grid of a million points over the range: 60% uniform, 20% close to
 *   an end (fast-check's bias), 10% each end exactly (0, 1, -1...; for open ranges, the points
 *   1e-9 of the range inside). Properties then explore the model, not floating-point corners.
 * - `full`: fast-check's `double` over the whole range, which favours extreme floating-point
 *   values (subnormals such as 5e-324, 1 - 2^-53...). Every such value is valid for the schema.
 */
export type Numbers = 'typical' | 'full';
type Bounds = { minExcluded?: boolean; maxExcluded?: boolean };
const GRID = 1_000_000;

function numberArbs(numbers: Numbers) {
  const dbl = (min: number, max: number, ex: Bounds = {}): fc.Arbitrary<number> => {
    if (numbers === 'full') return fc.double({ min, max, noNaN: true, noDefaultInfinity: true, ...ex });
    const lo = ex.minExcluded ? min + 1e-9 * (max - min) : min;
    const hi = ex.maxExcluded ? max - 1e-9 * (max - min) : max;
    const at = (k: number) => (k === 0 ? lo : k === GRID ? hi : min + ((max - min) * k) / GRID);
    const uniform = fc.noBias(fc.integer({ min: 0, max: GRID })).map(at);
    const nearEnds = fc.integer({ min: 0, max: GRID }).map(at); // fast-check's bias: mostly close to an end
    return fc.oneof(
      { weight: 6, arbitrary: uniform }, { weight: 2, arbitrary: nearEnds },
      { weight: 1, arbitrary: fc.constant(lo) }, { weight: 1, arbitrary: fc.constant(hi) },
    );
  };
  return {
    dbl,
    /** [0,1] (zod `unit`). */
    unit: dbl(0, 1),
    /** (0,1) (zod `prob`: trust values). */
    prob: dbl(0, 1, { minExcluded: true, maxExcluded: true }),
    /** [-1,1]. */
    signed: dbl(-1, 1),
    /** (0,1] (likelihood ratios of bad news). */
    lrBelowOne: dbl(0, 1, { minExcluded: true }),
  };
}
type Nums = ReturnType<typeof numberArbs>;
const int = (min: number, max: number) => fc.integer({ min, max });

/* ------------------------------------------------------------------ parameters ------- */

export type ParamKey = keyof typeof Parameters.shape;

/** One arbitrary per parameter, in its schema range (src/model/params.ts); unbounded ranges capped as noted. */
function paramArbs({ dbl, unit, signed, lrBelowOne }: Nums): { [K in ParamKey]: fc.Arbitrary<unknown> } {
  return {
    forgetting: unit,
    evidenceScale: unit,
    multilateralWeight: unit,
    track2Weight: unit,
    broadcastWeight: unit,
    suspicion: dbl(-1, 0),
    misreadBase: unit,
    misreadUsage: unit,
    misreadWeight: signed,
    empathyEffect: unit,
    seniorityPenalty: unit,
    overshadowHalf: dbl(0, 20, { minExcluded: true }), // > 0, capped at 20
    deceptionBase: unit,
    deceptionLR: lrBelowOne,
    habitEta: unit,
    habitDecay: unit,
    habitShock: unit,
    kappa: dbl(0, 10),
    ambitionThresholds: fc.tuple(unit, unit, unit),
    routineRepeat: unit,
    stanceReview: int(1, 48), // int >= 1, capped at 48
    declarationCost: dbl(0, 10), // >= 0, capped at 10
    declarationLR: dbl(1, 100),
    revocationLR: lrBelowOne,
    audienceCost: dbl(0, 100),
    tiedHandsCredibility: unit,
    tiedHandsMemory: int(1, 48), // int >= 1, capped at 48
    temptation: unit,
    maxActsPerStep: int(0, 20),
    explore: unit,
    gritInterval: int(1, 24), // int >= 1, capped at 24
    gritPause: int(1, 24), // int >= 1, capped at 24
    testRate: unit,
    testHabit: unit,
    testStake: unit,
    honourLR: dbl(1, 50), // >= 1, capped at 50
    exploitLR: lrBelowOne,
    payoffReward: dbl(-10, 10), // any number, capped at +-10
    payoffTemptation: dbl(-10, 10),
    payoffSucker: dbl(-10, 10),
    payoffPunishment: dbl(-10, 10),
    cancelledLR: lrBelowOne,
    tensionRelax: unit,
    incidentRate: dbl(0, 2), // >= 0, capped at 2 a step
    incidentTension: unit,
    escalationBase: unit,
    escalationTension: unit,
    escalationLR: lrBelowOne,
    codeEffect: unit,
    trustDampening: unit,
    rivalTension: unit,
    richardsonReaction: unit,
    richardsonFatigue: unit,
    richardsonGrievance: unit,
    outcomeScale: dbl(0, 20, { minExcluded: true }), // > 0, capped at 20
    tensionReduction: unit,
    symbolicWeight: unit,
    competenceGain: dbl(0, 0.05), // >= 0, capped at ten times the default
    transparencyGain: unit,
    relationshipPersistence: unit,
    perceptionRate: unit,
    confidenceEffect: unit,
    incentiveEffect: unit,
    constituencyGain: dbl(0, 0.1), // >= 0, capped at ten times the default
    understandingGain: unit,
    commitBase: signed,
    commitTrust: unit,
    commitHabit: unit,
    commitCloseness: unit,
    cascadeWeight: unit,
    defectionLR: lrBelowOne,
    transparencySoftening: unit,
    closenessSoftening: unit,
    defectionTension: unit,
    reputationWeight: unit,
    agreementTrust: unit,
    agreementHabit: unit,
    agreementTestGain: dbl(0, 100),
    agreementPersistence: unit,
    agreementReputation: dbl(0, 10),
  };
}
export const PARAM_KEYS = Object.keys(paramArbs(numberArbs('typical'))) as ParamKey[];
{
  const schemaKeys = Object.keys(Parameters.shape).sort().join(',');
  const ours = [...PARAM_KEYS].sort().join(',');
  if (schemaKeys !== ours) throw new Error(`arbitrary.ts paramArbs and Parameters.shape disagree:\n  schema: ${schemaKeys}\n  arbs:   ${ours}`);
}

/* ------------------------------------------------------------------ options ---------- */

export interface ScenarioArbOptions {
  minStates?: number;
  maxStates?: number;
  minSteps?: number;
  maxSteps?: number;
  maxGroups?: number;
  maxForums?: number;
  maxProgrammes?: number;
  maxEvents?: number;
  /** At least and at most this many parameter overrides (Infinity: all of them). */
  minParams?: number;
  maxParams?: number;
  /** At most this many activity kinds overridden. */
  maxActivityOverrides?: number;
  numbers?: Numbers;
}

const DEFAULTS: Required<ScenarioArbOptions> = {
  minStates: 2, maxStates: 8, minSteps: 12, maxSteps: 60, maxGroups: 3, maxForums: 3,
  maxProgrammes: 6, maxEvents: 10, minParams: 0, maxParams: 6, maxActivityOverrides: 2, numbers: 'typical',
};

/** What everything else refers to: ids, the run length, culture dimensions and issues. */
export interface Frame {
  ids: string[];
  steps: number;
  dims: string[];
  issues: string[];
  groupIds: string[];
}

const DIMS = ['pdi', 'idv', 'uai', 'mas', 'lto'];
const ISSUES = ['sea', 'facility', 'position'];
/** State ids start with a capital letter, so groups (`g0`...), forums (`f0`...) and states a test adds (`w0`...) never collide with them. */
const stateIdArb = fc.stringMatching(/^[A-Z][A-Za-z0-9_.-]{0,5}$/);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Two different states. */
export const pairArb = (ids: readonly string[]) =>
  fc.shuffledSubarray([...ids], { minLength: 2, maxLength: 2 }).map(([a, b]) => [a, b] as [string, string]);

/* ------------------------------------------------------------------ builders --------- */

/** All the piece builders for one way of drawing numbers. */
export function builders(numbers: Numbers = 'typical') {
  const nums = numberArbs(numbers);
  const { dbl, unit, prob, signed } = nums;
  const params = paramArbs(nums);

  /** minKeys..maxKeys parameter overrides among `keys` (clamped to their number), each within its range. */
  const paramOverrides = (minKeys: number, maxKeys: number, keys: readonly ParamKey[] = PARAM_KEYS) =>
    fc.shuffledSubarray([...keys], { minLength: Math.min(minKeys, keys.length), maxLength: Math.min(maxKeys, keys.length) }).chain((ks) =>
      fc.record(Object.fromEntries(ks.map((k) => [k, params[k]])) as Record<string, fc.Arbitrary<unknown>>));

  /** An override of some fields of a catalogue kind (ActivitySpec ranges; cost and lr capped at 10). */
  const activityOverride = fc.record({
    label: fc.string({ minLength: 1, maxLength: 8 }),
    cost: dbl(0, 10),
    lr: dbl(1, 10),
    signalKind: pick(['sunkCost', 'tiedHands', 'cheapTalk']),
    mode: pick(['bilateral', 'multilateral', 'broadcast']),
    track: pick([1, 1.5, 2]),
    languageLoad: unit,
    culturalLoad: unit,
    needsParity: unit,
    tensionCeiling: unit,
    stake: unit,
    ambition: int(1, 4),
    naval: fc.boolean(),
    rivalTension: unit,
    outcomes: fc.record(Object.fromEntries(OUTCOMES.map((o) => [o, unit])), { requiredKeys: [] }),
  }, { requiredKeys: [] });

  const activityOverrides = (max: number) =>
    fc.shuffledSubarray([...ACTIVITY_IDS], { maxLength: Math.min(max, ACTIVITY_IDS.length) }).chain((ks) =>
      fc.tuple(...ks.map(() => activityOverride)).map((vs) => Object.fromEntries(ks.map((k, i) => [k, vs[i]]))));

  const culture = (dims: readonly string[], required: boolean) =>
    fc.record(Object.fromEntries(dims.map((d) => [d, unit])), required ? {} : { requiredKeys: [] });
  const interests = (issues: readonly string[]) =>
    fc.record(Object.fromEntries(issues.map((i) => [i, fc.record({ salience: unit, stance: signed })])), { requiredKeys: [] });

  /** State attributes, each optional (capability capped at 100, budget at 120 a year). */
  const attributes = (f: Frame, cultureRequired: boolean) =>
    fc.record({
      name: fc.string({ maxLength: 8 }),
      capability: dbl(1e-6, 100),
      culture: culture(f.dims, cultureRequired),
      language: fc.record({ primary: pick(['en', 'th', 'zh', 'ms', 'vi']), english: unit }),
      equivocation: unit,
      receptivity: unit,
      seniority: unit,
      empathy: unit,
      transparency: unit,
      restraint: unit,
      trustworthiness: unit,
      sovereignty: unit,
      will: dbl(-10, 10),
      navalPresence: unit,
      budget: dbl(0, 120),
      policy: pick(POLICIES),
      interests: interests(f.issues),
    }, { requiredKeys: cultureRequired ? ['culture'] : [] });

  const schedule = (steps: number) =>
    fc.record({ start: int(0, steps - 1), every: int(1, 12), end: int(0, steps + 6) }, { requiredKeys: ['every'] });

  const group = (f: Frame, id: string) =>
    fc.record({
      id: fc.constant(id),
      name: fc.string({ maxLength: 8 }),
      members: fc.shuffledSubarray(f.ids, { minLength: 2 }),
      closeness: unit,
    }, { requiredKeys: ['id', 'members', 'closeness'] });

  const forum = (f: Frame, id: string) =>
    fc.record({
      id: fc.constant(id),
      name: fc.string({ maxLength: 8 }),
      members: fc.shuffledSubarray([...f.ids, ...f.groupIds], { minLength: 2 }),
      track: pick([1, 1.5, 2] as const),
      activity: pick(ACTIVITY_IDS),
      schedule: schedule(f.steps),
      codeForUnplannedEncounters: int(0, f.steps + 6),
    }, { requiredKeys: ['id', 'members', 'track', 'schedule'] });

  const programme = (f: Frame) =>
    pick(f.ids).chain((from) => {
      const others = f.ids.filter((x) => x !== from);
      return fc.record({
        from: fc.constant(from),
        to: fc.oneof(pick(others), fc.shuffledSubarray(others, { minLength: 1 })),
        activity: pick(ACTIVITY_IDS),
        schedule: schedule(f.steps),
        mutual: fc.boolean(),
      }, { requiredKeys: ['from', 'to', 'activity', 'schedule'] });
    });

  /** Scheduled events of the given types (default: every type the schema knows), at steps in [from, to]. */
  const event = (f: Frame, from = 0, to = f.steps - 1, types: readonly string[] = EVENT_TYPES) => {
    const step = int(Math.max(0, from), Math.min(to, f.steps - 1));
    const note = fc.string({ maxLength: 8 });
    const kinds: fc.Arbitrary<Record<string, unknown>>[] = [];
    if (types.includes('incident')) {
      kinds.push(fc.record({ type: fc.constant('incident'), step, note, between: pairArb(f.ids), escalates: fc.boolean() },
        { requiredKeys: ['type', 'step', 'between'] }));
    }
    if (types.includes('leadershipChange')) {
      kinds.push(fc.record({
        type: fc.constant('leadershipChange'), step, note, state: pick(f.ids), trustShift: dbl(-5, 5),
        will: dbl(-10, 10), toward: fc.shuffledSubarray(f.ids),
      }, { requiredKeys: ['type', 'step', 'state', 'trustShift'] }));
    }
    if (types.includes('shock')) {
      kinds.push(fc.record({ type: fc.constant('shock'), step, note, states: fc.shuffledSubarray(f.ids, { minLength: 2 }), tension: signed },
        { requiredKeys: ['type', 'step', 'states', 'tension'] }));
    }
    if (types.includes('test')) {
      kinds.push(pairArb(f.ids).chain(([truster, trustee]) =>
        fc.record({ type: fc.constant('test'), step, note, truster: fc.constant(truster), trustee: fc.constant(trustee), stake: unit },
          { requiredKeys: ['type', 'step', 'truster', 'trustee'] })));
    }
    if (types.includes('coreInterestIssue') && f.groupIds.length > 0 && f.issues.length > 0) {
      kinds.push(fc.record({ type: fc.constant('coreInterestIssue'), step, note, group: pick(f.groupIds), issue: pick(f.issues), decision: signed },
        { requiredKeys: ['type', 'step', 'group', 'issue', 'decision'] }));
    }
    return fc.oneof(...kinds);
  };

  const frame = (o: Required<ScenarioArbOptions>): fc.Arbitrary<Frame> =>
    fc.record({
      ids: fc.uniqueArray(stateIdArb, { minLength: o.minStates, maxLength: o.maxStates }),
      steps: int(o.minSteps, o.maxSteps),
      dims: fc.shuffledSubarray(DIMS, { maxLength: 3 }),
      issues: fc.shuffledSubarray(ISSUES, { maxLength: 2 }),
      groups: int(0, o.maxGroups),
    }).map(({ groups, ...f }) => ({ ...f, groupIds: Array.from({ length: groups }, (_, k) => `g${k}`) }));

  const directed = (ids: readonly string[], value: fc.Arbitrary<number>) =>
    pairArb(ids).chain(([from, to]) => fc.record({ from: fc.constant(from), to: fc.constant(to), value }));

  /** Scenario input objects (what a YAML file holds), valid by construction. */
  const scenarioInput = (o: Required<ScenarioArbOptions>): fc.Arbitrary<ScenarioInput> =>
    frame(o).chain((f) => {
      const n = f.ids.length;
      return fc.record({
        name: fc.string({ minLength: 1, maxLength: 12 }),
        year: int(1990, 2040),
        month: int(1, 12),
        stepMonths: fc.option(int(1, 12), { nil: undefined }),
        // stateDefaults.culture covers every dimension; states override some.
        stateDefaults: attributes(f, f.dims.length > 0),
        states: fc.tuple(...f.ids.map(() => attributes(f, false))),
        groups: fc.tuple(...f.groupIds.map((g) => group(f, g))),
        forums: int(0, o.maxForums).chain((k) => fc.tuple(...Array.from({ length: k }, (_, i) => forum(f, `f${i}`)))),
        programmes: fc.array(programme(f), { maxLength: o.maxProgrammes }),
        events: fc.array(event(f), { maxLength: o.maxEvents }),
        rivalries: fc.array(pairArb(f.ids), { maxLength: 2 }),
        trust: fc.record({ default: prob, pairs: fc.array(directed(f.ids, prob), { maxLength: n }) }, { requiredKeys: [] }),
        tension: fc.record({ default: unit, pairs: fc.array(fc.record({ between: pairArb(f.ids), value: unit }), { maxLength: n }) }, { requiredKeys: [] }),
        understanding: fc.record({ default: unit, pairs: fc.array(directed(f.ids, unit), { maxLength: n }) }, { requiredKeys: [] }),
        aims: fc.record({ default: signed, pairs: fc.array(fc.record({ between: pairArb(f.ids), value: signed }), { maxLength: n }) }, { requiredKeys: [] }),
        activities: activityOverrides(o.maxActivityOverrides),
        parameters: paramOverrides(o.minParams, o.maxParams),
        run: fc.record({ seed: seedArb, hypothesis: hypothesisArb }, { requiredKeys: [] }),
      }).map((r) => ({
        name: r.name,
        description: 'Generated by test/properties/arbitrary.ts',
        teachingNote: 'Property-test scenario.',
        calendar: { start: `${r.year}-${String(r.month).padStart(2, '0')}`, steps: f.steps, ...(r.stepMonths === undefined ? {} : { stepMonths: r.stepMonths }) },
        cultureDimensions: f.dims,
        issues: f.issues.map((id) => ({ id })),
        stateDefaults: r.stateDefaults,
        states: f.ids.map((id, i) => ({ id, ...r.states[i] })),
        groups: r.groups,
        forums: r.forums,
        programmes: r.programmes,
        events: r.events,
        rivalries: r.rivalries,
        trust: r.trust,
        tension: r.tension,
        understanding: r.understanding,
        aims: r.aims,
        activities: r.activities,
        parameters: r.parameters,
        run: r.run,
      } as ScenarioInput));
    });

  return { ...nums, params, paramOverrides, activityOverrides, attributes, schedule, group, forum, programme, event, frame, scenarioInput };
}

export const EVENT_TYPES = ['incident', 'leadershipChange', 'shock', 'test', 'coreInterestIssue'] as const;

/** Run seeds as a scenario or the CLI gives them: integers or short strings. */
export const seedArb = fc.oneof(fc.integer(), fc.stringMatching(/^[a-z0-9]{1,8}$/));
/** Every form the hypothesis pattern accepts: the two names and blend=X. */
export const hypothesisArb = fc.oneof(
  fc.constantFrom('habits-first', 'trust-first'),
  int(0, 1000).map((k) => `blend=${k / 1000}`),
);

/* ------------------------------------------------------------------ the scenario ----- */

/** Scenario input objects (what a YAML file holds), valid by construction; see `scenarioArb`. */
export function scenarioInputArb(options: ScenarioArbOptions = {}): fc.Arbitrary<ScenarioInput> {
  const o = { ...DEFAULTS, ...options };
  return builders(o.numbers).scenarioInput(o);
}

/** Validates a scenario input through the real loader; throws with every problem if it is invalid. */
export function validate(input: ScenarioInput): Scenario {
  const loaded = parseScenario(JSON.stringify(input), '<arbitrary>');
  if (!loaded.ok) {
    throw new Error(`the arbitrary produced an invalid scenario (has the schema changed?):\n${loaded.problems.map(formatProblem).join('\n')}\n${JSON.stringify(input)}`);
  }
  return loaded.value;
}

/** A generated input together with the validated scenario it parses to. */
export interface Generated {
  input: ScenarioInput;
  scenario: Scenario;
}

/**
 * Validates an input and pairs it with its scenario. fast-check prints it (in a counterexample)
 * as the input's JSON only, which is a scenario file `npm run simulate` can run.
 */
export function generated(input: ScenarioInput): Generated {
  const g = { input, scenario: validate(input) };
  Object.defineProperty(g, fc.toStringMethod, { value: () => JSON.stringify(input), enumerable: false });
  return g;
}

/** Valid scenarios: generated inputs, each validated through the real schema. */
export function scenarioArb(options: ScenarioArbOptions = {}): fc.Arbitrary<Generated> {
  return scenarioInputArb(options).map(generated);
}
