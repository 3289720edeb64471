/**
 * The two views of the essay in plain words, the question an experiment asks of them and its
 * answer in a few sentences computed from the comparison (and the sensitivity analysis when
 * there is one), with its caveat: the opening of the experiment report and the body of the
 * handout. Every sentence follows the numbers; none assumes which view leads.
 */
import type { Comparison, ComparisonRow } from '../../charts/index.js';
import { factorsForMetric, mainScenario, verdictTally } from '../../charts/index.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { SensitivityInput } from '../sensitivity/input.js';
import { metricWords, type ExperimentContext } from './context.js';

/** The essay's passage ("What is the Point?") that the two hypotheses come from. */
export const ESSAY_PASSAGE = 'Conventional wisdom would have it that trust will be developed as the habits of cooperation are reinforced and defence diplomacy is a series of cooperative habits. Equally, it might be that states must choose to trust and use various defence diplomacy mechanisms as the vehicle to translate the trust into specific outcomes.';

/** Each view in plain words, by hypothesis name. */
export const VIEW_WORDS: Readonly<Record<string, { title: string; text: string }>> = {
  'habits-first': {
    title: 'Habits first: trust grows out of cooperation',
    text: 'States keep up their contacts, exercises and programmes as a matter of routine, whatever they believe about each other. The routine makes a partner familiar, and a state acts on what it believes about the partner plus that familiarity. A betrayal shakes the routine but does not stop it.',
  },
  'trust-first': {
    title: 'Trust first: states must choose to trust',
    text: 'Each state decides, partner by partner, whether to extend trust: it does so when what it believes about the partner, plus its willingness to take a leap of faith, is enough for what is at stake. Only then does it take up activities with the partner and rely on it in a crisis; a betrayal makes it withdraw that trust.',
  },
};

/** What the two views share, so that a difference between them is one of mechanism. */
export const COMMON_GROUND = 'In the model both views start from the same belief about every partner and learn from what they see in exactly the same way; they differ only in what comes first, the habit or the decision to trust. They are run on the same dice, so every difference between them comes from that order.';

/** Conditions of the experiments in seminar words. */
export const CONDITION_WORDS: Readonly<Record<string, string>> = {
  tension: 'initial tension',
  equivocation: 'how equivocal states are about their activities',
  receptivity: 'how receptive states are to signals',
  seniority: 'how far states assert senior status',
  culturalDistance: 'cultural distance',
  languageDistance: 'language distance',
  groupCloseness: 'how close the groups are',
  willingness: 'willingness to take a leap of faith',
  untrustworthyShare: 'the share of untrustworthy states',
};
export const conditionWords = (c: string): string => CONDITION_WORDS[c] ?? c.replace(/^parameters\./, 'the model parameter ');

/** Measures whose values are probabilities: differences are read as trust points (0 to 100). */
const PROBABILITY_METRICS = new Set(['partnerBelief', 'partnerBeliefMean', 'regionalTrust', 'regionalTrustMean', 'regionalTrustGain']);
/** Measures an answer may name as where the views differ most, in this order on ties. */
const DIFFERENCE_METRICS = ['reliance', 'exploitationLoss', 'missedOpportunities', 'trusterPayoff', 'brier', 'auc', 'regionalHabit', 'activityContinuation', 'activityRate', 'honouredShare'];

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number, d: number) => x.toFixed(d);

/** The mean over valued cells of a's and b's share of paired runs in which each did better. */
function runShares(rows: readonly ComparisonRow[]): { a: number; b: number } | null {
  let n = 0, a = 0, b = 0;
  for (const r of rows) {
    if (r.n === 0 || !Number.isFinite(r.meanDiff) || r.winsA === undefined || r.winsB === undefined) continue;
    n += r.n; a += r.winsA * r.n; b += r.winsB * r.n;
  }
  return n === 0 ? null : { a: a / n, b: b / n };
}

/** The mean over valued cells of the paired difference a - b. */
function meanDifference(rows: readonly ComparisonRow[]): number | null {
  const xs = rows.filter((r) => r.n > 0 && Number.isFinite(r.meanDiff)).map((r) => r.meanDiff);
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

export interface Answer {
  /** The question the experiment asked, in one sentence. */
  question: string;
  /** Three or four sentences. */
  sentences: string[];
  caveat: string;
  /** The measure the views differ on most (most cells where one leads), or null. */
  focus: string | null;
  /** The condition that matters most for the focus measure's difference, from the sensitivity analysis. */
  factor: { name: string; words: string; total: number } | null;
  /** Cells compared per measure (scenarios x points). */
  cells: number;
  /** How the views compare on final trust in partners: mostly equivalent, one ahead, or not yet decided (null without the measure). */
  belief: 'same' | 'a' | 'b' | 'undecided' | 'mixed' | null;
}

/** The question an experiment asks of the two views. */
export function questionOf(x: Pick<ExperimentContext, 'S' | 'P' | 'A' | 'B'>): string {
  const where = x.P > 1 ? `in ${x.S} scenario${x.S === 1 ? '' : 's'} and over ${x.P} combinations of conditions` : `in ${x.S} scenario${x.S === 1 ? '' : 's'}`;
  return `Starting from the same beliefs, does ${x.A} or ${x.B} build more trust in partners, trust that is more often right, and more gain from cooperation, ${where}; and where does each do better?`;
}

/** The answer, or null when the experiment compared no two hypotheses. */
export function answerOf(x: ExperimentContext, sensitivity?: SensitivityInput): Answer | null {
  const c: Comparison | undefined = x.c0;
  if (c === undefined) return null;
  const A = c.a, B = c.b;
  const metrics = new Set(c.rows.map((r) => r.metric));
  const rowsOf = (m: string) => c.rows.filter((r) => r.metric === m);
  const sentences: string[] = [];
  const cells = Math.max(0, ...[...metrics].map((m) => rowsOf(m).length));

  // 1. Belief in partners at the end.
  const belief = metrics.has('partnerBelief') ? 'partnerBelief' : null;
  let beliefWords: Answer['belief'] = null;
  if (belief !== null) {
    const t = verdictTally(c, belief);
    const total = t.a + t.b + t.equivalent + t.undecided;
    beliefWords = total === 0 ? null : t.equivalent * 2 > total ? 'same' : t.a * 2 > total ? 'a' : t.b * 2 > total ? 'b' : t.undecided * 2 > total ? 'undecided' : 'mixed';
    const n = t.a + t.b + t.equivalent + t.undecided;
    const margin = rowsOf(belief).find((r) => typeof r.margin === 'number')?.margin;
    const d = meanDifference(rowsOf(belief));
    const shares = runShares(rowsOf(belief));
    const same = margin !== undefined ? `within ${num(margin * 100, margin * 100 < 1 ? 1 : 0)} trust points of each other (on a scale of 0 to 100)` : 'not clearly apart';
    let s = `Trust in partners at the end: in ${t.equivalent} of ${n} cells the two views end ${same}; ${A} ends higher in ${t.a}, ${B} in ${t.b}, and ${t.undecided} ${t.undecided === 1 ? 'cell is' : 'cells are'} undecided.`;
    if (d !== null && shares !== null) s += ` On average ${A} ends ${num(Math.abs(d) * 100, 1)} trust points ${d >= 0 ? 'higher' : 'lower'}, and it ended higher in ${pct(shares.a)} of the paired runs (${B} in ${pct(shares.b)}).`;
    sentences.push(s);
  }

  // 2. Where they differ most: the measure with the most cells where one view leads.
  const candidates = DIFFERENCE_METRICS.filter((m) => metrics.has(m)).map((m) => ({ m, t: verdictTally(c, m) }));
  const ranked = candidates.filter((k) => k.t.a + k.t.b > 0).sort((p, q) => (q.t.a + q.t.b) - (p.t.a + p.t.b));
  const focus = ranked[0]?.m ?? null;
  if (focus !== null) {
    const t = ranked[0].t;
    const n = t.a + t.b + t.equivalent + t.undecided;
    const rows = rowsOf(focus);
    const d = meanDifference(rows);
    const better = rows[0]?.better ?? 'higher';
    const unit = PROBABILITY_METRICS.has(focus) ? (v: number) => `${num(Math.abs(v) * 100, 1)} trust points` : focus === 'reliance' ? (v: number) => `${num(Math.abs(v) * 100, 1)} percentage points` : (v: number) => num(Math.abs(v), 2);
    let s = `The views differ most in ${metricWords(focus)}: ${t.a >= t.b ? `${A} does better in ${t.a} of ${n} cells and ${B} in ${t.b}` : `${B} does better in ${t.b} of ${n} cells and ${A} in ${t.a}`}`;
    if (d !== null) s += `; on average ${A}'s value is ${unit(d)} ${d >= 0 ? 'higher' : 'lower'} (${better} is better)`;
    sentences.push(`${s}.`);
    const second = ranked[1];
    if (second !== undefined && second.t.a + second.t.b >= Math.max(1, 0.1 * n)) {
      const u = second.t;
      sentences.push(`On ${metricWords(second.m)}, ${u.a >= u.b ? `${A} does better in ${u.a} cells and ${B} in ${u.b}` : `${B} does better in ${u.b} cells and ${A} in ${u.a}`}.`);
    }
  } else if (candidates.length > 0) {
    sentences.push(`On none of the ${candidates.length} other measures of cooperation, payoff and accuracy does either view lead in any cell.`);
  }

  // 3. What decides the gap: the sensitivity analysis of the focus measure, when there is one.
  let factor: Answer['factor'] = null;
  if (sensitivity !== undefined && sensitivity.sensitivity.method === 'sobol' && focus !== null) {
    const s = sensitivity.sensitivity;
    const ranked2 = factorsForMetric(s, focus, mainScenario(s));
    const top = ranked2?.[0];
    if (top !== undefined && Number.isFinite(top.total)) {
      factor = { name: top.factor, words: conditionWords(top.factor), total: top.total };
      const next = ranked2![1];
      sentences.push(`Of the conditions varied, ${factor.words} decides most of that difference (a total Sobol index of ${num(top.total, 2)}${next !== undefined && Number.isFinite(next.total) ? `; next, ${conditionWords(next.factor)} at ${num(next.total, 2)}` : ''}).`);
    }
  }

  // Of the measures the answer speaks of (final trust and the measures of cooperation, payoff and accuracy).
  const spoken = [...(belief !== null ? [belief] : []), ...candidates.map((k) => k.m)];
  const undecidedShare = (() => {
    let u = 0, n = 0;
    for (const m of spoken) { const t = verdictTally(c, m); u += t.undecided; n += t.a + t.b + t.equivalent + t.undecided; }
    return n === 0 ? 0 : u / n;
  })();
  const quick = x.R < 30;
  const caveat = `This is what the model implies, as built and calibrated, over the ranges of conditions tried: not a finding about real states. Each cell rests on ${x.R} paired run${x.R === 1 ? '' : 's'}${quick ? ', a quick run' : ''}; ${pct(undecidedShare)} of the cells of these measures stay undecided${quick ? ', and more runs (npm start -- --full) would settle some of them' : ''}.`;
  return { question: questionOf(x), sentences, caveat, focus, factor, cells, belief: beliefWords };
}

/** The two views side by side, with the essay's passage. */
export function viewsHtml(A: string, B: string): Html {
  const view = (h: string) => {
    const v = VIEW_WORDS[h];
    return v === undefined
      ? html`<div class="view"><h3>${h}</h3><p>A mixture of the two causal orders (in the model, a blend of routine and chosen trust).</p></div>`
      : html`<div class="view"><h3>${v.title}</h3><p>${v.text}</p></div>`;
  };
  return joinHtml([
    html`<blockquote class="essay">“${ESSAY_PASSAGE}”<span class="source">The essay, “What is the Point?”</span></blockquote>`,
    html`<div class="views">${view(B)}${view(A)}</div>`,
    html`<p>${COMMON_GROUND}</p>`,
  ]);
}

/** Three questions for discussion, from the answer. */
export function discussionQuestions(answer: Answer, A: string, B: string): string[] {
  const qs: string[] = [];
  // The first question starts from what the belief comparison showed, not from what one might expect.
  const trust = answer.belief === 'same' ? 'The two views end with much the same trust in partners'
    : answer.belief === 'a' ? `${A} ends with more trust in partners in most cells`
    : answer.belief === 'b' ? `${B} ends with more trust in partners in most cells`
    : answer.belief === 'undecided' ? 'These runs cannot yet tell whether the two views end with the same trust in partners'
    : 'The two views compare differently on trust in partners from one cell to another';
  qs.push(answer.focus !== null
    ? `${trust}; they differ most in ${metricWords(answer.focus)}. What does it mean for the essay's argument if states that trust each other alike act differently, or if the difference lies in action rather than in trust?`
    : `${trust}, and neither view leads on what states do. Is the difference between ${A} and ${B} one that a study of real states could detect at all, and what evidence would it need?`);
  qs.push(answer.factor !== null
    ? `In the model, ${answer.factor.words} decides most of the difference. Which regions you know (the Five Power Defence Arrangements, ASEAN, the Pacific) sit high or low on it, and which view would you then expect to fit them?`
    : 'Which conditions of a region (tension, language, culture, the share of partners that would exploit trust) would you expect to favour each view, and how would you test that with this model?');
  qs.push('Which part of the model would you change to give each view its fairest test: how habits form and fade, how a state decides to extend trust, or how a betrayal is answered? What result would change your mind?');
  return qs;
}

/** The report's opening section: the two views, the question and the answer with its caveat. */
export function answerSection(x: ExperimentContext, sensitivity?: SensitivityInput): { id: string; title: string; body: Html } {
  const answer = answerOf(x, sensitivity);
  const body: Html[] = [viewsHtml(x.A, x.B)];
  if (answer === null) {
    body.push(html`<p>This experiment ran ${x.plan.hypotheses.join(' and ')} without comparing two views, so the sections below show what each did.</p>`);
  } else {
    body.push(html`<h3>The question</h3><p>${answer.question}</p>`);
    body.push(html`<h3>The answer</h3>`, joinHtml(answer.sentences.map((s) => html`<p>${s}</p>`)), html`<p class="missing">${answer.caveat}</p>`);
    body.push(html`<p class="aside">The evidence follows: the key figures, which view leads measure by measure, what decides the difference, and where in the conditions each view does better. A “cell” is one scenario at one combination of conditions; “trust points” are hundredths of the 0 to 1 trust scale.</p>`);
  }
  return { id: 'answer', title: 'Two views, one question', body: joinHtml(body) };
}
