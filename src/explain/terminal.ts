/**
 * An explanation as text for a terminal: the heading, the sentences, the table of the largest
 * contributions, the trust at both ends, how to read the table, and the caveats.
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

/** The explanation as text: heading, sentences, the table of contributions, the rule. */
export function explanationText(plan: { run: ExplainRun; explanation: PairExplanation; top: number }): string {
  const e = plan.explanation;
  const range = e.from.step === e.to.step ? `${e.from.date} (step ${e.from.step})` : `${e.from.date} to ${e.to.date} (steps ${e.from.step} to ${e.to.step})`;
  const lines = [
    `${possessive(e.observer.name)} trust in ${e.subject.name} (${e.observer.id} -> ${e.subject.id}), ${range}`,
    e.run,
    '',
    wrap(e.sentences.join(' ')),
    '',
  ];
  const shown = e.groups.slice(0, plan.top);
  const rest = e.groups.slice(plan.top);
  const row = (label: string, count: string, L: number, P: number, share: number | null) =>
    [clip(label, 72), count, withSign(L, 4), withSign(P, 4), share === null ? '-' : percent(share, 1)];
  const rows = shown.map((g) => row(g.kind === 'forgetting' ? 'forgetting between events' : g.label, g.kind === 'forgetting' ? '-' : String(g.count), g.logOdds, g.probability, g.share));
  if (rest.length > 0) {
    const L = rest.reduce((s, g) => s + g.logOdds, 0);
    rows.push(row(`${rest.length} smaller contributions`, String(rest.reduce((s, g) => s + g.count, 0)), L, rest.reduce((s, g) => s + g.probability, 0),
      e.change.logOdds !== 0 ? L / e.change.logOdds : null));
  }
  if (rows.length > 0) {
    rows.push(row('total change', String(e.events.length), e.change.logOdds, e.change.trust, e.change.logOdds !== 0 ? 1 : null));
    lines.push(table(['contribution (largest first)', 'events', 'log-odds', 'trust', 'share'], rows), '');
  }
  lines.push(
    wrap(`Trust at the start of ${e.from.date}: ${e.from.trust.toFixed(4)} (log-odds ${withSign(e.from.logOdds, 4)}); `
      + `at the end of ${e.to.date}: ${e.to.trust.toFixed(4)} (log-odds ${withSign(e.to.logOdds, 4)}).`),
    wrap(`How to read the table: ${e.attribution}`),
  );
  for (const c of plan.run.caveats) lines.push(wrap(`Note: ${c}; names are shown by id where unknown.`));
  return lines.join('\n');
}

