/**
 * The timeline's caption (chart 4): how regional mean tension moved, what came with its peak,
 * and what happened over the run, in words computed from the data.
 */
import type { EventRow } from './data.js';
import { f, listWords, monthLabel, plural, shortMonth, signed, unique } from './common.js';
import type { LaneEvent } from './timeline-lanes.js';

/** Regional mean tension at one step. */
export interface TensionPoint { step: number; date: string; x: Date; v: number }

/**
 * The caption's sentences, the peak of tension, and the number of escalated incidents; causes
 * of the peak are searched in the `w` steps up to it (inclusive), `months` months a step.
 */
export function timelineCaption(tension: readonly TensionPoint[], events: readonly EventRow[], lanes: readonly LaneEvent[], months: number, w: number): { sentences: string[]; peak: TensionPoint; totalEsc: number } {
  // Peak of tension and what came with it.
  let peak = tension[0];
  for (const t of tension) if (t.v > peak.v) peak = t;
  const near = lanes.filter((l) => l.step <= peak.step && l.step > peak.step - w);
  const prev = tension.find((t) => t.step === peak.step - 1);
  const causes: string[] = [];
  const inc = near.filter((l) => l.lane === 'incidents');
  const nInc = inc.reduce((s, l) => s + l.count, 0);
  const nEsc = inc.reduce((s, l) => s + (l.escalated ?? 0), 0);
  const defs = events.filter((e) => e.kind === 'defection' && e.observer === undefined && e.step <= peak.step && e.step > peak.step - w);
  const shocks = near.filter((l) => l.lane === 'shocks and new leaders').flatMap((l) => (l.label ? l.label.split(', ') : []));
  if (defs.length > 0) {
    const groups = [...new Set(defs.map((e) => e.group ?? ''))];
    causes.push(listWords(groups.map((g) => {
      const who = defs.filter((e) => (e.group ?? '') === g).map((e) => e.state ?? '?');
      return `${who.length === 1 ? 'a defection' : `${who.length} defections`}${g ? ` from the ${g} line` : ''} (${listWords(who)})`;
    })));
  }
  if (shocks.length > 0) causes.push(listWords(shocks));
  if (nInc > 0) {
    const pairs = new Map<string, number>();
    for (const e of events) {
      if (e.kind === 'incident' && e.observer === undefined && e.step <= peak.step && e.step > peak.step - w && e.between) {
        const k = e.between.join('–');
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
    }
    const top = [...pairs.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    const between = top ? top[0].split('–').join(' and ') : '';
    causes.push(`${plural(nInc, 'incident')}${nEsc > 0 ? ` (${nEsc} escalated)` : ''}${top && pairs.size > 1 ? `, most between ${between}` : top ? ` between ${between}` : ''}`);
  }
  const inWindow = (e: EventRow) => e.step <= peak.step && e.step > peak.step - w;
  const exploited = events.filter((e) => e.kind === 'test' && inWindow(e) && e.relied === true && e.honoured === false);
  if (exploited.length > 0) {
    const who = unique(exploited.map((e) => `${e.trustee} exploiting ${e.truster}'s reliance`));
    causes.push(`${exploited.length === 1 ? 'a test' : `${exploited.length} tests`} of cooperation betrayed (${listWords(who.slice(0, 3))}${who.length > 3 ? ' and others' : ''})`);
  }
  const suspicious = events.filter((e) => e.kind === 'activity' && inWindow(e) && e.suspicious === true);
  if (suspicious.length > 0) causes.push(`${plural(suspicious.length, 'activity', 'activities')} above the tension ceiling that aroused suspicion`);
  const windowWords = w * months === 1 ? 'that month' : `the ${w * months} months to then`;
  const sentences: string[] = [];
  const t0 = tension[0], t1 = tension[tension.length - 1];
  sentences.push(`Regional mean tension went from ${f(t0.v)} in ${monthLabel(t0.date)} to ${f(t1.v)} in ${monthLabel(t1.date)}.`);
  let peakSentence = `It peaked at ${f(peak.v)} in ${monthLabel(peak.date)}`;
  if (prev) peakSentence += ` (${signed(peak.v - prev.v, 3)} on the ${months === 1 ? 'month' : 'step'} before)`;
  peakSentence += causes.length > 0 ? `, with ${listWords(causes)} in ${windowWords}.` : `, with no incident, defection, shock, betrayed test or suspicious activity in ${windowWords}: tension there reflects earlier events not yet relaxed.`;
  sentences.push(peakSentence);
  const total = (lane: string) => lanes.filter((l) => l.lane === lane).reduce((s, l) => s + l.count, 0);
  const totalEsc = lanes.filter((l) => l.lane === 'incidents').reduce((s, l) => s + (l.escalated ?? 0), 0);
  const counts: [number, string, string][] = [
    [total('incidents'), 'incident', 'incidents'],
    [total('exercises'), 'exercise', 'exercises'],
    [total('forum meetings'), 'forum meeting', 'forum meetings'],
    [total('betrayed tests'), 'betrayed test of cooperation', 'betrayed tests of cooperation'],
    [total('defections'), 'defection', 'defections'],
    [total('agreements'), 'agreement', 'agreements'],
    [total('shocks and new leaders'), 'shock or leadership change', 'shocks or leadership changes'],
  ];
  const some = counts.filter(([n]) => n > 0).map(([n, one, many]) => (one === 'incident' ? `${plural(n, one, many)} (${totalEsc} escalated)` : plural(n, one, many)));
  const none = counts.filter(([n]) => n === 0).map(([, , many]) => many);
  sentences.push(`Over the run: ${some.length > 0 ? listWords(some) : 'no events'}${none.length > 0 && some.length > 0 ? `; no ${listWords(none).replace(/ and /g, ' or ')}` : ''}.`);
  const agreements = lanes.filter((l) => l.lane === 'agreements');
  if (agreements.length > 0) sentences.push(`Agreements: ${listWords(agreements.map((l) => `${l.label} (${shortMonth(l.date)})`))}.`);
  sentences.push('Below the line, one lane per kind of event: bars give each step\'s count of incidents, exercises and forum meetings (tallest bar = the lane\'s busiest step); dots mark betrayed tests, defections, agreements, shocks and new leaders.');
  return { sentences, peak, totalEsc };
}
