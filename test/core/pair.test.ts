import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import {
  addEvidence, addTension, habitNow, OUT, prune, reinforceHabit, stakeThreshold, tensionNow, touchL, trustLogit, upper,
  type Ctx,
} from '../../src/core/pair.js';
import { EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { build, logit, sigmoid } from '../world-fixture.js';

describe('lazy forgetting of trust', () => {
  it('reads L(t) = L0 + (L - L0)(1 - f)^dt in closed form', () => {
    const { c, s, pair } = build({ trust: { default: 0.4 }, steps: 100 });
    const p = pair('A', 'B');
    const L0 = logit(0.4);
    addEvidence(c, 0, 1, 2, K.activity, 1, 0, -1, 0);
    expect(s.L[p]).toBeCloseTo(L0 + 2, 14);
    for (const dt of [0, 1, 2, 5, 17, 60]) {
      c.t = dt;
      expect(trustLogit(c, p)).toBeCloseTo(L0 + 2 * Math.pow(1 - 0.03, dt), 12);
    }
  });

  it('equals forgetting applied one step at a time, whatever the touch pattern', () => {
    const a = build({ parameters: { forgetting: 0.1 }, steps: 60 });
    const b = build({ parameters: { forgetting: 0.1 }, steps: 60 });
    const p = a.pair('A', 'B');
    addEvidence(a.c, 0, 1, 3, K.activity, 1, 0, -1, 0);
    addEvidence(b.c, 0, 1, 3, K.activity, 1, 0, -1, 0);
    let stepped = a.s.L0[p] + 3; // hand-stepped reference
    for (let t = 1; t <= 40; t++) {
      stepped = a.s.L0[p] + (stepped - a.s.L0[p]) * 0.9;
      a.c.t = t;
      touchL(a.c, p); // a touches every step
      if (t % 7 === 0) { b.c.t = t; touchL(b.c, p); } // b only now and then
    }
    b.c.t = 40;
    expect(a.s.L[p]).toBeCloseTo(stepped, 12);
    expect(trustLogit(b.c, p)).toBeCloseTo(stepped, 12);
  });

  it('touchL writes the forgotten value and returns the drift it applied', () => {
    const { c, s, pair } = build();
    const p = pair('B', 'A');
    addEvidence(c, 1, 0, 1, K.activity, 0, 1, -1, 0);
    c.t = 4;
    const before = s.L[p];
    const expected = s.L0[p] + (before - s.L0[p]) * Math.pow(0.97, 4);
    const drift = touchL(c, p);
    expect(s.L[p]).toBeCloseTo(expected, 14);
    expect(drift).toBeCloseTo(expected - before, 14);
    expect(s.lastL[p]).toBe(4);
    expect(touchL(c, p)).toBe(0); // already current
  });
});

describe('tension relaxation', () => {
  it('relaxes toward the baseline: X(t) = X0 + (X - X0)(1 - r)^dt, symmetric in i and j', () => {
    const { c } = build({ tension: { default: 0.1 } });
    expect(addTension(c, 0, 1, 0.5)).toBeCloseTo(0.6, 14);
    for (const dt of [0, 1, 3, 10, 50]) {
      c.t = dt;
      const expected = 0.1 + 0.5 * Math.pow(0.95, dt);
      expect(tensionNow(c, 0, 1)).toBeCloseTo(expected, 12);
      expect(tensionNow(c, 1, 0)).toBeCloseTo(expected, 12);
    }
  });

  it('stepping one step at a time equals the closed form, and a later increment adds to the relaxed value', () => {
    const a = build({ parameters: { tensionRelax: 0.2 } });
    const b = build({ parameters: { tensionRelax: 0.2 } });
    addTension(a.c, 0, 1, 0.7);
    addTension(b.c, 1, 0, 0.7);
    for (let t = 1; t <= 9; t++) { a.c.t = t; addTension(a.c, 0, 1, 0); }
    b.c.t = 9;
    const expected = 0.1 + 0.7 * Math.pow(0.8, 9);
    expect(tensionNow(a.c, 0, 1)).toBeCloseTo(expected, 12);
    expect(tensionNow(b.c, 0, 1)).toBeCloseTo(expected, 12);
    expect(addTension(b.c, 0, 1, 0.05)).toBeCloseTo(expected + 0.05, 12);
  });

  it('clamps tension to [0, 1]', () => {
    const { c } = build({ tension: { default: 0.3 } });
    expect(addTension(c, 0, 1, 5)).toBe(1);
    expect(addTension(c, 0, 1, -5)).toBe(0);
  });
});

describe('habit', () => {
  it('reinforces H += eta (1 - H) on each heeded interaction', () => {
    const { c, s, pair } = build({ parameters: { habitEta: 0.2 } });
    const p = pair('A', 'B');
    let h = 0;
    for (let k = 0; k < 5; k++) {
      reinforceHabit(c, p);
      h += 0.2 * (1 - h);
      expect(s.H[p]).toBeCloseTo(h, 14);
      expect(habitNow(c, p)).toBeCloseTo(h, 14);
    }
    expect(s.isActiveL[p]).toBe(1); // a pair with habit is active
  });

  it('decays H *= (1 - d) on each step without an interaction, and reinforces after the decay', () => {
    const { c, s, pair } = build({ parameters: { habitEta: 0.1, habitDecay: 0.05 } });
    const p = pair('A', 'B');
    reinforceHabit(c, p); // step 0
    for (let t = 1; t <= 4; t++) {
      c.t = t;
      expect(habitNow(c, p)).toBeCloseTo(0.1 * Math.pow(0.95, t), 14);
    }
    // Interaction at step 5: steps 1..4 had none (four decays), then the gain.
    c.t = 5;
    reinforceHabit(c, p);
    const decayed = 0.1 * Math.pow(0.95, 4);
    expect(s.H[p]).toBeCloseTo(decayed + 0.1 * (1 - decayed), 14);
  });

  it('matches a one-step-at-a-time simulation of gains and decays', () => {
    const { c, pair } = build({ parameters: { habitEta: 0.15, habitDecay: 0.04 }, steps: 200 });
    const p = pair('B', 'A');
    const rng = seedrandom('habit');
    let h = 0;
    for (let t = 0; t < 150; t++) {
      c.t = t;
      if (rng() < 0.3) { reinforceHabit(c, p); h += 0.15 * (1 - h); } else h *= 0.96;
      // habitNow reads the habit as it stands at the end of step t
      expect(habitNow(c, p)).toBeCloseTo(h, 12);
    }
  });

  it('decays toward the floor kept by good relationships, not toward zero', () => {
    const { c, s, pair, w } = build({ parameters: { habitEta: 0.5, habitDecay: 0.1, relationshipPersistence: 0.5, outcomeScale: 5 } });
    const p = pair('A', 'B');
    s.O[OUT.relationships * w.n * w.n + p] = 5; // saturation 5 / (5 + 5) = 1/2
    reinforceHabit(c, p);
    expect(s.H[p]).toBeCloseTo(0.5, 14);
    const floor = 0.5 * 0.5 * 0.5; // persistence * sat * H
    expect(s.HF[p]).toBeCloseTo(floor, 14);
    for (const dt of [1, 5, 30]) {
      c.t = dt;
      expect(habitNow(c, p)).toBeCloseTo(floor + (0.5 - floor) * Math.pow(0.9, dt), 12);
    }
    c.t = 59;
    expect(habitNow(c, p)).toBeGreaterThan(floor);
    expect(habitNow(c, p)).toBeCloseTo(floor, 2);
  });
});

describe('addEvidence', () => {
  it('adds log-odds and clamps them to +-30', () => {
    const { c, s, pair } = build();
    const p = pair('A', 'B');
    addEvidence(c, 0, 1, 0.7, K.activity, 1, 0, -1, 0);
    expect(s.L[p]).toBeCloseTo(0.7, 14);
    addEvidence(c, 0, 1, 100, K.activity, 1, 0, -1, 0);
    expect(s.L[p]).toBe(30);
    addEvidence(c, 0, 1, -1000, K.activity, 1, 0, -1, 0);
    expect(s.L[p]).toBe(-30);
    expect(s.log!.l2[s.log!.length - 1]).toBe(-30);
  });

  it('logs l0 (before forgetting), l1 (before the event) and l2 (after), so drift and delta add up', () => {
    const { c, s, pair } = build({ trust: { default: 0.3 }, steps: 100 });
    const p = pair('A', 'B');
    const log = s.log!;
    const rng = seedrandom('evidence');
    const start = sigmoid(logit(0.3));
    let t = 0;
    for (let k = 0; k < 30; k++) {
      c.t = t;
      addEvidence(c, 0, 1, (rng() - 0.4) * 3, K.activity, 1, 0, -1, 0);
      t += Math.floor(rng() * 4);
    }
    c.t = 99;
    let sum = 0;
    let prev = logit(0.3);
    for (let k = 0; k < log.length; k++) {
      expect(log.observer[k]).toBe(0);
      expect(log.subject[k]).toBe(1);
      expect(log.l0[k]).toBe(prev); // each row starts where the last ended
      const L0 = s.L0[p];
      expect(log.l1[k]).toBeCloseTo(L0 + (log.l0[k] - L0) * c.forget[log.step[k] - (k === 0 ? 0 : log.step[k - 1])], 12);
      sum += log.drift(k) + log.delta(k);
      prev = log.l2[k];
    }
    // After the last row the pair only forgets, toward L0 = logit(0.3) at the default rate
    // 0.03, from its step to step 99: in closed form, not as the leftover.
    const last = log.length - 1;
    expect(log.step[last]).toBeLessThan(99);
    const tail = logit(0.3) + (log.l2[last] - logit(0.3)) * Math.pow(1 - 0.03, 99 - log.step[last]);
    expect(sigmoid(tail)).toBeCloseTo(sigmoid(trustLogit(c, p)), 12);
    const after = sigmoid(tail) - log.trust(last); // forgetting after the last row
    expect(sum + after).toBeCloseTo(sigmoid(trustLogit(c, p)) - start, 12);
  });
});

describe('active sets and resting sums', () => {
  /** Checks every bookkeeping invariant against a recomputation over all pairs. */
  function checkBookkeeping(c: Ctx): void {
    const { s, n } = c;
    let restTrust = 0, restTrust2 = 0, restTension = 0, sumTrust = 0, sumTension = 0;
    const seenL = new Set<number>();
    for (let a = 0; a < s.activeLCount; a++) {
      const p = s.activeL[a];
      expect(seenL.has(p)).toBe(false);
      expect(s.isActiveL[p]).toBe(1);
      seenL.add(p);
    }
    const seenX = new Set<number>();
    for (let a = 0; a < s.activeXCount; a++) {
      const u = s.activeX[a];
      expect(seenX.has(u)).toBe(false);
      expect(s.isActiveX[u]).toBe(1);
      seenX.add(u);
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        const p = i * n + j;
        const q = sigmoid(trustLogit(c, p));
        sumTrust += q;
        if (s.isActiveL[p] === 0) {
          expect(seenL.has(p)).toBe(false);
          expect(Math.abs(trustLogit(c, p) - s.L0[p])).toBeLessThan(1e-9); // a resting pair is at its baseline
          expect(habitNow(c, p)).toBe(0); // and has no habit
          const q0 = sigmoid(s.L0[p]); // the resting sums count it at its baseline
          restTrust += q0; restTrust2 += q0 * q0;
        }
        if (i < j) {
          const x = tensionNow(c, i, j);
          sumTension += x;
          if (s.isActiveX[p] === 0) {
            expect(seenX.has(p)).toBe(false);
            expect(s.X[p]).toBe(s.X0[p]);
            restTension += x;
          }
        }
      }
    }
    expect(s.restTrust).toBeCloseTo(restTrust, 9);
    expect(s.restTrust2).toBeCloseTo(restTrust2, 9);
    expect(s.restTension).toBeCloseTo(restTension, 9);
    // The aggregates the reporters compute: resting sum plus active pairs.
    let viaSets = s.restTrust;
    for (let a = 0; a < s.activeLCount; a++) viaSets += sigmoid(trustLogit(c, s.activeL[a]));
    expect(viaSets).toBeCloseTo(sumTrust, 8);
    let tensionViaSets = s.restTension;
    for (let a = 0; a < s.activeXCount; a++) {
      const u = s.activeX[a];
      tensionViaSets += tensionNow(c, Math.floor(u / n), u % n);
    }
    expect(tensionViaSets).toBeCloseTo(sumTension, 8);
  }

  it.each(['a', 'b', 'c'])('stay consistent with a brute-force recomputation after random operations (seed %s)', (seed) => {
    const steps = 900;
    const { c, s } = build({
      states: ['A', 'B', 'C', 'D', 'E'], steps,
      trust: { default: 0.5, pairs: [{ from: 'A', to: 'C', value: 0.8 }, { from: 'D', to: 'B', value: 0.2 }] },
      tension: { default: 0.1, pairs: [{ between: ['B', 'E'], value: 0.6 }] },
      parameters: { forgetting: 0.2, tensionRelax: 0.2, habitDecay: 0.3 },
    });
    const rng = seedrandom(seed);
    const n = c.n;
    const pick = () => {
      const i = Math.floor(rng() * n);
      let j = Math.floor(rng() * (n - 1));
      if (j >= i) j++;
      return [i, j] as const;
    };
    let pruned = 0;
    for (let t = 0; t < steps; t++) {
      c.t = t;
      const ops = rng() < 0.15 ? Math.floor(rng() * 5) : 0; // mostly quiet, so pairs come to rest
      for (let k = 0; k < ops; k++) {
        const [i, j] = pick();
        const r = rng();
        if (r < 0.4) addEvidence(c, i, j, (rng() - 0.5) * 4, K.activity, j, i, -1, 0);
        else if (r < 0.6) reinforceHabit(c, i * n + j);
        else if (r < 0.85) addTension(c, i, j, (rng() - 0.4) * 0.5);
        else touchL(c, i * n + j);
      }
      if (t % 12 === 11) {
        const before = s.activeLCount + s.activeXCount;
        prune(c);
        pruned += before - (s.activeLCount + s.activeXCount);
      }
      if (t % 50 === 0 || t % 12 === 11) checkBookkeeping(c);
    }
    checkBookkeeping(c);
    expect(pruned).toBeGreaterThan(0); // the test exercised prune
  });

  it('prune returns pairs at rest to the resting sums and keeps the aggregates', () => {
    const { c, s, pair } = build({ states: ['A', 'B', 'C'], steps: 2000, parameters: { forgetting: 0.5, tensionRelax: 0.5, habitDecay: 0.5 } });
    addEvidence(c, 0, 1, 2, K.activity, 1, 0, -1, 0);
    reinforceHabit(c, pair('B', 'C'));
    addTension(c, 0, 2, 0.4);
    expect(s.activeLCount).toBe(2);
    expect(s.activeXCount).toBe(1);
    c.t = 5;
    prune(c); // not yet at rest
    expect(s.activeLCount).toBe(2);
    expect(s.activeXCount).toBe(1);
    c.t = 100; // 0.5^100: at rest
    const before = s.restTrust;
    prune(c);
    expect(s.activeLCount).toBe(0);
    expect(s.activeXCount).toBe(0);
    expect(s.restTrust).toBeCloseTo(before + 2 * sigmoid(0), 12);
    expect(s.restTrust).toBeCloseTo(6 * 0.5, 12);
    expect(s.restTension).toBeCloseTo(3 * 0.1, 12);
    expect(Math.abs(trustLogit(c, pair('A', 'B')) - s.L0[pair('A', 'B')])).toBeLessThan(1e-9);
    expect(habitNow(c, pair('B', 'C'))).toBe(0);
    // A pruned pair can be woken again.
    addEvidence(c, 0, 1, 1, K.activity, 1, 0, -1, 0);
    expect(s.activeLCount).toBe(1);
    expect(s.restTrust).toBeCloseTo(5 * 0.5, 12);
    expect(trustLogit(c, pair('A', 'B'))).toBeCloseTo(s.L0[pair('A', 'B')] + 1, 9);
  });
});

describe('helpers', () => {
  it('stakeThreshold is Kydd\'s c / (1 - t + c), 0 for no stake', () => {
    expect(stakeThreshold(0.4, 0.3)).toBeCloseTo(0.4 / 1.1, 14);
    expect(stakeThreshold(0, 0.3)).toBe(0);
    expect(stakeThreshold(1, 0)).toBeCloseTo(0.5, 14);
  });

  it('upper indexes the unordered pair in the upper triangle', () => {
    expect(upper(4, 1, 3)).toBe(7);
    expect(upper(4, 3, 1)).toBe(7);
  });
});
