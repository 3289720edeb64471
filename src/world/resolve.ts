/**
 * Validated scenario -> resolved world (STYLE principle 6: normalise once). Ids become indices,
 * defaults are filled, pairwise constants become typed arrays. The core never checks its input
 * again: the schema's cross-checks guarantee every id here exists.
 */
import { strategyByName } from '../game/strategies.js';
import type { Strategy } from '../game/strategy.js';
import { OUTCOMES } from '../model/activity.js';
import { CATALOGUE } from '../model/catalogue.js';
import { clampLogit, logit } from '../model/logistic.js';
import { Parameters, WILL, type Params } from '../model/params.js';
import type { Scenario } from '../scenario/schema.js';
import { parseHypothesis, type Hypothesis } from './hypothesis.js';
import { Policy, type Activity, type Adjacency, type Forum, type Group, type ProgrammeLine, type RichardsonPairs, type World, type WorldEvent } from './world.js';
import { monthIndex } from '../model/calendar.js';

/** Built-in state defaults (MODEL 2); `stateDefaults` in a scenario overrides them. */
export const STATE_DEFAULTS = {
  capability: 1,
  equivocation: 0.2,
  receptivity: 0.8,
  seniority: 0.2,
  empathy: 0.5,
  transparency: 0.5,
  restraint: 0.5,
  trustworthiness: 0.8,
  sovereignty: 0.2,
  will: WILL,
  navalPresence: 0.3,
  budget: 24,
  policy: 'auto',
} as const;

export interface ResolveOptions {
  /** The hypothesis, as text or already parsed (default: the scenario's run.hypothesis). */
  hypothesis?: string | Hypothesis;
  /** Number of steps (default: the scenario's calendar.steps). */
  steps?: number;
}

/** Log-odds of a probability, kept within the core's limit so extreme inputs stay finite. */
const boundedLogit = (p: number) => clampLogit(logit(p));

export function resolveWorld(scenario: Scenario, options: ResolveOptions = {}): World {
  const params: Params = Parameters.parse(scenario.parameters);
  const given = options.hypothesis ?? scenario.run.hypothesis;
  const hypothesis = typeof given === 'string' ? given : given.text;
  const blend = typeof given === 'string' ? parseHypothesis(given) : given.blend;
  const steps = options.steps ?? scenario.calendar.steps;
  const n = scenario.states.length;
  const index = new Map(scenario.states.map((s, i) => [s.id, i]));
  const idx = (id: string): number => index.get(id)!;
  const nn = n * n;

  const attr = (key: keyof typeof STATE_DEFAULTS & string) => {
    const out = new Float64Array(n);
    scenario.states.forEach((s, i) => {
      const v = (s as Record<string, unknown>)[key] ?? (scenario.stateDefaults as Record<string, unknown>)[key] ?? STATE_DEFAULTS[key];
      out[i] = v as number;
    });
    return out;
  };
  const policy = new Uint8Array(n);
  scenario.states.forEach((s, i) => { policy[i] = Policy[s.policy ?? scenario.stateDefaults.policy ?? 'auto']; });
  // The schema has checked every name, so a lookup returns a strategy.
  const strategies = scenario.states.map((s): Strategy | null => {
    const name = s.strategy ?? scenario.stateDefaults.strategy;
    return name === undefined ? null : strategyByName(name) as Strategy;
  });

  // Issues and interests.
  const issueIds = scenario.issues.map((x) => x.id);
  const m = issueIds.length;
  const salience = new Float64Array(n * m);
  const stance = new Float64Array(n * m);
  scenario.states.forEach((s, i) => {
    const interests = { ...(scenario.stateDefaults.interests ?? {}), ...(s.interests ?? {}) };
    issueIds.forEach((iss, k) => {
      const it = interests[iss];
      if (it) { salience[i * m + k] = it.salience; stance[i * m + k] = it.stance; }
    });
  });

  // Language and culture distances (essay: "divided by a common language"; "differing cultures").
  const lang = new Float64Array(nn);
  const cult = new Float64Array(nn);
  const dims = scenario.cultureDimensions;
  const culture = scenario.states.map((s) => {
    const c = { ...(scenario.stateDefaults.culture ?? {}), ...(s.culture ?? {}) };
    return dims.map((d) => c[d] ?? 0.5);
  });
  const language = scenario.states.map((s) => s.language ?? scenario.stateDefaults.language ?? { primary: 'en', english: 1 });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const li = language[i], lj = language[j];
      lang[i * n + j] = li.primary === lj.primary ? 0 : 1 - Math.min(li.english, lj.english);
      let d2 = 0;
      for (let k = 0; k < dims.length; k++) d2 += (culture[i][k] - culture[j][k]) ** 2;
      cult[i * n + j] = dims.length === 0 ? 0 : Math.sqrt(d2 / dims.length);
    }
  }

  // Initial pairwise values.
  const fill = (v: number) => new Float64Array(nn).fill(v);
  const trust0 = fill(boundedLogit(scenario.trust.default));
  for (const p of scenario.trust.pairs) trust0[idx(p.from) * n + idx(p.to)] = boundedLogit(p.value);
  const tension0 = fill(scenario.tension.default);
  for (const p of scenario.tension.pairs) {
    const a = idx(p.between[0]), b = idx(p.between[1]);
    tension0[a * n + b] = p.value; tension0[b * n + a] = p.value;
  }
  const understanding0 = fill(scenario.understanding.default);
  for (const p of scenario.understanding.pairs) understanding0[idx(p.from) * n + idx(p.to)] = p.value;
  const aims = fill(scenario.aims.default);
  for (const p of scenario.aims.pairs) {
    const a = idx(p.between[0]), b = idx(p.between[1]);
    aims[a * n + b] = p.value; aims[b * n + a] = p.value;
  }
  for (let i = 0; i < n; i++) {
    trust0[i * n + i] = 0; tension0[i * n + i] = 0; understanding0[i * n + i] = 1; aims[i * n + i] = 1;
  }

  // Activities: catalogue plus overrides.
  const kinds = Object.keys(CATALOGUE);
  const activityIndex = new Map(kinds.map((k, i) => [k, i]));
  const activities: Activity[] = kinds.map((id, index) => {
    const spec = { ...CATALOGUE[id as keyof typeof CATALOGUE], ...(scenario.activities[id] ?? {}) };
    const weights = new Float64Array(OUTCOMES.length);
    OUTCOMES.forEach((o, k) => { weights[k] = spec.outcomes[o] ?? 0; });
    // One literal, fields in a fixed order: every activity object has the same hidden class, so
    // the hot loop's property reads stay monomorphic.
    return {
      id, index, label: spec.label, cost: spec.cost, lr: spec.lr, signalKind: spec.signalKind, mode: spec.mode,
      track: spec.track, languageLoad: spec.languageLoad, culturalLoad: spec.culturalLoad, needsParity: spec.needsParity,
      tensionCeiling: spec.tensionCeiling, stake: spec.stake, ambition: spec.ambition, naval: spec.naval,
      rivalTension: spec.rivalTension, outcomes: spec.outcomes, lnLR: Math.log(spec.lr), sigma: 1 / spec.lr, weights,
    };
  });
  // trust-first's declaration of trust (MODEL 6): a tied-hands signal outside the catalogue (never
  // chosen as a discretionary activity), appended after the catalogue kinds.
  const declaration = activities.length;
  activities.push({
    id: 'trustDeclaration', index: declaration, label: 'Declaration of trust', cost: params.declarationCost, lr: params.declarationLR,
    signalKind: 'tiedHands', mode: 'bilateral', track: 1, languageLoad: 0.8, culturalLoad: 0.6, needsParity: 0,
    tensionCeiling: 1, stake: 0, ambition: 1, naval: false, rivalTension: 0, outcomes: {},
    lnLR: Math.log(params.declarationLR), sigma: 1 / params.declarationLR, weights: new Float64Array(OUTCOMES.length),
  });
  const bilateral = Int32Array.from(
    activities.filter((a) => a.mode === 'bilateral' && a.index !== declaration).sort((a, b) => a.ambition - b.ambition || a.cost - b.cost || a.index - b.index).map((a) => a.index),
  );

  const groups: Group[] = scenario.groups.map((g) => ({
    id: g.id, name: g.name ?? g.id, closeness: g.closeness, members: Int32Array.from(g.members.map(idx)),
  }));
  const groupIndex = new Map(groups.map((g) => [g.id, g]));
  const never = 0x3fffffff;
  const forums: Forum[] = scenario.forums.map((f) => {
    const members = new Set<number>();
    for (const m of f.members) {
      const g = groupIndex.get(m);
      if (g) g.members.forEach((x) => members.add(x)); else members.add(idx(m));
    }
    return {
      id: f.id, name: f.name ?? f.id, track: f.track, activity: activityIndex.get(f.activity)!,
      members: Int32Array.from([...members].sort((a, b) => a - b)),
      start: f.schedule.start, every: f.schedule.every, end: f.schedule.end ?? never,
      codeFrom: f.codeForUnplannedEncounters ?? -1,
    };
  });
  const programmes: ProgrammeLine[] = [];
  for (const p of scenario.programmes) {
    const a = activityIndex.get(p.activity)!;
    const line = (to: number, mutual: boolean): ProgrammeLine => ({
      from: idx(p.from), to, activity: a, start: p.schedule.start, every: p.schedule.every, end: p.schedule.end ?? never, mutual,
    });
    if (activities[a].mode === 'broadcast') { programmes.push(line(-1, false)); continue; }
    for (const t of Array.isArray(p.to) ? p.to : [p.to]) programmes.push(line(idx(t), p.mutual));
  }

  const events = resolveEvents(scenario, idx, groups, issueIds, params);
  const eventStart = new Int32Array(steps + 1);
  {
    let k = 0;
    for (let t = 0; t <= steps; t++) {
      while (k < events.length && events[k].step < t) k++;
      eventStart[t] = k;
    }
  }

  // Adjacency: partners, watchers, rivals.
  const partnerSets = Array.from({ length: n }, () => new Set<number>());
  const link = (a: number, b: number) => { if (a !== b) { partnerSets[a].add(b); partnerSets[b].add(a); } };
  const watcherSets = Array.from({ length: n }, () => new Set<number>());
  for (const g of groups) for (const a of g.members) for (const b of g.members) if (a !== b) { link(a, b); watcherSets[a].add(b); }
  for (const f of forums) for (const a of f.members) for (const b of f.members) link(a, b);
  for (const p of programmes) if (p.to >= 0) link(p.from, p.to);
  // Every relation the scenario declares makes two states partners (candidates for
  // discretionary activities and random tests): shared groups, forums and programmes, per-pair
  // settings, rivalries (GRIT's natural target), and scheduled incidents and tests between them.
  for (const p of scenario.trust.pairs) link(idx(p.from), idx(p.to));
  for (const p of scenario.understanding.pairs) link(idx(p.from), idx(p.to));
  for (const p of scenario.tension.pairs) link(idx(p.between[0]), idx(p.between[1]));
  for (const p of scenario.aims.pairs) link(idx(p.between[0]), idx(p.between[1]));
  for (const [a, b] of scenario.rivalries) link(idx(a), idx(b));
  for (const e of scenario.events) {
    if (e.type === 'incident') link(idx(e.between[0]), idx(e.between[1]));
    else if (e.type === 'test') link(idx(e.truster), idx(e.trustee));
  }
  const rivalSets = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of scenario.rivalries) { rivalSets[idx(a)].add(idx(b)); rivalSets[idx(b)].add(idx(a)); }

  const richardson = scenario.richardson && scenario.rivalries.length > 0 ? racingPairs(scenario, idx, n) : null;

  const codeFrom = new Int32Array(nn).fill(-1);
  for (const f of forums) {
    if (f.codeFrom < 0) continue;
    for (const a of f.members) for (const b of f.members) {
      const q = a * n + b;
      if (a !== b && (codeFrom[q] < 0 || f.codeFrom < codeFrom[q])) codeFrom[q] = f.codeFrom;
    }
  }
  const naval = attr('navalPresence');
  let navalPairSum = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) navalPairSum += naval[i] * naval[j];

  const startMonth = monthIndex(scenario.calendar.start);
  return {
    name: scenario.name, n, ids: scenario.states.map((s) => s.id), names: scenario.states.map((s) => s.name ?? s.id),
    steps, stepMonths: scenario.calendar.stepMonths, startMonth, params, blend, hypothesis,
    capability0: attr('capability'), equivocation: attr('equivocation'), receptivity: attr('receptivity'),
    seniority: attr('seniority'), empathy: attr('empathy'), transparency: attr('transparency'),
    restraint: attr('restraint'), will: attr('will'), trustworthiness: attr('trustworthiness'), sovereignty: attr('sovereignty'),
    naval, budget0: attr('budget'), policy, salience,
    strategies, anyStrategy: strategies.some((x) => x !== null),
    game: { R: params.payoffReward, S: params.payoffSucker, T: params.payoffTemptation, P: params.payoffPunishment }, stance, issueIds,
    lang, cult, aims, trust0, tension0, understanding0,
    activities, declaration, bilateral, groups, forums, programmes, events, eventStart,
    partners: csr(partnerSets), watchers: csr(watcherSets), rivals: csr(rivalSets), richardson, codeFrom, navalPairSum,
  };
}

function resolveEvents(scenario: Scenario, idx: (id: string) => number, groups: Group[], issueIds: string[], params: Params): WorldEvent[] {
  const out: WorldEvent[] = scenario.events.map((e): WorldEvent => {
    const note = e.note ?? null;
    switch (e.type) {
      case 'coreInterestIssue':
        return { type: e.type, step: e.step, note, group: groups.findIndex((g) => g.id === e.group), issue: issueIds.indexOf(e.issue), decision: e.decision };
      case 'incident':
        return { type: e.type, step: e.step, note, a: idx(e.between[0]), b: idx(e.between[1]), escalates: e.escalates };
      case 'leadershipChange':
        return { type: e.type, step: e.step, note, state: idx(e.state), trustShift: e.trustShift, will: e.will ?? null, toward: e.toward ? Int32Array.from(e.toward.map(idx)) : null };
      case 'shock':
        return { type: e.type, step: e.step, note, states: Int32Array.from(e.states.map(idx)), tension: e.tension };
      case 'test':
        return { type: e.type, step: e.step, note, truster: idx(e.truster), trustee: idx(e.trustee), stake: e.stake ?? params.testStake, honours: e.honours };
    }
  });
  // Stable sort keeps the file's order within a step.
  return out.map((e, k) => ({ e, k })).sort((a, b) => a.e.step - b.e.step || a.k - b.k).map((x) => x.e);
}

/** The scenario's rivalries as unordered pairs (upper-triangle indices), each once, ascending. */
function racingPairs(scenario: Scenario, idx: (id: string) => number, n: number): RichardsonPairs {
  const isPair = new Uint8Array(n * n);
  for (const [a, b] of scenario.rivalries) {
    const i = idx(a), j = idx(b);
    isPair[i < j ? i * n + j : j * n + i] = 1;
  }
  const pairs: number[] = [];
  for (let u = 0; u < isPair.length; u++) if (isPair[u] !== 0) pairs.push(u);
  return { pairs: Int32Array.from(pairs), isPair };
}

function csr(sets: Set<number>[]): Adjacency {
  const start = new Int32Array(sets.length + 1);
  sets.forEach((s, i) => { start[i + 1] = start[i] + s.size; });
  const list = new Int32Array(start[sets.length]);
  sets.forEach((s, i) => list.set([...s].sort((a, b) => a - b), start[i]));
  return { start, list };
}
