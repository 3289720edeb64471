/**
 * An explanation as text for a terminal: the heading, the sentences, the table of the largest
 * contributions by kind, the same change period by period in the order it happened, the trust
 * at both ends, how to read the tables, and the caveats.
 */
import { table } from '../text/table.js';
import { percent, withSign } from '../text/number.js';
import type { PairExplanation } from './explain.js';
import type { ExplainRun } from './run.js';
import { possessive } from './text.js';

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 3)}...`);


/** Wraps a paragraph at `width` columns. */
function wrap(text: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The explanation as text: heading, sentences, the tables of contributions and periods, the rule. */
export function explanationText(plan: { run: ExplainRun; explanation: PairExplanation }): string {
  const e = plan.explanation;
  const range = e.from.step === e.to.step ? `${e.from.date} (step ${e.from.step})` : `${e.from.date} to ${e.to.date} (steps ${e.from.step} to ${e.to.step})`;
  const lines = [
    `${possessive(e.observer.name)} trust in ${e.subject.name} (${e.observer.id} -> ${e.subject.id}), ${range}`,
    e.run,
    '',
    wrap(e.sentences.join(' ')),
    '',
  ];
  // The groups the sentences name, then the same remainder they count (the query's `top`).
  const row = (label: string, count: string, P: number, share: number | null, L: number) =>
    [clip(label, 72), count, withSign(P, 4), share === null ? '-' : percent(share, 1), withSign(L, 4)];
  const rows = e.groups.slice(0, e.top).map((g) => row(g.kind === 'forgetting' ? 'forgetting between events' : g.label, g.kind === 'forgetting' ? '-' : String(g.count), g.probability, g.share, g.logOdds));
  if (e.smaller !== null) {
    rows.push(row(`${e.smaller.groups} smaller ${e.smaller.groups === 1 ? 'contribution' : 'contributions'}`, String(e.smaller.events), e.smaller.probability, e.smaller.share, e.smaller.logOdds));
  }
  if (rows.length > 0) {
    rows.push(row('total change', String(e.events.length), e.change.trust, null, e.change.logOdds));
    lines.push(table(['contribution (largest first)', 'events', 'trust', 'share', 'log-odds'], rows), '');
    // The same change in the order it happened: every level a level trust had.
    const periods = e.periods.map((p) => {
      const when = p.firstDate === p.lastDate ? p.firstDate : `${p.firstDate} to ${p.lastDate}`;
      const what = p.largest.length === 0 ? '' : `: ${p.largest[0]}${p.largest.length > 1 ? ` and ${p.largest.length - 1} more` : ''}`;
      return [clip(`${when}${what}`, 72), String(p.events), p.trustBefore.toFixed(4), p.trustAfter.toFixed(4), withSign(p.trustAfter - p.trustBefore, 4)];
    });
    lines.push(table(['when, in order: what moved trust most', 'events', 'from', 'to', 'change'], periods), '');
  }
  lines.push(
    wrap(`Trust at the start of ${e.from.date}: ${e.from.trust.toFixed(4)} (log-odds ${withSign(e.from.logOdds, 4)}); `
      + `at the end of ${e.to.date}: ${e.to.trust.toFixed(4)} (log-odds ${withSign(e.to.logOdds, 4)}).`),
    wrap(`How to read the tables: ${e.attribution} The second table follows the range in order: each line runs from `
      + 'trust just after the previous line\'s last event (or at the start) to trust just after its own last event (the last '
      + 'line: to the end), so it includes the forgetting before its events.'),
  );
  for (const c of plan.run.caveats) lines.push(wrap(`Note: ${c}; names are shown by id where unknown.`));
  return lines.join('\n');
}

