import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/model/catalogue.js';
import { OUT, tensionNow, trustLogit } from '../../src/core/pair.js';
import { asymmetry, BILATERAL, checkAgreement, DECLINED, FORUM, HEEDED, overshadow, SENT, transmit } from '../../src/core/transmit.js';
import { EventFlag as F, EVENT_KIND_INDEX as K } from '../../src/core/events.js';
import { C } from '../../src/world/state.js';
import type { World } from '../../src/world/world.js';
import { build, forbidden, scriptSignals, type Fixture, type FixtureOptions } from '../world-fixture.js';

const act = (w: World, id: string): number => {
  const a = w.activities.findIndex((x) => x.id === id);
  if (a < 0) throw new Error(id);
  return a;
};
const lnLR = (w: World, id: string) => Math.log(w.activities[act(w, id)].lr);

/** Draws that make a transmission go through, be heeded, not misread, not deceived. */
const CLEAN = [0, 0, 0.999999, 0.999999];

/** Builds a world, transmits once A -> B with scripted signal draws; returns the change in B's trust logit in A. */
function once(o: FixtureOptions, activity: string, u: number[] = CLEAN, mode = 1) {
  const fx = build({ hypothesis: 'trust-first', ...o });
  const { c, w, pair } = fx;
  const sig = scriptSignals(c, u);
  c.r.choice = forbidden('choice');
  c.r.tests = forbidden('tests');
  c.r.incidents = forbidden('incidents');
  const ba = pair('B', 'A');
  const before = trustLogit(c, ba);
  const result = transmit(c, fx.id('A'), fx.id('B'), act(w, activity), mode, BILATERAL);
  return { ...fx, result, dL: trustLogit(c, ba) - before, draws: sig.calls, pairs: sig.pairs };
}

describe('evidence of a heeded signal', () => {
  it('adds evidenceScale * mode * ln LR to the receiver\'s trust in the transmitter (trust-first, clean states)', () => {
    const r = once({}, 'officialContact');
    expect(r.result).toBe(HEEDED);
    expect(r.dL).toBeCloseTo(0.1 * Math.log(1.15), 14);
    expect(trustLogit(r.c, r.pair('A', 'B'))).toBe(r.s.L0[r.pair('A', 'B')]); // the transmitter's own view is unmoved
    expect(r.s.lastHeard[r.pair('B', 'A')]).toBe(0);
    expect(r.s.lastAct[r.pair('A', 'B')]).toBe(act(r.w, 'officialContact'));
    const m = once({}, 'officialContact', CLEAN, 0.35);
    expect(m.dL).toBeCloseTo(0.35 * 0.1 * Math.log(1.15), 14);
  });

  it('weighs the evidence the same under every hypothesis, whatever the receiver\'s habit (MODEL 6: no discount)', () => {
    const dLs: number[] = [];
    for (const hyp of ['habits-first', 'blend=0.4', 'trust-first']) {
      for (const h of [0, 0.6]) {
        const fx = build({ hypothesis: hyp });
        const ba = fx.pair('B', 'A');
        fx.s.H[ba] = h;
        fx.s.lastH[ba] = 0;
        scriptSignals(fx.c, CLEAN);
        const before = trustLogit(fx.c, ba);
        transmit(fx.c, 0, 1, act(fx.w, 'shipVisit'), 1, BILATERAL);
        dLs.push(trustLogit(fx.c, ba) - before);
      }
    }
    for (const dL of dLs) expect(dL).toBeCloseTo(0.1 * Math.log(1.5), 14);
  });

  it('a tied-hands signal keeps only the credibility the receiver still grants the sender (MODEL 6c)', () => {
    const fx = build({});
    const ab = fx.pair('A', 'B'), ba = fx.pair('B', 'A');
    fx.s.credibility[ab] = 0.5;
    scriptSignals(fx.c, CLEAN);
    const before = trustLogit(fx.c, ba);
    transmit(fx.c, 0, 1, act(fx.w, 'highLevelDialogue'), 1, BILATERAL);
    expect(trustLogit(fx.c, ba) - before).toBeCloseTo(0.5 * 0.1 * Math.log(1.4), 14);
    expect(fx.s.lastTied[ab]).toBe(0);
  });

  it('builds habit both ways: H += eta (1 - H), and understanding both ways', () => {
    const r = once({}, 'officialContact');
    expect(r.s.H[r.pair('A', 'B')]).toBeCloseTo(0.08, 14);
    expect(r.s.H[r.pair('B', 'A')]).toBeCloseTo(0.08, 14);
    // 0.3 + 0.01 * 0.7, then the transparency outcome (0.3 * quality 1 * 0.03) on top
    const u1 = 0.3 + 0.01 * 0.7;
    const u2 = u1 + 0.03 * 0.3 * (1 - u1);
    expect(r.s.U[r.pair('A', 'B')]).toBeCloseTo(u2, 14);
    expect(r.s.U[r.pair('B', 'A')]).toBeCloseTo(u2, 14);
  });
});

describe('appropriateness and the tension ceiling', () => {
  const tense = (x: number): FixtureOptions => ({ tension: { default: x } });

  it('keeps full effect at or below the ceiling', () => {
    expect(once(tense(0.3), 'armsTransfer').dL).toBeCloseTo(0.1 * Math.log(2.5), 14);
    expect(once(tense(0.1), 'armsTransfer').dL).toBeCloseTo(0.1 * Math.log(2.5), 14);
  });

  it('turns to suspicion as soon as tension passes the ceiling, falling linearly to `suspicion` at tension 1', () => {
    // armsTransfer: ceiling 0.3; app = suspicion (x - 0.3) / 0.7 above it.
    const ln = 0.1 * Math.log(2.5);
    expect(once(tense(0.3 + 1e-9), 'armsTransfer').dL).toBeLessThan(0);
    expect(once(tense(0.35), 'armsTransfer').dL).toBeCloseTo(-(0.05 / 0.7) * ln, 14);
    expect(once(tense(0.4), 'armsTransfer').dL).toBeCloseTo(-(0.1 / 0.7) * ln, 14);
    expect(once(tense(1), 'armsTransfer').dL).toBeCloseTo(-1 * ln, 14);
    expect(once({ ...tense(1), parameters: { suspicion: -0.5 } }, 'armsTransfer').dL).toBeCloseTo(-0.5 * ln, 14);
    // Suspicion grows with tension.
    const dLs = [0.35, 0.5, 0.8, 1].map((x) => once(tense(x), 'armsTransfer').dL);
    for (let k = 1; k < dLs.length; k++) expect(dLs[k]).toBeLessThan(dLs[k - 1]);
    // suspicion 0: above the ceiling the activity carries no evidence at all.
    expect(once({ ...tense(0.8), parameters: { suspicion: 0 } }, 'armsTransfer').dL).toBe(0);
  });

  it('above the ceiling: negative evidence, raised tension, no habit, no outcomes, flagged', () => {
    const r = once(tense(0.8), 'armsTransfer');
    const app = -1 * (0.8 - 0.3) / 0.7;
    expect(r.dL).toBeCloseTo(app * 0.1 * Math.log(2.5), 14);
    expect(r.dL).toBeLessThan(0);
    expect(tensionNow(r.c, 0, 1)).toBeCloseTo(0.8 + -app * 0.05, 14);
    expect(r.s.H[r.pair('A', 'B')]).toBe(0);
    expect(r.s.H[r.pair('B', 'A')]).toBe(0);
    expect(Array.from(r.s.outcomeTotals).every((v) => v === 0)).toBe(true);
    expect(r.s.counters[C.suspicious]).toBe(1);
    const log = r.s.log!;
    const row = Array.from({ length: log.length }, (_, k) => k).find((k) => log.kind[k] === K.activity)!;
    expect(log.flags[row] & F.suspicious).toBe(F.suspicious);
  });

  it('builds habit only at or below the ceiling, and is flagged as suspicious anywhere above it (docs/MODEL.md 7.2)', () => {
    const flagged = (r: ReturnType<typeof once>) => {
      const log = r.s.log!;
      const row = Array.from({ length: log.length }, (_, k) => k).find((k) => log.kind[k] === K.activity)!;
      return (log.flags[row] & F.suspicious) !== 0;
    };
    const at = once(tense(0.3), 'armsTransfer');
    expect(at.s.H[at.pair('B', 'A')]).toBeCloseTo(0.08, 14);
    expect(flagged(at)).toBe(false);
    expect(at.s.counters[C.suspicious]).toBe(0);
    for (const x of [0.31, 0.4, 0.64]) {
      const above = once(tense(x), 'armsTransfer');
      expect(above.dL).toBeLessThan(0);
      expect(above.s.H[above.pair('B', 'A')]).toBe(0);
      expect(tensionNow(above.c, 0, 1)).toBeGreaterThan(x);
      expect(flagged(above)).toBe(true);
      expect(above.s.counters[C.suspicious]).toBe(1);
    }
  });
});

describe('reciprocation', () => {
  it('only a heeded bilateral act records that the receiver heard the transmitter (GRIT reciprocation)', () => {
    for (const [channel, heard] of [[BILATERAL, 0], [FORUM, -1]] as const) {
      const fx = build({ t: 0 });
      scriptSignals(fx.c, CLEAN);
      expect(transmit(fx.c, 0, 1, act(fx.w, 'forumMeeting'), 0.35, channel)).toBe(HEEDED);
      expect(fx.s.lastHeard[fx.pair('B', 'A')]).toBe(heard);
    }
  });

  it('a heeded bilateral act of an exploiter makes amends: its last move toward the receiver turns from 2 to 1', () => {
    const after = (channel: number, u: number[], before: number) => {
      const fx = build({ states: ['A', { id: 'B', receptivity: 0.5 }], t: 0 });
      fx.s.lastMove[fx.pair('A', 'B')] = before;
      scriptSignals(fx.c, u);
      transmit(fx.c, 0, 1, act(fx.w, 'officialContact'), 1, channel);
      return fx.s.lastMove[fx.pair('A', 'B')];
    };
    expect(after(BILATERAL, CLEAN, 2)).toBe(1);
    expect(after(BILATERAL, CLEAN, 0)).toBe(0); // nothing to make amends for
    expect(after(FORUM, CLEAN, 2)).toBe(2); // a forum meeting is not an act toward the partner
    expect(after(BILATERAL, [0, 0.9, 0.99, 0.99], 2)).toBe(2); // not heeded
  });
});

describe('transmitter and receiver attributes', () => {
  it('equivocation scales evidence by (1 - equivocation)', () => {
    const base = once({}, 'trainingExchange').dL;
    const eq = once({ states: [{ id: 'A', equivocation: 0.4 }, 'B'] }, 'trainingExchange').dL;
    expect(eq).toBeCloseTo(0.6 * base, 14);
    expect(once({ states: [{ id: 'A', equivocation: 1 }, 'B'] }, 'trainingExchange').dL).toBe(0);
  });

  it('an unheeding receiver (receptivity 0) gets no evidence, and no habit forms', () => {
    const r = once({ states: ['A', { id: 'B', receptivity: 0 }] }, 'combinedExercise', [0, 0, 0.99, 0.99]);
    expect(r.result).toBe(SENT);
    expect(r.dL).toBe(0);
    expect(r.s.H[r.pair('A', 'B')]).toBe(0);
    expect(r.s.H[r.pair('B', 'A')]).toBe(0);
    expect(r.s.lastHeard[r.pair('B', 'A')]).toBe(-1);
    expect(r.s.counters[C.activities]).toBe(1);
    expect(r.s.counters[C.heeded]).toBe(0);
  });

  it('heeds with probability receptivity, raised toward 1 by incentives received', () => {
    const heard = (u: number, incentives: number) => {
      const fx = build({ states: ['A', { id: 'B', receptivity: 0.5 }] });
      fx.s.O[OUT.incentives * 4 + fx.pair('A', 'B')] = incentives;
      scriptSignals(fx.c, [0, u, 0.99, 0.99]);
      return transmit(fx.c, 0, 1, act(fx.w, 'officialContact'), 1, BILATERAL);
    };
    expect(heard(0.4999, 0)).toBe(HEEDED);
    expect(heard(0.5, 0)).toBe(SENT);
    const receptive = 0.5 + 0.5 * 0.3 * (5 / (5 + 5)); // sat(5) with outcomeScale 5
    expect(heard(receptive - 1e-9, 5)).toBe(HEEDED);
    expect(heard(receptive + 1e-9, 5)).toBe(SENT);
  });

  it('seniority of a larger transmitter and overshadowing reduce the effect; restraint offsets overshadowing', () => {
    const big = (restraint: number, seniority: number) =>
      ({ states: [{ id: 'A', capability: 3, seniority, restraint }, { id: 'B', capability: 1, seniority: 1 }] });
    const full = 0.1 * Math.log(2.5);
    const asym = (3 - 1) / (3 + 1);
    const shadow = 2 / (2 + 3); // (c_i / c_j - 1) / (that + overshadowHalf)
    expect(once(big(0, 1), 'combinedExercise').dL).toBeCloseTo(full * (1 - 0.6 * asym) * (1 - 0.8 * shadow), 14);
    expect(once(big(0, 0), 'combinedExercise').dL).toBeCloseTo(full * (1 - 0.8 * shadow), 14);
    expect(once(big(0.5, 0), 'combinedExercise').dL).toBeCloseTo(full * (1 - 0.8 * shadow * 0.5), 14);
    expect(once(big(1, 0), 'combinedExercise').dL).toBeCloseTo(full, 14);
    // An activity that needs no parity is not overshadowed.
    expect(once(big(0, 0), 'officialContact').dL).toBeCloseTo(0.1 * Math.log(1.15), 14);
    // The smaller side neither overshadows nor loses by seniority.
    const fx = build({ ...big(0, 1), hypothesis: 'trust-first' });
    expect(overshadow(fx.c, 1, 0)).toBe(0);
    expect(asymmetry(fx.c, 1, 0)).toBe(0);
    expect(overshadow(fx.c, 0, 1)).toBeCloseTo(shadow, 14);
    expect(asymmetry(fx.c, 0, 1)).toBeCloseTo(asym, 14);
    scriptSignals(fx.c, CLEAN);
    const ab = fx.pair('A', 'B');
    const before = trustLogit(fx.c, ab);
    transmit(fx.c, 1, 0, act(fx.w, 'combinedExercise'), 1, BILATERAL);
    expect(trustLogit(fx.c, ab) - before).toBeCloseTo(full, 14);
  });
});

describe('misreading', () => {
  const distant = {
    A: { id: 'A', language: { primary: 'th', english: 0.6 }, culture: { pdi: 0.2, idv: 0.8 }, empathy: 0.5 },
    B: { id: 'B', language: { primary: 'en', english: 1 }, culture: { pdi: 0.8, idv: 0.2 }, empathy: 0.5 },
  };
  type StatePatch = Partial<typeof distant.A> & Record<string, unknown>;

  /** The misreading chance, measured: the uMisread below which the signal is misread (bisection). */
  function measured(a: StatePatch = {}, b: StatePatch = {}, understanding = 0.3, activity = 'officialContact'): number {
    const misread = (u: number) => {
      const r = once({ states: [{ ...distant.A, ...a }, { ...distant.B, ...b }], understanding: { default: understanding } },
        activity, [0, 0, u, 0.99]);
      return r.s.counters[C.misread] === 1;
    };
    let lo = 0, hi = 1;
    if (!misread(0)) return 0;
    for (let k = 0; k < 45; k++) {
      const mid = (lo + hi) / 2;
      if (misread(mid)) lo = mid; else hi = mid;
    }
    return hi;
  }

  it('has the documented chance: base * (langLoad * (lang + usage * cult) + cultLoad * cult) * (1 - U) * (1 - empathyEffect * mean empathy)', () => {
    const lang = 1 - 0.6;
    const cult = Math.sqrt((0.6 ** 2 + 0.6 ** 2) / 2);
    const expected = 0.6 * (0.6 * (lang + 0.4 * cult) + 0.5 * cult) * (1 - 0.3) * (1 - 0.6 * 0.5);
    expect(measured()).toBeCloseTo(expected, 10);
  });

  it('grows with language and cultural distance, shrinks with understanding and empathy', () => {
    const base = measured();
    expect(measured({ language: { primary: 'th', english: 0.2 } })).toBeGreaterThan(base);
    expect(measured({ culture: { pdi: 0, idv: 1 } }, { culture: { pdi: 1, idv: 0 } })).toBeGreaterThan(base);
    expect(measured({}, {}, 0.8)).toBeLessThan(base);
    expect(measured({ empathy: 1 }, { empathy: 1 })).toBeLessThan(base);
    expect(measured({ empathy: 0 }, { empathy: 0 })).toBeGreaterThan(base);
    // A shared language and culture leave nothing to misread.
    expect(measured({ language: { primary: 'en', english: 0.1 }, culture: distant.B.culture })).toBe(0);
  });

  it('a misread signal carries misreadWeight times the evidence (reversed by default)', () => {
    const states = [distant.A, distant.B];
    const clean = once({ states }, 'highLevelDialogue', [0, 0, 0.999, 0.99]);
    const misread = once({ states }, 'highLevelDialogue', [0, 0, 0, 0.99]);
    expect(misread.s.counters[C.misread]).toBe(1);
    expect(misread.dL).toBeCloseTo(-0.3 * clean.dL, 14);
    expect(misread.dL).toBeLessThan(0);
  });
});

describe('deception', () => {
  const opaque = (aims: number, transparency: number): FixtureOptions => ({
    states: [{ id: 'A', transparency }, 'B'], aims: { default: 0.3, pairs: [{ between: ['A', 'B'], value: aims }] },
  });

  it('with misaligned aims and opacity, a chance deceptionBase * -aims * (1 - transparency) of negative evidence', () => {
    const p = 0.4 * 0.5 * 1;
    const deceived = once(opaque(-0.5, 0), 'capacityBuilding', [0, 0, 0.99, p - 1e-9]);
    expect(deceived.s.counters[C.deceived]).toBe(1);
    expect(deceived.dL).toBeCloseTo(0.1 * Math.log(0.1), 14); // whatever the activity
    expect(once(opaque(-0.5, 0), 'officialContact', [0, 0, 0.99, p - 1e-9]).dL).toBeCloseTo(0.1 * Math.log(0.1), 14);
    const spared = once(opaque(-0.5, 0), 'capacityBuilding', [0, 0, 0.99, p + 1e-9]);
    expect(spared.s.counters[C.deceived]).toBe(0);
    expect(spared.dL).toBeCloseTo(0.1 * Math.log(2.8), 14);
  });

  it('needs both misaligned aims and opacity', () => {
    expect(once(opaque(0.5, 0), 'officialContact', [0, 0, 0.99, 0]).s.counters[C.deceived]).toBe(0);
    expect(once(opaque(0, 0), 'officialContact', [0, 0, 0.99, 0]).s.counters[C.deceived]).toBe(0);
    expect(once(opaque(-1, 1), 'officialContact', [0, 0, 0.99, 0]).s.counters[C.deceived]).toBe(0);
    expect(once(opaque(-1, 0), 'officialContact', [0, 0, 0.99, 0]).s.counters[C.deceived]).toBe(1);
  });

  it('accumulated transparency of intentions lowers the chance', () => {
    const run = (u: number) => {
      const fx = build(opaque(-1, 0));
      fx.s.O[OUT.transparency * 4 + fx.pair('A', 'B')] = 5; // saturation 1/2
      scriptSignals(fx.c, [0, 0, 0.99, u]);
      transmit(fx.c, 0, 1, act(fx.w, 'officialContact'), 1, BILATERAL);
      return fx.s.counters[C.deceived];
    };
    expect(run(0.2 - 1e-9)).toBe(1);
    expect(run(0.2 + 1e-9)).toBe(0);
  });
});

describe('Kydd mimicry', () => {
  it('an untrustworthy state (trustworthiness 0) undertakes an activity only with probability sigma = 1/LR', () => {
    const untrusty: FixtureOptions = { states: [{ id: 'A', trustworthiness: 0 }, 'B'] };
    for (const id of ['officialContact', 'combinedExercise', 'capacityBuilding'] as const) {
      const sigma = 1 / CATALOGUE[id].lr;
      expect(once(untrusty, id, [sigma - 1e-9, 0, 0.99, 0.99]).result).toBe(HEEDED);
      const declined = once(untrusty, id, [sigma + 1e-9, 0, 0.99, 0.99]);
      expect(declined.result).toBe(DECLINED);
      expect(declined.dL).toBe(0);
      expect(declined.s.counters[C.declined]).toBe(1);
      expect(declined.s.counters[C.activities]).toBe(0);
      expect(declined.s.log!.kind[0]).toBe(K.declined);
      expect(declined.s.H[declined.pair('B', 'A')]).toBe(0);
    }
  });

  it('declines costly activities with frequency 1 - 1/LR over many seeded draws; a trustworthy state never declines', () => {
    for (const [id, lr] of [['capacityBuilding', 2.8], ['officialContact', 1.15]] as const) {
      const fx = build({ states: [{ id: 'A', trustworthiness: 0 }, { id: 'B', receptivity: 0 }] });
      const a = act(fx.w, id);
      let declined = 0;
      const N = 20000;
      for (let k = 0; k < N; k++) if (transmit(fx.c, 0, 1, a, 1, BILATERAL) === DECLINED) declined++;
      expect(declined / N).toBeCloseTo(1 - 1 / lr, 1);
      expect(Math.abs(declined / N - (1 - 1 / lr))).toBeLessThan(0.015);
    }
    const honest = once({ states: [{ id: 'A', trustworthiness: 1 }, 'B'] }, 'capacityBuilding', [0.999999, 0, 0.99, 0.99]);
    expect(honest.result).toBe(HEEDED);
    // Partly trustworthy: undertakes with probability tw + (1 - tw) sigma.
    const half = { states: [{ id: 'A', trustworthiness: 0.5 }, 'B'] };
    const go = 0.5 + 0.5 / 2.8;
    expect(once(half, 'capacityBuilding', [go - 1e-9, 0, 0.99, 0.99]).result).toBe(HEEDED);
    expect(once(half, 'capacityBuilding', [go + 1e-9, 0, 0.99, 0.99]).result).toBe(DECLINED);
  });
});

describe('common random numbers', () => {
  it('draws exactly four numbers from the signal stream per transmission, whatever happens, and no other stream', () => {
    const cases: [string, FixtureOptions, string, number[]][] = [
      ['declined', { states: [{ id: 'A', trustworthiness: 0 }, 'B'] }, 'capacityBuilding', [0.99, 0, 0, 0]],
      ['unheeded', { states: ['A', { id: 'B', receptivity: 0 }] }, 'officialContact', [0, 0.5, 0, 0]],
      ['heeded', {}, 'officialContact', CLEAN],
      ['misread', { states: [{ id: 'A', language: { primary: 'fr', english: 0 } }, 'B'] }, 'highLevelDialogue', [0, 0, 0, 0.99]],
      ['deceived', { states: [{ id: 'A', transparency: 0 }, 'B'], aims: { default: -1 } }, 'shipVisit', [0, 0, 0.99, 0]],
      ['above ceiling', { tension: { default: 0.9 } }, 'armsTransfer', CLEAN],
      ['rivals', { states: ['A', 'B', 'C'], rivalries: [['B', 'C']] }, 'armsTransfer', CLEAN],
      ['multilateral', {}, 'forumMeeting', CLEAN],
    ];
    for (const [, o, id, u] of cases) {
      const r = once(o, id, u); // scripted streams throw on a fifth draw; the others throw on any
      expect(r.draws).toBe(4);
    }
    const r = once({ states: ['A', { id: 'B', receptivity: 0 }] }, 'officialContact', [0, 0.5, 0, 0]);
    expect(r.result).toBe(SENT);
  });

  it('draws them from the stream of the directed pair transmitter -> receiver', () => {
    const r = once({ states: ['A', 'B', 'C'] }, 'officialContact');
    expect(r.pairs).toEqual([r.pair('A', 'B')]);
    const fx = build({ states: ['A', 'B', 'C'] });
    const sig = scriptSignals(fx.c, [], 0.5);
    transmit(fx.c, 2, 0, act(fx.w, 'shipVisit'), 1, BILATERAL);
    expect(sig.pairs).toEqual([fx.pair('C', 'A')]);
  });
});

describe('agreements', () => {
  const close = (trust: number, hAB: number, hBA: number): Fixture => {
    const fx = build({ trust: { default: trust } });
    fx.s.H[fx.pair('A', 'B')] = hAB;
    fx.s.H[fx.pair('B', 'A')] = hBA;
    return fx;
  };

  it('a pair signs when mutual trust and mutual habit pass their thresholds (inclusive), once', () => {
    const fx = close(0.75, 0.5, 0.5);
    checkAgreement(fx.c, 0, 1);
    expect(fx.s.agreement[fx.pair('A', 'B')]).toBe(1);
    expect(fx.s.agreement[fx.pair('B', 'A')]).toBe(1);
    expect(fx.s.agreementCount).toBe(1);
    expect(fx.s.counters[C.agreements]).toBe(1);
    expect(fx.s.log!.kind[fx.s.log!.length - 1]).toBe(K.agreement);
    checkAgreement(fx.c, 1, 0);
    expect(fx.s.agreementCount).toBe(1);
  });

  it('does not sign when either side\'s trust or habit falls short', () => {
    for (const [trust, hAB, hBA] of [[0.74, 0.9, 0.9], [0.9, 0.49, 0.9], [0.9, 0.9, 0.49]]) {
      const fx = close(trust, hAB, hBA);
      checkAgreement(fx.c, 0, 1);
      expect(fx.s.agreementCount).toBe(0);
    }
    const oneSided = build({ trust: { default: 0.9, pairs: [{ from: 'B', to: 'A', value: 0.6 }] } });
    oneSided.s.H.fill(0.9);
    checkAgreement(oneSided.c, 0, 1);
    expect(oneSided.s.agreementCount).toBe(0);
  });

  it('is checked after each heeded transmission', () => {
    const fx = close(0.9, 0.47, 0.47); // one interaction lifts both habits past 0.5
    scriptSignals(fx.c, CLEAN);
    transmit(fx.c, 0, 1, act(fx.w, 'officialContact'), 1, BILATERAL);
    expect(fx.s.agreementCount).toBe(1);
    const w = build({ states: ['A', { id: 'B', receptivity: 0 }], trust: { default: 0.9 } });
    w.s.H.fill(0.6);
    scriptSignals(w.c, [0, 0, 0.99, 0.99]);
    expect(transmit(w.c, 0, 1, act(w.w, 'officialContact'), 1, BILATERAL)).toBe(SENT);
    expect(w.s.agreementCount).toBe(0);
  });
});

describe('rival tension', () => {
  const rivals: FixtureOptions = { states: ['A', 'B', 'C', 'D'], rivalries: [['B', 'C'], ['D', 'B']], tension: { default: 0.1 } };

  it('an arms transfer raises tension between the recipient and each of its rivals', () => {
    const r = once(rivals, 'armsTransfer');
    const [A, B, C, D] = ['A', 'B', 'C', 'D'].map(r.id);
    expect(tensionNow(r.c, B, C)).toBeCloseTo(0.1 + 0.04 * 1, 14);
    expect(tensionNow(r.c, B, D)).toBeCloseTo(0.1 + 0.04 * 1, 14);
    expect(tensionNow(r.c, A, C)).toBeCloseTo(0.1, 14);
    expect(tensionNow(r.c, C, D)).toBeCloseTo(0.1, 14);
    expect(tensionNow(r.c, A, B)).toBeCloseTo(0.1, 14);
  });

  it('in proportion to the activity\'s rivalTension; none for activities without it', () => {
    const aid = once(rivals, 'materialAid');
    expect(tensionNow(aid.c, 1, 2)).toBeCloseTo(0.1 + 0.04 * 0.2, 14);
    const talk = once(rivals, 'officialContact');
    expect(tensionNow(talk.c, 1, 2)).toBeCloseTo(0.1, 14);
  });
});

describe('outcomes of a heeded activity', () => {
  it('accumulate weight * quality and feed back: tension, symbolic evidence to watchers, perceptions, constituency, competence', () => {
    const fx = build({
      hypothesis: 'trust-first', states: ['A', 'B', 'C'],
      groups: [{ id: 'G', members: ['A', 'B', 'C'], closeness: 0.5 }],
      tension: { default: 0.2 },
    });
    const { c, s, w, pair } = fx;
    scriptSignals(c, CLEAN);
    const nn = 9;
    const L0before = s.L0[pair('B', 'A')];
    const dialogue = act(w, 'highLevelDialogue');
    transmit(c, 0, 1, dialogue, 1, BILATERAL);
    // quality 1: clean states, below the ceiling
    expect(s.O[OUT.tension * nn + pair('A', 'B')]).toBeCloseTo(0.6, 14);
    expect(s.outcomeTotals[OUT.perceptions]).toBeCloseTo(0.6, 14);
    expect(tensionNow(c, 0, 1)).toBeCloseTo(0.2 - 0.02 * 0.6, 14);
    // C watches A in group G: weak evidence; B (the receiver) gets none from this channel.
    expect(trustLogit(c, pair('C', 'A')) - s.L0[pair('C', 'A')]).toBeCloseTo(0.1 * 0.15 * 0.4 * Math.log(1.4), 14);
    // Perceptions: B's baseline moves toward its current trust.
    const L = trustLogit(c, pair('B', 'A'));
    expect(s.L0[pair('B', 'A')]).toBeCloseTo(L0before + 0.005 * 0.6 * (L - L0before), 14);
    const cap = build({ hypothesis: 'trust-first' });
    scriptSignals(cap.c, CLEAN);
    transmit(cap.c, 0, 1, act(cap.w, 'capacityBuilding'), 1, BILATERAL);
    expect(cap.s.capability[1]).toBeCloseTo(1 + 0.004 * 1, 14);
    expect(cap.s.capability[0]).toBe(1);
    expect(cap.s.constituency[0]).toBeCloseTo(0.3, 14);
    expect(cap.s.constituency[1]).toBeCloseTo(0.3, 14);
  });

  it('are scaled by the quality of the signal', () => {
    const fx = build({ hypothesis: 'trust-first', states: [{ id: 'A', equivocation: 0.5 }, 'B'] });
    scriptSignals(fx.c, CLEAN);
    transmit(fx.c, 0, 1, act(fx.w, 'capacityBuilding'), 1, BILATERAL);
    expect(fx.s.outcomeTotals[OUT.competence]).toBeCloseTo(0.5, 14);
  });
});
