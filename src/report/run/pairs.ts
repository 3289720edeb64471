/** Which pairs a run report explains, and which state sent most. */
import { receptionCounts, type RunData } from '../../charts/index.js';
import type { ExplainRun } from '../../explain/index.js';

function moves(run: ExplainRun): { a: string; b: string; start: number; end: number; change: number }[] {
  const n = run.ids.length;
  const start = new Float64Array(n * n).fill(Number.NaN);
  for (const r of run.rows) {
    const k = r.observer * n + r.subject;
    if (Number.isNaN(start[k])) start[k] = r.p0;
  }
  const out: { a: string; b: string; start: number; end: number; change: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const end = run.finalTrust[i][j];
      const s = Number.isNaN(start[i * n + j]) ? end : start[i * n + j];
      out.push({ a: run.ids[i], b: run.ids[j], start: s, end, change: end - s });
    }
  }
  return out.sort((x, y) => y.change - x.change || (x.a + x.b < y.a + y.b ? -1 : 1));
}

/** The pairs to explain: the chosen ones, then the two that gained most and the two that lost most. */
export function pairsToExplain(run: ExplainRun, chosen: readonly [string, string][]): { pair: [string, string]; why: string }[] {
  const ranked = moves(run);
  const out: { pair: [string, string]; why: string }[] = chosen.map((p) => ({ pair: p, why: 'chosen with --pair' }));
  const has = (a: string, b: string) => out.some((o) => o.pair[0] === a && o.pair[1] === b);
  const gains = ranked.filter((m) => m.change > 0).slice(0, 2);
  const losses = ranked.filter((m) => m.change < 0).reverse().slice(0, 2);
  gains.forEach((m, k) => { if (!has(m.a, m.b)) out.push({ pair: [m.a, m.b], why: k === 0 ? 'the largest gain in trust of the run' : 'the second-largest gain' }); });
  losses.forEach((m, k) => { if (!has(m.a, m.b)) out.push({ pair: [m.a, m.b], why: k === 0 ? 'the largest loss of trust of the run' : 'the second-largest loss' }); });
  return out;
}

/** The state that sent most activities (heeded or not), and how many. */
export function topSender(data: RunData): { state: string; sent: number } | null {
  let best: { state: string; sent: number } | null = null;
  for (const s of data.final.states) {
    const sent = receptionCounts(data.events, s, 'partner').filter((c) => c.direction === 'sent' && c.reception !== 'declined by the sender').reduce((t, c) => t + c.count, 0);
    if (best === null || sent > best.sent) best = { state: s, sent };
  }
  return best !== null && best.sent > 0 ? best : null;
}

/** The recorded command line ("simulate <args>", "experiment <args>") as the npm command that runs it. */
