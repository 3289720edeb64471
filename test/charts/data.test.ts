import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, readRunFolder, simulate, writeRunFolder, MODEL_VERSION } from '../../src/index.js';
import {
  parseComparisonJson, parseCsv, parseStepsCsv, parseSummaryCsv, readExperimentDir, runData, runDataOf, monthDate, monthLabel,
} from '../../src/charts/data.js';
import { hypothesisColor, stateColor, stateColors, trustFirstWeight, HABITS_FIRST_COLOR, TRUST_FIRST_COLOR, textOn } from '../../src/charts/palette.js';

describe('run readers', () => {
  it('read a run folder into the same rows as the in-process run', () => {
    const loaded = loadScenario('scenarios/minimal-pair.yaml');
    if (!loaded.ok) throw new Error('scenario');
    const r = simulate(loaded.value, { seed: 3, hypothesis: 'trust-first', pairs: true });
    const dir = mkdtempSync(join(tmpdir(), 'entente-charts-'));
    try {
      const manifest = { scenario: { name: 'Minimal', file: 'scenarios/minimal-pair.yaml', sha256: '0'.repeat(64) }, seed: 3, hypothesis: 'trust-first', steps: 120, modelVersion: MODEL_VERSION };
      expect(writeRunFolder(join(dir, 'run'), r, manifest, { events: true, pairs: true }).ok).toBe(true);
      const folder = readRunFolder(join(dir, 'run'));
      if (!folder.ok) throw new Error(folder.problems[0].message);
      // The folder read back against what simulate() holds in memory, not against another
      // trip through the same writer and reader.
      const f = folder.value;
      const { columns, rows, data } = r.series;
      expect(rows).toBe(121); // the initial state and 120 steps
      expect(['step', ...f.columns]).toEqual(columns);
      expect(f.series.map((row) => row.step)).toEqual(Array.from({ length: rows }, (_, t) => t));
      for (let t = 0; t < rows; t++) {
        for (let k = 1; k < columns.length; k++) {
          expect(f.series[t].values[columns[k]], `step ${t} ${columns[k]}`).toBe(data[t * columns.length + k]);
        }
      }
      const n = r.world.n;
      expect(f.pairTrust).not.toBeNull();
      expect(f.pairTrust!.length).toBe(r.pairTrust!.length);
      for (let q = 0; q < r.pairTrust!.length; q++) {
        if (q % (n * n) % (n + 1) === 0) expect(f.pairTrust![q]).toBeNaN(); // the diagonal
        else expect(f.pairTrust![q], `pair entry ${q}`).toBe(r.pairTrust![q]);
      }
      expect(f.final.trust).toEqual(r.final.trust);
      expect(f.final.trust[0][1]).not.toBe(r.pairTrust![0 * n * n + 1]); // it moved during the run
      expect(f.events).not.toBeNull();
      expect(f.events!.length).toBe(r.events!.length);
      expect(r.events!.length).toBeGreaterThan(0);
      const fromDir = runDataOf(folder.value);
      const inProcess = runData(r);
      expect(fromDir.series).toEqual(inProcess.series);
      expect(fromDir.pairs).toEqual(inProcess.pairs);
      expect(fromDir.events).toEqual(inProcess.events);
      expect(fromDir.final).toEqual(inProcess.final);
      expect(fromDir.manifest?.hypothesis).toBe('trust-first');
      expect(fromDir.series.length).toBe(121); // the initial state and 120 steps
      expect(fromDir.series[0]).toMatchObject({ step: 0, date: '2020-01' });
      expect(fromDir.series[1]).toMatchObject({ step: 1, date: '2020-01' });
      expect(fromDir.series[120]).toMatchObject({ step: 120, date: '2029-12' });
      expect(typeof fromDir.series[5].values.meanTrust).toBe('number');
      expect(fromDir.pairs.filter((p) => p.step === 0).map((p) => `${p.from}>${p.to}`)).toEqual(['A>B', 'B>A']);
      expect(fromDir.final.states).toEqual(['A', 'B']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a folder that is not a run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-charts-'));
    try {
      const r = readRunFolder(dir);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]).toMatchObject({ file: join(dir, 'run.json'), message: expect.stringMatching(/no such file; expected a run folder written by npm run simulate/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('experiment readers', () => {
  it('parse CSV with quoted names, commas and doubled quotes', () => {
    expect(parseCsv('a,b\n"x, ""y""",2\r\n3,\n')).toEqual([['a', 'b'], ['x, "y"', '2'], ['3', '']]);
  });

  it('parse steps.csv, summary.csv (conditions into params) and comparison.json in either shape', () => {
    const steps = parseStepsCsv('scenario,set,hypothesis,step,date,metric,n,mean,sd,ciLow,ciHigh,p10,p90\n"ASEAN, ADMM",0,trust-first,3,2006-04,meanTrust,20,0.6,0.01,0.59,0.61,0.58,0.62\n');
    expect(steps).toEqual([{ scenario: 'ASEAN, ADMM', set: 0, hypothesis: 'trust-first', step: 3, date: '2006-04', metric: 'meanTrust', n: 20, mean: 0.6, sd: 0.01, ciLow: 0.59, ciHigh: 0.61, p10: 0.58, p90: 0.62 }]);
    const summary = parseSummaryCsv('scenario,set,tension,receptivity,hypothesis,metric,n,mean,sd,ciLow,ciHigh,median,reached\nS,1,0.3,,habits-first,partnerBelief,20,0.5,0.1,0.45,0.55,0.5,\n');
    expect(summary[0].params).toEqual({ tension: 0.3 });
    expect(summary[0].mean).toBe(0.5);
    expect(Number.isNaN(summary[0].reached)).toBe(true);
    const row = { scenario: 'S', set: 0, params: { t: 1 }, metric: 'm', n: 5, meanDiff: 0.1, ciLow: 0, ciHigh: 0.2, effectSize: 1, winsA: 4, winsB: 1, ties: 0, excludesZero: true, leader: 'a' };
    const single = parseComparisonJson(JSON.stringify({ a: 'trust-first', b: 'habits-first', rows: [row] }));
    const many = parseComparisonJson(JSON.stringify({ comparisons: [{ a: 'trust-first', b: 'habits-first', level: 0.9, rows: [row] }] }));
    expect(single[0].rows[0]).toEqual(row);
    expect(many[0].level).toBe(0.9);
    expect(many[0].rows).toEqual(single[0].rows);
  });

  it('read an experiment folder, each file optional', () => {
    const dir = mkdtempSync(join(tmpdir(), 'entente-charts-'));
    try {
      expect(readExperimentDir(dir)).toEqual({ steps: [], summary: [], comparisons: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turn calendar months into dates and words', () => {
    expect(monthDate('2014-03').toISOString()).toBe('2014-03-01T00:00:00.000Z');
    expect(monthLabel('2014-03')).toBe('March 2014');
  });
});

describe('palette', () => {
  it('gives each hypothesis a fixed colour and blends in between', () => {
    expect(hypothesisColor('habits-first')).toBe(HABITS_FIRST_COLOR);
    expect(hypothesisColor('trust-first')).toBe(TRUST_FIRST_COLOR);
    expect(hypothesisColor('blend=0.5')).toBe('#CC79A7');
    expect(hypothesisColor('blend=0.25')).not.toBe(hypothesisColor('blend=0.75'));
    expect(trustFirstWeight('blend=0.3')).toBe(0.3);
    expect(hypothesisColor('something else')).toBe('#777777');
  });

  it('gives each state the colour of its position in the scenario', () => {
    expect(stateColors(['BRN', 'KHM', 'IDN']).get('IDN')).toBe(stateColor(2));
    expect(stateColor(0)).toBe('#0072B2');
    expect(new Set(Array.from({ length: 18 }, (_, k) => stateColor(k))).size).toBe(18);
  });

  it('picks readable ink on fills', () => {
    expect(textOn('#000000')).toBe('#FFFFFF');
    expect(textOn('#F7F7F7')).toBe('#000000');
  });
});
