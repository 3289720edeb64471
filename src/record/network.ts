/**
 * The agreement network (MODEL 7b; Kinne 2018): ties, density, mean clustering, the share of new
 * ties that closed a triangle and the degree-dependence of new ties (preferential attachment),
 * pure functions of the run state. Clustering is recomputed only when a tie has been added. At the
 * end of a run, each new tie is held against a null among partner pairs (tieNulls, agreementNull).
 */
import type { Ctx } from '../core/pair.js';
import type { Adjacency } from '../world/world.js';

export interface NetworkMeasures {
  /** Agreements signed (undirected ties). */
  ties: number;
  /** ties / (n (n - 1) / 2). */
  density: number;
  /** Mean over states of the local clustering coefficient (0 for degree below 2). */
  clustering: number;
  /** Share of ties that closed a triangle when signed (0 before any tie). */
  triadicShare: number;
  /**
   * Sum over new ties (after the first) of the endpoints' degrees before signing, over the sum
   * of twice the mean degree then: 1 when new ties pick states of average degree, above 1 when
   * they prefer well-connected states (preferential attachment); 0 until defined.
   */
  degreeDependence: number;
}

const cache = new WeakMap<object, { count: number; clustering: number }>();

/** Mean local clustering of the agreement network. */
export function meanClustering(c: Ctx): number {
  const { s, n } = c;
  const hit = cache.get(s);
  if (hit !== undefined && hit.count === s.agreementCount) return hit.clustering;
  let total = 0;
  if (s.agreementCount >= 3) {
    const nb: number[] = [];
    for (let i = 0; i < n; i++) {
      if (s.agreementDegree[i] < 2) continue;
      nb.length = 0;
      for (let j = 0; j < n; j++) if (s.agreement[i * n + j] !== 0) nb.push(j);
      let tri = 0;
      for (let a = 0; a < nb.length; a++) for (let b = a + 1; b < nb.length; b++) if (s.agreement[nb[a] * n + nb[b]] !== 0) tri++;
      total += tri / (nb.length * (nb.length - 1) / 2);
    }
  }
  const clustering = total / n;
  cache.set(s, { count: s.agreementCount, clustering });
  return clustering;
}

export function networkMeasures(c: Ctx): NetworkMeasures {
  const { s, n } = c;
  const ties = s.agreementCount;
  return {
    ties,
    density: ties / (n * (n - 1) / 2),
    clustering: meanClustering(c),
    triadicShare: ties > 0 ? s.triadicTies / ties : 0,
    degreeDependence: s.attachExpected > 0 ? s.attachDegree / s.attachExpected : 0,
  };
}

/** Number of states with agreement degree 0, 1, 2, ... (up to the largest degree). */
export function degreeDistribution(c: Ctx): number[] {
  const deg = c.s.agreementDegree;
  let max = 0;
  for (let i = 0; i < deg.length; i++) if (deg[i] > max) max = deg[i];
  const out = new Array<number>(max + 1).fill(0);
  for (let i = 0; i < deg.length; i++) out[deg[i]]++;
  return out;
}

/**
 * One new tie held against its null (Kinne 2018): what the signed pair was when it signed, and
 * what a pair drawn uniformly from the candidates would have been then. The candidates are the
 * pairs that could have signed at that moment: partner pairs (world `partners`: programmes,
 * forums, groups, declared relations) with no agreement yet. Agreements form only between
 * states that deal with each other (checkAgreement runs on a heeded activity), so a null over
 * all pairs would credit the partner structure with a "preference". A signed pair that is not a
 * partner pair (none in the teaching scenarios) is counted among its own candidates.
 */
export interface TieNull {
  /** The signed pair, i < j. */
  i: number;
  j: number;
  /** Candidate pairs at that moment (the signed pair among them). */
  candidates: number;
  /** Whether the signed pair shared a partner in the agreement network (the tie closed a triangle). */
  closes: boolean;
  /** Candidates that would have closed a triangle. */
  closingCandidates: number;
  /** The signed pair's endpoint degree sum before signing. */
  degreeSum: number;
  /** Sum over candidates of their endpoint degree sums; the smallest and largest of them. */
  candidateDegreeTotal: number;
  candidateDegreeMin: number;
  candidateDegreeMax: number;
}

/**
 * Observed against expected over a run's new ties. A tie enters a ratio only when its null is
 * not degenerate: for closure when some but not all candidates would close a triangle, for
 * attachment when the candidates' degree sums differ (never the first tie: every degree is 0).
 * A degenerate tie would add the same amount to both sides, carrying no information on a
 * preference while pulling the ratio towards 1.
 */
export interface AgreementNull {
  /** Ties signed. */
  ties: number;
  /** Ties with a non-degenerate closure null; of them, those that closed a triangle, and the number expected (sum of closingCandidates / candidates). */
  closureTies: number;
  closingObserved: number;
  closingExpected: number;
  /** Ties with a non-degenerate attachment null; their endpoint degree sum, and its expectation (sum of candidateDegreeTotal / candidates). */
  attachmentTies: number;
  degreeObserved: number;
  degreeExpected: number;
  /** closingObserved / closingExpected: 1 as chance among partners, above 1 a preference for closing triangles; NaN when closureTies = 0. */
  closureRatio: number;
  /** degreeObserved / degreeExpected: 1 as chance among partners, above 1 a preference for well-connected states; NaN when attachmentTies = 0. */
  attachmentRatio: number;
}

/** The partner pairs `u * n + v` (u < v) of an adjacency, in increasing order. */
export function partnerPairs(n: number, partners: Adjacency): number[] {
  const out: number[] = [];
  for (let u = 0; u < n; u++) {
    for (let k = partners.start[u]; k < partners.start[u + 1]; k++) {
      const v = partners.list[k];
      if (v > u) out.push(u * n + v);
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * Each tie of `order` (pairs `i * n + j`, i < j, in the order signed; the first `count` entries)
 * held against its null among the candidates of that moment (see TieNull). Pure; O(ties x
 * partner pairs x n).
 */
export function tieNulls(order: ArrayLike<number>, count: number, n: number, partners: Adjacency): TieNull[] {
  const pairs = partnerPairs(n, partners);
  const isPartner = new Uint8Array(n * n);
  for (const p of pairs) isPartner[p] = 1;
  const a = new Uint8Array(n * n);
  const deg = new Int32Array(n);
  const shares = (u: number, v: number) => {
    for (let k = 0; k < n; k++) if (a[u * n + k] !== 0 && a[v * n + k] !== 0) return true;
    return false;
  };
  const out: TieNull[] = [];
  for (let t = 0; t < count; t++) {
    const p = order[t];
    const i = Math.floor(p / n), j = p % n;
    let candidates = 0, closing = 0, total = 0, lo = Infinity, hi = -Infinity;
    const take = (u: number, v: number) => {
      candidates++;
      if (shares(u, v)) closing++;
      const d = deg[u] + deg[v];
      total += d;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    };
    for (const q of pairs) if (a[q] === 0) take(Math.floor(q / n), q % n);
    if (isPartner[p] === 0 && a[p] === 0) take(i, j);
    out.push({ i, j, candidates, closes: shares(i, j), closingCandidates: closing, degreeSum: deg[i] + deg[j], candidateDegreeTotal: total, candidateDegreeMin: lo, candidateDegreeMax: hi });
    a[i * n + j] = 1; a[j * n + i] = 1;
    deg[i]++; deg[j]++;
  }
  return out;
}

/** Sums the ties' observed and expected values into the run's ratios (see AgreementNull). */
export function agreementNullOf(ties: readonly TieNull[]): AgreementNull {
  let closureTies = 0, closingObserved = 0, closingExpected = 0, attachmentTies = 0, degreeObserved = 0, degreeExpected = 0;
  for (const t of ties) {
    if (t.closingCandidates > 0 && t.closingCandidates < t.candidates) {
      closureTies++;
      if (t.closes) closingObserved++;
      closingExpected += t.closingCandidates / t.candidates;
    }
    if (t.candidateDegreeMax > t.candidateDegreeMin) {
      attachmentTies++;
      degreeObserved += t.degreeSum;
      degreeExpected += t.candidateDegreeTotal / t.candidates;
    }
  }
  return {
    ties: ties.length, closureTies, closingObserved, closingExpected, attachmentTies, degreeObserved, degreeExpected,
    closureRatio: closureTies > 0 ? closingObserved / closingExpected : NaN,
    attachmentRatio: attachmentTies > 0 ? degreeObserved / degreeExpected : NaN,
  };
}

/** The run's ties held against the null among partners: `agreementNullOf(tieNulls(...))`. */
export function agreementNull(order: ArrayLike<number>, count: number, n: number, partners: Adjacency): AgreementNull {
  return agreementNullOf(tieNulls(order, count, n, partners));
}
