import { describe, expect, it } from 'vitest';
import { chooseActivities } from '../../src/core/choose.js';
import { createStreams } from '../../src/core/rng.js';
import { CATALOGUE, type ActivityId } from '../../src/model/catalogue.js';
import { build, counting, forbidden, forbidSignals, scripted, type FixtureOptions } from '../world-fixture.js';

const BILATERAL = (Object.keys(CATALOGUE) as ActivityId[]).filter((k) => CATALOGUE[k].mode === 'bilateral');

type Fx = ReturnType<typeof build>;

function fixture(o: FixtureOptions, setup?: (fx: Fx) => void): Fx {
  const fx = build({ ...o, parameters: { maxActsPerStep: 1, ...o.parameters } });
  fx.s.credit[0] = 100;
  setup?.(fx);
  forbidSignals(fx.c);
  return fx;
}

/** Runs the choice phase with scripted draws for A's first slot; returns A's choice. */
function chooseIn(fx: Fx, draws: [number, number, number, number]) {
  fx.c.r.choice = scripted(draws, 0.5);
  chooseActivities(fx.c);
  const k = fx.s.slotPartner[0];
  return { fx, partner: k < 0 ? null : fx.w.ids[k], activity: k < 0 ? null : fx.w.activities[fx.s.slotActivity[0]].id };
}

/** One slot of state A (index 0) toward its partners in a fresh world; the other states have no credit. */
function chooseOnce(o: FixtureOptions, draws: [number, number, number, number], setup?: (fx: Fx) => void) {
  return chooseIn(fixture(o, setup), draws);
}

/** How often A picks each activity toward B as uAct sweeps [0, 1) (routine and gated choice write nothing else). */
function sweep(o: FixtureOptions, setup: (fx: Fx) => void, N = 400): Map<string, number> {
  const fx = fixture(o, setup);
  const counts = new Map<string, number>();
  for (let k = 0; k < N; k++) {
    const { activity } = chooseIn(fx, [0, 0, (k + 0.5) / N, 0.999]);
    if (activity !== null) counts.set(activity, (counts.get(activity) ?? 0) + 1);
  }
  return counts;
}

/** Two states, A with a policy, in one group (so they are partners). */
const duo = (policy: 'routine' | 'trust-gated' | 'auto', extra: FixtureOptions = {}): FixtureOptions => ({
  states: [{ id: 'A', policy }, 'B'], groups: [{ id: 'G', members: ['A', 'B'], closeness: 0.5 }], ...extra,
});

describe('routine (habits-first)', () => {
  const four: FixtureOptions = {
    states: [{ id: 'A', policy: 'routine' }, 'B', 'C', 'D'],
    groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness: 0.5 }],
  };
  const habits = (fx: Fx) => {
    fx.s.H[fx.pair('A', 'B')] = 0.6;
    fx.s.H[fx.pair('A', 'C')] = 0.2;
  };

  it('picks partners in proportion to habit, with explore spread evenly', () => {
    const even = 0.1 / 3;
    const wB = even + 0.9 * 0.6 / 0.8, wC = even + 0.9 * 0.2 / 0.8;
    const pick = (u: number) => chooseOnce(four, [0, u, 0, 0.999], habits).partner;
    expect(pick(0)).toBe('B');
    expect(pick(wB - 1e-6)).toBe('B');
    expect(pick(wB + 1e-6)).toBe('C');
    expect(pick(wB + wC - 1e-6)).toBe('C');
    expect(pick(wB + wC + 1e-6)).toBe('D'); // no habit: only the explore share
    expect(pick(0.999999)).toBe('D');
  });

  it.each([
    [0, 1], [0.1499, 1], [0.15, 2], [0.34, 2], [0.35, 3], [0.59, 3], [0.6, 4], [0.95, 4],
  ])('caps ambition by habit thresholds: habit %f allows ambition up to %i', (h, cap) => {
    const chosen = sweep(duo('routine'), (fx) => { fx.s.H[fx.pair('A', 'B')] = h; });
    const expected = BILATERAL.filter((k) => CATALOGUE[k].ambition <= cap);
    expect([...chosen.keys()].sort()).toEqual([...expected].sort());
  });

  it('only picks what the credit left affords', () => {
    const chosen = sweep(duo('routine'), (fx) => {
      fx.s.H[fx.pair('A', 'B')] = 0.9;
      fx.s.credit[0] = 2;
    });
    expect([...chosen.keys()].sort()).toEqual(BILATERAL.filter((k) => CATALOGUE[k].cost <= 2).sort());
  });

  it('repeats the last activity with probability routineRepeat * H, if habit still allows its ambition', () => {
    const o = duo('routine');
    const last = (id: string, h: number) => (fx: Fx) => {
      fx.s.H[fx.pair('A', 'B')] = h;
      fx.s.lastAct[fx.pair('A', 'B')] = fx.w.activities.findIndex((a) => a.id === id);
    };
    expect(chooseOnce(o, [0, 0, 0, 0.7 * 0.6 - 1e-9], last('shipVisit', 0.6)).activity).toBe('shipVisit');
    expect(chooseOnce(o, [0, 0, 0, 0.7 * 0.6 + 1e-9], last('shipVisit', 0.6)).activity).not.toBe('shipVisit');
    // capacity building (ambition 4) is beyond a habit of 0.2: not repeated even on uRepeat 0.
    const r = chooseOnce(o, [0, 0, 0.999, 0], last('capacityBuilding', 0.2));
    expect(CATALOGUE[r.activity as ActivityId].ambition).toBeLessThanOrEqual(2);
  });
});

describe('trust-gated (trust-first)', () => {
  it('only picks activities whose stake threshold trust passes, weighted by ambition', () => {
    for (const q of [0.05, 0.2, 0.3, 0.45]) {
      const o = duo('trust-gated', { trust: { default: q } });
      const N = 2000;
      const chosen = sweep(o, () => {}, N);
      const allowed = BILATERAL.filter((k) => CATALOGUE[k].stake / (1 - 0.3 + CATALOGUE[k].stake) <= q);
      expect([...chosen.keys()].sort()).toEqual([...allowed].sort());
      const total = allowed.reduce((s, k) => s + CATALOGUE[k].ambition, 0);
      for (const k of allowed) expect(Math.abs(chosen.get(k)! / N - CATALOGUE[k].ambition / total)).toBeLessThanOrEqual(2 / N);
    }
  });

  it('picks nothing when trust passes no threshold', () => {
    const r = chooseOnce(duo('trust-gated', { trust: { default: 0.01 } }), [0, 0, 0.5, 0.5]);
    expect(r.partner).toBeNull();
  });

  it('picks partners in proportion to trust', () => {
    const o: FixtureOptions = {
      states: [{ id: 'A', policy: 'trust-gated' }, 'B', 'C'],
      trust: { default: 0.5, pairs: [{ from: 'A', to: 'B', value: 0.9 }, { from: 'A', to: 'C', value: 0.1 }] },
      groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
    };
    const wB = 0.05 + 0.9 * 0.9 / (0.9 + 0.1);
    expect(chooseOnce(o, [0, wB - 1e-6, 0, 0.999]).partner).toBe('B');
    expect(chooseOnce(o, [0, wB + 1e-6, 0, 0.999]).partner).toBe('C');
  });

  it('under a blend, a state on auto gates by trust when uMix < blend and keeps to routine otherwise', () => {
    const o = duo('auto', { hypothesis: 'blend=0.5', trust: { default: 0.99 } });
    const gated = chooseOnce(o, [0.49, 0, 0.999, 0.999]);
    const routine = chooseOnce(o, [0.51, 0, 0.999, 0.999]);
    expect(CATALOGUE[gated.activity as ActivityId].ambition).toBe(4);
    expect(CATALOGUE[routine.activity as ActivityId].ambition).toBe(1); // no habit yet
  });
});

describe('GRIT', () => {
  const grit: FixtureOptions = {
    states: [{ id: 'A', policy: 'grit' }, 'B', 'C'],
    groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
    tension: { default: 0.1, pairs: [{ between: ['A', 'B'], value: 0.2 }, { between: ['A', 'C'], value: 0.6 }] },
    parameters: { maxActsPerStep: 1 },
    steps: 40,
  };
  const leastRisky = (level: number) => {
    const kinds = BILATERAL.filter((k) => CATALOGUE[k].ambition === level && CATALOGUE[k].rivalTension === 0);
    return Math.min(...kinds.map((k) => CATALOGUE[k].stake));
  };

  /** Runs A's choice over steps 0..last; returns, per step, the initiative (partner:activity) or null. */
  function run(last: number, each?: (fx: Fx, t: number) => void) {
    const fx = build(grit);
    fx.c.r.choice = createStreams(3, fx.w.ids).choice;
    const out: (string | null)[] = [];
    for (let t = 0; t <= last; t++) {
      fx.c.t = t;
      fx.s.credit[0] = 100;
      each?.(fx, t);
      chooseActivities(fx.c);
      const j = fx.s.slotPartner[0];
      out.push(j < 0 ? null : `${fx.w.ids[j]}:${fx.w.activities[fx.s.slotActivity[0]].id}`);
    }
    return { fx, out };
  }

  it('targets the most tense partner with the least risky non-threatening level-1 activity', () => {
    const { fx, out } = run(0);
    expect(out[0]).not.toBeNull();
    const [partner, activity] = out[0]!.split(':');
    expect(partner).toBe('C');
    const a = CATALOGUE[activity as ActivityId];
    expect(a.ambition).toBe(1);
    expect(a.rivalTension).toBe(0);
    expect(a.stake).toBe(leastRisky(1));
    expect(fx.s.gritSince[fx.pair('A', 'C')]).toBe(0);
    // Raise the tension with B above C's: B becomes the target.
    const r = chooseOnce(grit, [0.5, 0.5, 0.5, 0.5], (f) => { f.s.X[f.pair('A', 'B')] = 0.9; });
    expect(r.partner).toBe('B');
  });

  it('repeats up to three unreciprocated initiatives every gritInterval steps, then pauses gritPause steps and offers again', () => {
    const { out, fx } = run(16);
    const at = out.map((x, t) => (x === null ? -1 : t)).filter((t) => t >= 0);
    expect(at).toEqual([0, 3, 6, 15]);
    expect(out.filter((x) => x !== null).every((x) => x!.startsWith('C:'))).toBe(true);
    expect(fx.s.gritPause[fx.pair('A', 'C')]).toBe(9 + 6);
  });

  it('expands the initiatives when reciprocated, up to level 4', () => {
    const { out } = run(13, (fx, t) => {
      // C sends something A heeds after each initiative
      if (t > 0 && t % 3 === 1) fx.s.lastHeard[fx.pair('A', 'C')] = t;
    });
    const levels = out.filter((x) => x !== null).map((x) => CATALOGUE[x!.split(':')[1] as ActivityId]);
    expect(levels.map((a) => a.ambition)).toEqual([1, 2, 3, 4, 4]);
    levels.forEach((a) => {
      expect(a.rivalTension).toBe(0);
      expect(a.stake).toBe(leastRisky(a.ambition));
    });
  });

  it('makes no initiative while answering an exploitation, then offers again', () => {
    const { out } = run(12, (fx, t) => { if (t === 1) fx.s.gritPause[fx.pair('A', 'C')] = 10; });
    const at = out.map((x, t) => (x === null ? -1 : t)).filter((t) => t >= 0);
    expect(at).toEqual([0, 10]);
  });
});

describe('reciprocal', () => {
  it('leaves out a partner whose last tested move toward it was to exploit', () => {
    const o: FixtureOptions = {
      states: [{ id: 'A', policy: 'reciprocal' }, 'B', 'C'],
      groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
      trust: { default: 0.8 },
    };
    const partners = (setup?: (fx: Fx) => void) => {
      const seen = new Set<string | null>();
      for (let k = 0; k < 50; k++) seen.add(chooseOnce(o, [0, (k + 0.5) / 50, 0.3, 0.5], setup).partner);
      return seen;
    };
    expect(partners()).toEqual(new Set(['B', 'C']));
    expect(partners((fx) => { fx.s.lastMove[fx.pair('B', 'A')] = 2; })).toEqual(new Set(['C']));
    expect(partners((fx) => { fx.s.lastMove[fx.pair('B', 'A')] = 1; })).toEqual(new Set(['B', 'C']));
  });

  it('leaves the exploiter out of one step\'s choice only, then forgives it (tit for tat, not a grim trigger)', () => {
    const fx = fixture({ states: [{ id: 'A', policy: 'reciprocal' }, 'B'], groups: [{ id: 'G', members: ['A', 'B'], closeness: 0.5 }], trust: { default: 0.8 } },
      (f) => { f.s.lastMove[f.pair('B', 'A')] = 2; });
    expect(chooseIn(fx, [0, 0.5, 0.3, 0.5]).partner).toBe(null);
    expect(fx.s.lastMove[fx.pair('B', 'A')]).toBe(0);
    fx.c.t = 1;
    expect(chooseIn(fx, [0, 0.5, 0.3, 0.5]).partner).toBe('B');
  });

  it('does not count a step without credit as its answer', () => {
    const fx = fixture({ states: [{ id: 'A', policy: 'reciprocal' }, 'B'], groups: [{ id: 'G', members: ['A', 'B'], closeness: 0.5 }], trust: { default: 0.8 } },
      (f) => { f.s.lastMove[f.pair('B', 'A')] = 2; f.s.credit[0] = 0; });
    expect(chooseIn(fx, [0, 0.5, 0.3, 0.5]).partner).toBe(null);
    expect(fx.s.lastMove[fx.pair('B', 'A')]).toBe(2);
  });
});

describe('choice draws', () => {
  it('draws exactly four numbers per state and slot, whatever the policy, credit or partners', () => {
    const fx = build({
      states: [{ id: 'A', policy: 'routine' }, { id: 'B', policy: 'trust-gated' }, { id: 'C', policy: 'grit' },
        { id: 'D', policy: 'reciprocal' }, { id: 'E' }, { id: 'F' }],
      groups: [{ id: 'G', members: ['A', 'B', 'C', 'D', 'E'], closeness: 0.5 }],
      hypothesis: 'blend=0.5',
      parameters: { maxActsPerStep: 3 },
      steps: 30,
    });
    const stream = counting(createStreams(11, fx.w.ids).choice);
    fx.c.r.choice = stream;
    forbidSignals(fx.c);
    fx.c.r.tests = forbidden('tests');
    fx.c.r.incidents = forbidden('incidents');
    for (let t = 0; t < 20; t++) {
      fx.c.t = t;
      for (let i = 0; i < fx.w.n; i++) fx.s.credit[i] = i === 4 ? 0 : (t % 4) * 3; // E is broke; F has no partners
      const before = stream.calls;
      chooseActivities(fx.c);
      expect(stream.calls - before).toBe(6 * 3 * 4);
    }
  });

  it('keeps the chosen activities of each state within its credit', () => {
    const fx = build({
      states: ['A', 'B', 'C', 'D'],
      groups: [{ id: 'G', members: ['A', 'B', 'C', 'D'], closeness: 0.5 }],
      hypothesis: 'blend=0.5', trust: { default: 0.9 },
      parameters: { maxActsPerStep: 4 },
    });
    fx.s.H.fill(0.7);
    let chosen = 0;
    for (let t = 0; t < 50; t++) {
      for (let i = 0; i < 4; i++) fx.s.credit[i] = (t % 7) + 0.5 * i;
      chooseActivities(fx.c);
      for (let i = 0; i < 4; i++) {
        let cost = 0;
        for (let slot = 0; slot < 4; slot++) {
          const k = i * 4 + slot;
          if (fx.s.slotPartner[k] >= 0) { cost += fx.w.activities[fx.s.slotActivity[k]].cost; chosen++; }
        }
        expect(cost).toBeLessThanOrEqual(fx.s.credit[i] + 1e-12);
      }
    }
    expect(chosen).toBeGreaterThan(100);
  });
});
