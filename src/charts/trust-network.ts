/**
 * Chart 3: the trust network at one time. States sit on a circle in scenario order (the same
 * layout every time), labelled with their full names where these fit and with their ids (and a
 * key) otherwise, each node coloured by how much the others trust it; an edge joins two states
 * whose trust passes a threshold (mutual: both ways; directed: an arrow per direction), drawn as
 * a curve bowed toward the centre so that it passes through no node it does not join; defence
 * cooperation agreements are marked.
 */
import * as Plot from '@observablehq/plot';
import type { FinalData } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, monthLabel, plural } from './common.js';
import { textWidth } from './font.js';
import { layout } from './layout.js';
import { shortNamesKey } from './legend.js';
import { INK, TRUST_STOPS, trustColor } from './palette.js';

export interface TrustNetworkOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Trust at or above which an edge is drawn (default 0.6). */
  threshold?: number;
  /** "mutual" (default): an edge when both trust each other at least `threshold`; "directed": an arrow per direction. */
  mode?: 'mutual' | 'directed';
  /** Full names of the states by id (default: the ids); used as labels where they fit, else in a key of short names. */
  names?: ReadonlyMap<string, string> | Record<string, string>;
}

/** Node positions on the unit circle, first state at the top, clockwise. */
export function circleLayout(states: readonly string[]): { id: string; x: number; y: number; angle: number }[] {
  const n = states.length;
  return states.map((id, k) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * k) / Math.max(1, n);
    return { id, x: Math.cos(angle), y: -Math.sin(angle), angle };
  });
}

/** Radius of a node, px. */
export const NODE_RADIUS = 11;
/** Points sampled along an edge's curve. */
const SAMPLES = 32;

/**
 * The curve of an edge from (x1, y1) to (x2, y2), both on the unit circle: a quadratic Bézier
 * whose control point is the chord's midpoint pulled toward the centre (to `pull` of its
 * distance), so that a short chord, which as a straight line would graze the nodes between its
 * ends, bows inward away from them; `side` shifts it across the chord (directed mode: the two
 * directions of a pair apart).
 */
export function edgeCurve(x1: number, y1: number, x2: number, y2: number, side = 0, pull = 0.45): [number, number][] {
  const mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
  const len = Math.hypot(x2 - x1, y2 - y1) || 1;
  const cx = mx * pull + side * ((y2 - y1) / len), cy = my * pull - side * ((x2 - x1) / len);
  const out: [number, number][] = [];
  for (let k = 0; k <= SAMPLES; k++) {
    const t = k / SAMPLES, u = 1 - t;
    out.push([u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2]);
  }
  return out;
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

  const nameOf = opts.names instanceof Map ? opts.names : new Map(Object.entries(opts.names ?? {}));
  interface Edge { a: string; b: string; w: number; path: [number, number][] }
  // Directed: the two directions of a pair on either side of the chord.
  const side = mode === 'directed' ? 0.05 : 0;
  // Neighbours on the circle have no node between them: their edge stays straight.
  const apart = (i: number, j: number) => Math.min((i - j + n) % n, (j - i + n) % n);
  const edge = (i: number, j: number, w: number): Edge => ({
    a: states[i], b: states[j], w, path: edgeCurve(nodes[i].x, nodes[i].y, nodes[j].x, nodes[j].y, side, apart(i, j) === 1 ? 1 : undefined),
  });
  const edges: Edge[] = [];
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
  // The caption names states by their full names (the nodes may show short ones).
  const nm = (id: string) => nameOf.get(id) ?? id;
  const sentences: string[] = [];
  sentences.push(mode === 'mutual'
    ? `In ${monthLabel(final.date)}, ${edges.length} of the ${possible} pairs of states trust each other at least ${f(threshold)} both ways.`
    : `In ${monthLabel(final.date)}, ${edges.length} of the ${possible} directed pairs have i's trust in j at least ${f(threshold)} (arrow from i to j).`);
  if (edges.length > 0) {
    const maxDeg = Math.max(...degree.values());
    const hubs = states.filter((s) => degree.get(s) === maxDeg);
    sentences.push(`${listWords(hubs.map(nm))} ${hubs.length === 1 ? 'has' : 'have'} the most ties (${maxDeg}).`);
    const strongest = [...edges].sort((x, y) => y.w - x.w)[0];
    sentences.push(mode === 'mutual'
      ? `The strongest mutual tie is ${nm(strongest.a)}–${nm(strongest.b)} (the lower of the two trusts is ${f(strongest.w)}).`
      : `The strongest is ${nm(strongest.a)}'s trust in ${nm(strongest.b)} (${f(strongest.w)}).`);
    const isolated = states.filter((s) => degree.get(s) === 0 && (mode === 'mutual' || !edges.some((e) => e.b === s)));
    if (isolated.length > 0 && isolated.length <= 8) sentences.push(`${listWords(isolated.map(nm))} ${isolated.length === 1 ? 'has' : 'have'} no tie above the threshold.`);
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
      return `${nm(e.a)}–${nm(e.b)} (trust ${f(trust[i][j])} and ${f(trust[j][i])})`;
    });
    sentences.push(`${plural(agreements.length, 'defence cooperation agreement')} (thick dashed): ${listWords(words)}.`);
  } else sentences.push('No defence cooperation agreement has been signed.');

  // Node colour: the mean of the others' trust in the state (column mean), on the trust scale.
  const trusted = states.map((_, j) => states.reduce((t, _s, i) => t + (i === j ? 0 : trust[i][j]), 0) / Math.max(1, n - 1));
  const mostTrusted = trusted.indexOf(Math.max(...trusted)), leastTrusted = trusted.indexOf(Math.min(...trusted));
  sentences.push(`States are placed on a circle in scenario order, first at the top, clockwise; each is coloured by the others' mean trust in it (${nm(states[mostTrusted])} highest, ${f(trusted[mostTrusted])}; ${nm(states[leastTrusted])} lowest, ${f(trusted[leastTrusted])}).`);

  const legend: NonNullable<ChartSpec['legend']> = [
    { label: mode === 'mutual' ? `mutual trust ≥ ${f(threshold)} (thicker: higher)` : `i trusts j ≥ ${f(threshold)} (arrow i → j)`, color: EDGE_COLOR, shape: 'line' },
    { label: 'defence cooperation agreement', color: AGREEMENT_COLOR, shape: 'dashed' },
  ];
  const colorBar = { label: "node: others' mean trust in the state", domain: [0, 1] as [number, number], colors: TRUST_STOPS, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const labelSize = n > 14 ? 15 : 17;
  const base = { title: opts.title ?? (mode === 'mutual' ? `Mutual trust of ${f(threshold)} or more` : `Trust of ${f(threshold)} or more`), subtitle: opts.subtitle, caption: sentences.join(' '), legend, colorBar, height: 720 };
  // Full names as labels when none runs into another label, another node or off the page.
  const L = layout({ ...base, id: 'fit', plot: {} });
  const full = states.map((s) => nameOf.get(s) ?? s);
  const useFull = full.some((name, k) => name !== states[k]) && labelsFit(nodes, full, labelSize, L.width, L.plotH - 40);
  const key = useFull ? null : shortNamesKey(states, nameOf);

  const labelR = 1.16;
  const labels = nodes.map((p, k) => {
    const c = Math.cos(p.angle);
    return {
      id: p.id, text: useFull ? full[k] : p.id, x: p.x * labelR, y: p.y * labelR,
      anchor: Math.abs(c) < 0.2 ? 'middle' : c > 0 ? 'start' : 'end',
    };
  });
  const widthFor = (w: number) => 1.5 + 6 * Math.max(0, (w - threshold) / Math.max(1e-9, 1 - threshold));
  const points = (list: Edge[], key: string) => list.flatMap((e, k) => e.path.map(([x, y]) => ({ x, y, z: `${key}${k}`, e })));
  const marks: Plot.Markish[] = [
    Plot.line(points(agreements, 'agreement'), { x: 'x', y: 'y', z: 'z', stroke: AGREEMENT_COLOR, strokeWidth: 10, strokeOpacity: 0.75, strokeDasharray: '14,6' }),
    Plot.line(points(edges, 'edge'), { x: 'x', y: 'y', z: 'z', stroke: EDGE_COLOR, strokeWidth: (d: { e: Edge }) => widthFor(d.e.w) * (mode === 'mutual' ? 1 : 0.6), strokeOpacity: mode === 'mutual' ? 0.8 : 0.75 }),
  ];
  if (mode === 'directed') {
    // The arrowhead: the curve's last stretch, ending at the rim of the trusted state's node.
    const heads = edges.map((e) => ({ e, a: e.path[SAMPLES - 4], b: e.path[SAMPLES] }));
    marks.push(Plot.arrow(heads, { x1: (d) => d.a[0], y1: (d) => d.a[1], x2: (d) => d.b[0], y2: (d) => d.b[1], stroke: EDGE_COLOR, strokeWidth: (d: { e: Edge }) => widthFor(d.e.w) * 0.6, strokeOpacity: 0.75, insetEnd: NODE_RADIUS + 3, headLength: 10 }));
  }
  marks.push(
    Plot.dot(nodes, { x: 'x', y: 'y', r: NODE_RADIUS, fill: (_d: unknown, k: number) => trustColor(trusted[k]), stroke: INK.text, strokeWidth: 1 }),
    ...(['start', 'middle', 'end'] as const).map((anchor) =>
      Plot.text(labels.filter((l) => l.anchor === anchor), { x: 'x', y: 'y', text: 'text', textAnchor: anchor, fontSize: labelSize, fill: INK.text, fontWeight: 'bold' })),
  );
  const spec: ChartSpec = {
    ...base,
    id: opts.id ?? 'trust-network',
    ...(key === null ? {} : { footnotes: [key] }),
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

/**
 * Whether labels `texts` at 1.16 of the circle's radius, in bold at `size` px, fit a square plot
 * `side` px high centred on a page `width` px wide: no two overlap, none covers a node, none
 * leaves the page.
 */
function labelsFit(nodes: readonly { x: number; y: number; angle: number }[], texts: readonly string[], size: number, width: number, side: number): boolean {
  const scale = side / 2.6;
  const cx = width / 2;
  const boxes = nodes.map((p, k) => {
    const w = textWidth(texts[k], size, true);
    const x = cx + p.x * 1.16 * scale, y = -p.y * 1.16 * scale;
    const c = Math.cos(p.angle);
    const x0 = Math.abs(c) < 0.2 ? x - w / 2 : c > 0 ? x : x - w;
    return { x0, x1: x0 + w, y0: y - size / 2, y1: y + size / 2 };
  });
  const pad = 4;
  for (let a = 0; a < boxes.length; a++) {
    const A = boxes[a];
    if (A.x0 < 8 || A.x1 > width - 8) return false;
    for (let b = a + 1; b < boxes.length; b++) {
      const B = boxes[b];
      if (A.x0 < B.x1 + pad && B.x0 < A.x1 + pad && A.y0 < B.y1 + pad && B.y0 < A.y1 + pad) return false;
    }
    for (let k = 0; k < nodes.length; k++) {
      const nx = cx + nodes[k].x * scale, ny = -nodes[k].y * scale;
      const dx = Math.max(A.x0 - nx, 0, nx - A.x1), dy = Math.max(A.y0 - ny, 0, ny - A.y1);
      if (Math.hypot(dx, dy) < NODE_RADIUS + 2) return false;
    }
  }
  return true;
}
