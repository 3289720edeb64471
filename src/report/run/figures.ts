/**
 * The sections of a run report about what happened: the cover, key figures, trust over time,
 * who trusts whom, the network, tension and events, the outcomes, and transmitter and receiver.
 */
import {
  outcomesChart, pairsFromFinal, pairTrustChart, profileFromFinal, timelineChart, transmitterReceiverChart, trendFromSeries,
  trustMatrixChart, trustNetworkChart, trustOverTimeChart,
} from '../../charts/index.js';
import { monthLabel } from '../../model/calendar.js';
import { cards, fx, pct, scenarioText, sx, thousands } from '../common.js';
import { html, join as joinHtml, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { RunContext } from './context.js';
import { conditionWords } from './reproduce.js';
import { topSender } from './pairs.js';

/** The report's cover: the scenario, the run, and the scenario's description and teaching note. */
export function runCover(c: RunContext): Html {
  const { m, series, first, last, states, scenario } = c;
  const cover = joinHtml([
    html`<p class="kind">Entente run report</p>`,
    html`<h1>${m.scenario.name}</h1>`,
    html`<p class="subtitle">Hypothesis ${m.hypothesis}, seed ${String(m.seed)}; ${states.length} states, ${series.length - 1} steps, ${monthLabel(first.date)} to ${monthLabel(last.date)}.</p>`,
    m.experiment ? html`<p class="subtitle">Run ${String(m.experiment.run)} of the experiment <code>${m.experiment.file}</code>: parameter set ${String(m.experiment.set)} (${conditionWords(m.experiment.parameters)}), replication ${String(m.experiment.replication)} (as runs.csv numbers them, from 0).</p>` : '',
    scenarioText(scenario),
  ]);

  const sections: Section[] = [];

  return cover;
}

/** Key figures, trust over time, who trusts whom, the network, the timeline, outcomes, transmitter and receiver. */
export function figureSections(c: RunContext): Section[] {
  const { input, m, data, fig, series, first, last, peak, states, names, subtitle, hasPairs, hasEvents, sum, v, pairsMissing, eventsMissing } = c;
  const sections: Section[] = [];
  // Full names for the matrix and the network (ids where the scenario is not found).
  const nameOf = new Map(states.map((s, k) => [s, names[k] ?? s]));

  // --- Key figures ---------------------------------------------------------------------------
  const activities = sum('activities'), heeded = sum('heeded');
  sections.push({
    id: 'key-figures',
    title: 'Key figures',
    body: joinHtml([
      cards([
        { value: `${fx(v(first, 'meanTrust'))} → ${fx(v(last, 'meanTrust'))}`, label: `regional mean trust, start → last step (${sx(v(last, 'meanTrust') - v(first, 'meanTrust'))})` },
        { value: `${fx(v(first, 'meanTension'))} → ${fx(v(last, 'meanTension'))}`, label: `mean tension (peak ${fx(v(peak, 'meanTension'))}, ${monthLabel(peak.date)})` },
        { value: `${fx(v(first, 'meanHabit'))} → ${fx(v(last, 'meanHabit'))}`, label: 'mean habit of cooperation' },
        { value: thousands(activities), label: `activities undertaken, ${pct(activities > 0 ? heeded / activities : Number.NaN)} heeded` },
        { value: `${thousands(sum('tests'))}`, label: `tests of cooperation: ${thousands(sum('honoured'))} honoured, ${thousands(sum('exploited'))} exploited` },
        { value: `${thousands(sum('incidents'))}`, label: `incidents, ${thousands(sum('escalations'))} escalated` },
        { value: `${thousands(sum('defections'))}`, label: 'defections on core national interest' },
        { value: `${thousands(v(last, 'agreementsTotal'))}`, label: 'defence cooperation agreements in force at the end' },
      ]),
      table(['measure', `start (${first.date}, before any activity)`, `last step (${last.date})`], [
        ['regional mean trust', fx(v(first, 'meanTrust')), fx(v(last, 'meanTrust'))],
        ['spread of trust across pairs (sd)', fx(v(first, 'trustSpread')), fx(v(last, 'trustSpread'))],
        ['mean tension', fx(v(first, 'meanTension')), fx(v(last, 'meanTension'))],
        ['mean habit', fx(v(first, 'meanHabit')), fx(v(last, 'meanHabit'))],
        ['agreements signed', thousands(v(first, 'agreementsTotal')), thousands(v(last, 'agreementsTotal'))],
      ], { numeric: [1, 2] }),
      table(['over the run', 'count'], [
        ['activities undertaken', thousands(activities)],
        ['heeded', thousands(heeded)],
        ['misread', thousands(sum('misread'))],
        ['felt as deception', thousands(sum('deceived'))],
        ['aroused suspicion (heeded above the activity\'s tension ceiling)', thousands(sum('suspicious'))],
        ['declined by the sender', thousands(sum('declined'))],
        ['forum meetings', thousands(sum('forumMeetings'))],
        ['tests (honoured / exploited)', `${thousands(sum('tests'))} (${thousands(sum('honoured'))} / ${thousands(sum('exploited'))})`],
        ['incidents (escalated)', `${thousands(sum('incidents'))} (${thousands(sum('escalations'))})`],
        ['defections', thousands(sum('defections'))],
      ], { numeric: [1] }),
      html`<h3>States</h3>`,
      table(['id', 'name'], states.map((id, k) => [html`<code>${id}</code>`, names[k] ?? id]), { cls: 'narrow' }),
    ]),
  });

  // --- Trust over time -----------------------------------------------------------------------
  sections.push({
    id: 'trust-over-time',
    title: 'Trust over time',
    body: joinHtml([
      html`<p>The region's mean trust (every state's trust in every other, as a probability), with a band of one standard deviation across directed pairs; then chosen pairs.</p>`,
      fig(trustOverTimeChart(trendFromSeries(series, { spread: true, series: m.hypothesis }), { id: 'trust-over-time', subtitle, bandLabel: 'one sd of trust across directed pairs' })),
      hasPairs
        ? fig(pairTrustChart(data.pairs, { id: 'pair-trust', subtitle, pairs: input.pairs.length > 0 ? input.pairs : undefined }))
        : pairsMissing('chosen pairs\' trust over time cannot be drawn'),
      hasPairs && input.pairs.length === 0 ? html`<p class="aside">Pairs shown: the ones that moved most. Choose others with <code>--pair A,B</code> (repeatable).</p>` : '',
    ]),
  });

  // --- Who trusts whom ---------------------------------------------------------------------
  sections.push({
    id: 'trust-matrix',
    title: 'Who trusts whom',
    body: hasPairs
      ? joinHtml([
        html`<p>The trust matrix at the start, the middle and the end of the run.</p>`,
        fig(trustMatrixChart(data.pairs, { id: 'trust-matrix', subtitle, names: nameOf })),
      ])
      : joinHtml([
        pairsMissing('only the final trust matrix can be shown'),
        fig(trustMatrixChart(pairsFromFinal(data.final), { id: 'trust-matrix', subtitle, names: nameOf })),
      ]),
  });

  // --- Network -------------------------------------------------------------------------------
  sections.push({
    id: 'trust-network',
    title: 'The trust network',
    body: joinHtml([
      html`<p>Who trusts whom at the end of the run, as a network; defence cooperation agreements are marked.</p>`,
      fig(trustNetworkChart(data.final, { id: 'trust-network', subtitle, names: nameOf })),
    ]),
  });

  // --- Timeline ------------------------------------------------------------------------------
  sections.push({
    id: 'timeline',
    title: 'Tension and events',
    body: joinHtml([
      hasEvents ? '' : eventsMissing('the event lanes are empty'),
      fig(timelineChart(series, data.events, { id: 'timeline', subtitle })),
    ]),
  });

  // --- Outcomes ------------------------------------------------------------------------------
  sections.push({
    id: 'outcomes',
    title: 'The nine outcomes',
    body: joinHtml([
      html`<p>The essay's nine outcomes of defence diplomacy, summed over every pair and the whole run.</p>`,
      fig(outcomesChart([profileFromFinal(data.final, m.hypothesis)], { id: 'outcomes', subtitle })),
    ]),
  });

  // --- Transmitter and receiver --------------------------------------------------------------
  const sender = hasEvents ? topSender(data) : null;
  sections.push({
    id: 'transmitter-receiver',
    title: 'Transmitter and receiver',
    body: sender === null
      ? (hasEvents ? html`<p>No state sent any activity in this run.</p>` : eventsMissing('what each state sent and received is unknown'))
      : joinHtml([
        html`<p>${sender.state}${names[states.indexOf(sender.state)] !== sender.state ? ` (${names[states.indexOf(sender.state)]})` : ''} sent the most activities of any state (${thousands(sender.sent)}): what it sent and received, and how it was taken, by kind of activity and by partner.</p>`,
        fig(transmitterReceiverChart(data.events, sender.state, { id: `transmitter-receiver-${sender.state}-activity`, subtitle, by: 'activity' })),
        fig(transmitterReceiverChart(data.events, sender.state, { id: `transmitter-receiver-${sender.state}-partner`, subtitle, by: 'partner' })),
      ]),
  });

  return sections;
}
