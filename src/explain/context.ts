/** What moved no trust but helps to read an explanation: unheeded signals, tests not relied on, incidents, agreements. */
import type { PairExplanation } from './explanation.js';
import type { ExplainRun, NoteRow } from './run.js';

export function contextOf(run: ExplainRun, observer: string, subject: string, from: number, to: number): PairExplanation['context'] {
  const inRange = (r: NoteRow) => r.step >= from && r.step <= to;
  const between = (r: NoteRow) => (r.a === observer && r.b === subject) || (r.a === subject && r.b === observer);
  let unheeded = 0, notRelied = 0, incidents = 0;
  const agreements: string[] = [];
  for (const r of run.notes) {
    if (!inRange(r)) continue;
    if (r.kind === 'unheeded' && r.a === subject && r.b === observer) unheeded++;
    else if (r.kind === 'not-relied' && r.a === observer && r.b === subject) notRelied++;
    else if (r.kind === 'incident' && between(r)) incidents++;
    else if (r.kind === 'agreement' && between(r)) agreements.push(run.dates[r.step]);
  }
  return { unheeded, notRelied, incidents, agreements };
}
