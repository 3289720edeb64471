/**
 * The report of two runs side by side (`npm run report -- <run A> <run B>`): a cover naming both
 * (and whether they drew the same dice), regional trust over time of both on one chart, the key
 * figures with their differences, and the directed pair whose final trust differs most, over
 * time in both and explained in each.
 */
import { basename, resolve } from 'node:path';
import { trendFromSeries, trustOverTimeChart, type TrendRow } from '../../charts/index.js';
import type { PairExplanation } from '../../explain/index.js';
import { monthLabel } from '../../model/calendar.js';
import { figure, type ChartSet } from '../charts.js';
import { fx, pct, scenarioText, shellWord, sx, thousands } from '../common.js';
import { html, join as joinHtml, paragraphs, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { RunInput } from '../run/index.js';
import { keyFigures, trustPoints, type KeyFigure } from './figures.js';
import type { CompareInput } from './input.js';
import { explanationIn, mostDifferentPair, pairTrack } from './pair.js';

export { readCompareInput, compareFile, type CompareInput } from './input.js';
export { keyFigures, offDiagonalMean, trustPoints, type KeyFigure } from './figures.js';
export { mostDifferentPair, type PairDifference } from './pair.js';

/** What tells the two runs apart, for their labels: the hypothesis, else the scenario, seed, steps or folder. */
export function runLabels(input: CompareInput): [string, string] {
  const ma = input.a.manifest, mb = input.b.manifest;
  const parts: [string, string][] = [];
  if (ma.hypothesis !== mb.hypothesis) parts.push([ma.hypothesis, mb.hypothesis]);
  if (ma.scenario.sha256 !== mb.scenario.sha256) parts.push(ma.scenario.name !== mb.scenario.name ? [ma.scenario.name, mb.scenario.name] : [basename(ma.scenario.file), basename(mb.scenario.file)]);
  if (String(ma.seed) !== String(mb.seed)) parts.push([`seed ${ma.seed}`, `seed ${mb.seed}`]);
  if (ma.steps !== mb.steps) parts.push([`${ma.steps} steps`, `${mb.steps} steps`]);
  if (parts.length === 0) parts.push([basename(resolve(input.a.dir)), basename(resolve(input.b.dir))]);
  return [`A: ${parts.map((p) => p[0]).join(', ')}`, `B: ${parts.map((p) => p[1]).join(', ')}`];
}

/** Whether the two runs drew the same dice, in words. */
function diceWords(input: CompareInput): string {
  const ma = input.a.manifest, mb = input.b.manifest;
  const sameScenario = ma.scenario.sha256 === mb.scenario.sha256;
  const sameSeed = String(ma.seed) === String(mb.seed);
  if (input.sameDice) return `Both runs are of the same scenario file (the same SHA-256) with the same seed: the same dice, so what differs between them comes from what differs in the runs${ma.hypothesis !== mb.hypothesis ? ` (here the hypothesis, ${ma.hypothesis} against ${mb.hypothesis})` : ''}${ma.steps !== mb.steps ? ` and their lengths (${ma.steps} and ${mb.steps} steps)` : ''}.`;
  if (sameScenario) return `Both runs are of the same scenario file but with different seeds (${ma.seed} and ${mb.seed}): not the same dice, so part of any difference is chance.`;
  if (sameSeed) return `The runs share the seed (${ma.seed}) but not the scenario file (their SHA-256 differ${ma.scenario.file === mb.scenario.file ? '; the file was changed between the runs' : ''}): not the same dice, since a different scenario draws its numbers differently.`;
  return 'The runs differ in scenario file and seed: not the same dice, so part of any difference is chance.';
}

function runRow(r: RunInput, label: string): (string | Html)[] {
  const m = r.manifest, s = r.data.series;
  return [label, html`<code>${r.dir}</code>`, m.scenario.name, m.hypothesis, String(m.seed), `${m.steps} (${monthLabel(s[0].date)} to ${monthLabel(s[s.length - 1].date)})`, String(r.data.final.states.length)];
}

function differenceCell(f: KeyFigure): string {
  const d = f.b - f.a;
  return f.probability ? `${sx(d, 3)} (${trustPoints(d)})` : f.digits === 0 ? (d > 0 ? `+${thousands(d)}` : d < 0 ? `−${thousands(-d)}` : '0') : sx(d, f.digits);
}

/** An explanation's sentences and its largest contributions. */
function explanationBlock(label: string, e: PairExplanation | string): Html {
  if (typeof e === 'string') return html`<div class="explanation"><h4>${label}</h4><p class="missing">This pair cannot be explained in this run (${e}).</p></div>`;
  const top = e.groups.slice(0, e.groups.length - (e.smaller?.groups ?? 0));
  const rows: (string | Html)[][] = top.map((g) => [g.kind === 'forgetting' ? 'forgetting between events' : g.label, g.kind === 'forgetting' ? '–' : thousands(g.count), sx(g.probability, 4), g.share === null ? '–' : pct(g.share)]);
  if (e.smaller !== null) rows.push([`${e.smaller.groups} smaller contributions`, thousands(e.smaller.events), sx(e.smaller.probability, 4), e.smaller.share === null ? '–' : pct(e.smaller.share)]);
  rows.push([html`<strong>total change</strong>`, thousands(e.events.length), html`<strong>${sx(e.change.trust, 4)}</strong>`, '–']);
  return html`<div class="explanation">
<h4>${label}: ${fx(e.from.trust)} → ${fx(e.to.trust)}</h4>
${paragraphs(e.sentences.join(' '))}
${table(['contribution (largest first)', 'events', 'change in trust', 'share of all the movement'], rows, { numeric: [1, 2, 3] })}
</div>`;
}

/** Builds the sections of the report of two runs, drawing its charts into `charts`. */
export function compareReport(input: CompareInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }): { title: string; cover: Html; sections: Section[] } {
  const { a, b } = input;
  const [labelA, labelB] = runLabels(input);
  charts.slug = `${basename(resolve(a.dir))}-vs-${basename(resolve(b.dir))}`;
  const fig = (spec: Parameters<ChartSet['add']>[0]) => figure(charts.add(spec), ctx.chartsHref);
  const sameScenarioName = a.manifest.scenario.name === b.manifest.scenario.name;
  const subtitle = sameScenarioName ? `${a.manifest.scenario.name}; ${labelA} and ${labelB}` : `${labelA} and ${labelB}`;
  const title = sameScenarioName ? `${a.manifest.scenario.name}: two runs compared` : `${a.manifest.scenario.name} and ${b.manifest.scenario.name}: two runs compared`;

  const cover = joinHtml([
    html`<p class="kind">Entente report of two runs</p>`,
    html`<h1>${title}</h1>`,
    table(['run', 'folder', 'scenario', 'hypothesis', 'seed', 'steps', 'states'], [runRow(a, labelA), runRow(b, labelB)], { numeric: [4, 5, 6] }),
    html`<p class="subtitle">${diceWords(input)}</p>`,
    input.sameStates ? '' : html`<p class="missing">The two runs have different states (A: ${a.data.final.states.join(', ')}; B: ${b.data.final.states.join(', ')}), so no pair can be compared: the report compares regional figures only.</p>`,
    scenarioText(a.scenario),
    sameScenarioName ? '' : scenarioText(b.scenario),
  ]);

  const sections: Section[] = [];
  // --- Trust over time: both runs' regional mean trust on one chart ---------------------------
  const trend: TrendRow[] = [...trendFromSeries(a.data.series, { series: labelA }), ...trendFromSeries(b.data.series, { series: labelB })];
  sections.push({
    id: 'trust-over-time',
    title: 'Trust over time',
    body: joinHtml([
      html`<p>The region's mean trust (every state's trust in every other, as a probability) in both runs, from their <code>series.csv</code>.</p>`,
      fig(trustOverTimeChart(trend, { id: 'trust-over-time', subtitle })),
    ]),
  });

  // --- Key figures -----------------------------------------------------------------------------
  const figs = keyFigures(a, b);
  const trust = figs.find((f) => f.key === 'trust')!;
  const tension = figs.find((f) => f.key === 'tension')!;
  const agreements = figs.find((f) => f.key === 'agreements')!;
  const value = (f: KeyFigure, v: number) => (f.digits === 0 ? thousands(v) : fx(v, f.digits));
  sections.push({
    id: 'key-figures',
    title: 'Key figures side by side',
    body: joinHtml([
      html`<p>Regional trust ends at ${fx(trust.a)} in run A and ${fx(trust.b)} in run B: B's is ${trustPoints(trust.b - trust.a)} than A's (trust points are hundredths of the 0 to 1 scale). Mean tension ends ${fx(tension.a)} and ${fx(tension.b)} (${sx(tension.b - tension.a)}); ${thousands(agreements.a)} and ${thousands(agreements.b)} agreements are in force at the end.</p>`,
      table(['measure', labelA, labelB, 'difference (B − A)', 'from'], figs.map((f) => [f.label, value(f, f.a), value(f, f.b), differenceCell(f), html`<code>${f.source}</code>`]), { numeric: [1, 2, 3], cls: 'key-figures' }),
      html`<p class="aside">End-of-run figures are final.json's matrices averaged over every directed pair (trust, tension, habit), its agreements, the states' gains, losses and defections summed, and the nine outcomes' totals; counts over the run are series.csv's columns summed over the steps.</p>`,
    ]),
  });

  // --- The pair that differs most --------------------------------------------------------------
  const pair = input.sameStates ? mostDifferentPair(a, b) : null;
  if (!input.sameStates) {
    sections.push({ id: 'pair', title: 'The pair that differs most', body: html`<p class="missing">The two runs have different states, so their pairs cannot be set side by side; compare the regional figures above.</p>` });
  } else if (pair !== null) {
    const ea = explanationIn(a, pair.from, pair.to), eb = explanationIn(b, pair.from, pair.to);
    const ta = pairTrack(a, pair.from, pair.to, labelA, ea), tb = pairTrack(b, pair.from, pair.to, labelB, eb);
    const who = `${pair.from}'s trust in ${pair.to}`;
    const names = typeof ea !== 'string' ? `${ea.observer.name}'s trust in ${ea.subject.name} (${pair.from} → ${pair.to})` : `${who} (${pair.from} → ${pair.to})`;
    let chart: Html = html`<p class="missing">Neither run has pairs.csv or an event log, so this pair's trust over time cannot be drawn.</p>`;
    if (ta !== null && tb !== null) {
      const spec = trustOverTimeChart([...ta.rows, ...tb.rows], { id: 'pair-trust', subtitle, metric: who, title: `${who} over time` });
      chart = fig({ ...spec, plot: { ...spec.plot, y: { ...(spec.plot.y as object), label: 'trust (probability, 0-1)' } } });
    }
    const exact = ta?.exact === true && tb?.exact === true;
    sections.push({
      id: 'pair',
      title: 'The pair that differs most',
      body: joinHtml([
        html`<p>Of every directed pair, ${names} differs most between the runs at the end: ${fx(pair.a)} in run A and ${fx(pair.b)} in run B, B's ${trustPoints(pair.difference)} (from final.json).</p>`,
        chart,
        exact || ta === null || tb === null ? '' : html`<p class="aside">Trust over time of ${ta.exact ? 'run B' : tb.exact ? 'run A' : 'both runs'} from the event log (no pairs.csv): trust after the last event of each step, held until the next; the forgetting between events is not drawn. Simulate with <code>--pairs</code> for every step's trust.</p>`,
        html`<h3>Why it moved, in each run</h3>`,
        explanationBlock(labelA, ea),
        explanationBlock(labelB, eb),
        html`<p class="aside">Contributions add up exactly in log-odds, the scale in which the model adds evidence; the change in trust is split in proportion to them. Either run on its own: <code>npm run explain -- ${shellWord(a.dir)} --pair ${pair.from},${pair.to}</code>.</p>`,
      ]),
    });
  }

  // --- Reproduce --------------------------------------------------------------------------------
  const remake = (r: RunInput) => `npm run simulate -- ${shellWord(r.manifest.scenario.file)} --seed ${shellWord(String(r.manifest.seed))} --hypothesis ${r.manifest.hypothesis} --steps ${r.manifest.steps}${r.data.pairs.length > 0 ? ' --pairs' : ''} --out ${shellWord(r.dir)}`;
  sections.push({
    id: 'reproduce',
    title: 'Reproduce',
    body: joinHtml([
      html`<p>Each run again, then this report:</p>`,
      html`<pre><code>${remake(a)}\n${remake(b)}\n${ctx.reportCommand}</code></pre>`,
      table(['run', 'scenario file', 'SHA-256', 'model version'], [a, b].map((r, k) => [k === 0 ? 'A' : 'B', html`<code>${r.manifest.scenario.file}</code>`, html`<code class="wrap">${r.manifest.scenario.sha256}</code>`, r.manifest.modelVersion])),
    ]),
  });
  return { title, cover, sections };
}
