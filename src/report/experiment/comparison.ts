/**
 * The experiment report's comparison of the hypotheses: which leads on each metric, then their
 * trajectories on the same dice, the paired differences, the sweep map and the outcomes.
 */
import { verdictsChart, type Comparison, type ComparisonRow } from '../../charts/index.js';
import { sideOf, verdictOfRow } from '../../charts/comparison.js';
import { paramsLabel } from '../../charts/common.js';
import { decimalsFor, sx } from '../common.js';
import { html, join as joinHtml, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import { isNeutral, MANY_SETS, metricWords, type ExperimentContext } from './context.js';
import { differencesFigures, sweepMapFigures } from './differences.js';
import { outcomeFigures } from './outcomes.js';
import { trajectoryFigures } from './trajectories.js';

/** The measures of the verdicts chart (those the experiment has), in order. */
const VERDICT_CHART_METRICS: readonly string[] = ['partnerBelief', 'brier', 'auc', 'reliance', 'trusterPayoff', 'exploitationLoss', 'missedOpportunities', 'activityContinuation', 'regionalHabit'];

/** Measures whose values are probabilities: a difference is read in trust points (hundredths). */
const PROBABILITY_METRICS = new Set(['partnerBelief', 'partnerBeliefMean', 'regionalTrust', 'regionalTrustMean', 'regionalTrustGain', 'regionalTrustSpread']);
const SHARE_METRICS = new Set(['reliance', 'honouredShare', 'heededRate', 'activityContinuation', 'regionalHabit']);

/**
 * A metric's difference in words a student reads: the mean over the cells with values of A − B,
 * in trust points or percentage points where the metric is a probability or a share, and the
 * share of paired runs in which each did better.
 */
function differenceInWords(rows: ComparisonRow[]): string {
  const valued = rows.filter((r) => r.n > 0 && Number.isFinite(r.meanDiff));
  if (valued.length === 0) return '–';
  const d = valued.reduce((t, r) => t + r.meanDiff, 0) / valued.length;
  const m = rows[0].metric;
  const size = PROBABILITY_METRICS.has(m) ? `${(Math.abs(d) * 100).toFixed(1)} trust points` : SHARE_METRICS.has(m) ? `${(Math.abs(d) * 100).toFixed(1)} percentage points` : Math.abs(d).toPrecision(2);
  let n = 0, a = 0, b = 0;
  for (const r of valued) if (r.winsA !== undefined && r.winsB !== undefined) { n += r.n; a += r.winsA * r.n; b += r.winsB * r.n; }
  // A and B as the table names them (A = the comparison's first hypothesis).
  const runs = n > 0 ? `; A better in ${Math.round((a / n) * 100)}% of paired runs, B in ${Math.round((b / n) * 100)}%` : '';
  return `A ${size} ${d >= 0 ? 'higher' : 'lower'} on average${runs}`;
}

/** The replications that would decide the undecided cells of a metric: the median of their planning figures, in words. */
function toDecide(rows: ComparisonRow[]): string {
  const ns = rows.map((r) => r.replicationsNeeded).filter((n): n is number => typeof n === 'number').sort((x, y) => x - y);
  if (ns.length === 0) return '–';
  const mid = ns[Math.floor((ns.length - 1) / 2)];
  return mid > 1_000_000 ? 'more than 1,000,000' : `about ${mid.toLocaleString('en-US')}`;
}

/** A cell with no value of its metric: no run of it had one (n = 0), e.g. activity after a betrayal where none is scripted. */
export const hasNoValues = (r: ComparisonRow): boolean => r.n === 0;

/**
 * Counts of the verdicts of one comparison on one metric's rows: of the cells with values
 * (`withValues`); the cells with none (`noValues`) are counted apart, not as undecided.
 */
export function verdictCounts(c: Comparison, rows: ComparisonRow[]): { a: number; b: number; equivalent: number; undecided: number; noValues: number; withValues: number } {
  const valued = rows.filter((r) => !hasNoValues(r));
  const a = valued.filter((r) => sideOf(c, r) === 'a').length, b = valued.filter((r) => sideOf(c, r) === 'b').length;
  const equivalent = valued.filter((r) => verdictOfRow(r) === 'equivalent').length;
  return { a, b, equivalent, undecided: valued.length - a - b - equivalent, noValues: rows.length - valued.length, withValues: valued.length };
}

/** For each comparison, a table of how often each hypothesis leads, by metric, with its largest lead. */
function leadTables({ comparisons, S, P }: ExperimentContext): Html[] {
  // Among many scattered sets a set's nine conditions would fill the cell: name it by its number (plan.json's sets).
  const setWords = (r: ComparisonRow) => (P > MANY_SETS ? `set ${r.set}` : paramsLabel(r.params));
  const out: Html[] = [];
  for (const c of comparisons) {
    const withVerdicts = c.rows.some((r) => r.verdict !== undefined);
    // Metrics on which neither direction is better (the agreement network's) have no leader: they are left out here.
    const all = [...new Set(c.rows.map((r) => r.metric))];
    const metrics = all.filter((m) => !isNeutral(m));
    const neutral = all.filter(isNeutral);
    const best = (rows: ComparisonRow[]) => [...rows].sort((x, y) => Math.abs(y.meanDiff) - Math.abs(x.meanDiff))[0];
    const where = (r: ComparisonRow | undefined) => r === undefined ? '–'
      : html`${S > 1 ? `${r.scenario}, ` : ''}${setWords(r)}: ${sx(r.meanDiff, decimalsFor(Math.abs(r.meanDiff)))} <span class="aside">[${sx(r.ciLow, decimalsFor(Math.abs(r.meanDiff)))}, ${sx(r.ciHigh, decimalsFor(Math.abs(r.meanDiff)))}]</span>`;
    out.push(html`<h3>Which hypothesis leads: ${c.a} against ${c.b}</h3>`);
    const neutralNote = neutral.length > 0 ? html`<p class="aside">Not counted here: ${neutral.map(metricWords).join('; ')}. Neither direction of these is better for trust-building (they describe how the agreement network grows), so no hypothesis leads on them; their paired differences are in the comparison table, and their reading in “The agreement network against Kinne (2018)”.</p>` : null;
    if (metrics.length === 0) { if (neutralNote !== null) out.push(neutralNote); continue; }
    const anyEmpty = c.rows.some(hasNoValues);
    const empty = (rows: ComparisonRow[]) => (anyEmpty ? [String(rows.filter(hasNoValues).length)] : []);
    if (withVerdicts) {
      // One line per measure: what is better and its margin under its name; both largest leads in one cell.
      // Short heads for the narrow count columns: A and B are named above the table.
      out.push(html`<p class="aside">A = ${c.a}, B = ${c.b}; counts are of cells.</p>`);
      out.push(table(['measure', 'A leads', 'B leads', 'equi­valent', 'unde­cided', ...(anyEmpty ? ['no values'] : []), 'in words', 'largest leads (A − B)', 'replications to decide (median of undecided)'], metrics.map((m) => {
        const rows = c.rows.filter((r) => r.metric === m);
        const k = verdictCounts(c, rows);
        const valued = rows.filter((r) => !hasNoValues(r));
        const la = valued.filter((r) => sideOf(c, r) === 'a'), lb = valued.filter((r) => sideOf(c, r) === 'b');
        const leads = joinHtml([
          la.length > 0 ? html`<span class="ci-line">${c.a}: ${where(best(la))}</span>` : '',
          lb.length > 0 ? html`<span class="ci-line">${c.b}: ${where(best(lb))}</span>` : '',
        ]);
        return [html`${metricWords(m)}<span class="ci-line">${rows[0]?.better ?? 'higher'} is better; margin ${String(rows[0]?.margin ?? '–')}</span>`, String(k.a), String(k.b), String(k.equivalent), String(k.undecided), ...empty(rows), differenceInWords(rows), la.length + lb.length > 0 ? leads : '–', toDecide(valued)];
      }), { numeric: anyEmpty ? [1, 2, 3, 4, 5] : [1, 2, 3, 4], cls: 'leads' }));
    } else {
      // A folder analysed before the verdicts: leading is the interval excluding zero.
      out.push(table(['metric', 'better', `${c.a} leads`, `${c.b} leads`, 'neither', ...(anyEmpty ? ['no values'] : []), `largest lead for ${c.a} (A − B)`, `largest lead for ${c.b} (A − B)`], metrics.map((m) => {
        const rows = c.rows.filter((r) => r.metric === m);
        const valued = rows.filter((r) => !hasNoValues(r));
        const la = valued.filter((r) => r.leader === 'a'), lb = valued.filter((r) => r.leader === 'b');
        return [metricWords(m), rows[0]?.better ?? 'higher', String(la.length), String(lb.length), String(valued.length - la.length - lb.length), ...empty(rows), where(best(la)), where(best(lb))];
      }), { numeric: anyEmpty ? [2, 3, 4, 5] : [2, 3, 4] }));
    }
    if (neutralNote !== null) out.push(neutralNote);
    out.push(html`<p class="aside">Counts are of ${S > 1 ? 'scenario and parameter set combinations' : 'parameter sets'} (${c.rows.filter((r) => r.metric === metrics[0]).length} per metric)${anyEmpty ? html`; “no values” counts the cells where the metric has no value in any run (e.g. activity kept up after a betrayal, in a scenario that scripts none), which are neither leads nor undecided, and the other counts are of the cells with values` : ''}.</p>`);
  }
  return out;
}

export function comparisonSection(x: ExperimentContext): Section {
  const { plan, c0, A, B, level } = x;
  const comp: Html[] = [];
  if (c0 === undefined) {
    comp.push(html`<p class="missing">The experiment has only one hypothesis (${plan.hypotheses.join(', ')}), so there is nothing to compare. List two in the experiment file's <code>hypotheses</code>.</p>`);
  } else {
    comp.push(html`<p>${A} (A) against ${B} (B), paired on the same seeds: each replication runs both hypotheses with the same random numbers, so their difference is the hypothesis's effect and not luck. Intervals are ${level}% bootstrap intervals of the mean paired difference A − B.</p>`);
    if (c0.rows.some((r) => r.verdict !== undefined)) {
      comp.push(html`<p><strong>How to read “leads”, “equivalent” and “undecided”.</strong> Every metric has a <em>margin</em>: the smallest difference that would matter (for beliefs, two points of probability; the margins are in the table below and in docs/MODEL.md section 10.2, and an experiment file can set its own). A hypothesis <em>leads</em> only when the whole interval of the difference lies beyond the margin on its better side: it is better, and by enough to matter. The two are <em>equivalent</em> when the whole interval lies within the margin: whatever the difference is, it is too small to matter. Otherwise the data cannot tell yet (<em>undecided</em>), and the table says roughly how many replications would settle it if the spread stayed as it is.</p>`);
      comp.push(html`<p><strong>Many comparisons at once.</strong> Each metric is compared in every scenario and parameter set; among many cells, some would seem to show a difference by chance alone (at ${level}%, about one in ${Math.round(100 / (100 - level))} of the cells where there is none). So a lead also needs the paired t-test's p-value to stay below ${((100 - level) / 100).toFixed(2)} after the Benjamini–Hochberg adjustment over all the cells of that metric, which keeps the expected share of chance findings among the cells it passes near ${100 - level}% (a bound proved for independent cells; with the same seeds in every cell it is approximate). The raw and adjusted p-values (<code>pValue</code>, <code>pAdjusted</code>) are in <code>comparison.json</code>.</p>`);
    } else {
      comp.push(html`<p>A hypothesis “leads” when it does better and the interval excludes zero (this folder was analysed before the margins of practical equivalence, so its comparisons have no verdicts).</p>`);
    }
    comp.push(...leadTables(x));
    comp.push(x.fig(verdictsChart(c0, { id: 'verdicts', metrics: x.plan.metrics.filter((m) => VERDICT_CHART_METRICS.includes(m)) })));
    comp.push(...trajectoryFigures(x));
    comp.push(...differencesFigures(x, c0));
    comp.push(...sweepMapFigures(x, c0));
    comp.push(...outcomeFigures(x));
  }
  return { id: 'comparison', title: 'Comparing the hypotheses', body: joinHtml(comp) };
}
