/** Every teaching scenario loads, says what it teaches, and runs under both hypotheses. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, simulate } from '../../src/index.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

describe('teaching scenarios', () => {
  it('there are at least ten', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s is valid, documented and runs', (file) => {
    const loaded = loadScenario(`scenarios/${file}`);
    if (!loaded.ok) expect.fail(loaded.problems.map(formatProblem).join('\n'));
    const s = loaded.value;
    expect(s.description.length).toBeGreaterThan(40);
    expect(s.teachingNote.length).toBeGreaterThan(80);
    const text = readFileSync(`scenarios/${file}`, 'utf8');
    expect(text).toContain('yaml-language-server: $schema=../schema/scenario.schema.json');
    for (const hypothesis of ['habits-first', 'trust-first']) {
      const r = simulate(s, { hypothesis, events: false });
      expect(r.series.rows).toBe(s.calendar.steps + 1); // the initial state, then every step
      const W = r.series.columns.length;
      const a = r.series.columns.indexOf('activities');
      let activities = 0;
      for (let t = 0; t < r.series.rows; t++) activities += r.series.data[t * W + a];
      expect(activities, `activities under ${hypothesis}`).toBeGreaterThan(0);
    }
  });

  it.each(['asean-admm.yaml', 'fpda.yaml', 'rimpac-2014.yaml', 'wpns-cues.yaml'])('%s cites its public figures', (file) => {
    const text = readFileSync(`scenarios/${file}`, 'utf8');
    expect(text).toMatch(/SIPRI/);
    expect(text).toMatch(/EF English Proficiency|EF EPI/);
    expect(text).toMatch(/Hofstede/);
  });
});
