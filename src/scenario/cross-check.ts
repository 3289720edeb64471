/**
 * Rules that relate fields of a scenario (ids that must exist, ids that must be unique, culture
 * vectors that must match the named dimensions), checked after the field-level rules.
 */
import type { z } from 'zod';
import { MONTH_PATTERN } from '../model/calendar.js';
import { ACTIVITY_IDS } from '../model/catalogue.js';
import { monthProblem } from './events.js';

type Ctx = z.RefinementCtx;

/* Lenient readers: crossCheck also runs on input that failed field checks, so nothing is assumed. */
type Any = { [k: string]: any };
const list = (x: unknown): Any[] => (Array.isArray(x) ? x : []);
const obj = (x: unknown): Any => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Any) : {});
const strs = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : []);

/** Relations between fields: every problem found, each with its path. */
export function crossCheck(raw: unknown, ctx: Ctx): void {
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
  const calendar = obj(s.calendar);
  const steps = calendar.steps;
  // A month can be placed among the steps only when the calendar itself is valid (else the
  // schema has said what is wrong with it).
  const stepMonths = calendar.stepMonths ?? 1;
  const calendarKnown = typeof calendar.start === 'string' && MONTH_PATTERN.test(calendar.start)
    && Number.isInteger(stepMonths) && stepMonths >= 1 && stepMonths <= 12 && Number.isInteger(steps) && steps >= 1;
  list(s.events).forEach((e, i) => {
    const p = ['events', i];
    if (e?.step !== undefined && e?.at !== undefined) {
      err([...p, 'at'], `give step or at, not both (got step ${String(e.step)} and at ${String(e.at)})`);
    } else if (e !== null && typeof e === 'object' && !Array.isArray(e) && e.step === undefined && e.at === undefined) {
      err(p, `missing step or at: when the event happens, as a step (step: 0 is ${calendarKnown ? calendar.start : 'calendar.start'}) or a month (at: YYYY-MM)`);
    }
    if (typeof e?.step === 'number' && typeof steps === 'number' && e.step >= steps) {
      err([...p, 'step'], `step ${e.step} is past the end of the run (calendar.steps is ${steps}, so the last step is ${steps - 1})`);
    }
    if (calendarKnown && typeof e?.at === 'string' && MONTH_PATTERN.test(e.at)) {
      const problem = monthProblem({ start: calendar.start, stepMonths }, steps, e.at);
      if (problem !== null) err([...p, 'at'], problem);
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
