/**
 * A synthetic region of any size for the bench: states in regional groups of ten, each group
 * with an annual ministers' forum, a ring of bilateral programmes between neighbouring groups,
 * a broadcast white paper now and then, a few navies at sea, and discretionary budgets. Each
 * state's partners stay at about twenty whatever the number of states, so the active pairs
 * grow with N, not with N squared.
 */
import { Scenario } from '../src/index.js';

export function syntheticScenario(states: number, steps: number): Scenario {
  const ids = Array.from({ length: states }, (_, i) => `S${String(i).padStart(4, '0')}`);
  const groupSize = 10;
  const groups = [];
  for (let g = 0; g * groupSize < states; g++) {
    const members = ids.slice(g * groupSize, (g + 1) * groupSize);
    if (members.length >= 2) groups.push({ id: `G${g}`, members, closeness: 0.3 + 0.6 * ((g * 37) % 10) / 10 });
  }
  const forums = groups.map((g, k) => ({
    id: `F${k}`, members: [g.id], track: 1 as const, activity: 'forumMeeting', schedule: { start: k % 12, every: 12 },
  }));
  const kinds = ['officialContact', 'trainingExchange', 'shipVisit', 'capacityBuilding', 'combinedExercise'];
  const programmes = ids.map((id, i) => ({
    from: id, to: ids[(i + groupSize + (i % 7)) % states], activity: kinds[i % kinds.length],
    schedule: { start: i % 6, every: 6 }, mutual: i % 3 === 0,
  }));
  for (let i = 0; i < states; i += 25) programmes.push({ from: ids[i], to: ids[(i + 1) % states], activity: 'whitePaper', schedule: { start: 3, every: 24 }, mutual: false });
  return Scenario.parse({
    name: `Synthetic region of ${states} states`,
    description: 'Generated for the bench.',
    teachingNote: 'Not for teaching: a load test.',
    calendar: { start: '2000-01', steps },
    cultureDimensions: ['pdi', 'idv'],
    issues: [{ id: 'facility' }],
    stateDefaults: { budget: 12, navalPresence: 0, language: { primary: 'en', english: 0.8 }, culture: { pdi: 0.5, idv: 0.5 } },
    states: ids.map((id, i) => ({
      id,
      capability: 0.5 + (i % 9) / 3,
      equivocation: (i % 5) / 10, receptivity: 0.5 + (i % 4) / 10,
      navalPresence: i % 20 === 0 ? 0.5 : 0,
      culture: { pdi: (i % 11) / 10, idv: (i % 7) / 6 },
      language: { primary: ['en', 'fr', 'es', 'zh', 'ar'][i % 5], english: 0.4 + (i % 6) / 10 },
      interests: i % 10 === 3 ? { facility: { salience: 0.9, stance: -1 } } : undefined,
    })),
    groups, forums, programmes,
    events: groups.slice(0, 5).map((g, k) => ({ type: 'coreInterestIssue' as const, step: 100 + 50 * k, group: g.id, issue: 'facility', decision: 1 })),
    trust: { default: 0.5 }, tension: { default: 0.1 },
  });
}
