/**
 * The conditions the explorer's sliders set: the essay's conditions as experiments vary them
 * (src/experiment/conditions.ts, the same transformations of a scenario), with words for a
 * class, a slider step, and the value the scenario as written has. A slider left alone changes
 * nothing: only the conditions a user moved are applied, in this order.
 */
import { CONDITIONS } from '../../src/experiment/conditions.js';
import type { Scenario } from '../../src/scenario/schema.js';
import type { World } from '../../src/world/world.js';
import type { ConditionInfo } from './protocol.js';

interface Slider { name: string; label: string; step: number }

/** The sliders, in the order shown. */
export const SLIDERS: readonly Slider[] = [
  { name: 'untrustworthyShare', label: 'Share of untrustworthy states', step: 0.05 },
  { name: 'tension', label: 'Tension at the start', step: 0.05 },
  { name: 'equivocation', label: 'Equivocation', step: 0.05 },
  { name: 'receptivity', label: 'Receptivity', step: 0.05 },
  { name: 'seniority', label: 'Seniority (asserting senior status)', step: 0.05 },
  { name: 'languageDistance', label: 'Language distance', step: 0.05 },
  { name: 'culturalDistance', label: 'Cultural distance (1: as written)', step: 0.1 },
  { name: 'willingness', label: 'Willingness to take a leap of faith (log-odds)', step: 0.5 },
];

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return xs.length === 0 ? 0 : s / xs.length;
};
const allEqual = (xs: ArrayLike<number>): boolean => {
  for (let k = 1; k < xs.length; k++) if (xs[k] !== xs[0]) return false;
  return true;
};

/** The value a condition has in the scenario as written (a mean where states differ: `mixed`). */
function asWritten(name: string, s: Scenario, w: World): { value: number; mixed: boolean } {
  switch (name) {
    case 'untrustworthyShare': return { value: 0, mixed: false };
    case 'culturalDistance': return { value: 1, mixed: false };
    case 'tension': {
      const n = w.n, off: number[] = [];
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off.push(w.tension0[i * n + j]);
      return { value: mean(off), mixed: !allEqual(off) };
    }
    case 'languageDistance': {
      const lang = (st: Scenario['states'][number]) => st.language ?? s.stateDefaults.language ?? { primary: 'en', english: 1 };
      const others = s.states.map(lang).filter((l) => l.primary !== 'en').map((l) => 1 - l.english);
      return { value: mean(others), mixed: !allEqual(others) };
    }
    default: {
      const xs = name === 'willingness' ? w.will : w[name as 'equivocation' | 'receptivity' | 'seniority'];
      return { value: mean(xs), mixed: !allEqual(xs) };
    }
  }
}

/** The sliders for one scenario: range, step, words and the value as written. */
export function conditionInfo(s: Scenario, w: World): ConditionInfo[] {
  return SLIDERS.map(({ name, label, step }) => {
    const c = CONDITIONS[name];
    const { value, mixed } = asWritten(name, s, w);
    return { name, label, description: c.description, min: c.min, max: c.max, step, value: Math.min(c.max, Math.max(c.min, value)), mixed };
  });
}
