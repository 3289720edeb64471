/** The experiment report's opening: its cover, the key figures and the scenarios' descriptions. */
import { cards, decimalsFor, fx, scenarioText, thousands } from '../common.js';
import type { Comparison } from '../../charts/index.js';
import { sideOf, verdictOfRow } from '../../charts/comparison.js';
import { verdictCounts } from './comparison.js';
import { html, join as joinHtml, paragraphs, table, type Html, type HtmlValue } from '../html.js';
import type { Section } from '../page.js';
import { metricWords, rowsOf, type ExperimentContext } from './context.js';

/** The metrics of the key figures table, in order: partner-pair metrics that no starting value decides. */
const KEY_METRICS = ['partnerBelief', 'brier', 'trusterPayoff'] as const;
const KEY_METRIC_NOTES: Record<(typeof KEY_METRICS)[number], string> = {
  partnerBelief: 'Final trust in partners: mean belief (a probability) over directed partner pairs at the last step; higher is better.',
  brier: 'Error of trust in partners: the Brier score, the mean squared gap between that belief and the partner\'s hidden trustworthiness; lower is better.',
  trusterPayoff: 'Payoff to states that relied: honoured reliances times R plus the S of each exploitation, summed over partner pairs and the run; higher is better.',
};

export function experimentCover({ plan, S, P, R, H }: ExperimentContext): Html {
  return joinHtml([
    html`<p class="kind">Entente experiment report</p>`,
    html`<h1>${plan.name}</h1>`,
    html`<p class="subtitle">${thousands(plan.runs)} runs: ${S} scenario${S === 1 ? '' : 's'} × ${P} parameter set${P === 1 ? '' : 's'} × ${R} replication${R === 1 ? '' : 's'} × ${H} hypotheses (${plan.hypotheses.join(', ')}), compared on the same seeds.</p>`,
    plan.description ? paragraphs(plan.description) : '',
    html`<p class="aside">Each scenario's own description and teaching note are in “Scenarios”.</p>`,
  ]);
}

export function keyFiguresSection({ plan, man, summary, S, P, R, c0, level, baseSet, baseWords, baseNote, headline, A, B, wall }: ExperimentContext): Section {
  const sumRow = (scenario: string, set: number, hyp: string, metric: string) => summary.find((r) => r.scenario === scenario && r.set === set && r.hypothesis === hyp && r.metric === metric);
  const leads = (c: Comparison, metric: string) => {
    const rows = c.rows.filter((r) => r.metric === metric);
    return { ...verdictCounts(c, rows), n: rows.length, verdicts: rows.some((r) => r.verdict !== undefined) };
  };
  // Cells without a value of the metric are counted apart: "of the N cells with values".
  const ofValued = (k: { noValues: number; withValues: number }) => (k.noValues > 0 ? `, of the ${k.withValues} cells with values (${k.noValues} without)` : '');
  const headLeads = c0 ? leads(c0, headline) : null;
  const shown = plan.hypotheses.slice(0, 2);
  // The key table: partner-pair metrics only (belief, its error, the trusters' payoff), never one a starting value decides.
  const keyMetrics = KEY_METRICS.filter((m) => plan.metrics.includes(m));
  const keyDigits = new Map(keyMetrics.map((m) => [m, decimalsFor(Math.max(0, ...summary
    .filter((r) => r.set === baseSet && r.metric === m).flatMap((r) => [Math.abs(r.mean), Math.abs(r.ciLow), Math.abs(r.ciHigh)]).filter(Number.isFinite)))]));
  const keyRows = plan.scenarios.map((s) => {
    const cells: HtmlValue[] = [s.name];
    for (const m of keyMetrics) {
      const d = keyDigits.get(m)!;
      for (const h of shown) {
        const r = sumRow(s.name, baseSet, h, m);
        cells.push(r && Number.isFinite(r.mean) ? html`${fx(r.mean, d)}<span class="ci-line">[${fx(r.ciLow, d)}, ${fx(r.ciHigh, d)}]</span>` : '–');
      }
    }
    const c = c0 ? rowsOf(c0, s.name, headline).find((r) => r.set === baseSet) : undefined;
    const side = c && c0 ? sideOf(c0, c) : 'none';
    cells.push(c && c.n === 0 ? 'no values' : c ? (side === 'a' ? A : side === 'b' ? B : c.verdict !== undefined && verdictOfRow(c) === 'equivalent' ? 'equivalent' : c.verdict !== undefined ? 'undecided' : 'neither clearly') : '–');
    return cells;
  });
  return {
    id: 'key-figures',
    title: 'Key figures',
    body: joinHtml([
      cards([
        { value: thousands(plan.runs), label: 'runs' },
        { value: String(S), label: `scenario${S === 1 ? '' : 's'}` },
        { value: String(P), label: `parameter set${P === 1 ? '' : 's'} (conditions)` },
        { value: String(R), label: 'replications per scenario, set and hypothesis' },
        { value: plan.hypotheses.join(' / '), label: 'hypotheses, on the same seeds' },
        ...(headLeads ? [
          headLeads.verdicts
            ? { value: `${headLeads.a} / ${headLeads.b} / ${headLeads.equivalent} / ${headLeads.undecided}`, label: `scenario and set combinations where ${A} leads / ${B} leads / they are equivalent / undecided on ${metricWords(headline)} (${level}% interval, margin ${c0?.rows.find((r) => r.metric === headline)?.margin ?? '?'}, tests adjusted over the cells)${ofValued(headLeads)}` }
            : { value: `${headLeads.a} / ${headLeads.b} / ${headLeads.withValues - headLeads.a - headLeads.b}`, label: `scenario and set combinations where ${A} / ${B} / neither leads on ${metricWords(headline)} (${level}% interval)${ofValued(headLeads)}` },
        ] : []),
        { value: wall, label: `wall time, ${man.workers ?? '?'} worker${man.workers === 1 ? '' : 's'}` },
      ]),
      keyMetrics.length > 0 ? joinHtml([
        html`<h3>${S === 1 ? 'The scenario' : 'Each scenario'}, ${baseWords}</h3>`,
        baseNote !== null ? html`<p class="note">${baseNote}</p>` : '',
        table(['scenario', ...keyMetrics.flatMap((m) => shown.map((h) => `${metricWords(m)}, ${h}`)), `leads on ${metricWords(headline)}`], keyRows,
          { numeric: keyMetrics.flatMap((_, j) => shown.map((_, k) => 1 + j * shown.length + k)) }),
        html`<p class="aside">Each number is the mean over ${R} replication${R === 1 ? '' : 's'} with its ${level}% bootstrap interval, on partner pairs (the pairs of states that deal with each other; docs/MODEL.md section 10.1). ${keyMetrics.map((m) => KEY_METRIC_NOTES[m]).join(' ')} “Leads”: the hypothesis that does better with a ${level}% interval of the paired difference that lies wholly beyond the metric's margin of practical equivalence (and a test, adjusted for the many cells, that agrees); “equivalent”: the interval lies within the margin; “undecided”: neither (see “Comparing the hypotheses”).</p>`,
      ]) : '',
    ]),
  };
}

export function scenariosSection({ plan, found }: ExperimentContext): Section {
  return {
    id: 'scenarios',
    title: 'Scenarios',
    body: joinHtml(plan.scenarios.map((s, k) => joinHtml([
      html`<h3>${s.name}</h3>`,
      html`<p class="aside"><code>${s.file}</code>; ${s.ids.length} states; ${s.steps} steps of ${s.stepMonths === 1 ? 'one month' : `${s.stepMonths} months`} from ${s.start}.</p>`,
      scenarioText(found[k], 'h4'),
    ]))),
  };
}
