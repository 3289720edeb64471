/** The canonical name of a hypothesis's trust-first weight (hypothesis.ts parses it back). */

/** The canonical name of a blend value: 0 is habits-first, 1 trust-first, anything between `blend=X`. */
export function hypothesisName(blend: number): string {
  return blend === 0 ? 'habits-first' : blend === 1 ? 'trust-first' : `blend=${blend}`;
}
