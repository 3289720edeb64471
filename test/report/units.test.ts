/**
 * The report's parts: escaping, the WOFF repacking of the embedded font, the streamed reader of
 * steps.csv, when a sweep map can be drawn, the PNGs drawn off the main thread, and the
 * one-unit write that never touches anything but a report's own files.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPng, trustNetworkChart, type FinalData } from '../../src/charts/index.js';
import { fontDirectory } from '../../src/charts/font.js';
import { ChartSet } from '../../src/report/charts.js';
import { chartsFolderName, escapeHtml, folderKind, html, raw, readSteps, reportOutputProblems, sweepAxes, ttfToWoff } from '../../src/report/index.js';
import { writeReport } from '../../src/report/write.js';
import type { PlanInfo } from '../../src/experiment/store.js';
import type { Comparison, ComparisonRow } from '../../src/charts/index.js';
import { conditionValue, paramsLabel } from '../../src/charts/common.js';
import { noGridReason } from '../../src/report/experiment/sweep.js';
import { centreSet, scatteredSets, shownSet } from '../../src/report/experiment/context.js';
import { verdictCounts } from '../../src/report/experiment/comparison.js';
import { methodWords, quickWords } from '../../src/report/sensitivity/section.js';
import { differenceTarget, mainScenario, rankedFactors, readSensitivityDir, type Sensitivity } from '../../src/charts/index.js';
import { metricAxes } from '../../src/report/experiment/where-each-wins.js';
import type { SensitivityInput } from '../../src/report/sensitivity/input.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-report-unit-')); });
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('escaping', () => {
  it('escapes every interpolation unless it is markup built here', () => {
    const hostile = '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>&`';
    expect(escapeHtml(hostile)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&#96;');
    expect(html`<p title="${hostile}">${hostile}</p>`.text).not.toMatch(/<script|<img|"'/);
    expect(html`<div>${[hostile, html`<b>${hostile}</b>`]}</div>`.text).toBe(`<div>${escapeHtml(hostile)}<b>${escapeHtml(hostile)}</b></div>`);
    expect(html`${raw('<br>')}${null}${undefined}${false}${3}`.text).toBe('<br>3');
  });

  it('drops control characters a document may not hold', () => {
    expect(escapeHtml('a\u0000b\u0007c\u007Fd\te\nf')).toBe('abcd\te\nf');
  });
});

describe('the embedded font', () => {
  it('is DejaVu Sans repacked as WOFF 1.0 with the same tables, smaller', () => {
    const ttf = readFileSync(join(fontDirectory(), 'DejaVuSans.ttf'));
    const woff = ttfToWoff(ttf);
    const v = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
    expect(v.getUint32(0)).toBe(0x774f4646);
    expect(v.getUint32(8)).toBe(woff.byteLength);
    const n = v.getUint16(12);
    expect(n).toBe(ttf.readUInt16BE(4));
    expect(woff.byteLength).toBeLessThan(ttf.byteLength * 0.75);
    let sfnt = 12 + 16 * n;
    let lastTag = -1;
    for (let k = 0; k < n; k++) {
      const rec = 44 + 20 * k;
      const tag = v.getUint32(rec), off = v.getUint32(rec + 4), comp = v.getUint32(rec + 8), orig = v.getUint32(rec + 12);
      expect(tag).toBeGreaterThan(lastTag);
      lastTag = tag;
      expect(off % 4).toBe(0);
      const stored = Buffer.from(woff.subarray(off, off + comp));
      const data = comp < orig ? inflateSync(stored) : stored;
      expect(data.byteLength).toBe(orig);
      // The same bytes as the TrueType table with that tag, found exactly once.
      let matches = 0;
      for (let t = 0; t < n; t++) {
        if (ttf.readUInt32BE(12 + 16 * t) !== tag) continue;
        matches++;
        const o = ttf.readUInt32BE(12 + 16 * t + 8);
        expect(data.equals(ttf.subarray(o, o + orig))).toBe(true);
      }
      expect(matches, `table ${k}`).toBe(1);
      sfnt += (orig + 3) & ~3;
    }
    expect(v.getUint32(16)).toBe(sfnt);
  });
});

describe('steps.csv, streamed', () => {
  it('keeps only the rows asked for, with quoted names, line breaks in quotes and chunk edges', () => {
    const file = join(tmp, 'steps.csv');
    const lines = ['scenario,set,hypothesis,step,date,metric,n,mean,sd,ciLow,ciHigh,p10,p90'];
    const names = ['Plain', '"Comma, and ""quotes"""', '"Two\nlines"', 'Ünïcode ✓'];
    for (const name of names) {
      for (let t = 0; t < 3000; t++) {
        for (const metric of ['meanTrust', 'meanTension']) lines.push(`${name},${t % 2},trust-first,${t},2020-01,${metric},5,${t / 10000},0.1,0.2,0.3,0.4,0.5`);
      }
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const rows = readSteps(file, (scenario, set, metric) => metric === 'meanTrust' && set === 1);
    // In chunks of a few bytes (lines, and UTF-8 characters, cut across chunks) the same rows.
    expect(readSteps(file, (scenario, set, metric) => metric === 'meanTrust' && set === 1, 7)).toEqual(rows);
    expect(readSteps(file, (scenario, set, metric) => metric === 'meanTrust' && set === 1, 4096)).toEqual(rows);
    expect(rows.length).toBe(4 * 1500);
    expect([...new Set(rows.map((r) => r.scenario))]).toEqual(['Plain', 'Comma, and "quotes"', 'Two\nlines', 'Ünïcode ✓']);
    expect(rows[0]).toEqual({ scenario: 'Plain', set: 1, hypothesis: 'trust-first', step: 1, date: '2020-01', metric: 'meanTrust', n: 5, mean: 0.0001, sd: 0.1, ciLow: 0.2, ciHigh: 0.3, p10: 0.4, p90: 0.5 });
    expect(rows.every((r) => r.metric === 'meanTrust' && r.set === 1)).toBe(true);
  });
});

describe('the sweep map', () => {
  const plan = (sets: Record<string, number>[]) => ({ sets, conditionNames: [...new Set(sets.flatMap((s) => Object.keys(s)))] }) as PlanInfo;
  it('is drawn over two conditions crossed on a grid', () => {
    const sets = [0.1, 0.3].flatMap((x) => [1, 2, 3].map((y) => ({ tension: x, seniority: y })));
    expect(sweepAxes(plan(sets))).toEqual({ x: 'tension', y: 'seniority', sets: [0, 1, 2, 3, 4, 5] });
  });
  it('is skipped, with the reason, when conditions vary one at a time or not at all', () => {
    expect(sweepAxes(plan([{}, { tension: 0.1 }, { tension: 0.5 }, { equivocation: 0.2 }, { equivocation: 0.6 }]))).toEqual({ reason: expect.stringContaining('vary one at a time') });
    expect(sweepAxes(plan([{}, { tension: 0.1 }, { tension: 0.5 }]))).toEqual({ reason: expect.stringContaining('only one condition varies (tension)') });
    expect(sweepAxes(plan([{}]))).toEqual({ reason: expect.stringContaining('single parameter set') });
  });
});

describe('charts of a report', () => {
  const final: FinalData = {
    states: ['A', 'B', 'C'], step: 9, date: '2020-10',
    trust: [[1, 0.8, 0.7], [0.75, 1, 0.3], [0.65, 0.2, 1]],
    tension: [], habit: [], understanding: [], agreements: [['A', 'B']], outcomes: {}, perState: [],
    network: { ties: 1, density: 1 / 3, clustering: 0, triadicShare: 0, degreeDependence: 0, degreeDistribution: [1, 2] },
  };
  it('get ids unique in the report, and PNGs drawn off the main thread identical to renderPng', async () => {
    const set = new ChartSet();
    const a = set.add(trustNetworkChart(final, { id: 'Net work!' }));
    const b = set.add(trustNetworkChart(final, { id: 'net-work' }));
    expect([a.id, b.id]).toEqual(['net-work', 'net-work-2']);
    expect(b.svg).toContain('id="net-work-2-title"');
    const files = await set.files();
    // Each chart and its slide (named by the report's slug, filled in by writeReport when empty).
    // Two files a chart; the PNG carries the chart's slide (named by the report's slug, filled in by writeReport when empty).
    expect(files.map((f) => f.name)).toEqual(['net-work.svg', 'net-work.png', 'net-work-2.svg', 'net-work-2.png']);
    expect(files[1].companions!.map((f) => f.name)).toEqual(['slides/--net-work.svg', 'slides/--net-work.png']);
    set.slug = 'ASEAN admm';
    expect((await set.files())[1].companions![1].name).toBe('slides/asean-admm--net-work.png');
    expect(Buffer.from(files[1].data as Uint8Array).equals(Buffer.from(renderPng(a.svg)))).toBe(true);
  });
});

describe('writing a report', () => {
  const charts = (names: string[]) => names.map((name) => ({ name, data: name.endsWith('.png') ? new Uint8Array([1, 2]) : '<svg/>' }));
  it('replaces its own earlier report and charts, stale charts included, leaving no temporary file', () => {
    const dir = join(tmp, 'w1');
    expect(writeReport(join(dir, 'report.html'), dir, 'old', charts(['old-chart.svg', 'old-chart.png'])).ok).toBe(true);
    expect(writeReport(join(dir, 'report.html'), dir, 'new', charts(['a.svg', 'a.png'])).ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['.entente.json', 'charts', 'report.html']);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['a.png', 'a.svg']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('new');
  });

  it('refuses a file it did not write, and never touches the files of a charts folder the ledger does not list', () => {
    const dir = join(tmp, 'w2');
    mkdirSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'notes.html'), '<p>my notes</p>');
    writeFileSync(join(dir, 'charts', 'thesis.docx'), 'years of work');
    writeFileSync(join(dir, 'charts', 'slide.svg'), '<svg>mine</svg>');
    expect(reportOutputProblems(join(dir, 'notes.html'), dir)).toEqual([expect.objectContaining({ path: '--out', message: expect.stringContaining('holds files that Entente did not write where this result goes (notes.html)') })]);
    const clash = writeReport(join(dir, 'report.html'), dir, 'x', charts(['slide.svg']));
    expect(clash.ok).toBe(false);
    expect(readFileSync(join(dir, 'charts', 'slide.svg'), 'utf8')).toBe('<svg>mine</svg>');
    expect(writeReport(join(dir, 'report.html'), dir, 'x', charts(['a.svg'])).ok).toBe(true);
    expect(writeReport(join(dir, 'report.html'), dir, 'y', charts(['b.svg'])).ok).toBe(true);
    expect(readdirSync(join(dir, 'charts')).sort()).toEqual(['b.svg', 'slide.svg', 'thesis.docx']);
    expect(readFileSync(join(dir, 'notes.html'), 'utf8')).toBe('<p>my notes</p>');
    expect(reportOutputProblems(dir, dir)).toEqual([expect.objectContaining({ message: expect.stringContaining('is a folder') })]);
  });

  it('gives each report file its own charts folder', () => {
    expect(chartsFolderName('/x/report.html')).toBe('charts');
    expect(chartsFolderName('/x/week-3.html')).toBe('week-3-charts');
    expect(chartsFolderName('/x/charts.html')).toBe('charts-charts');
  });

  it('tells a run from an experiment, and says why a folder is neither', () => {
    const none = join(tmp, 'neither');
    mkdirSync(none);
    writeFileSync(join(none, 'data.csv'), 'a,b\n');
    expect(folderKind(none)).toEqual({ problems: [expect.objectContaining({ message: expect.stringContaining('is neither a run folder') })] });
    expect(folderKind(join(tmp, 'missing'))).toEqual({ problems: [expect.objectContaining({ message: expect.stringContaining('no such folder') })] });
    const unfinished = join(tmp, 'unfinished');
    mkdirSync(unfinished);
    writeFileSync(join(unfinished, 'plan.json'), JSON.stringify({ format: 'entente-experiment/1', shard: null }));
    expect(folderKind(unfinished)).toEqual({ problems: [expect.objectContaining({ message: expect.stringContaining('has not finished') })] });
    writeFileSync(join(unfinished, 'plan.json'), JSON.stringify({ format: 'entente-experiment/1', shard: { k: 2, n: 4 } }));
    expect(folderKind(unfinished)).toEqual({ problems: [expect.objectContaining({ message: expect.stringContaining('shard 2 of 4') })] });
    expect(existsSync(join(unfinished, 'report.html'))).toBe(false);
  });
});

describe('the sweep map note, by design', () => {
  const plan = (sets: Record<string, number>[]) => ({ sets, conditionNames: [...new Set(sets.flatMap((s) => Object.keys(s)))] }) as PlanInfo;
  it('says that a Latin hypercube\'s conditions vary together, never that they vary one at a time', () => {
    const sets = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => ({ tension: 0.05 + k * 0.11 + 0.001 * k * k, equivocation: 0.9 - ((k * 3) % 8) * 0.1, receptivity: 0.2 + ((k * 5) % 8) * 0.07 }));
    const r = sweepAxes(plan(sets));
    expect(r).toEqual({ reason: expect.stringContaining('vary together, each of the 8 parameter sets a different point of their ranges') });
    expect((r as { reason: string }).reason).not.toContain('one at a time');
    expect(noGridReason(plan(sets), ['tension', 'equivocation', 'receptivity'])).toContain('Latin hypercube');
  });
  it('says of a list crossing no two conditions that it is a list', () => {
    const sets = [{ tension: 0.1, equivocation: 0.2 }, { tension: 0.1, equivocation: 0.3 }, { tension: 0.5, equivocation: 0.6 }];
    expect(noGridReason(plan(sets), ['tension', 'equivocation'])).toMatch(/^the parameter sets \(a list\) vary tension, equivocation, but no two of them over a grid/);
  });
});

describe('the set shown among many', () => {
  it('is the set nearest the centre of the ranges, and many scattered sets are recognised', () => {
    const sets = [{ a: 0, b: 0 }, { a: 1, b: 10 }, { a: 0.45, b: 5.5 }, { a: 0.2, b: 9 }];
    expect(centreSet(sets)).toBe(2);
    expect(scatteredSets(sets)).toBe(true);
    expect(scatteredSets([{ a: 0, b: 0 }, { a: 0, b: 1 }, { a: 1, b: 0 }, { a: 1, b: 1 }])).toBe(false);
    expect(scatteredSets([{}, { a: 1 }])).toBe(false);
  });
  it('is said to be one point of many, with the counts and maps summarising all; a set as written needs no note', () => {
    const sets = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => ({ a: k / 9 + 0.0001234, b: ((k * 3) % 10) / 9 }));
    const shown = shownSet(sets, true);
    expect(shown.baseSet).toBe(centreSet(sets));
    expect(shown.baseNote).toContain('The experiment has 10 parameter sets, scattered points where every condition varied takes a different value');
    expect(shown.baseNote).toContain('the one nearest the centre of the ranges: one point of 10, not an overall result: the counts of “Which hypothesis leads” and the maps of “Where each hypothesis wins” summarise all of them.');
    expect(shown.baseWords).toMatch(/^parameter set \d \(a = 0\.\d{1,3}, b = 0\.\d{1,3}\)$/);
    expect(shownSet([{}, ...sets], true)).toEqual({ baseSet: 0, baseWords: 'as written', baseNote: null });
    expect(shownSet(sets.slice(0, 2), true).baseNote).toBeNull();
  });
});

describe('condition values in labels', () => {
  it('keep at most 3 decimals, without trailing zeros', () => {
    expect(paramsLabel({ untrustworthyShare: 0.43559778765589, tension: 0.39003480111956595, blend: 0.5, n: 12 })).toBe('untrustworthyShare = 0.436, tension = 0.39, blend = 0.5, n = 12');
    expect(conditionValue(-0.0001234)).toBe('-0.000123');
    expect(conditionValue(-0.0004)).toBe('-0.0004');
    expect(conditionValue(1.99999)).toBe('2');
    expect(paramsLabel({})).toBe('as written');
  });
});

describe('counts of verdicts', () => {
  const row = (over: Partial<ComparisonRow>): ComparisonRow => ({ scenario: 's', set: 0, params: {}, metric: 'activityContinuation', n: 5, meanDiff: 0, ciLow: 0, ciHigh: 0, leader: 'none', verdict: 'undecided', ...over }) as ComparisonRow;
  it('count the cells without values apart, not as undecided', () => {
    const c = { a: 'A', b: 'B', rows: [] } as unknown as Comparison;
    const rows = [row({ verdict: 'leads', leads: 'A', leader: 'a' } as Partial<ComparisonRow>), row({ verdict: 'equivalent' }), row({}), row({ n: 0 }), row({ n: 0 })];
    expect(verdictCounts(c, rows)).toEqual({ a: 1, b: 0, equivalent: 1, undecided: 1, noValues: 2, withValues: 3 });
  });
});

describe('the sensitivity section\'s size words', () => {
  const base = { method: 'sobol', factors: [{ name: 'a' }, { name: 'b' }], points: 40, samples: 10, secondOrder: false, replications: 1, level: 0.95, resamples: 100 } as unknown as Sensitivity;
  it('caution a quick analysis, and only then', () => {
    expect(quickWords(base)).toBe('A quick analysis: 10 base samples (under 128) and 1 replication per point (under 4), so the indices below are rough and their order may change with more runs; run the full size for a ranking to rely on.');
    expect(quickWords({ ...base, samples: 256, replications: 4 } as Sensitivity)).toBeNull();
    expect(quickWords({ ...base, method: 'morris', samples: 20, replications: 2 } as Sensitivity)).toBe('A quick analysis: 2 replications per point (under 4), so the indices below are rough and their order may change with more runs; run the full size for a ranking to rely on.');
  });
  it('say that estimates can fall below 0 or S1 above ST, in the singular for one replication', () => {
    const w = methodWords(base);
    expect(w).toContain('with 1 replication each');
    expect(w).toContain('an index can come out slightly below 0, S1 above ST, or the indices can sum above 1');
  });
});

describe('the axes of each where-each-wins map', () => {
  const FIX = join(import.meta.dirname, '..', 'charts', 'fixtures', 'sensitivity');
  it("are each metric's own two most influential conditions for its paired difference, by mu* for a Morris screening", () => {
    const m = readSensitivityDir(join(FIX, 'morris'));
    const source = { kind: 'points' as const, input: { ...m, dir: '', files: [] } as unknown as SensitivityInput };
    const s = m.sensitivity;
    const target = differenceTarget(s)!;
    const r = s.results.find((x) => x.metric === 'trusterPayoff' && x.target === target && x.scenario === mainScenario(s))!;
    const [p, q] = rankedFactors(s, r);
    const axes = metricAxes(source, 'trusterPayoff', mainScenario(s))!;
    expect([axes.x, axes.y]).toEqual([p.factor, q.factor]);
    expect(axes.words).toContain(`${p.factor} across and ${q.factor} up: the two conditions with the largest μ* (mean absolute elementary effects) for this metric's paired difference`);
    expect(metricAxes(source, 'no-such-metric', mainScenario(s))).toBeNull();
    expect(metricAxes({ kind: 'comparison', comparison: { a: 'A', b: 'B', rows: [] } as unknown as Comparison }, 'trusterPayoff', 'x')).toBeNull();
  });
});
