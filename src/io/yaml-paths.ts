/** Between document paths and YAML nodes: the node for a path, the path of a key, and keys that are not allowed. */
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The YAML node at `path`, or the deepest existing ancestor (for a missing key: its parent
 * map's key). With `atKey`, the last step returns the key rather than its value.
 */
export function nearestNode(doc: Document, path: readonly PropertyKey[], atKey = false): Node | null {
  let node: unknown = doc.contents;
  let keyNode: Node | null = null;
  for (const [depth, p] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(p));
      if (!pair) return (keyNode ?? (node as Node));
      keyNode = isScalar(pair.key) ? (pair.key as Node) : null;
      if (atKey && depth === path.length - 1 && keyNode !== null) return keyNode;
      node = pair.value;
    } else if (isSeq(node) && typeof p === 'number' && p < node.items.length) {
      keyNode = null;
      node = node.items[p];
    } else {
      return (node as Node) ?? keyNode;
    }
  }
  return ((node as Node | null) ?? keyNode);
}

/** The path of the mapping key that starts at `offset`, or null. */
export function keyPathAt(node: unknown, offset: number, path: PropertyKey[]): PropertyKey[] | null {
  if (isMap(node)) {
    for (const it of node.items) {
      const key = isScalar(it.key) ? String(it.key.value) : '';
      if (isScalar(it.key) && it.key.range?.[0] === offset) return [...path, key];
      const inner = keyPathAt(it.value, offset, [...path, key]);
      if (inner !== null) return inner;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = keyPathAt(node.items[i], offset, [...path, i]);
      if (inner !== null) return inner;
    }
  }
  return null;
}

/** Reports and removes keys such as `__proto__` anywhere in the document. */
export function forbiddenKeys(node: unknown, path: PropertyKey[], report: (path: PropertyKey[], node: Node) => void): void {
  if (isMap(node)) {
    node.items = node.items.filter((it) => {
      const key = isScalar(it.key) ? String(it.key.value) : '';
      if (FORBIDDEN_KEYS.has(key)) { report([...path, key], it.key as Node); return false; }
      forbiddenKeys(it.value, [...path, key], report);
      return true;
    });
  } else if (isSeq(node)) {
    node.items.forEach((it, i) => forbiddenKeys(it, [...path, i], report));
  }
}
