/** What the comparison charts share: the experiment metrics' words, the difference colours, a hypothesis's advantage, and words for wins, verdicts and leaders. */
import type { Comparison, ComparisonRow } from './data.js';
import { hypothesisColor, mix } from './palette.js';

/** Words for the experiment metrics (comparison.json and summary.csv); unknown names are shown as they are. */
export const COMPARISON_METRIC_WORDS: Record<string, string> = {
  // Partner pairs (the states that deal with each other): belief and whether it is right.
  partnerBelief: 'final trust in partners',
  partnerBeliefMean: 'trust in partners over the run',
  brier: 'error of trust in partners (Brier score)',
  auc: 'telling reliable from unreliable partners (AUC)',
  // Partner pairs: cooperation.
  activityRate: 'activities with partners per year',
  heededRate: 'share of activities with partners heeded',
  reliance: 'share of tests where a state relied on its partner',
  honouredShare: 'share of reliances honoured',
  // Partner pairs: payoffs.
  trusterPayoff: 'payoff to states that relied',
  exploitationLoss: 'losses to exploitation',
  exploiterGain: 'gains taken by exploiters',
  missedOpportunities: 'missed chances to rely on a reliable partner',
  // Robustness to the first scripted betrayal or defection.
  betrayalDrop: 'fall in trust after a betrayal',
  activityContinuation: 'activity kept up after a betrayal',
  beliefRecovery: 'steps for trust to recover after a betrayal',
  activityRecovery: 'steps for activity to recover after a betrayal',
  // The whole region (every pair of states).
  regionalTrust: 'final regional mean trust',
  regionalTrustMean: 'regional mean trust over the run',
  regionalTrustGain: 'gain in regional mean trust',
  regionalTrustSpread: 'final spread of regional trust',
  regionalHabit: 'final regional mean habit',
  meanTension: 'mean tension',
  incidents: 'incidents',
  defections: 'defections',
  agreements: 'agreements',
};

export const metricWords = (m: string) => COMPARISON_METRIC_WORDS[m] ?? m;

/** Difference colours: b's colour at -1, near-white at 0, a's colour at +1. */
export function differenceStops(a: string, b: string): string[] {
  const ca = hypothesisColor(a), cb = hypothesisColor(b);
  return [cb, mix(cb, '#F7F7F7', 0.5), '#F7F7F7', mix(ca, '#F7F7F7', 0.5), ca];
}

/** The advantage of a over b: meanDiff when higher is better, -meanDiff when lower is better. */
export function advantage(r: ComparisonRow): { value: number; lo: number; hi: number } {
  return r.better === 'lower' ? { value: -r.meanDiff, lo: -r.ciHigh, hi: -r.ciLow } : { value: r.meanDiff, lo: r.ciLow, hi: r.ciHigh };
}

/**
 * "on 70% of 20 seeds" / "on 14 of 20 seeds": wins may be written as shares (summing to 1 with
 * ties) or as counts.
 */
export function winsWords(r: ComparisonRow, wins: number): string {
  const shares = r.winsA + r.winsB + r.ties <= 1 + 1e-9 && r.n > 1;
  return shares ? `on ${Math.round(wins * 100)}% of ${r.n} seed${r.n === 1 ? '' : 's'}` : `on ${wins} of ${r.n} seed${r.n === 1 ? '' : 's'}`;
}

/**
 * The side that leads on a row: by its verdict (comparison.json since the practical-equivalence
 * margins: `leads` names the hypothesis), or, for a row without one (an older folder or a
 * hand-made row), by `leader` (the interval excludes zero).
 */
export function sideOf(c: Comparison, r: ComparisonRow): 'a' | 'b' | 'none' {
  if (r.verdict === undefined) return r.leader;
  if (r.verdict !== 'leads') return 'none';
  return r.leads === c.a ? 'a' : r.leads === c.b ? 'b' : r.leader;
}

/** The verdict of a row: its own, or for a row without one, `leads` where the interval excludes zero and `undecided` elsewhere. */
export function verdictOfRow(r: ComparisonRow): 'leads' | 'equivalent' | 'undecided' {
  return r.verdict ?? (r.leader === 'none' ? 'undecided' : 'leads');
}

export function leaderName(c: Comparison, r: ComparisonRow): string {
  const side = sideOf(c, r);
  return side === 'a' ? c.a : side === 'b' ? c.b : 'neither';
}
