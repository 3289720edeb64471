/**
 * The key figures of two runs side by side: each a pure function of one run's final.json and
 * series.csv, so that the difference B − A is the difference of what the files hold.
 */
import type { RunInput } from '../run/index.js';

/** One key figure of both runs. */
export interface KeyFigure {
  /** Stable name (tests, tables). */
  key: string;
  /** What it is, in words. */
  label: string;
  a: number;
  b: number;
  /** Decimals shown (0 for counts). */
  digits: number;
  /** A probability (trust): its difference is read in trust points, hundredths of the 0-1 scale. */
  probability?: boolean;
  /** Where it comes from. */
  source: 'final.json' | 'series.csv';
}

/** Mean of a matrix off its diagonal (every state's value toward every other). */
export function offDiagonalMean(m: readonly (readonly number[])[]): number {
  let s = 0, n = 0;
  for (let i = 0; i < m.length; i++) for (let j = 0; j < m.length; j++) if (i !== j) { s += m[i][j]; n++; }
  return n === 0 ? Number.NaN : s / n;
}

const OUTCOME_WORDS: Record<string, string> = {
  tension: 'reduced tension', symbolic: 'symbolic signals', competence: 'competence shown', transparency: 'transparency',
  relationships: 'relationships', perceptions: 'changed perceptions', confidence: 'confidence', incentives: 'incentives', constituency: 'constituency',
};

/** The figures one run gives, by key: final.json's end state, series.csv's counts summed over the run. */
function figuresOf(r: RunInput): Map<string, { label: string; value: number; digits: number; probability?: boolean; source: KeyFigure['source'] }> {
  const f = r.data.final;
  const sum = (col: string) => r.data.series.reduce((s, row) => s + (row.values[col] ?? 0), 0);
  const total = (k: 'gains' | 'losses' | 'defections') => f.perState.reduce((s, p) => s + p[k], 0);
  const out = new Map<string, { label: string; value: number; digits: number; probability?: boolean; source: KeyFigure['source'] }>();
  const put = (key: string, label: string, value: number, digits: number, source: KeyFigure['source'], probability = false) => out.set(key, { label, value, digits, source, ...(probability ? { probability } : {}) });
  put('trust', 'regional mean trust at the end', offDiagonalMean(f.trust), 3, 'final.json', true);
  put('tension', 'regional mean tension at the end', offDiagonalMean(f.tension), 3, 'final.json');
  put('habit', 'regional mean habit of cooperation at the end', offDiagonalMean(f.habit), 3, 'final.json');
  put('agreements', 'defence cooperation agreements in force at the end', f.agreements.length, 0, 'final.json');
  put('gains', 'gains (states, summed)', total('gains'), 0, 'final.json');
  put('losses', 'losses (states, summed)', total('losses'), 0, 'final.json');
  put('defections', 'defections on core national interest', total('defections'), 0, 'final.json');
  put('activities', 'activities undertaken', sum('activities'), 0, 'series.csv');
  put('heeded', 'activities heeded', sum('heeded'), 0, 'series.csv');
  put('tests', 'tests of cooperation', sum('tests'), 0, 'series.csv');
  put('honoured', 'tests honoured', sum('honoured'), 0, 'series.csv');
  put('exploited', 'tests exploited', sum('exploited'), 0, 'series.csv');
  put('incidents', 'incidents', sum('incidents'), 0, 'series.csv');
  put('escalations', 'incidents escalated', sum('escalations'), 0, 'series.csv');
  for (const [k, v] of Object.entries(f.outcomes)) put(`outcome.${k}`, `outcome: ${OUTCOME_WORDS[k] ?? k} (total)`, v, 2, 'final.json');
  return out;
}

/** The key figures both runs have, in a fixed order (a figure only one run has is left out). */
export function keyFigures(a: RunInput, b: RunInput): KeyFigure[] {
  const fa = figuresOf(a), fb = figuresOf(b);
  const out: KeyFigure[] = [];
  for (const [key, x] of fa) {
    const y = fb.get(key);
    if (y === undefined) continue;
    out.push({ key, label: x.label, a: x.value, b: y.value, digits: x.digits, source: x.source, ...(x.probability ? { probability: true } : {}) });
  }
  return out;
}

/** A difference in trust in words: "4.3 trust points higher". */
export function trustPoints(d: number): string {
  if (!Number.isFinite(d)) return 'not comparable';
  const p = Math.abs(d) * 100;
  if (p < 0.05) return 'the same (within 0.1 trust points)';
  return `${p.toFixed(1)} trust points ${d > 0 ? 'higher' : 'lower'}`;
}
