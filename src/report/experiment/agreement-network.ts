/**
 * The experiment report's section "The agreement network against Kinne (2018)": per scenario
 * and hypothesis, whether new agreements closed triangles and attached to well-connected states
 * more than a tie drawn uniformly from the partner pairs without an agreement then (the metrics
 * networkClosureRatio and networkAttachmentRatio, experiment/metrics.ts; the null is
 * record/network.ts's AgreementNull), read from summary.csv: the mean ratio over the runs that
 * have one with its bootstrap interval, the share of runs above 1, the observed and expected
 * counts, and the run's plain triadic share and degree dependence. The words are chosen from the
 * interval, never asserted: above 1 only when the whole interval is.
 */
import type { SummaryRow } from '../../charts/index.js';
import { decimalsFor, fx, pct } from '../common.js';
import { html, join as joinHtml, table, type HtmlValue } from '../html.js';
import type { Section } from '../page.js';
import { MANY_SETS, type ExperimentContext } from './context.js';

export const NETWORK_SECTION_ID = 'agreement-network';

/** The two mechanisms: the ratio metric, its counts, its share above chance, and words. */
export const MECHANISMS = [
  {
    key: 'closure', name: 'triadic closure', ratio: 'networkClosureRatio', observed: 'networkClosingTies', expected: 'networkClosingExpected', excess: 'networkClosingExcess',
    ties: 'networkClosureTies', above: 'networkClosureAboveChance', plain: 'networkTriadicShare',
    what: 'ties that closed a triangle (the two states already shared an agreement partner) over the number expected',
    above1: 'new agreements close triangles more often than chance among partners',
    below1: 'new agreements close triangles less often than chance among partners',
  },
  {
    key: 'attachment', name: 'preferential attachment', ratio: 'networkAttachmentRatio', observed: 'networkAttachmentDegree', expected: 'networkAttachmentExpected', excess: 'networkAttachmentExcess',
    ties: 'networkAttachmentTies', above: 'networkAttachmentAboveChance', plain: 'networkDegreeDependence',
    what: 'the signed pairs’ endpoint degree sum (their agreements before signing) over its expectation',
    above1: 'new agreements go to states that already have more agreements than chance among partners would give them',
    below1: 'new agreements go to states with fewer agreements than chance among partners would give them',
  },
] as const;

/** Every metric the section reads; it is shown when the experiment has the two ratios. */
export const NETWORK_METRICS: readonly string[] = MECHANISMS.flatMap((m) => [m.ratio, m.observed, m.expected, m.excess, m.ties, m.above, m.plain]);

/** Words for the network metrics, where the report names a metric. */
export const NETWORK_METRIC_WORDS: Record<string, string> = {
  networkClosureRatio: 'triadic closure of new agreements (observed / expected)',
  networkClosingTies: 'closing ties observed',
  networkClosingExpected: 'closing ties expected among partners',
  networkClosingExcess: 'closing ties beyond chance per run',
  networkClosureTies: 'ties with a closure null',
  networkClosureAboveChance: 'share of runs with closure above chance',
  networkAttachmentRatio: 'preferential attachment of new agreements (observed / expected)',
  networkAttachmentDegree: 'endpoint degree sum observed',
  networkAttachmentExpected: 'endpoint degree sum expected among partners',
  networkAttachmentExcess: 'endpoint degree beyond chance per run',
  networkAttachmentTies: 'ties with an attachment null',
  networkAttachmentAboveChance: 'share of runs with attachment above chance',
  networkTriadicShare: 'share of new agreements that closed a triangle',
  networkDegreeDependence: 'degree dependence of new agreements (all pairs as null)',
};

type Cell = Pick<SummaryRow, 'n' | 'mean' | 'ciLow' | 'ciHigh'> | undefined;

/**
 * What the intervals say. Two readings of "more than chance" must agree: the mean over runs of
 * the ratio (its interval against 1) and the mean excess observed - expected (its interval
 * against 0, which is the pooled ratio, all observed over all expected, against 1). They differ
 * when few ties are expected per run: a run with one closing tie where 0.01 was expected has a
 * ratio of 100 and lifts the mean of ratios, while the excess weighs it by what it adds.
 * `above`/`below`: both wholly above (below); `covers`: both cover; `mixed`: they disagree;
 * `single`: one run, no interval; `none`: no run had a ratio.
 */
export type Reading = 'above' | 'below' | 'covers' | 'mixed' | 'single' | 'none';

const side = (r: Cell, at: number): 'above' | 'below' | 'covers' => (r!.ciLow > at ? 'above' : r!.ciHigh < at ? 'below' : 'covers');

export function readingOf(ratio: Cell, excess: Cell): Reading {
  if (ratio === undefined || ratio.n === 0 || !Number.isFinite(ratio.mean)) return 'none';
  if (excess === undefined || ![ratio.ciLow, ratio.ciHigh, excess.ciLow, excess.ciHigh].every(Number.isFinite)) return 'single';
  const a = side(ratio, 1), b = side(excess, 0);
  return a === b ? a : 'mixed';
}

/** Whether the experiment has what the section needs: the two ratios. */
export function hasNetworkMetrics(metrics: readonly string[]): boolean {
  return MECHANISMS.every((m) => metrics.includes(m.ratio));
}

/** The section, or null when the experiment does not have the network metrics. */
export function agreementNetworkSection(x: ExperimentContext): Section | null {
  const { plan, R, level, baseWords, baseNote, P, setLabel } = x;
  if (!hasNetworkMetrics(plan.metrics)) return null;
  // Every parameter set when there are few (e.g. a mechanism switched off beside the scenario as written), else the one shown.
  const sets = networkSets(x);
  const interval = (r: SummaryRow | undefined, d: number): HtmlValue =>
    r === undefined || r.n === 0 || !Number.isFinite(r.mean) ? '–' : html`${fx(r.mean, d)}<span class="ci-line">[${fx(r.ciLow, d)}, ${fx(r.ciHigh, d)}]</span>`;
  const plainMean = (r: SummaryRow | undefined, d: number) => (r === undefined || r.n === 0 || !Number.isFinite(r.mean) ? '–' : fx(r.mean, d));
  const body: HtmlValue[] = [
    html`<p>Kinne (2018) found that states sign defence cooperation agreements with partners that are already well connected (preferential attachment) and with the partners of their partners (triadic closure), because a partner's agreements tell a state about a prospective partner's trustworthiness. Here each new agreement of a run is held against a tie drawn at random from the pairs that could have signed at that moment: the pairs of states that deal with each other (programmes, forums, groups, declared relations), since agreements form only between them, and that have no agreement yet. The ratio observed / expected is <strong>1 when new agreements are as chance among partners</strong> would make them, above 1 when they prefer closing triangles (or well-connected states), below 1 when they avoid them. A ratio whose whole ${level}% interval lies above 1 (with the excess per run, below, agreeing) means the model reproduces the mechanism in that scenario; an interval that covers 1 means the runs cannot tell it from chance.</p>`,
    html`<p class="aside">Each ratio is the mean over the runs that have one (of ${R} per scenario and hypothesis) with its ${level}% bootstrap interval; “runs above 1” is the share of those runs whose ratio is above 1 (with its interval); “observed / expected” are the mean counts per run behind the ratio, so small numbers show; the “pooled ratio” is their quotient (all observed over all expected), and the “excess per run” is observed − expected with its interval: it is above 0 exactly when the pooled ratio is above 1. The mean of ratios and the pooled ratio can differ a lot when few ties are expected per run (a run with one closing tie where 0.01 was expected has a ratio of 100), so a mechanism is called reproduced only when both intervals say so: the mean ratio's wholly above 1 and the excess's wholly above 0. A tie counts only when its null could tell: for closure when some but not all candidate pairs would have closed a triangle, for attachment when the candidates' degree sums differed (never the first tie, when every degree is 0). A run where no tie counted has no ratio (an empty cell in runs.csv), and is left out of the mean, not counted as 0. Neither hypothesis is better for these measures: they describe how the network grows, not how well trust is built.</p>`,
    sets.length === 1 && P > 1 ? (baseNote !== null ? html`<p class="note">${baseNote}</p>` : html`<p class="aside">Shown: ${baseWords}.</p>`) : '',
  ];
  for (const m of MECHANISMS) {
    const rows = mechanismRows(x, m, sets);
    const bySet = sets.length > 1;
    const where = (r: (typeof rows)[number]) => (bySet ? `${r.s}, ${setLabel(r.set)}` : r.s);
    const d = decimalsFor(Math.max(0, ...rows.flatMap((r) => [r.ratio?.mean ?? 0, r.ratio?.ciHigh ?? 0]).filter(Number.isFinite)));
    // Counts per row with their own decimals: a scenario where 0.02 closing ties are expected per run must not show 0.00.
    const dcOf = (r: (typeof rows)[number]) => decimalsFor(Math.max(0, ...[r.obs?.mean ?? 0, r.exp?.mean ?? 0].filter(Number.isFinite)));
    const shareCell = (r: SummaryRow | undefined): HtmlValue => r === undefined || r.n === 0 || !Number.isFinite(r.mean) ? '–' : html`${pct(r.mean)}<span class="ci-line">[${pct(r.ciLow)}, ${pct(r.ciHigh)}]</span>`;
    body.push(html`<h3>${m.name[0].toUpperCase()}${m.name.slice(1)}: ${m.what}</h3>`);
    body.push(table(
      ['scenario', ...(bySet ? ['condition'] : []), 'hypothesis', 'runs with a ratio', 'mean ratio', 'runs above 1', 'observed / expected per run', 'pooled ratio', 'excess per run', 'ties counted per run (all runs)', m.key === 'closure' ? 'share of ties closing a triangle (no null)' : 'degree dependence (all pairs as null)', 'reading'],
      rows.map((r) => [
        r.s, ...(bySet ? [setLabel(r.set)] : []), r.h, `${r.ratio?.n ?? 0} of ${R}`, interval(r.ratio, d), shareCell(r.above),
        r.obs && r.exp && r.obs.n > 0 ? `${fx(r.obs.mean, dcOf(r))} / ${fx(r.exp.mean, dcOf(r))}` : '–',
        r.obs && r.exp && r.obs.n > 0 && r.exp.mean > 0 ? fx(r.obs.mean / r.exp.mean, d) : '–',
        interval(r.excess, dcOf(r)), plainMean(r.ties, 2), plainMean(r.plain, 2), readingWords(r.reading, m, level),
      ]),
      { numeric: [2, 3, 4, 5, 6, 7, 8, 9].map((k) => k + (bySet ? 1 : 0)) },
    ));
    body.push(html`<p>${summaryWords(rows.map((r) => ({ scenario: where(r), hypothesis: r.h, reading: r.reading })), m, bySet)}</p>`);
  }
  return { id: NETWORK_SECTION_ID, title: 'The agreement network against Kinne (2018)', body: joinHtml(body) };
}

type Mechanism = (typeof MECHANISMS)[number];

/** The parameter sets the network is read at: every set when there are few, else the one shown. */
function networkSets(x: ExperimentContext): number[] {
  return x.P <= MANY_SETS ? x.plan.sets.map((_, k) => k) : [x.baseSet];
}

/** One mechanism's cells (scenario, set, hypothesis) with their summary rows and reading. */
function mechanismRows(x: ExperimentContext, m: Mechanism, sets: readonly number[]) {
  const row = (scenario: string, set: number, hyp: string, metric: string) => x.summary.find((r) => r.scenario === scenario && r.set === set && r.hypothesis === hyp && r.metric === metric);
  return x.plan.scenarios.flatMap((s) => sets.flatMap((set) => x.plan.hypotheses.map((h) => {
    const at = (metric: string) => row(s.name, set, h, metric);
    const cell = { s: s.name, set, h, ratio: at(m.ratio), obs: at(m.observed), exp: at(m.expected), excess: at(m.excess), ties: at(m.ties), above: at(m.above), plain: at(m.plain) };
    return { ...cell, reading: readingOf(cell.ratio, cell.excess) };
  })));
}

/** For a handout: per mechanism, in one sentence, in how many cells it is reproduced; null without the network measures. */
export function networkSummaries(x: ExperimentContext): { mechanism: string; sentence: string }[] | null {
  if (!hasNetworkMetrics(x.plan.metrics)) return null;
  const sets = networkSets(x);
  return MECHANISMS.map((m) => {
    const rows = mechanismRows(x, m, sets);
    const n = (r: Reading) => rows.filter((c) => c.reading === r).length;
    const of = `${rows.length} scenario${sets.length > 1 ? ', condition' : ''} and view combinations`;
    const rest = [n('covers') > 0 ? `indistinguishable from chance in ${n('covers')}` : '', n('below') > 0 ? `below chance in ${n('below')}` : '', n('mixed') > 0 ? `unclear (the two checks disagree) in ${n('mixed')}` : ''].filter((t) => t !== '');
    return { mechanism: m.name, sentence: `${cap(m.name)}: above chance among partners (the whole ${x.level}% interval above 1) in ${n('above')} of the ${of}${rest.length > 0 ? `; ${rest.join('; ')}` : ''}.` };
  });
}

/** The reading of one cell in words. */
export function readingWords(reading: Reading, m: Mechanism, level: number): string {
  switch (reading) {
    case 'above': return `above 1 (the whole ${level}% interval, and the excess's above 0): reproduced; ${m.above1}`;
    case 'below': return `below 1 (the whole ${level}% interval, and the excess's below 0): not reproduced; ${m.below1}`;
    case 'covers': return `the interval covers 1 (and the excess's covers 0): not distinguishable from chance among partners`;
    case 'mixed': return `the mean ratio and the excess per run disagree (one interval excludes chance, the other does not): not counted as reproduced`;
    case 'single': return 'one run only: no interval, no reading';
    default: return 'no run had a tie whose null could tell';
  }
}

/** A sentence over the cells: where the mechanism is reproduced, where the interval covers 1, where it is below. */
export function summaryWords(cells: readonly { scenario: string; hypothesis: string; reading: Reading }[], m: Mechanism, bySet = false): string {
  const list = (r: Reading) => cells.filter((c) => c.reading === r).map((c) => `${c.scenario} (${c.hypothesis})`);
  const above = list('above'), covers = list('covers'), below = list('below'), mixed = list('mixed'), single = list('single'), none = list('none');
  const of = `${cells.length} scenario${bySet ? ', condition' : ''} and hypothesis combination${cells.length === 1 ? '' : 's'}`;
  const parts: string[] = [];
  parts.push(above.length === 0 ? `In none of the ${of} is ${m.name} above chance among partners.` : `${cap(m.name)} is above chance among partners, the whole interval above 1, in ${above.length} of the ${of}: ${above.join(', ')}.`);
  if (covers.length > 0) parts.push(`The interval covers 1 in ${covers.length}: ${covers.join(', ')}.`);
  if (below.length > 0) parts.push(`It is below chance, the whole interval below 1, in ${below.length}: ${below.join(', ')}.`);
  if (mixed.length > 0) parts.push(`The mean ratio and the excess per run disagree in ${mixed.length}, so they are not counted as reproduced: ${mixed.join(', ')}.`);
  if (single.length > 0) parts.push(`A single run had a ratio, too few for an interval, in ${single.length}: ${single.join(', ')}.`);
  if (none.length > 0) parts.push(`No run had a tie that could tell in ${none.length}: ${none.join(', ')}.`);
  return parts.join(' ');
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
