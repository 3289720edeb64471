/**
 * State names on the trust matrix and the network (full names where they fit, else ids with a key
 * of short names), and the network's edges, checked geometrically on the rendered SVG: no edge
 * passes through a node it does not join.
 */
import { describe, expect, it } from 'vitest';
import type { FinalData } from '../../src/charts/data.js';
import { renderSvg } from '../../src/charts/render.js';
import { trustMatrixChart, pairsFromFinal } from '../../src/charts/trust-matrix.js';
import { trustNetworkChart } from '../../src/charts/trust-network.js';
import { aseanRun } from './fixtures.js';
import { allText, findAll, parseXml, type XmlNode } from './xml.js';

const ASEAN_NAMES: Record<string, string> = {
  BRN: 'Brunei Darussalam', KHM: 'Cambodia', IDN: 'Indonesia', LAO: 'Laos', MYS: 'Malaysia', MMR: 'Myanmar', PHL: 'Philippines',
  SGP: 'Singapore', THA: 'Thailand', VNM: 'Viet Nam', USA: 'United States', CHN: 'China', JPN: 'Japan', KOR: 'South Korea',
  IND: 'India', AUS: 'Australia', NZL: 'New Zealand', RUS: 'Russia',
};

/** A final state with every pair at `t` (every edge drawn). */
function complete(states: string[], t = 0.9, agreements: [string, string][] = []): FinalData {
  const base = aseanRun().final;
  const m = states.map((_, i) => states.map((_, j) => (i === j ? 0 : t)));
  return { ...base, states, trust: m, tension: m, habit: m, understanding: m, agreements };
}

/** Polyline points of a path made of M and L commands. */
function polyline(d: string): [number, number][] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function distToSegment(px: number, py: number, [ax, ay]: [number, number], [bx, by]: [number, number]): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The nodes (circles of the dot mark) and the edge polylines (line marks) of a rendered network. */
function geometry(svg: string) {
  const root = parseXml(svg);
  const groups = findAll(root, 'g');
  const dots = groups.filter((g) => g.attrs['aria-label'] === 'dot').flatMap((g) => findAll(g, 'circle'));
  const nodes = dots.map((c) => ({ x: Number(c.attrs.cx), y: Number(c.attrs.cy), r: Number(c.attrs.r) }));
  const lines = groups.filter((g) => g.attrs['aria-label'] === 'line');
  const paths = lines.flatMap((g: XmlNode) => findAll(g, 'path').map((p) => polyline(p.attrs.d)));
  return { nodes, paths };
}

/** Every edge against every node it does not join: the smallest distance from the node's centre to the edge, less the node's radius. */
function clearances(svg: string): number[] {
  const { nodes, paths } = geometry(svg);
  expect(nodes.length).toBeGreaterThan(0);
  expect(paths.length).toBeGreaterThan(0);
  const out: number[] = [];
  for (const path of paths) {
    const ends = [path[0], path[path.length - 1]];
    for (const n of nodes) {
      if (ends.some(([x, y]) => Math.hypot(x - n.x, y - n.y) < 1)) continue; // an endpoint
      let d = Infinity;
      for (let k = 1; k < path.length; k++) d = Math.min(d, distToSegment(n.x, n.y, path[k - 1], path[k]));
      out.push(d - n.r);
    }
  }
  return out;
}

describe('trust network geometry', () => {
  it.each([5, 8, 12, 18, 24])('no edge of a complete network of %i states passes through a node it does not join', (n) => {
    const states = Array.from({ length: n }, (_, k) => `S${k}`);
    for (const mode of ['mutual', 'directed'] as const) {
      const svg = renderSvg(trustNetworkChart(complete(states, 0.9, [[states[0], states[1]], [states[0], states[2]]]), { mode }));
      const c = clearances(svg);
      expect(Math.min(...c), `${mode}, ${n} states`).toBeGreaterThan(0);
    }
  });

  it('holds for the ASEAN run too', () => {
    const svg = renderSvg(trustNetworkChart(aseanRun().final, { threshold: 0.55, names: ASEAN_NAMES }));
    expect(Math.min(...clearances(svg))).toBeGreaterThan(0);
  });
});

describe('state names', () => {
  it('the network labels states with their full names where they fit, and says what the node colours are', () => {
    const spec = trustNetworkChart(complete(['A', 'B', 'C', 'D']), { names: { A: 'Alphaland', B: 'Betania', C: 'Cetia', D: 'Delta' } });
    const texts = allText(parseXml(renderSvg(spec)));
    for (const name of ['Alphaland', 'Betania', 'Cetia', 'Delta']) expect(texts).toContain(name);
    expect(spec.footnotes).toBeUndefined();
    expect(spec.colorBar?.label).toMatch(/node/);
    expect(spec.caption).toMatch(/coloured by the others' mean trust/);
  });

  it('the network falls back to ids with a key of short names when the full names do not fit', () => {
    const spec = trustNetworkChart(aseanRun().final, { names: ASEAN_NAMES });
    const texts = allText(parseXml(renderSvg(spec)));
    expect(texts).toContain('BRN');
    expect(spec.footnotes?.[0]).toContain('BRN Brunei Darussalam');
    expect(texts.some((t) => t.includes('USA United States'))).toBe(true);
  });

  it('the captions of the network and the matrix name states by their full names, whatever the labels show', () => {
    const run = aseanRun();
    const ids = new RegExp(`\\b(${Object.keys(ASEAN_NAMES).join('|')})\\b`);
    for (const spec of [trustNetworkChart(run.final, { names: ASEAN_NAMES }), trustMatrixChart(run.pairs, { names: ASEAN_NAMES, states: run.final.states })]) {
      expect(spec.caption, spec.id).not.toMatch(ids);
      expect(Object.values(ASEAN_NAMES).some((name) => spec.caption.includes(name)), spec.id).toBe(true);
    }
  });

  it('the trust matrix of the ASEAN run has the full names on both axes (columns rotated), and no key', () => {
    const run = aseanRun();
    const spec = trustMatrixChart(run.pairs, { names: ASEAN_NAMES, states: run.final.states });
    const texts = allText(parseXml(renderSvg(spec)));
    expect(texts.filter((t) => t === 'Brunei Darussalam').length).toBeGreaterThanOrEqual(1 + 3); // the rows once, the columns of each panel
    expect(texts).toContain('United States');
    expect(spec.footnotes).toBeUndefined();
  });

  it('the trust matrix of a few states has full names on its rows, and short names on its columns, keyed, where they do not fit a cell', () => {
    const final = complete(['A', 'B', 'C']);
    const spec = trustMatrixChart(pairsFromFinal(final), { names: { A: 'Alphaland', B: 'Betania', C: 'Cetia' } });
    const texts = allText(parseXml(renderSvg(spec)));
    expect(texts).toContain('Alphaland');
    expect(texts).toContain('A');
    expect(spec.footnotes).toEqual(['Short names: A Alphaland, B Betania, C Cetia.']);
  });

  it('names no state by its id alone when the run has no names (no key)', () => {
    const spec = trustMatrixChart(pairsFromFinal(complete(['A', 'B', 'C'])));
    expect(spec.footnotes).toBeUndefined();
  });
});
