/**
 * Discrimination: the area under the ROC curve of a score between positives and negatives,
 * by the Mann-Whitney statistic (Hanley and McNeil 1982): the probability that a random
 * positive scores above a random negative, ties counted one half.
 */

/**
 * AUC of `score` with `positive[k]` the class of entry k. O(m log m) through mid-ranks. NaN
 * when either class is empty or a score is not finite.
 */
export function auc(score: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const m = score.length;
  const order = Array.from({ length: m }, (_, k) => k);
  for (let k = 0; k < m; k++) if (!Number.isFinite(score[k])) return NaN;
  order.sort((a, b) => score[a] - score[b]);
  let pos = 0, rankSum = 0;
  for (let k = 0; k < m;) {
    // A run of ties shares its mid-rank (ranks from 1).
    let e = k;
    while (e + 1 < m && score[order[e + 1]] === score[order[k]]) e++;
    const mid = (k + e) / 2 + 1;
    for (let q = k; q <= e; q++) if (positive[order[q]]) { pos++; rankSum += mid; }
    k = e + 1;
  }
  const neg = m - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
