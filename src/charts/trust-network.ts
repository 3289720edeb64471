/**
 * Chart 3: the trust network at one time. States sit on a circle in scenario order (the same
 * layout every time); an edge joins two states whose trust passes a threshold (mutual: both
 * ways; directed: an arrow from truster to trusted); defence cooperation agreements are marked.
 */
import * as Plot from '@observablehq/plot';
import type { FinalData } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, monthLabel, plural } from './common.js';
import { INK, stateColor } from './palette.js';

export interface TrustNetworkOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Trust at or above which an edge is drawn (default 0.6). */
  threshold?: number;
  /** "mutual" (default): an edge when both trust each other at least `threshold`; "directed": an arrow per direction. */
  mode?: 'mutual' | 'directed';
}

/** Node positions on the unit circle, first state at the top, clockwise. */
export function circleLayout(states: readonly string[]): { id: string; x: number; y: number; angle: number }[] {
  const n = states.length;
  return states.map((id, k) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, n);
    return { id, x: Math.cos(angle), y: -Math.sin(angle), angle };
  });
}

const AGREEMENT_COLOR = '#CC79A7';
const EDGE_COLOR = '#0072B2';

export function trustNetworkChart(final: FinalData, opts: TrustNetworkOptions = {}): ChartSpec {
  const threshold = opts.threshold ?? 0.6;
  const mode = opts.mode ?? 'mutual';
  const { states, trust } = final;
  const n = states.length;
  const nodes = circleLayout(states);
  const index = new Map(states.map((s, i) => [s, i]));

  interface Edge { a: string; b: string; w: number; x1: number; y1: number; x2: number; y2: number }
  const edges: Edge[] = [];
  const edge = (i: number, j: number, w: number): Edge => ({
    a: states[i], b: states[j], w, x1: nodes[i].x, y1: nodes[i].y, x2: nodes[j].x, y2: nodes[j].y,
  });
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      if (mode === 'mutual') {
        if (j < i) continue;
        const w = Math.min(trust[i][j], trust[j][i]);
        if (w >= threshold) edges.push(edge(i, j, w));
      } else if (trust[i][j] >= threshold) edges.push(edge(i, j, trust[i][j]));
    }
  }
  const agreements = final.agreements
    .filter(([a, b]) => index.has(a) && index.has(b))
    .map(([a, b]) => edge(index.get(a)!, index.get(b)!, 1));

  // Caption.
  const degree = new Map(states.map((s) => [s, 0]));
  for (const e of edges) {
    degree.set(e.a, degree.get(e.a)! + 1);
    if (mode === 'mutual') degree.set(e.b, degree.get(e.b)! + 1);
  }
  const possible = mode === 'mutual' ? (n * (n - 1)) / 2 : n * (n - 1);
  const sentences: string[] = [];
  sentences.push(mode === 'mutual'
    ? `In ${monthLabel(final.date)}, ${edges.length} of the ${possible} pairs of states trust each other at least ${f(threshold)} both ways.`
    : `In ${monthLabel(final.date)}, ${edges.length} of the ${possible} directed pairs have i's trust in j at least ${f(threshold)} (arrow from i to j).`);
  if (edges.length > 0) {
    const maxDeg = Math.max(...degree.values());
    const hubs = states.filter((s) => degree.get(s) === maxDeg);
    sentences.push(`${listWords(hubs)} ${hubs.length === 1 ? 'has' : 'have'} the most ties (${maxDeg}).`);
    const strongest = [...edges].sort((x, y) => y.w - x.w)[0];
    sentences.push(mode === 'mutual'
      ? `The strongest mutual tie is ${strongest.a}–${strongest.b} (the lower of the two trusts is ${f(strongest.w)}).`
      : `The strongest is ${strongest.a}'s trust in ${strongest.b} (${f(strongest.w)}).`);
    const isolated = states.filter((s) => degree.get(s) === 0 && (mode === 'mutual' || !edges.some((e) => e.b === s)));
    if (isolated.length > 0 && isolated.length <= 8) sentences.push(`${listWords(isolated)} ${isolated.length === 1 ? 'has' : 'have'} no tie above the threshold.`);
    else if (isolated.length > 8) sentences.push(`${isolated.length} states have no tie above the threshold.`);
  } else {
    let best = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i === j) continue;
      best = Math.max(best, mode === 'mutual' ? Math.min(trust[i][j], trust[j][i]) : trust[i][j]);
    }
    sentences.push(`The highest ${mode === 'mutual' ? 'mutual ' : ''}trust is ${f(best)}; lower the threshold to see more.`);
  }
  if (agreements.length > 0) {
    const words = agreements.map((e) => {
      const i = index.get(e.a)!, j = index.get(e.b)!;
      return `${e.a}–${e.b} (trust ${f(trust[i][j])} and ${f(trust[j][i])})`;
    });
    sentences.push(`${plural(agreements.length, 'defence cooperation agreement')} (thick dashed): ${listWords(words)}.`);
  } else sentences.push('No defence cooperation agreement has been signed.');
  sentences.push('States are placed on a circle in scenario order, first at the top, clockwise.');

  const labelR = 1.16;
  const labels = nodes.map((p) => {
    const c = Math.cos(p.angle);
    return {
      id: p.id, x: p.x * labelR, y: p.y * labelR,
      anchor: Math.abs(c) < 0.2 ? 'middle' : c > 0 ? 'start' : 'end',
    };
  });
  const widthFor = (w: number) => 1.5 + 6 * Math.max(0, (w - threshold) / Math.max(1e-9, 1 - threshold));
  const marks: Plot.Markish[] = [
    Plot.link(agreements, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: AGREEMENT_COLOR, strokeWidth: 10, strokeOpacity: 0.75, strokeDasharray: '14,6' }),
  ];
  if (mode === 'mutual') {
    marks.push(Plot.link(edges, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: EDGE_COLOR, strokeWidth: (d: Edge) => widthFor(d.w), strokeOpacity: 0.8 }));
  } else {
    marks.push(Plot.arrow(edges, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', bend: 12, stroke: EDGE_COLOR, strokeWidth: (d: Edge) => widthFor(d.w) * 0.6, strokeOpacity: 0.75, insetEnd: 16, insetStart: 12, headLength: 10 }));
  }
  marks.push(
    Plot.dot(nodes, { x: 'x', y: 'y', r: 11, fill: (d: { id: string }) => stateColor(index.get(d.id)!), stroke: INK.text, strokeWidth: 1 }),
    ...(['start', 'middle', 'end'] as const).map((anchor) =>
      Plot.text(labels.filter((l) => l.anchor === anchor), { x: 'x', y: 'y', text: 'id', textAnchor: anchor, fontSize: n > 14 ? 15 : 17, fill: INK.text, fontWeight: 'bold' })),
  );
  const spec: ChartSpec = {
    id: opts.id ?? 'trust-network',
    title: opts.title ?? (mode === 'mutual' ? `Mutual trust of ${f(threshold)} or more` : `Trust of ${f(threshold)} or more`),
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      { label: mode === 'mutual' ? `mutual trust ≥ ${f(threshold)} (thicker: higher)` : `i trusts j ≥ ${f(threshold)} (arrow i → j)`, color: EDGE_COLOR, shape: 'line' },
      { label: 'defence cooperation agreement', color: AGREEMENT_COLOR, shape: 'dashed' },
    ],
    height: 640,
    squarePlot: true,
    plot: {
      marginTop: 20,
      marginBottom: 20,
      x: { domain: [-1.3, 1.3], axis: null },
      y: { domain: [-1.3, 1.3], axis: null },
      color: { type: 'identity' },
      marks,
    },
  };
  return spec;
}
