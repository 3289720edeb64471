/**
 * Plot in Node: Observable Plot runs on linkedom's DOM, and its chart is serialised here as XML
 * (no <style> or class, ids renamed under the chart's stem, geometry rounded).
 */
import { parseHTML } from 'linkedom';
import { escapeXml, GEOMETRY, roundNumbers } from './svg-text.js';

/** The part of a DOM node the serialiser reads (linkedom's and a browser's alike). */
export interface DomNode {
  nodeType: number;
  nodeName: string;
  localName?: string;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

let dom: { document: Document } | null = null;
/** The document Plot draws into: one linkedom document, made on first use. */
export function plotDocument(): Document {
  if (dom === null) dom = parseHTML('<!doctype html><html><head></head><body></body></html>') as unknown as { document: Document };
  return dom.document;
}

/** Plot's chart element: the last <svg> of a figure, or the element itself. */
export function findPlotSvg(el: DomNode): DomNode {
  if (el.nodeName.toLowerCase() === 'svg') return el;
  let found: DomNode | null = null;
  const walk = (n: DomNode) => {
    if (n.nodeType !== 1) return;
    if (n.nodeName.toLowerCase() === 'svg') found = n;
    else for (let i = 0; i < n.childNodes.length; i++) walk(n.childNodes[i]);
  };
  walk(el);
  if (found === null) throw new Error('Plot produced no <svg>');
  return found;
}

/** Serialises an SVG subtree as XML: drops <style> and class, renames ids under `stem`, rounds geometry. */
export function serialise(root: DomNode, stem: string, overrides: Record<string, string>): string {
  const ids = new Map<string, string>();
  const collect = (n: DomNode) => {
    if (n.nodeType !== 1) return;
    for (let i = 0; i < (n.attributes?.length ?? 0); i++) {
      const a = n.attributes![i];
      if (a.name === 'id' && !ids.has(a.value)) ids.set(a.value, `${stem}-p${ids.size + 1}`);
    }
    for (let i = 0; i < n.childNodes.length; i++) collect(n.childNodes[i]);
  };
  collect(root);
  const remap = (value: string): string =>
    value.replace(/url\(#([^)]+)\)/g, (m, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : m));

  const out: string[] = [];
  const write = (n: DomNode, isRoot: boolean) => {
    if (n.nodeType === 3) {
      out.push(escapeXml(n.textContent ?? ''));
      return;
    }
    if (n.nodeType !== 1) return;
    const tag = n.localName ?? n.nodeName.toLowerCase(); // localName keeps SVG's camelCase (clipPath)
    if (tag.toLowerCase() === 'style') return;
    const attrs: [string, string][] = [];
    for (let i = 0; i < (n.attributes?.length ?? 0); i++) {
      const { name, value } = n.attributes![i];
      if (name === 'class' || name === 'style' || name.startsWith('on')) continue;
      if (isRoot && name in overrides) continue;
      let v = value;
      if (name === 'id') v = ids.get(value) ?? value;
      else if (name === 'href' || name === 'xlink:href') v = value.startsWith('#') && ids.has(value.slice(1)) ? `#${ids.get(value.slice(1))}` : value;
      else v = remap(v);
      if (GEOMETRY.has(name)) v = roundNumbers(v);
      attrs.push([name, v]);
    }
    if (isRoot) for (const [k, v] of Object.entries(overrides)) attrs.push([k, v]);
    out.push(`<${tag}`);
    for (const [k, v] of attrs) out.push(` ${k}="${escapeXml(v)}"`);
    if (n.childNodes.length === 0) {
      out.push('/>');
      return;
    }
    out.push('>');
    // One element per line (easier to review in diffs), except inside text, where a line break would be a space.
    const inText = tag === 'text' || tag === 'tspan' || tag === 'title';
    for (let i = 0; i < n.childNodes.length; i++) {
      const child = n.childNodes[i];
      if (!inText && child.nodeType === 1) out.push('\n');
      write(child, false);
    }
    if (!inText) out.push('\n');
    out.push(`</${tag}>`);
  };
  write(root, true);
  return out.join('');
}
