import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { forumMeeting, meetsAt } from '../../src/core/forums.js';
import { trustLogit } from '../../src/core/pair.js';
import { EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import { build, scriptSignals, sigmoid, type FixtureOptions } from '../world-fixture.js';

const CLEAN = [0, 0, 0.999999, 0.999999];

function forumWorld(o: FixtureOptions & { track?: 1 | 1.5 | 2; members?: string[] } = {}) {
  const { track, members, ...rest } = o;
  const ids = members ?? ['A', 'B', 'C'];
  return build({
    states: ids,
    forums: [{ id: 'F', members: ids, track: track ?? 1, schedule: { start: 2, every: 3, end: 11 } }],
    hypothesis: 'trust-first',
    ...rest,
  });
}

describe('meeting schedule', () => {
  it('meets every `every` steps from `start` up to `end` inclusive', () => {
    const fx = forumWorld();
    const f = fx.w.forums[0];
    const at = Array.from({ length: 20 }, (_, t) => t).filter((t) => meetsAt(f, t));
    expect(at).toEqual([2, 5, 8, 11]);
  });

  it('without an end it keeps meeting', () => {
    const fx = build({ states: ['A', 'B'], forums: [{ id: 'F', members: ['A', 'B'], track: 1, schedule: { every: 12 } }], steps: 500 });
    const f = fx.w.forums[0];
    expect(meetsAt(f, 0)).toBe(true);
    expect(meetsAt(f, 480)).toBe(true);
    expect(meetsAt(f, 481)).toBe(false);
  });
});

describe('a meeting', () => {
  it('has every member transmit the forum activity to every other member, four draws each', () => {
    const fx = forumWorld({ members: ['A', 'B', 'C', 'D'], parameters: { reputationWeight: 0 } });
    const sig = scriptSignals(fx.c, [], 0.5);
    forumMeeting(fx.c, 0);
    const n = 4;
    const expected: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expected.push(i * n + j);
    expect([...sig.pairs].sort((a, b) => a - b)).toEqual(expected);
    expect(sig.calls).toBe(4 * 12);
    expect(fx.s.counters[C.forumMeetings]).toBe(1);
    const log = fx.s.log!;
    expect(log.kind[0]).toBe(K.forum);
    expect(log.value(0)).toBe(4);
    const sent = new Set<string>();
    for (let k = 0; k < log.length; k++) if (log.kind[k] === K.activity) sent.add(`${log.actor[k]}>${log.target[k]}`);
    expect(sent.size).toBe(12);
  });

  it.each([[1, 1], [1.5, 0.75], [2, 0.5]] as const)('on track %s gives each member multilateralWeight x %s of a bilateral signal', (track, factor) => {
    const fx = forumWorld({ track, parameters: { reputationWeight: 0 } });
    scriptSignals(fx.c, [], 0); // all heeded; nothing to misread (one language and culture) nor deceive (aligned aims)
    const before = trustLogit(fx.c, fx.pair('B', 'A'));
    forumMeeting(fx.c, 0);
    const dL = 0.1 * 0.35 * factor * Math.log(1.2);
    for (const [o, d] of [['B', 'A'], ['A', 'B'], ['C', 'A'], ['A', 'C'], ['B', 'C'], ['C', 'B']]) {
      expect(trustLogit(fx.c, fx.pair(o, d)) - before).toBeCloseTo(dL, 14);
    }
  });

  it('each member that attends pays the activity cost once; one that declines everything pays nothing', () => {
    const fx = forumWorld({ states: ['A', 'B', { id: 'C', trustworthiness: 0 }], parameters: { reputationWeight: 0 }});
    fx.s.credit.fill(5);
    // A->B, A->C, B->A, B->C go ahead; C->A and C->B are declined (uMimic >= sigma).
    scriptSignals(fx.c, [...CLEAN, ...CLEAN, ...CLEAN, ...CLEAN, 0.99, 0, 0, 0, 0.99, 0, 0, 0]);
    forumMeeting(fx.c, 0);
    expect(Array.from(fx.s.credit)).toEqual([4, 4, 5]);
    expect(fx.s.counters[C.declined]).toBe(2);
  });

  it('does not count as reciprocation for GRIT', () => {
    const fx = forumWorld({ parameters: { reputationWeight: 0 } });
    scriptSignals(fx.c, [], 0);
    forumMeeting(fx.c, 0);
    expect(Array.from(fx.s.lastHeard).every((v) => v === -1)).toBe(true);
  });
});

describe('reputation through partners', () => {
  /** Members who heed nothing, so trust moves by reputation alone. */
  const deaf = (trust: { from: string; to: string; value: number }[], members = ['A', 'B', 'C'], rw = 0.1) =>
    forumWorld({
      members, hypothesis: 'habits-first', stateDefaults: { receptivity: 0 },
      trust: { default: 0.5, pairs: trust }, parameters: { reputationWeight: rw },
    });

  it('moves a listener\'s view toward a trusted witness\'s view of the subject', () => {
    const fx = deaf([{ from: 'A', to: 'B', value: 0.9 }, { from: 'B', to: 'C', value: 0.8 }]);
    scriptSignals(fx.c, [], 0.5);
    forumMeeting(fx.c, 0);
    const w = 2 * 0.9 - 1;
    const expected = 0.1 * (w / (w + 1)) * (Math.log(0.8 / 0.2) - 0);
    expect(trustLogit(fx.c, fx.pair('A', 'C'))).toBeCloseTo(expected, 12);
    expect(trustLogit(fx.c, fx.pair('A', 'C'))).toBeGreaterThan(0); // up from 0.5, toward B's 0.8
  });

  it('ignores distrusted witnesses', () => {
    for (const q of [0.5, 0.3, 0.05]) {
      const fx = deaf([{ from: 'A', to: 'B', value: q }, { from: 'B', to: 'C', value: 0.95 }]);
      scriptSignals(fx.c, [], 0.5);
      forumMeeting(fx.c, 0);
      expect(trustLogit(fx.c, fx.pair('A', 'C'))).toBe(0);
    }
  });

  it('updates every member pair simultaneously, as the documented discounted average of witnesses', () => {
    const ids = ['A', 'B', 'C', 'D', 'E'];
    const rng = seedrandom('witnesses');
    const pairs: { from: string; to: string; value: number }[] = [];
    for (const a of ids) for (const b of ids) if (a !== b) pairs.push({ from: a, to: b, value: 0.05 + 0.9 * rng() });
    const fx = deaf(pairs, ids, 0.25);
    const n = ids.length;
    const L = (i: number, j: number) => trustLogit(fx.c, i * n + j);
    const expected: number[] = [];
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      if (i === j) { expected.push(0); continue; }
      let s = 0, sum = 0;
      for (let k = 0; k < n; k++) {
        if (k === i || k === j) continue;
        const w = Math.max(0, 2 * sigmoid(L(i, k)) - 1);
        s += w; sum += w * L(k, j);
      }
      expected.push(L(i, j) + (s > 0 ? 0.25 * (s / (s + 1)) * (sum / s - L(i, j)) : 0));
    }
    scriptSignals(fx.c, [], 0.5);
    forumMeeting(fx.c, 0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) expect(L(i, j)).toBeCloseTo(expected[i * n + j], 12);
    const log = fx.s.log!;
    let rows = 0;
    for (let k = 0; k < log.length; k++) if (log.kind[k] === K.reputation) rows++;
    expect(rows).toBeGreaterThan(0);
  });

  it('needs a third party: no reputation between two members, nor with reputationWeight 0', () => {
    const two = deaf([{ from: 'A', to: 'B', value: 0.9 }], ['A', 'B']);
    scriptSignals(two.c, [], 0.5);
    forumMeeting(two.c, 0);
    expect(trustLogit(two.c, two.pair('A', 'B'))).toBeCloseTo(Math.log(9), 14);
    const off = deaf([{ from: 'A', to: 'B', value: 0.9 }, { from: 'B', to: 'C', value: 0.8 }], ['A', 'B', 'C'], 0);
    scriptSignals(off.c, [], 0.5);
    forumMeeting(off.c, 0);
    expect(trustLogit(off.c, off.pair('A', 'C'))).toBe(0);
  });
});
