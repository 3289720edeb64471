import { describe, expect, it } from 'vitest';
import { ActivitySpec, OUTCOMES } from '../../src/model/activity.js';
import { ACTIVITY_IDS, CATALOGUE, type ActivityId } from '../../src/model/catalogue.js';
import { Scenario, simulate } from '../../src/index.js';

const kinds = Object.entries(CATALOGUE) as [ActivityId, ActivitySpec][];

describe('coverage of the essay', () => {
  // Every activity the essay names (MODEL 3), and how a label names it.
  const named: [string, RegExp][] = [
    ['official contacts', /official contacts/i],
    ['defence attachés', /defence attach/i],
    ['high-level dialogues', /high-level dialogue/i],
    ['ship visits', /ship visit/i],
    ['combined exercises', /combined exercise/i],
    ['training and exchanges', /training and exchange/i],
    ['capacity building / security-sector reform', /capacity building.*security-sector reform/i],
    ['arms transfers', /arms transfer/i],
    ['material aid', /material aid/i],
    ['humanitarian and medical missions', /humanitarian and medical mission/i],
    ['sports visits', /sports visit/i],
    ['white papers', /white paper/i],
    ['professional journals', /professional journal/i],
    ['official position statements', /position statement/i],
    ['ceremonial honours', /ceremonial honours/i],
    ['displays of solidarity', /display of solidarity/i],
    ['defence-industrial cooperation', /defence-industrial cooperation/i],
    ['multilateral forum meetings', /forum meeting/i],
    ['multilateral exercises', /multilateral exercise/i],
    ['peacekeeping-centre networks', /peacekeeping-centre network/i],
  ];

  it.each(named)('%s is in the catalogue, once', (_name, label) => {
    expect(kinds.filter(([, a]) => label.test(a.label))).toHaveLength(1);
  });

  it('ACTIVITY_IDS lists the catalogue\'s kinds', () => {
    // Written out by hand so that adding, dropping or reordering a kind shows here.
    expect(ACTIVITY_IDS).toEqual([
      'officialContact', 'defenceAttache', 'highLevelDialogue', 'shipVisit', 'combinedExercise',
      'trainingExchange', 'capacityBuilding', 'armsTransfer', 'materialAid', 'humanitarianMission',
      'sportsVisit', 'whitePaper', 'professionalJournal', 'positionStatement', 'ceremonialHonours',
      'solidarityDisplay', 'defenceIndustrial', 'forumMeeting', 'multilateralExercise', 'peacekeepingNetwork',
      'track2Dialogue',
    ]);
  });
});

describe('each kind', () => {
  it.each(kinds)('%s is a complete, valid activity spec', (_id, a) => {
    expect(() => ActivitySpec.parse(a)).not.toThrow();
    expect(Object.keys(a.outcomes).every((o) => (OUTCOMES as readonly string[]).includes(o))).toBe(true);
    expect(Object.values(a.outcomes).some((v) => (v ?? 0) > 0)).toBe(true);
  });

  it('has LR >= 1 (a trustworthy state is at least as likely to undertake it)', () => {
    for (const [id, a] of kinds) expect(a.lr, id).toBeGreaterThanOrEqual(1);
  });
});

describe('informativeness (Kydd, Fearon)', () => {
  const lrs = (kind: ActivitySpec['signalKind']) => kinds.filter(([, a]) => a.signalKind === kind).map(([, a]) => a.lr);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

  it('costly signals (sunk cost) have larger LR than any cheap talk', () => {
    expect(Math.min(...lrs('sunkCost'))).toBeGreaterThan(Math.max(...lrs('cheapTalk')));
  });

  it('tied-hands signals sit between, on average', () => {
    expect(mean(lrs('tiedHands'))).toBeGreaterThan(mean(lrs('cheapTalk')));
    expect(mean(lrs('tiedHands'))).toBeLessThan(mean(lrs('sunkCost')));
  });

  it('cheap talk has LR near 1', () => {
    for (const lr of lrs('cheapTalk')) expect(lr).toBeLessThan(1.25);
  });

  it('within a signal kind, the dearer the activity the rarer mimicry: LR does not fall as cost rises', () => {
    for (const kind of ['sunkCost', 'tiedHands', 'cheapTalk'] as const) {
      const list = kinds.filter(([, a]) => a.signalKind === kind).map(([, a]) => a);
      for (const a of list) for (const b of list) if (a.cost < b.cost) expect(a.lr, `${a.label} vs ${b.label}`).toBeLessThanOrEqual(b.lr);
    }
  });
});

describe('what MODEL 3 says of particular kinds', () => {
  it('exercises and capacity building are sunk costs; white papers and announced positions tie hands', () => {
    expect(CATALOGUE.combinedExercise.signalKind).toBe('sunkCost');
    expect(CATALOGUE.capacityBuilding.signalKind).toBe('sunkCost');
    expect(CATALOGUE.whitePaper.signalKind).toBe('tiedHands');
    expect(CATALOGUE.positionStatement.signalKind).toBe('tiedHands');
  });

  it('white papers reach everyone (broadcast); forums, multilateral exercises and peacekeeping networks are multilateral', () => {
    expect(CATALOGUE.whitePaper.mode).toBe('broadcast');
    expect(CATALOGUE.forumMeeting.mode).toBe('multilateral');
    expect(CATALOGUE.multilateralExercise.mode).toBe('multilateral');
    expect(CATALOGUE.peacekeepingNetwork.mode).toBe('multilateral');
  });

  it('arms transfers have the lowest tension ceiling and raise tension with the recipient\'s rivals', () => {
    const lowest = Math.min(...kinds.map(([, a]) => a.tensionCeiling));
    expect(CATALOGUE.armsTransfer.tensionCeiling).toBe(lowest);
    expect(CATALOGUE.armsTransfer.rivalTension).toBeGreaterThan(0);
  });

  it('a dialogue leans on words far more than a ship visit; combined exercises need parity most', () => {
    expect(CATALOGUE.highLevelDialogue.languageLoad).toBeGreaterThan(CATALOGUE.shipVisit.languageLoad + 0.5);
    expect(CATALOGUE.combinedExercise.needsParity).toBe(Math.max(...kinds.map(([, a]) => a.needsParity)));
  });

  it('ship visits and exercises put ships at sea; talk does not', () => {
    expect(CATALOGUE.shipVisit.naval).toBe(true);
    expect(CATALOGUE.combinedExercise.naval).toBe(true);
    expect(CATALOGUE.highLevelDialogue.naval).toBe(false);
  });

  it('the naval flag is descriptive: flipping it changes nothing in a run, and its description says so', () => {
    const description = ActivitySpec.shape.naval.description ?? '';
    expect(description).not.toMatch(/raises naval presence/i);
    expect(description).toMatch(/no effect/i);
    const scenario = (naval: boolean) => Scenario.parse({
      name: 'naval flag', description: 'Ship visits with and without the naval flag.', teachingNote: 'Test scenario.',
      calendar: { start: '2020-01', steps: 48 },
      stateDefaults: { navalPresence: 0.5, budget: 12 },
      states: [{ id: 'A' }, { id: 'B' }],
      programmes: [{ from: 'A', to: 'B', activity: 'shipVisit', schedule: { every: 2 }, mutual: true }],
      activities: { shipVisit: { naval }, combinedExercise: { naval } },
    });
    const run = (naval: boolean) => simulate(scenario(naval), { seed: 5, hypothesis: 'habits-first', pairs: true });
    const on = run(true), off = run(false);
    expect(Array.from(off.series.data)).toEqual(Array.from(on.series.data));
    expect(off.final).toEqual(on.final);
  });

  it('every rung of the ladder has a bilateral, non-threatening kind (for GRIT and routine ambition)', () => {
    for (const level of [1, 2, 3, 4]) {
      expect(kinds.some(([, a]) => a.mode === 'bilateral' && a.ambition === level && a.rivalTension === 0), `level ${level}`).toBe(true);
    }
  });
});
