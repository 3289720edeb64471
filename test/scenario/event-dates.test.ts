/**
 * Scheduled events by calendar month (`at: 2012-04`) as well as by step: the month of step t is
 * calendar.start + t * stepMonths (step 0 is the start month), so a scenario written with `at:`
 * runs byte for byte as the same scenario with the equivalent `step:`. Both, neither, a month
 * before the start, between two steps or past the end are refused with path and line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eventsJsonl, finalJson, formatProblem, pairsCsv, parseScenario, Scenario, seriesCsv, simulate, stepDate, type Problem } from '../../src/index.js';
import { monthIndex } from '../../src/model/calendar.js';

/** A small scenario with one event of every type; `{stepN}` marks where each event's date goes. */
const scenario = (calendar: string, when: (step: number) => string) => `name: Dated events
description: One event of every type.
teachingNote: Used by the tests of event dates.
calendar: ${calendar}
groups:
  - { id: G, members: [A, B, C], closeness: 0.6 }
issues:
  - { id: sea }
states:
  - { id: A, navalPresence: 0.5, interests: { sea: { salience: 0.9, stance: -0.8 } } }
  - { id: B, navalPresence: 0.5 }
  - { id: C }
programmes:
  - { from: A, to: [B, C], activity: officialContact, mutual: true, schedule: { every: 1 } }
events:
  - { type: incident, ${when(0)}, between: [A, B], escalates: true, note: "at the start" }
  - { type: test, ${when(3)}, truster: B, trustee: A, honours: false }
  - { type: shock, ${when(3)}, states: [A, B, C], tension: 0.2 }
  - { type: leadershipChange, ${when(5)}, state: C, trustShift: 0.5 }
  - { type: coreInterestIssue, ${when(7)}, group: G, issue: sea, decision: 0.7 }
  - { type: test, ${when(9)}, truster: C, trustee: B }
`;

function parsed(text: string) {
  const r = parseScenario(text, 'dated.yaml');
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return r.value;
}

function outputs(text: string, seed: number): string[] {
  const r = simulate(parsed(text), { seed, hypothesis: 'trust-first', pairs: true });
  return [seriesCsv(r), eventsJsonl(r), finalJson(r), pairsCsv(r)];
}

function problemsOf(text: string): Problem[] {
  const r = parseScenario(text, 'dated.yaml');
  expect(r.ok, 'expected the scenario to be refused').toBe(false);
  return r.ok ? [] : r.problems;
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('events by month', () => {
  for (const [calendar, start, stepMonths] of [['{ start: "2012-01", steps: 12 }', '2012-01', 1], ['{ start: "2011-11", stepMonths: 3, steps: 12 }', '2011-11', 3]] as const) {
    const month = (t: number) => stepDate({ startMonth: monthIndex(start), stepMonths }, t);
    it(`at: the month of step t runs as step: t, byte for byte (stepMonths ${stepMonths})`, () => {
      const byStep = scenario(calendar, (t) => `step: ${t}`);
      const byMonth = scenario(calendar, (t) => `at: ${month(t)}`);
      expect(byMonth).toContain(`at: ${start},`); // step 0 is the start month, written unquoted
      expect(parsed(byMonth).events.map((e) => e.step)).toEqual([0, 3, 3, 5, 7, 9]);
      // The validated scenario is the same either way, and valid input again.
      expect(parsed(byMonth)).toEqual(parsed(byStep));
      expect(Scenario.parse(parsed(byMonth)).events).toEqual(parsed(byStep).events);
      for (const seed of [1, 2]) expect(outputs(byMonth, seed)).toEqual(outputs(byStep, seed));
      // The events matter: a step later, the run differs.
      expect(outputs(scenario(calendar, (t) => `step: ${t + 1}`), 1)).not.toEqual(outputs(byStep, 1));
    });
  }

  it('an event written in a month is recorded in events.jsonl with that month as its date', () => {
    // Output step 0 is the initial state, so model step t is output step t + 1 (model/calendar.ts
    // outputDate), and carries the month of step t: the month written.
    const text = `name: x\ndescription: d\nteachingNote: t\ncalendar: { start: "2012-01", stepMonths: 3, steps: 8 }\nstates: [{ id: A }, { id: B }]
events:\n  - { type: shock, at: 2012-01, states: [A, B], tension: 0.2 }\n  - { type: shock, at: 2013-10, states: [A, B], tension: 0.2 }\n`;
    const rows = eventsJsonl(simulate(parsed(text), { seed: 1 })).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
    expect(rows.filter((r) => r.kind === 'shock').map((r) => [r.step, r.date])).toEqual([[1, '2012-01'], [8, '2013-10']]);
  });

  it('a teaching scenario rewritten with months runs as written with steps', () => {
    const text = readFileSync('scenarios/wpns-cues.yaml', 'utf8');
    const start = /start: "(\d{4}-\d{2})"/.exec(text)![1];
    let rewritten = 0;
    const byMonth = text.replace(/(- \{ type: \w+, )step: (\d+)/g, (_, head: string, t: string) => {
      rewritten++;
      return `${head}at: ${stepDate({ startMonth: monthIndex(start), stepMonths: 1 }, Number(t))}`;
    });
    expect(rewritten).toBeGreaterThan(3);
    const run = (t: string) => {
      const r = simulate(parsed(t), { seed: 3, hypothesis: 'habits-first', steps: 60 });
      return [seriesCsv(r), eventsJsonl(r), finalJson(r)];
    };
    expect(run(byMonth)).toEqual(run(text));
  });

  const base = scenario('{ start: "2012-01", stepMonths: 3, steps: 12 }', (t) => `step: ${t}`);
  const expectProblem = (text: string, path: string, needle: string, ...message: RegExp[]) => {
    const ps = problemsOf(text);
    const hit = ps.find((p) => p.path === path);
    expect(hit, `expected a problem at ${path}; got:\n${ps.map(formatProblem).join('\n')}`).toBeDefined();
    expect(hit!.line).toBe(lineOf(text, needle));
    for (const m of message) expect(hit!.message).toMatch(m);
    return ps;
  };

  it('refuses both step and at, and neither, naming the event and its line', () => {
    const both = base.replace('step: 5,', 'step: 5, at: 2013-04,');
    expectProblem(both, 'events[3].at', 'at: 2013-04', /give step or at, not both/, /step 5 and at 2013-04/);
    const neither = base.replace('step: 5, ', '');
    const ps = expectProblem(neither, 'events[3]', 'type: leadershipChange', /missing step or at/, /step: 0 is 2012-01/, /at: YYYY-MM/);
    expect(ps).toHaveLength(1);
  });

  it('refuses a month before the start, between two steps, or past the end', () => {
    expectProblem(base.replace('step: 5,', 'at: 2011-12,'), 'events[3].at', 'at: 2011-12', /before the scenario's start/, /calendar\.start is 2012-01/);
    // stepMonths 3: steps fall on 2012-01, 2012-04, 2012-07, ...; 2013-05 is between steps 5 and 6.
    expectProblem(base.replace('step: 5,', 'at: 2013-05,'), 'events[3].at', 'at: 2013-05', /falls between two steps/, /stepMonths is 3/,
      /nearest steps are 5 \(2013-04\) and 6 \(2013-07\)/);
    // Between the last step (11, 2014-10) and the end of the run: only the last step is named.
    expectProblem(base.replace('step: 5,', 'at: 2014-11,'), 'events[3].at', 'at: 2014-11', /nearest step is 11 \(2014-10\), the last/);
    expectProblem(base.replace('step: 5,', 'at: 2015-01,'), 'events[3].at', 'at: 2015-01', /past the end of the run/, /calendar\.steps is 12/, /last step is 11 \(2014-10\)/);
    expectProblem(base.replace('step: 5,', 'at: 2013-4,'), 'events[3].at', 'at: 2013-4', /a month as YYYY-MM/);
    // The last step's month is accepted, as step 11 is.
    expect(parsed(base.replace('step: 5,', 'at: 2014-10,')).events[3].step).toBe(11);
  });

  it('reports every dated event\'s problem at once, with the others of the file', () => {
    const text = base.replace('step: 5,', 'at: 2011-12,').replace('step: 7,', 'at: 2012-02,').replace('state: C', 'state: Z');
    const ps = problemsOf(text);
    expect(ps.map((p) => p.path)).toEqual(['events[3].at', 'events[3].state', 'events[4].at']);
  });
});
