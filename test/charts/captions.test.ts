/**
 * Captions are computed from the data: change the data and the caption follows (the pair named,
 * the leader, the peak and its causes...). Small hand-made inputs, so each expectation can be
 * checked by eye.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison, EventRow, FinalData, PairRow, SeriesRow } from '../../src/charts/data.js';
import { pairTrustChart, trustOverTimeChart, type TrendRow } from '../../src/charts/trust-over-time.js';
import { trustMatrixChart } from '../../src/charts/trust-matrix.js';
import { trustNetworkChart } from '../../src/charts/trust-network.js';
import { timelineChart } from '../../src/charts/timeline.js';
import { outcomesChart } from '../../src/charts/outcomes.js';
import { differencesChart, sweepChart } from '../../src/charts/comparison.js';
import { transmitterReceiverChart } from '../../src/charts/transmitter-receiver.js';
import { renderSvg } from '../../src/charts/render.js';
import { parseXml } from './xml.js';

const date = (step: number) => {
  const m = 2010 * 12 + step;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

/** Pairs among `states` over `T` steps; trust 0.5 except where `moves` says (from, to, step of a jump, size). */
function pairs(states: string[], T: number, moves: [string, string, number, number][]): PairRow[] {
  const out: PairRow[] = [];
  for (let t = 0; t < T; t++) {
    for (const a of states) for (const b of states) {
      if (a === b) continue;
      let trust = 0.5;
      for (const [f, g, at, d] of moves) if (f === a && g === b && t >= at) trust += d;
      out.push({ step: t, date: date(t), from: a, to: b, trust });
    }
  }
  return out;
}

function finalOf(states: string[], trust: (a: string, b: string) => number, agreements: [string, string][] = []): FinalData {
  const n = states.length;
  const m = states.map((a) => states.map((b) => (a === b ? 1 : trust(a, b))));
  const zero = states.map(() => Array(n).fill(0));
  return {
    states, step: 11, date: date(11), trust: m, tension: zero, habit: zero, understanding: zero, agreements,
    outcomes: {}, perState: [],
    network: { ties: agreements.length, density: 0, clustering: 0, triadicShare: 0, degreeDependence: 0, degreeDistribution: [] },
  };
}

describe('trust over time', () => {
  const rows = (lead: 'x' | 'y'): TrendRow[] => {
    const out: TrendRow[] = [];
    for (let t = 0; t < 24; t++) {
      const up = 0.5 + t * 0.01, flat = 0.5 + t * 0.002;
      out.push({ series: 'habits-first', step: t, date: date(t), mean: lead === 'x' ? up : flat, lo: (lead === 'x' ? up : flat) - 0.01, hi: (lead === 'x' ? up : flat) + 0.01 });
      out.push({ series: 'trust-first', step: t, date: date(t), mean: lead === 'x' ? flat : up, lo: (lead === 'x' ? flat : up) - 0.01, hi: (lead === 'x' ? flat : up) + 0.01 });
    }
    return out;
  };
  it('names the series that leads at the end, by how much, and whether the bands overlap', () => {
    const a = trustOverTimeChart(rows('x'), { bandLabel: '95% CI' }).caption;
    expect(a).toContain('At the end habits-first leads trust-first by 0.18');
    expect(a).toContain('bands do not overlap');
    expect(a).toContain('from 0.50 in January 2010 to 0.73 in December 2011');
    const b = trustOverTimeChart(rows('y'), { bandLabel: '95% CI' }).caption;
    expect(b).toContain('At the end trust-first leads habits-first by 0.18');
  });
});

describe('pair trust', () => {
  const states = ['A', 'B', 'C'];
  it('names the pair that gained most and when its steepest rise came', () => {
    const one = pairTrustChart(pairs(states, 36, [['A', 'B', 20, 0.3], ['C', 'A', 5, 0.1], ['B', 'C', 10, -0.2]])).caption;
    expect(one).toContain("A's trust in B gained most: from 0.50 in January 2010 to 0.80 in December 2012");
    expect(one).toContain('between September 2010 and September 2011'); // the first 12 months that hold the jump at step 20
    expect(one).toContain('largest one-step move +0.30 in September 2011');
    expect(one).toContain("B's trust in C fell most");
    const two = pairTrustChart(pairs(states, 36, [['A', 'B', 20, 0.1], ['C', 'A', 5, 0.35]])).caption;
    expect(two).toContain("C's trust in A gained most");
    expect(two).not.toContain('fell most');
  });
  it('shows the pairs asked for', () => {
    const spec = pairTrustChart(pairs(states, 12, [['A', 'B', 3, 0.3]]), { pairs: [['B', 'A'], ['C', 'B']] });
    expect(spec.legend!.map((l) => l.label)).toEqual(['B → A (0.00)', 'C → B (0.00)']);
  });
});

describe('trust matrix', () => {
  it('names the highest and lowest trust and the most trusted state at the last panel', () => {
    const rows = pairs(['A', 'B', 'C'], 12, [['B', 'C', 6, 0.4], ['A', 'C', 6, 0.2], ['C', 'A', 2, -0.3]]);
    const c = trustMatrixChart(rows).caption;
    expect(c).toContain("highest trust is B's in C (0.90) and the lowest C's in A (0.20)");
    expect(c).toContain('C is the most trusted state');
    expect(c).toContain('December 2010');
    const d = trustMatrixChart(pairs(['A', 'B', 'C'], 12, [['C', 'B', 6, 0.45]]), { steps: [0, 5] }).caption;
    expect(d).toContain("highest trust is A's in B (0.50)"); // at step 5 C's jump has not happened
    expect(d).toContain('June 2010');
  });
});

describe('trust network', () => {
  const states = ['A', 'B', 'C', 'D'];
  it('counts the ties above the threshold and names the hub and the agreements', () => {
    const high = new Set(['A-B', 'B-A', 'A-C', 'C-A', 'A-D', 'D-A']);
    const f = finalOf(states, (a, b) => (high.has(`${a}-${b}`) ? 0.8 : 0.5), [['A', 'B']]);
    const c = trustNetworkChart(f, { threshold: 0.6 }).caption;
    expect(c).toContain('3 of the 6 pairs of states trust each other at least 0.60 both ways');
    expect(c).toContain('A has the most ties (3)');
    expect(c).toContain('A–B (trust 0.80 and 0.80)');
    const none = trustNetworkChart(f, { threshold: 0.9 }).caption;
    expect(none).toContain('0 of the 6 pairs');
    expect(none).toContain('The highest mutual trust is 0.80');
  });
  it('in directed mode counts one-way ties', () => {
    const f = finalOf(states, (a, b) => (a === 'D' ? 0.7 : 0.5));
    const c = trustNetworkChart(f, { threshold: 0.6, mode: 'directed' }).caption;
    expect(c).toContain('3 of the 12 directed pairs');
    expect(c).toContain('D has the most ties (3)');
  });
});

describe('timeline', () => {
  const series = (peakAt: number): SeriesRow[] =>
    Array.from({ length: 24 }, (_, t) => ({ step: t, date: date(t), values: { meanTension: t === peakAt ? 0.4 : 0.1 } }));
  const events: EventRow[] = [
    { step: 5, date: date(5), kind: 'defection', state: 'X', group: 'G', pressure: 0.5 },
    { step: 5, date: date(5), kind: 'defection', state: 'X', group: 'G', observer: 'Y', subject: 'X', drift: 0, delta: -0.1, trust: 0.4 },
    { step: 14, date: date(14), kind: 'incident', between: ['P', 'Q'], escalated: true, tension: 0.3 },
    { step: 15, date: date(15), kind: 'incident', between: ['P', 'Q'], escalated: false, tension: 0.3 },
    { step: 20, date: date(20), kind: 'agreement', between: ['P', 'R'] },
  ];
  it('says when tension peaked and what came with it', () => {
    const a = timelineChart(series(5), events).caption;
    expect(a).toContain('peaked at 0.40 in June 2010');
    expect(a).toContain('a defection from the G line (X)');
    expect(a).toContain('1 defection'); // the observer's trust row is not a second defection
    const b = timelineChart(series(15), events).caption;
    expect(b).toContain('peaked at 0.40 in April 2011');
    expect(b).toContain('2 incidents (1 escalated) between P and Q');
    expect(b).toContain('Agreements: P–R (Sep 2011)');
    const betrayed: EventRow[] = [...events, { step: 9, date: date(9), kind: 'test', trustee: 'T', truster: 'U', relied: true, honoured: false, observer: 'U', subject: 'T', drift: 0, delta: -0.2, trust: 0.3 }];
    const c = timelineChart(series(9), betrayed).caption;
    expect(c).toContain("a test of cooperation betrayed (T exploiting U's reliance)");
    expect(timelineChart(series(11), events).caption).toContain('with no incident, defection, shock, betrayed test or suspicious activity in the 3 months to then');
  });
});

describe('outcomes', () => {
  it('names the largest shares and the biggest difference between profiles', () => {
    const base = { tension: 10, symbolic: 5, competence: 5, transparency: 40, relationships: 10, perceptions: 20, confidence: 5, incentives: 3, constituency: 2 };
    const c = outcomesChart([{ series: 'habits-first', outcomes: base }, { series: 'trust-first', outcomes: { ...base, confidence: 45 } }]).caption;
    expect(c).toContain('Under habits-first, transparency (40%) and changed perceptions (20%) make up the largest shares');
    expect(c).toContain('differ most in confidence building: 5.0% of habits-first');
    const d = outcomesChart([{ series: 'only', outcomes: { ...base, incentives: 60 } }]).caption;
    expect(d).toMatch(/^Incentives, rewards \(38%\) and transparency \(25%\)/);
  });
});

describe('comparisons', () => {
  const comparison = (flip: boolean): Comparison => ({
    a: 'trust-first', b: 'habits-first', level: 0.95,
    rows: [0.1, 0.5].flatMap((x) => [1, 2].map((y) => {
      const d = (flip ? -1 : 1) * (x === 0.1 ? 0.05 : -0.01) * y;
      const lo = d - 0.015, hi = d + 0.015;
      const ex = lo > 0 || hi < 0;
      return {
        scenario: 'S', set: 0, params: { x, y }, metric: 'partnerBelief', better: 'higher' as const, n: 10, meanDiff: d, ciLow: lo, ciHigh: hi,
        effectSize: d / 0.03, winsA: d > 0 ? 8 : 2, winsB: d > 0 ? 2 : 8, ties: 0, excludesZero: ex, leader: (!ex ? 'none' : d > 0 ? 'a' : 'b') as 'a' | 'b' | 'none',
      };
    })),
  });
  it('counts which hypothesis leads and names the largest lead', () => {
    const c = differencesChart(comparison(false)).caption;
    expect(c).toContain('trust-first does better in 2 (interval excluding zero), habits-first in 1, and neither clearly in 1');
    expect(c).toContain('Largest lead for trust-first: +0.100 [0.085, 0.115] with x = 0.1, y = 2');
    const f = differencesChart(comparison(true)).caption;
    expect(f).toContain('trust-first does better in 1 (interval excluding zero), habits-first in 2');
  });
  it('maps the sweep and says where each hypothesis leads', () => {
    const s = sweepChart(comparison(false)).caption;
    expect(s).toContain('trust-first leads clearly in 2, habits-first in 1, and neither in 1');
    expect(s).toContain('The largest lead for trust-first is at x 0.1, y 2 (+0.10)');
    expect(s).toContain('the balance tips towards habits-first as x rises from 0.1 to 0.5');
    const t = sweepChart(comparison(true)).caption;
    expect(t).toContain('The largest lead for habits-first is at x 0.1, y 2 (-0.10)');
  });
  it('with verdicts (margins and adjusted tests), counts leads, equivalent and undecided cells, and leads follow the verdict, not the interval alone', () => {
    const c = comparison(false);
    // Cells: +0.05 [0.035, 0.065], +0.10 [0.085, 0.115], -0.01 [-0.025, 0.005], -0.02 [-0.035, -0.005]. Margin 0.02:
    // the first two lead (trust-first); the third reaches past -0.02: undecided; the fourth excludes zero but
    // reaches into the margin: undecided, not a lead for habits-first. A fifth, [-0.01, 0.012], is equivalent.
    c.rows = c.rows.map((r) => {
      const lead = r.ciLow > 0.02;
      return { ...r, margin: 0.02, pValue: 0.001, pAdjusted: 0.002, verdict: lead ? 'leads' as const : 'undecided' as const, leads: lead ? 'trust-first' : 'neither', replicationsNeeded: lead ? null : 40 };
    });
    c.rows.push({ ...c.rows[0], params: { x: 0.9, y: 1 }, meanDiff: 0.001, ciLow: -0.01, ciHigh: 0.012, excludesZero: false, leader: 'none', verdict: 'equivalent', leads: 'neither', replicationsNeeded: null });
    const d = differencesChart(c);
    expect(d.caption).toContain('The dashed lines at ±0.020 mark the margin');
    expect(d.caption).toContain('trust-first leads in 2, habits-first in 0; they are equivalent in 1 and undecided in 2');
    expect(d.legend?.map((l) => l.label)).toContain('equivalent or undecided');
    const s = sweepChart(c).caption;
    expect(s).toContain('trust-first leads in 2, habits-first in 0; the two are equivalent (within the margin) in 1 and undecided in 2');
    expect(s).toContain('a hypothesis leads: the 95% interval lies beyond the margin ±0.020');
  });
  it('reads "lower is better" metrics the right way round', () => {
    const c = comparison(false);
    c.rows = c.rows.map((r) => ({ ...r, metric: 'meanTension', better: 'lower', leader: r.leader === 'a' ? 'b' : r.leader === 'b' ? 'a' : 'none' }));
    const s = sweepChart(c).caption;
    expect(s).toContain('The largest lead for habits-first is at x 0.1, y 2 (+0.10)');
    expect(s).toContain('trust-first leads clearly in 1, habits-first in 2');
  });
});

describe('transmitter and receiver', () => {
  const act = (from: string, to: string, activity: string, how: 'ok' | 'misread' | 'deceived' | 'unheeded'): EventRow => ({
    step: 0, date: date(0), kind: 'activity', from, to, activity,
    heeded: how !== 'unheeded', ...(how === 'misread' ? { misread: true } : {}), ...(how === 'deceived' ? { deceived: true } : {}),
  });
  const events: EventRow[] = [
    ...Array.from({ length: 12 }, () => act('S', 'P', 'shipVisit', 'ok')),
    ...Array.from({ length: 8 }, () => act('S', 'Q', 'shipVisit', 'unheeded')),
    ...Array.from({ length: 4 }, () => act('S', 'Q', 'officialContact', 'misread')),
    act('P', 'S', 'officialContact', 'deceived'),
    { step: 0, date: date(0), kind: 'declined', from: 'S', to: 'P', activity: 'shipVisit' },
  ];
  it('counts what was sent, heeded and misread, and by whom', () => {
    const c = transmitterReceiverChart(events, 'S', { by: 'partner' }).caption;
    expect(c).toContain('S sent 24 activities: 50% heeded as meant, 17% misread, none felt as deception and 33% not heeded; it declined 1 more');
    expect(c).toContain('Best heeded partner: P (100% of 12); worst: Q (0% of 12)');
    expect(c).toContain('S received 1 activity: none heeded as meant, none misread, 100% felt as deception');
    const k = transmitterReceiverChart(events, 'S').caption;
    expect(k).toContain('most misreadings and deceptions in Official contacts (4)');
  });
});

describe('data from scenarios is escaped', () => {
  const evil = '<script>alert(1)</script>';
  it('in every chart that shows state names', () => {
    const states = ['A', evil, 'C'];
    const rows = pairs(states, 12, [[evil, 'A', 3, 0.3], ['A', evil, 4, 0.3]]);
    const f = finalOf(states, (a, b) => (a === evil || b === evil ? 0.8 : 0.5), [['A', evil]]);
    const events: EventRow[] = [
      { step: 2, date: date(2), kind: 'defection', state: evil, group: evil, pressure: 1 },
      { step: 3, date: date(3), kind: 'agreement', between: [evil, 'A'] },
      { step: 4, date: date(4), kind: 'activity', from: evil, to: 'A', activity: evil, heeded: true },
      { step: 5, date: date(5), kind: 'activity', from: 'A', to: evil, activity: 'shipVisit', heeded: false },
    ];
    const series = Array.from({ length: 12 }, (_, t) => ({ step: t, date: date(t), values: { meanTension: 0.1 + (t === 2 ? 0.1 : 0) } }));
    const specs = [
      pairTrustChart(rows, { subtitle: evil }),
      trustMatrixChart(rows),
      trustNetworkChart(f),
      timelineChart(series, events),
      transmitterReceiverChart(events, evil),
      transmitterReceiverChart(events, evil, { by: 'partner' }),
      outcomesChart([{ series: evil, outcomes: { tension: 1, symbolic: 2 } }, { series: 'b', outcomes: { tension: 2, symbolic: 1 } }]),
    ];
    for (const spec of specs) {
      expect(spec.caption + spec.title + (spec.legend ?? []).map((l) => l.label).join(' ')).toContain(evil.slice(0, 8));
      const svg = renderSvg(spec);
      expect(svg).not.toMatch(/<script/i);
      expect(svg).toContain('&lt;script&gt;');
      expect(() => parseXml(svg)).not.toThrow();
    }
  });
});

describe('trust over time: the course read at the precision printed', () => {
  it('says a series stayed level when its start and end print the same, and rose or fell otherwise', async () => {
    const { trustOverTimeSentences } = await import('../../src/charts/trust-over-time-caption.js');
    const course = (from: number, to: number) => {
      const rows = [{ series: 'S', step: 0, date: '2020-01', mean: from }, { series: 'S', step: 1, date: '2020-02', mean: (from + to) / 2 }, { series: 'S', step: 2, date: '2020-03', mean: to }];
      return trustOverTimeSentences(rows, ['S'], new Map([['S', rows]]), 'regional mean trust', false, 3, undefined)[0];
    };
    expect(course(0.4651, 0.4749)).toMatch(/^Regional mean trust stayed level from 0\.47 in .* to 0\.47/);
    expect(course(0.4700, 0.4760)).toMatch(/^Regional mean trust rose from 0\.47 in .* to 0\.48/);
    expect(course(0.4760, 0.4700)).toMatch(/^Regional mean trust fell from 0\.48 in .* to 0\.47/);
  });
});
