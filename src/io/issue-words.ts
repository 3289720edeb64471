/** A zod issue in words a scenario's author can act on, with what the value was. */
import type { z } from 'zod';

/** What a value is, in words, for messages. */
export function kindOf(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `a string "${v.length > 40 ? `${v.slice(0, 40)}...` : v}"`;
  return `${typeof v} ${String(v)}`;
}

export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

export function describe(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `missing; ${issue.message.replace(/^Invalid input: /, '').replace(', received undefined', '')}`;
  if (issue.code === 'invalid_union') {
    if ('note' in issue && issue.note === 'No matching discriminator') {
      return `${issue.message}; expected type to be one of the documented event types`;
    }
    // Say what each alternative would have accepted.
    const wanted = new Set<string>();
    for (const alternative of issue.errors) {
      for (const sub of alternative) {
        if (sub.path.length > 0) continue;
        if (sub.code === 'invalid_type') wanted.add(sub.expected === 'array' ? 'a list' : sub.expected === 'object' ? 'a mapping' : sub.expected === 'string' ? 'text' : sub.expected);
        else if (sub.code === 'invalid_value') for (const v of sub.values) wanted.add(JSON.stringify(v));
      }
    }
    if (wanted.size > 0) return `expected ${[...wanted].join(' or ')}, got ${kindOf(value)}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}
