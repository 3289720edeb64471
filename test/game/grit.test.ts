/**
 * GRIT as the project defines it in the stage game (src/game/grit.ts, from MODEL.md 6 and
 * docs/MODEL.md 7.6): initiatives repeated up to three times when unreciprocated, then `PAUSE`
 * (6) turns of defection whatever the opponent does, then an offer to resume.
 */
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/game/game.js';
import { GRIT, PAUSE, UNRECIPROCATED_LIMIT } from '../../src/game/grit.js';
import { playMatch } from '../../src/game/match.js';
import { NAMED } from '../../src/game/strategies.js';
import type { Strategy } from '../../src/game/strategy.js';

const own = (a: Strategy, b: Strategy, turns: number) => playMatch(a, b, { turns }).actions.map((x) => x[0]).join('');
function mock(actions: string): Strategy {
  const list = [...actions] as Action[];
  return { name: 'Mock', stochastic: false, create: () => ({ move: (h) => list[h.length % list.length] }) };
}

describe('GRIT', () => {
  it('uses the parameters of MODEL.md: three unreciprocated initiatives, a pause of gritPause = 6', () => {
    expect(UNRECIPROCATED_LIMIT).toBe(3);
    expect(PAUSE).toBe(6);
  });

  it('cooperates for ever with anyone who reciprocates', () => {
    for (const o of [NAMED.Cooperator, NAMED.TitForTat, NAMED.Grudger, NAMED.WinStayLoseShift, GRIT]) {
      expect(own(GRIT, o, 50), o.name).toBe('C'.repeat(50));
    }
  });

  it('against Defector: three initiatives, six turns of defection, an offer to resume, and again', () => {
    expect(own(GRIT, NAMED.Defector, 21)).toBe('CCCDDDDDDCCCDDDDDDCCC');
  });

  it('any reciprocation resets the count: Alternator never makes it pause', () => {
    expect(own(GRIT, NAMED.Alternator, 40)).toBe('C'.repeat(40));
    // Two unreciprocated, one reciprocated, repeated: never three in a row.
    expect(own(GRIT, mock('DDC'), 30)).toBe('C'.repeat(30));
  });

  it('keeps its pause whatever the opponent does meanwhile', () => {
    // Three defections, then the opponent cooperates: GRIT still defects six turns.
    expect(own(GRIT, mock(`DDD${'C'.repeat(20)}`), 15)).toBe('CCCDDDDDDCCCCCC');
  });

  it('starts afresh in every match (one fresh player per match)', () => {
    expect(own(GRIT, NAMED.Defector, 2)).toBe('CC');
    expect(own(GRIT, NAMED.Defector, 4)).toBe('CCCD');
  });

  it('against SuspiciousTitForTat: the first D is answered by a repeated initiative, then cooperation', () => {
    expect(playMatch(GRIT, NAMED.SuspiciousTitForTat, { turns: 5 }).actions).toEqual(['CD', 'CC', 'CC', 'CC', 'CC']);
  });
});
