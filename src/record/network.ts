/**
 * The agreement network (MODEL 7b; Kinne 2018): ties, density, mean clustering, the share of new
 * ties that closed a triangle and the degree-dependence of new ties (preferential attachment),
 * pure functions of the run state. Clustering is recomputed only when a tie has been added.
 */
import type { Ctx } from '../core/pair.js';

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
