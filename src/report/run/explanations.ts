/** The run report's "Why trust moved": the explanations of the pairs that moved most and those chosen, with their waterfalls. */
import { contributionsChart } from '../../charts/contributions.js';
import { waterfallChart } from '../../charts/waterfall.js';
import { explainPair, type PairExplanation } from '../../explain/index.js';
import type { ChartSet } from '../charts.js';
import { fx, pct, sx, thousands } from '../common.js';
import { html, join as joinHtml, paragraphs, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { RunContext } from './context.js';
import { pairsToExplain } from './pairs.js';

export function explanationSection(c: RunContext): Section {
  const { input, explain, fig, eventsMissing } = c;
  // --- Explanations --------------------------------------------------------------------------
  const explanations: Html[] = [];
  if (explain !== null) {
    for (const { pair: [a, b], why } of pairsToExplain(explain, input.pairs)) {
      let e: PairExplanation;
      try {
        e = explainPair(explain, { observer: a, subject: b });
      } catch (err) {
        explanations.push(html`<p class="missing">${a} → ${b}: cannot be explained (${err instanceof Error ? err.message : String(err)}).</p>`);
        continue;
      }
      explanations.push(explanationBlock(e, why, fig));
    }
  }
  return {
    id: 'explanations',
    title: 'Why trust moved',
    body: explain === null
      ? eventsMissing(`the moves in trust cannot be explained (${input.explainCaveat ?? 'no event log'})`)
      : joinHtml([
        html`<p>For the pairs whose trust moved most over the run${input.pairs.length > 0 ? ' and the pairs chosen with --pair' : ''}: the events that moved it, grouped by kind, with their share of the change. ${explain.caveats.length > 0 ? `Note: ${explain.caveats.join('; ')}; names are shown by id where unknown.` : ''}</p>`,
        explanations.length > 0 ? joinHtml(explanations) : html`<p>No pair's trust moved in this run.</p>`,
        html`<p class="aside">${explain.rows.length > 0 ? 'How to read the numbers: ' : ''}Contributions add up exactly in log-odds, the scale in which the model adds evidence; the change in trust (a probability) is split in proportion to them. Any other pair: <code>npm run explain -- ${input.dir} --pair A,B</code>.</p>`,
      ]),
  };
}

/** One explanation: heading, sentences, the table of the largest contributions, the waterfall. */
function explanationBlock(e: PairExplanation, why: string, fig: (spec: Parameters<ChartSet['add']>[0]) => Html): Html {
  // The groups the sentences name, then the same remainder they give (e.smaller): one count everywhere.
  const top = e.groups.slice(0, e.groups.length - (e.smaller?.groups ?? 0));
  const rows: (string | Html)[][] = top.map((g) => [
    g.kind === 'forgetting' ? 'forgetting between events' : g.label,
    g.kind === 'forgetting' ? '–' : thousands(g.count),
    sx(g.probability, 4),
    g.share === null ? '–' : pct(g.share),
  ]);
  if (e.smaller !== null) {
    const r = e.smaller;
    rows.push([`${r.groups} smaller contributions`, thousands(r.events), sx(r.probability, 4), r.share === null ? '–' : pct(r.share)]);
  }
  rows.push([html`<strong>total change</strong>`, thousands(e.events.length), html`<strong>${sx(e.change.trust, 4)}</strong>`, '–']);
  return html`<div class="explanation">
<h3>${e.observer.name}'s trust in ${e.subject.name} (${e.observer.id} → ${e.subject.id}): ${fx(e.from.trust)} → ${fx(e.to.trust)}</h3>
<p class="aside">Why this pair: ${why}.</p>
${paragraphs(e.sentences.join(' '))}
${table(['contribution (largest first)', 'events', 'change in trust', 'share of all the movement'], rows, { numeric: [1, 2, 3] })}
${fig(waterfallChart(e))}
${fig(contributionsChart(e))}
</div>`;
}

