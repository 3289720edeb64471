/**
 * `explainPair` through the public API, on real run folders written by `npm run simulate`:
 * contributions add up to the actual change in trust (log-odds to 1e-9, probability to 1e-12)
 * for every directed pair over the whole run and over sub-ranges, with pairs.csv and without it
 * (ends placed by the forgetting rate), the ends match final.json and pairs.csv, each event's
 * contribution is the event log's own, and the sentences name the biggest contributor.
 *
 * The references are independent of the explanation: the final trust in final.json, each pair's
 * trust at every step kept by `simulate()` in memory (pairs.csv's numbers), the scenario's
 * starting trust, and the exact log-odds the event log keeps in memory.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRows, explainPair, formatProblem, loadScenario, queryProblems,
  readRunDir, runFromResult, simulate, type ExplainRun, type PairExplanation, type RunResult,
} from '../../src/index.js';
import { expectAddsUp, logit, ROOT, sigmoid, simulateTo } from './helpers.js';
import { ProblemError } from '../../src/io/problem.js';

let tmp: string;
beforeAll(() => { tmp = mkdtempSync(join(tmpdir(), 'entente-explain-')); });
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

/** The ASEAN teaching run, a run with defections, and one with incidents, suspicion and deception (under trust-first). */
const CASES = [
  { name: 'asean-admm', file: 'scenarios/asean-admm.yaml', seed: 1, hypothesis: undefined, kinds: ['activity', 'symbolic', 'reputation', 'test', 'incident', 'defection', 'leadership'] },
  { name: 'regional-training-facility', file: 'scenarios/regional-training-facility.yaml', seed: 1, hypothesis: undefined, kinds: ['activity', 'symbolic', 'reputation', 'test', 'defection'] },
  { name: 'rimpac-2014', file: 'scenarios/rimpac-2014.yaml', seed: 1, hypothesis: 'trust-first', kinds: ['activity', 'reputation', 'test', 'incident'] },
] as const;

interface Fixture {
  result: RunResult;
  /** Read from the run folder with pairs.csv, from a copy without it, and straight from memory. */
  withPairs: ExplainRun;
  withoutPairs: ExplainRun;
  memory: ExplainRun;
  final: number[][];
  dir: string;
}

/** The run as if simulated without --pairs: pairs.csv gone, and run.json no longer listing it. */
function dropPairs(dir: string): void {
  rmSync(join(dir, 'pairs.csv'));
  const m = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { files: string[]; records: Record<string, unknown> };
  m.files = m.files.filter((f) => f !== 'pairs.csv');
  delete m.records['pairs.csv'];
  writeFileSync(join(dir, 'run.json'), JSON.stringify(m));
}

const fixtures = new Map<string, Fixture>();
function fixture(c: (typeof CASES)[number]): Fixture {
  let f = fixtures.get(c.name);
  if (f !== undefined) return f;
  const loaded = loadScenario(join(ROOT, c.file));
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  const result = simulate(loaded.value, { seed: c.seed, hypothesis: c.hypothesis, pairs: true });
  const dir = simulateTo(join(tmp, c.name), c.file, ['--seed', String(c.seed), '--pairs', ...(c.hypothesis ? ['--hypothesis', c.hypothesis] : [])]);
  const bare = join(tmp, `${c.name}-no-pairs`);
  cpSync(dir, bare, { recursive: true });
  dropPairs(bare);
  const read = (d: string) => {
    const r = readRunDir(d);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    return r.value;
  };
  const final = (JSON.parse(readFileSync(join(dir, 'final.json'), 'utf8')) as { trust: number[][] }).trust;
  f = { result, withPairs: read(dir), withoutPairs: read(bare), memory: runFromResult(result), final, dir };
  fixtures.set(c.name, f);
  return f;
}

describe.each(CASES)('explaining $name, seed $seed', (c) => {
  it('reads the run folder: state names from the scenario, the forgetting rate, every trust row of the log', () => {
    const f = fixture(c);
    const w = f.result.world;
    expect(f.withPairs.ids).toEqual(w.ids);
    expect(f.withPairs.names).toEqual(w.names);
    expect(f.withPairs.caveats).toEqual([]);
    expect(f.withPairs.forgetting).toBe(w.params.forgetting);
    expect(f.withPairs.pairTrust).not.toBeNull();
    expect(f.withoutPairs.pairTrust).toBeNull();
    const log = f.result.events!;
    let trustRows = 0;
    for (let k = 0; k < log.length; k++) if (log.observer[k] >= 0) trustRows++;
    expect(f.withPairs.rows).toHaveLength(trustRows);
    expect(f.memory.rows).toHaveLength(trustRows);
    const kinds = new Set(f.withPairs.rows.map((r) => r.kind));
    for (const k of c.kinds) expect(kinds, `a ${k} row`).toContain(k);
  });

  it('whole run, every directed pair: contributions add up to the change, from the starting trust to final.json', () => {
    const f = fixture(c);
    const w = f.result.world;
    const n = w.n;
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const e = explainPair(f.withPairs, { observer: w.ids[a], subject: w.ids[b] });
      expectAddsUp(e);
      expect(e.from.step).toBe(0);
      expect(e.to.step).toBe(f.result.series.rows - 1);
      // The end is final.json's number, exactly; the start the scenario's trust (no hypothesis offsets belief, MODEL 6).
      expect(e.to.trust).toBe(f.final[a][b]);
      const start = Math.min(30, Math.max(-30, w.trust0[a * n + b]));
      expect(Math.abs(e.from.trust - sigmoid(start))).toBeLessThan(1e-12);
      expect(Math.abs(e.change.logOdds - (logit(f.final[a][b]) - start))).toBeLessThan(1e-9);
      expect(Math.abs(e.change.trust - (f.final[a][b] - sigmoid(start)))).toBeLessThan(1e-12);
    }
  });

  it('sub-ranges, every directed pair: the change matches pairs.csv, with pairs.csv and without it', () => {
    const f = fixture(c);
    const w = f.result.world;
    const n = w.n, nn = n * n, T = f.result.series.rows;
    const pt = f.result.pairTrust!;
    const ranges: [number, number][] = [[0, Math.floor(T / 4)], [Math.floor(T / 4) + 1, Math.floor(T / 2)], [Math.floor(T / 3), Math.floor((2 * T) / 3)],
      [Math.floor(T / 2), Math.floor(T / 2)], [T - 1, T - 1], [1, T - 2], [0, 0]];
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const whole = explainPair(f.withPairs, { observer: w.ids[a], subject: w.ids[b] });
      for (const [from, to] of ranges) {
        const start = from === 0 ? whole.from.trust : pt[(from - 1) * nn + a * n + b];
        const end = pt[to * nn + a * n + b];
        for (const run of [f.withPairs, f.withoutPairs, f.memory]) {
          const e = explainPair(run, { observer: w.ids[a], subject: w.ids[b], from, to });
          expectAddsUp(e);
          expect(Math.abs(e.change.logOdds - (logit(end) - logit(start))), `${w.ids[a]}->${w.ids[b]} ${from}-${to}`).toBeLessThan(1e-9);
          expect(Math.abs(e.change.trust - (end - start))).toBeLessThan(1e-12);
        }
      }
      // Adjacent ranges add up to the whole.
      const m = Math.floor(T / 2);
      const first = explainPair(f.withoutPairs, { observer: w.ids[a], subject: w.ids[b], from: 0, to: m });
      const second = explainPair(f.withoutPairs, { observer: w.ids[a], subject: w.ids[b], from: m + 1, to: T - 1 });
      expect(Math.abs(first.change.logOdds + second.change.logOdds - whole.change.logOdds)).toBeLessThan(1e-9);
      expect(first.events.length + second.events.length).toBe(whole.events.length);
    }
  });

  it('each event\'s contribution is the log\'s own l2 - l1, the same read from the file as from memory', () => {
    const f = fixture(c);
    const w = f.result.world;
    const log = f.result.events!;
    for (let a = 0; a < w.n; a++) for (let b = 0; b < w.n; b++) {
      if (a === b) continue;
      const q = { observer: w.ids[a], subject: w.ids[b] };
      const file = explainPair(f.withPairs, q), mem = explainPair(f.memory, q);
      expect(file.events.map((x) => x.index)).toEqual(mem.events.map((x) => x.index));
      expect(file.groups.map((g) => g.key).sort()).toEqual(mem.groups.map((g) => g.key).sort());
      mem.events.forEach((x, k) => {
        expect(log.observer[x.index]).toBe(a);
        expect(log.subject[x.index]).toBe(b);
        expect(x.logOdds).toBe(log.l2[x.index] - log.l1[x.index]);
        expect(Math.abs(file.events[k].logOdds - x.logOdds)).toBeLessThan(1e-9);
        expect(Math.abs(file.events[k].probability - log.delta(x.index))).toBeLessThan(1e-15);
        expect(x.probability).toBe(log.delta(x.index));
      });
      expect(Math.abs(file.change.logOdds - mem.change.logOdds)).toBeLessThan(1e-9);
    }
  });

  it('sentences name the biggest contributor, the pair and the range, and the direction of the change', () => {
    const f = fixture(c);
    const w = f.result.world;
    let checked = 0;
    for (let a = 0; a < w.n; a++) for (let b = 0; b < w.n; b++) {
      if (a === b) continue;
      const e = explainPair(f.withPairs, { observer: w.ids[a], subject: w.ids[b] });
      const text = e.sentences.join(' ');
      expect(e.sentences[0]).toContain(w.names[a]);
      expect(e.sentences[0]).toContain(w.names[b]);
      expect(e.sentences[0]).toContain(e.from.date);
      expect(e.sentences[0]).toContain(e.to.date);
      if (e.change.logOdds === 0) continue;
      expect(e.sentences[0]).toContain(e.change.logOdds > 0 ? 'rose' : 'fell');
      const top = e.groups[0];
      expect(text.toLowerCase(), `${w.ids[a]} -> ${w.ids[b]}`).toContain((top.kind === 'forgetting' ? 'forgetting' : top.label).toLowerCase());
      expect(text).toContain('shares are of all the movement');
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('what the groups say', () => {
  const kinds = (run: ExplainRun, filter: (g: PairExplanation['groups'][number]) => boolean) => {
    const found: PairExplanation['groups'] = [];
    for (const a of run.ids) for (const b of run.ids) if (a !== b) found.push(...explainPair(run, { observer: a, subject: b }).groups.filter(filter));
    return found;
  };

  it('activities at a forum meeting are grouped by forum, named by the forum\'s name', () => {
    const run = fixture(CASES[0]).withPairs;
    const admm = kinds(run, (g) => g.kind === 'activity' && g.forum === 'ADMM');
    expect(admm.length).toBeGreaterThan(0);
    for (const g of admm) expect(g.label).toContain('ASEAN Defence Ministers\' Meeting');
    // Every heeded signal at a meeting belongs to a forum that met that step.
    const meetings = new Set<string>();
    for (const r of run.rows) if (r.forum !== null) meetings.add(`${r.step}|${r.forum}`);
    expect(meetings.size).toBeGreaterThan(100);
  });

  it('defections lower the observers\' trust in the defector and are named by the group', () => {
    const run = fixture(CASES[1]).withPairs;
    const defections = kinds(run, (g) => g.kind === 'defection');
    expect(defections.length).toBeGreaterThan(0);
    for (const g of defections) {
      expect(g.logOdds).toBeLessThan(0);
      expect(g.label).toMatch(/defections? from /);
    }
  });

  it('escalated incidents lower trust; suspicion, deception and exploited tests have their own groups', () => {
    const run = fixture(CASES[2]).withPairs;
    const incidents = kinds(run, (g) => g.kind === 'incident');
    expect(incidents.length).toBeGreaterThan(0);
    for (const g of incidents) expect(g.logOdds).toBeLessThan(0);
    const outcomes = new Set(kinds(run, (g) => g.outcome !== null).map((g) => g.outcome));
    for (const o of ['heeded', 'misread', 'deceived', 'suspicious', 'honoured', 'exploited']) expect(outcomes).toContain(o);
    for (const g of kinds(run, (x) => x.outcome === 'exploited')) expect(g.logOdds).toBeLessThan(0);
  });
});

describe('queries that do not fit the run', () => {
  it('names unknown ids (listing the valid ones), a state paired with itself, and ranges outside or reversed', () => {
    const run = fixture(CASES[1]).withPairs;
    const last = run.dates.length - 1;
    const msgs = (q: Parameters<typeof queryProblems>[1]) => queryProblems(run, q).map((p) => `${p.path}: ${p.message}`);
    expect(msgs({ observer: 'XX', subject: run.ids[0] })).toEqual([`--pair: unknown state id "XX"; expected one of: ${run.ids.join(', ')}`]);
    expect(msgs({ observer: run.ids[0], subject: run.ids[0] })[0]).toMatch(/trust in itself/);
    expect(msgs({ observer: run.ids[0], subject: run.ids[1], from: last + 1 })[0]).toMatch(/--from: step \d+ is outside the run/);
    expect(msgs({ observer: run.ids[0], subject: run.ids[1], from: 5, to: 4 })[0]).toMatch(/--from: the range starts after it ends/);
    expect(msgs({ observer: run.ids[0], subject: run.ids[1], from: 0, to: last })).toEqual([]);
    expect(() => explainPair(run, { observer: 'XX', subject: run.ids[0] })).toThrow(ProblemError);
  });
});

describe('a run folder whose scenario file cannot be found', () => {
  it('shows ids, explains the whole run, and refuses an end between events only when pairs.csv is missing', () => {
    const f = fixture(CASES[1]);
    const w = f.result.world;
    const copy = (name: string, keepPairs: boolean, edit: (m: Record<string, unknown>) => void) => {
      const dir = join(tmp, name);
      cpSync(f.dir, dir, { recursive: true });
      if (!keepPairs) dropPairs(dir);
      const m = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as Record<string, unknown>;
      edit(m);
      writeFileSync(join(dir, 'run.json'), JSON.stringify(m));
      const r = readRunDir(dir);
      if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
      return r.value;
    };
    const gone = copy('gone', false, (m) => { (m.scenario as Record<string, string>).file = 'nowhere/missing.yaml'; });
    expect(gone.names).toEqual(w.ids);
    expect(gone.forgetting).toBeNull();
    expect(gone.caveats.join(' ')).toMatch(/nowhere\/missing\.yaml.*not found/);
    const changed = copy('changed', false, (m) => { (m.scenario as Record<string, string>).sha256 = '0'.repeat(64); });
    expect(changed.caveats.join(' ')).toMatch(/has changed since the run/);

    const [A, B] = [w.ids[0], w.ids[1]];
    const named = explainPair(f.withPairs, { observer: A, subject: B });
    const plain = explainPair(gone, { observer: A, subject: B });
    expect(plain.change).toEqual(named.change);
    expect(plain.observer.name).toBe(A);
    // Somewhere a range's start falls between two events of a pair: without the forgetting rate
    // and pairs.csv it cannot be placed; with pairs.csv it can.
    const withPairs = copy('gone-with-pairs', true, (m) => { (m.scenario as Record<string, string>).file = 'nowhere/missing.yaml'; });
    let refused = 0;
    for (const a of w.ids) for (const b of w.ids) {
      if (a === b) continue;
      for (let from = 1; from < w.steps; from += 7) {
        let e: PairExplanation | null = null;
        try { e = explainPair(gone, { observer: a, subject: b, from }); } catch (err) {
          expect(err).toBeInstanceOf(ProblemError);
          expect((err as ProblemError).problems[0]).toMatchObject({ file: '<command line>', path: '--from', message: expect.stringMatching(/forgetting rate.*pairs/) });
          refused++;
        }
        const ok = explainPair(withPairs, { observer: a, subject: b, from });
        expectAddsUp(ok);
        if (e !== null) expect(Math.abs(e.change.logOdds - ok.change.logOdds)).toBeLessThan(1e-9);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('explainPair on a hand-made log', () => {
  // Three states; only A's trust in B moves: +1 at step 2, then forgotten (baseline 0, q = 0.9) until +0.5 at step 10.
  const q = 0.9;
  const l1at10 = Math.pow(q, 8);
  const { rows, notes } = buildRows([
    { step: 2, date: '2000-03', kind: 'test', trustee: 'B', truster: 'A', relied: true, honoured: true, observer: 'A', subject: 'B', l0: 0, l1: 0, l2: 1 },
    { step: 4, date: '2000-05', kind: 'activity', from: 'B', to: 'A', activity: 'shipVisit', heeded: false },
    { step: 10, date: '2000-11', kind: 'activity', from: 'B', to: 'A', activity: 'shipVisit', heeded: true, observer: 'A', subject: 'B', l0: 1, l1: l1at10, l2: l1at10 + 0.5 },
  ], ['A', 'B', 'C']);
  const L20 = l1at10 + 0.5;
  const run: ExplainRun = {
    title: 'hand-made', ids: ['A', 'B', 'C'], names: ['Alpha', 'Beta', 'Gamma'],
    activityNames: new Map([['shipVisit', 'Ship visit']]), forumNames: new Map(), groupNames: new Map(),
    dates: Array.from({ length: 21 }, (_, t) => `2020-${String(t % 12 + 1).padStart(2, '0')}`),
    finalTrust: [[1, sigmoid(L20 * Math.pow(q, 10)), 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]],
    rows, notes, pairTrust: null, forgetting: 1 - q, caveats: [],
  };

  it('places a range\'s ends between events by the forgetting rate alone', () => {
    const e = explainPair(run, { observer: 'A', subject: 'B', from: 6, to: 15 });
    // Start of step 6 = end of step 5: 1 * q^3; end of step 15: L20 * q^5.
    expect(e.from.logOdds).toBeCloseTo(Math.pow(q, 3), 12);
    expect(e.to.logOdds).toBeCloseTo(L20 * Math.pow(q, 5), 12);
    expect(e.events).toHaveLength(1);
    expect(e.events[0].logOdds).toBeCloseTo(0.5, 12);
    const forgetting = e.groups.find((g) => g.kind === 'forgetting')!;
    expect(forgetting.logOdds).toBeCloseTo(L20 * Math.pow(q, 5) - Math.pow(q, 3) - 0.5, 12);
    expect(e.context.unheeded).toBe(0); // the unheeded ship visit was at step 4
    expect(explainPair(run, { observer: 'A', subject: 'B', from: 3 }).context.unheeded).toBe(1);
    expectAddsUp(e);
  });

  it('a pair no event touched did not change, and says so', () => {
    const e = explainPair(run, { observer: 'C', subject: 'A' });
    expect(e.change).toEqual({ trust: 0, logOdds: 0 });
    expect(e.groups).toEqual([]);
    expect(e.sentences[0]).toMatch(/Gamma's trust in Alpha stayed at 0\.50: no event moved it/);
  });

  it('labels and sentences read as plain English with the run\'s names', () => {
    const e = explainPair(run, { observer: 'A', subject: 'B', from: 0, to: 20 });
    const labels = e.groups.map((g) => g.label);
    expect(labels).toContain('1 test Beta honoured');
    expect(labels).toContain('1 heeded ship visit');
    expect(e.sentences[0]).toMatch(/^Between 2020-01 and 2020-09 Alpha's trust in Beta rose from 0\.50 to /);
    expect(e.sentences.join(' ')).toContain('Beta sent Alpha 1 other signal that Alpha did not heed');
  });
});
