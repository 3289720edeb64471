/**
 * Plain words for an explanation: a label for each group of contributions and the sentences a
 * student reads. Names come from the run's scenario as they are (no escaping here: a terminal
 * shows text, and a chart's renderer escapes what it draws).
 */
import { withSign } from '../text/number.js';
import type { ContributionGroup, PairExplanation } from './explain.js';
import type { ExplainRun } from './run.js';

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);
/** "Malaysia's", "the Philippines'". */
export const possessive = (name: string) => (/s$/i.test(name) ? `${name}'` : `${name}'s`);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "Ship visit" -> "ship visit"; "ADMM meeting" stays. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);
/** "the Shangri-La Dialogue"; a name that already starts with "the" keeps its own. */
const theName = (s: string) => (/^the\s/i.test(s) ? s : `the ${s}`);

/** A probability amount for a sentence: 0.19, 0.004, or "less than 0.001". */
export function amount(v: number): string {
  const x = Math.abs(v);
  if (x >= 0.005) return x.toFixed(2);
  if (x >= 0.0005) return x.toFixed(3);
  return 'less than 0.001';
}

/** A signed amount: +0.19, -0.004, or "less than 0.001" (no sign). */
export function signedAmount(v: number): string {
  const a = amount(v);
  return a.startsWith('less') ? a : `${v >= 0 ? '+' : '-'}${a}`;
}

/** A share as a whole percentage: 62%, -8%, "<1%". */
export function percent(share: number | null): string {
  if (share === null) return '-';
  const p = Math.round(share * 100);
  if (p === 0 && share !== 0) return share > 0 ? '<1%' : '>-1%';
  if (p === 100 && share < 1) return '>99%';
  return `${p}%`;
}

/** Words that take no plural: an activity named by one is counted as "activities". */
const UNCOUNTABLE = new Set(['aid', 'assistance', 'building', 'cooperation', 'co-operation', 'equipment', 'intelligence',
  'reform', 'support', 'training', 'information', 'research', 'advice', 'diplomacy', 'exchange']);

/**
 * An activity's label for `n` of it: "1 ship visit", "14 ship visits", "3 displays of solidarity",
 * "2 material aid activities". The label's head noun (before "of", "for"..., or a bracket) is
 * made plural; a label already plural is kept.
 */
export function countActivity(n: number, label: string): string {
  const text = lowerFirst(label);
  const [, head, tail] = /^(.*?)((?:\s+\(.*\))?)$/.exec(text)!;
  const [, noun, rest] = /^(.*?)((?:\s+(?:of|for|to|with|between|in|on)\s.*)?)$/.exec(head)!;
  const [, before, last] = /^(.*?)([^\s/]*)$/.exec(noun)!;
  const countable = last !== '' && !UNCOUNTABLE.has(last.toLowerCase()) && /^[a-z-]+$/i.test(last);
  const alreadyPlural = /s$/i.test(last) && !/ss$/i.test(last);
  if (!countable || (alreadyPlural && n === 1)) return `${n} ${text} ${plural(n, 'activity', 'activities')}`;
  if (n === 1 || alreadyPlural) return `${n} ${text}`;
  const many = /(s|x|z|ch|sh)$/i.test(last) ? `${last}es` : /[^aeiou]y$/i.test(last) ? `${last.slice(0, -1)}ies` : `${last}s`;
  return `${n} ${before}${many}${rest}${tail}`;
}

/** The label of one group: a noun phrase with its count. */
export function groupLabel(run: ExplainRun, e: Pick<PairExplanation, 'observer' | 'subject'>, g: ContributionGroup): string {
  const n = g.count;
  const A = e.observer.name, B = e.subject.name;
  const acts = countActivity(n, g.activity === null ? 'activity' : run.activityNames.get(g.activity) ?? g.activity);
  const forum = g.forum === null ? null : theName(run.forumNames.get(g.forum) ?? g.forum);
  switch (g.kind) {
    case 'activity': {
      const what = forum === null ? acts : `${n} ${plural(n, 'signal')} at ${forum}`;
      const [count, ...words] = what.split(' ');
      const rest = words.join(' ');
      switch (g.outcome) {
        case 'misread': return `${count} misread ${rest}`;
        case 'deceived': return `${what} felt as deception`;
        case 'suspicious': return `${what} that aroused suspicion (above the tension ceiling)`;
        case 'suspicious-misread': return `${what} that aroused suspicion and ${plural(n, 'was', 'were')} misread`;
        default: return `${count} heeded ${rest}`;
      }
    }
    case 'symbolic':
      return `${possessive(B)} symbolic positioning in ${n} ${plural(n, 'signal')} to third states`;
    case 'test':
      if (g.outcome === 'honoured') return `${n} ${plural(n, 'test')} ${B} honoured`;
      if (g.outcome === 'exploited') return `${n} ${plural(n, 'time')} ${B} exploited ${possessive(A)} reliance`;
      return `${n} ${plural(n, 'test')}`;
    case 'incident':
      return `${n} escalated ${plural(n, 'incident')} between ${A} and ${B}`;
    case 'defection': {
      const group = g.group === null ? 'a group' : run.groupNames.get(g.group) ?? g.group;
      return n === 1 ? `${possessive(B)} defection from ${group}` : `${possessive(B)} ${n} defections from ${group}`;
    }
    case 'reputation':
      return `reputation through partners at ${n} forum ${plural(n, 'meeting')}`;
    case 'leadership':
      return n === 1 ? `a change of leadership in ${A}` : `${n} changes of leadership in ${A}`;
    case 'forgetting':
      return 'forgetting (trust relaxing toward its baseline between events)';
    default:
      return `${n} ${g.kind} ${plural(n, 'event')}`;
  }
}

/** Fills in the group labels and the sentences of an explanation. */
export function describe(run: ExplainRun, e: PairExplanation): void {
  for (const g of e.groups) g.label = groupLabel(run, e, g);
  e.sentences = [...sentences(e), ...noteSentences(run, e)];
}

/** The scenario's notes on the scheduled events in the range that moved the pair's trust, or that concern the pair and moved none. */
function noteSentences(run: ExplainRun, e: PairExplanation): string[] {
  const moved = new Map(e.events.map((c) => [c.index, c]));
  const notes = new Map<string, { date: string; probability: number | null }>();
  for (const r of run.rows) {
    const c = moved.get(r.index);
    if (c === undefined || r.note === null) continue;
    const n = notes.get(r.note) ?? { date: c.date, probability: 0 };
    notes.set(r.note, { ...n, probability: (n.probability ?? 0) + c.probability });
  }
  const pair = new Set([e.observer.id, e.subject.id]);
  for (const r of run.notes) {
    if (r.note !== null && !notes.has(r.note) && r.step >= e.from.step && r.step <= e.to.step && pair.has(r.a) && pair.has(r.b)) notes.set(r.note, { date: run.dates[r.step], probability: null });
  }
  if (notes.size === 0) return [];
  const list = [...notes].sort((x, y) => (x[1].date < y[1].date ? -1 : x[1].date > y[1].date ? 1 : 0)).map(([note, n]) => `"${note}" (${n.date}${n.probability === null ? ', no change' : `, ${signedAmount(n.probability)}`})`);
  return [`Scheduled ${plural(notes.size, 'event')} in the scenario's words: ${list.join('; ')}.`];
}

/** A group's label for `count` of its events within a period of the waterfall; "forgetting" for the forgetting. */
export function periodLabel(run: ExplainRun, e: PairExplanation, key: string, count: number): string {
  const g = e.groups.find((x) => x.key === key);
  return g === undefined || g.kind === 'forgetting' ? 'forgetting' : groupLabel(run, e, { ...g, count });
}

/** Short name of a group inside a sentence ("forgetting" rather than its long label). */
const inSentence = (g: ContributionGroup) => (g.kind === 'forgetting' ? 'forgetting' : g.label);
/** "a", "a and b", "a, b and c". */
const list = (parts: string[]) => (parts.length <= 2 ? parts.join(' and ') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`);

/** The sentence that ends every explanation that moved: how contributions and shares are measured. */
export const SHARES_SENTENCE = '(Each contribution is the change in trust it made when it happened, and forgetting the change '
  + 'between events, so together they add up to the change; shares are of all the movement, up and down, so none is above 100%.)';

function sentences(e: PairExplanation): string[] {
  const A = e.observer.name, B = e.subject.name;
  const dP = e.change.trust, dL = e.change.logOdds;
  const out: string[] = [];
  // Enough decimals that the change does not read as zero when it is not.
  const digits = Math.abs(dP) >= 0.005 || dP === 0 ? 2 : Math.abs(dP) >= 0.0005 ? 3 : 4;
  // A level is never printed as 0 or 1 when it is not (trust is a probability strictly between).
  const f = (v: number) => {
    let k = digits;
    while (k < 4 && ((v < 1 && Number(v.toFixed(k)) === 1) || (v > 0 && Number(v.toFixed(k)) === 0))) k++;
    return v.toFixed(k);
  };
  const signed = (v: number) => withSign(v, digits);
  const when = e.from.step === e.to.step ? `In ${e.from.date}` : `Between ${e.from.date} and ${e.to.date}`;
  const whose = `${possessive(A)} trust in ${B}`;
  if (e.groups.length === 0) {
    out.push(`${when} ${whose} stayed at ${f(e.from.trust)}: no event moved it, and it sat at its baseline, so there was nothing to forget.`);
    out.push(...contextSentences(e));
    return out;
  }
  const verb = dL > 0 ? 'rose' : dL < 0 ? 'fell' : 'ended where it started';
  out.push(dL === 0
    ? `${when} ${whose} ${verb}, at ${f(e.to.trust)}: its rises and falls cancelled out.`
    : `${when} ${whose} ${verb} from ${f(e.from.trust)} to ${f(e.to.trust)} (${signed(dP)}).`);
  // Only the groups the table names (the first `top`) are named here; the rest are counted as
  // the table counts them.
  const named = e.groups.slice(0, e.top);
  const rises = named.filter((g) => g.probability > 0), falls = named.filter((g) => g.probability < 0);
  const [withIt, against] = dL < 0 ? [falls, rises] : [rises, falls];
  const [dir, back] = dL < 0 ? ['down', 'up'] : ['up', 'down'];
  // Name up to `k` a side, leaving out any too small to matter beside the largest of all.
  const floor = 0.05 * Math.abs(e.groups[0].probability);
  const big = (gs: ContributionGroup[], k: number) => gs.slice(0, k).filter((g, i) => i === 0 || Math.abs(g.probability) >= floor);
  const item = (g: ContributionGroup) => `${inSentence(g)} (${signedAmount(g.probability)}, ${percent(g.share)})`;
  const mentioned = new Set<ContributionGroup>();
  const forgetting = named.find((g) => g.kind === 'forgetting');
  if (e.groups.length === 1) {
    out.push(`All of the ${dL < 0 ? 'fall' : 'rise'} came from ${inSentence(e.groups[0])}.`);
    mentioned.add(e.groups[0]);
  } else {
    const pushes = big(withIt, 3);
    if (pushes.length > 0) {
      for (const g of pushes) mentioned.add(g);
      out.push(`It was pushed ${dir} most by ${list(pushes.map(item))}.`);
    }
    const pulls = big(against, 2);
    if (forgetting !== undefined && against.includes(forgetting) && !pulls.includes(forgetting)) pulls.push(forgetting);
    if (pulls.length > 0) {
      for (const g of pulls) mentioned.add(g);
      out.push(`${pushes.length > 0 ? 'Pushing it' : 'It was pushed'} ${back}: ${list(pulls.map(item))}.`);
    }
  }
  if (forgetting !== undefined && !mentioned.has(forgetting)) {
    out.push(`Forgetting ${forgetting.probability > 0 ? 'added' : 'took away'} ${amount(forgetting.probability)} (${percent(forgetting.share)}).`);
  }
  if (forgetting !== undefined && forgetting.probability > 0 && Math.abs(forgetting.probability) >= 0.0005) {
    out.push(`(Forgetting added trust: for much of the time ${possessive(A)} trust in ${B} was below its baseline and relaxed back up toward it.)`);
  }
  if (e.smaller !== null) {
    const n = e.smaller.groups, events = e.smaller.events;
    out.push(`${n} smaller ${plural(n, 'contribution')} (${events} ${plural(events, 'event')}), after the ${e.top} largest, `
      + `came to ${signedAmount(e.smaller.probability)} together (${percent(e.smaller.share)}).`);
  }
  out.push(...contextSentences(e));
  out.push(SHARES_SENTENCE);
  return out;
}

function contextSentences(e: PairExplanation): string[] {
  const A = e.observer.name, B = e.subject.name;
  const c = e.context;
  const out: string[] = [];
  if (c.unheeded > 0) out.push(`${B} sent ${A} ${c.unheeded} other ${plural(c.unheeded, 'signal')} that ${A} did not heed; ${plural(c.unheeded, 'it', 'they')} moved no trust.`);
  if (c.notRelied > 0) out.push(`${A} chose not to rely on ${B} in ${c.notRelied} ${plural(c.notRelied, 'test')}.`);
  if (c.incidents > 0) out.push(`${c.incidents} ${plural(c.incidents, 'incident')} between them did not escalate and moved no trust.`);
  if (c.agreements.length > 0) out.push(`They signed a defence cooperation agreement in ${c.agreements.join(', ')} (an agreement moves no trust by itself).`);
  return out;
}
