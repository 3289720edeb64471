/**
 * Shared by the explain tests: the commands run as child processes (their real interface), and
 * run folders written by the real `npm run simulate`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import type { PairExplanation } from '../../src/index.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs `src/cli/<script>.ts` with tsx in a child process. */
export function cli(script: 'simulate' | 'explain', args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', `${script}.ts`), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

/** Writes a run folder with `npm run simulate` (run from the repository, as a user would). */
export function simulateTo(dir: string, scenario: string, args: string[] = []): string {
  const r = cli('simulate', [scenario, '--out', dir, '--quiet', ...args]);
  expect(r.status, `simulate ${scenario} ${args.join(' ')} failed:\n${r.stderr}`).toBe(0);
  return dir;
}

export const logit = (p: number): number => Math.log(p) - Math.log1p(-p);
export const sigmoid = (l: number): number => 1 / (1 + Math.exp(-l));

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * Every internal sum of an explanation closes: groups, events and forgetting add up to the
 * change, in probability and in log-odds; every running total in the order things happened is a
 * level trust had, inside [0, 1]; no share is above 100%; the periods join end to end; the
 * sentences count the same smaller contributions as the table.
 */
export function expectAddsUp(e: PairExplanation): void {
  const where = `${e.observer.id} -> ${e.subject.id}, steps ${e.from.step}-${e.to.step}`;
  expect(Math.abs(sum(e.groups.map((g) => g.logOdds)) - e.change.logOdds), where).toBeLessThan(1e-9);
  expect(Math.abs(sum(e.groups.map((g) => g.probability)) - e.change.trust), where).toBeLessThan(1e-12);
  expect(Math.abs(sum(e.events.map((x) => x.logOdds + x.forgettingBefore)) + e.forgettingAfter - e.change.logOdds), where).toBeLessThan(1e-9);
  expect(Math.abs(sum(e.events.map((x) => x.probability + x.forgettingBeforeTrust)) + e.forgettingAfterTrust - e.change.trust), where).toBeLessThan(1e-12);
  expect(Math.abs(e.to.logOdds - e.from.logOdds - e.change.logOdds), where).toBeLessThan(1e-12);
  expect(Math.abs(e.to.trust - e.from.trust - e.change.trust), where).toBeLessThan(1e-15);
  const forgetting = e.groups.find((g) => g.kind === 'forgetting');
  expect(Math.abs((forgetting?.logOdds ?? 0) - sum(e.events.map((x) => x.forgettingBefore)) - e.forgettingAfter), where).toBeLessThan(1e-9);
  expect(Math.abs((forgetting?.probability ?? 0) - sum(e.events.map((x) => x.forgettingBeforeTrust)) - e.forgettingAfterTrust), where).toBeLessThan(1e-12);
  for (const g of e.groups) {
    if (g.kind === 'forgetting') continue;
    const mine = e.events.filter((x) => x.group === g.key);
    expect(mine.length, where).toBe(g.count);
    expect(Math.abs(sum(mine.map((x) => x.logOdds)) - g.logOdds), where).toBeLessThan(1e-12);
    expect(Math.abs(sum(mine.map((x) => x.probability)) - g.probability), where).toBeLessThan(1e-12);
  }
  for (let k = 1; k < e.groups.length; k++) expect(Math.abs(e.groups[k - 1].probability)).toBeGreaterThanOrEqual(Math.abs(e.groups[k].probability));
  for (const x of e.events) expect(x.step >= e.from.step && x.step <= e.to.step, where).toBe(true);
  // Running totals in the order things happened: the levels trust had, inside [0, 1].
  let at = e.from.trust;
  for (const x of e.events) {
    at += x.forgettingBeforeTrust;
    expect(Math.abs(at - x.trustBefore), where).toBeLessThan(1e-12);
    expect(at >= -1e-12 && at <= 1 + 1e-12, `${where}: ${at}`).toBe(true);
    at += x.probability;
    expect(Math.abs(at - x.trustAfter), where).toBeLessThan(1e-12);
    expect(at >= -1e-12 && at <= 1 + 1e-12, `${where}: ${at}`).toBe(true);
    expect(x.probability).toBe(x.trustAfter - x.trustBefore);
  }
  expect(Math.abs(at + e.forgettingAfterTrust - e.to.trust), where).toBeLessThan(1e-12);
  // Shares: of all the movement, none above 100%, the absolute ones adding up to 100%.
  expect(Math.abs(e.movement - sum(e.groups.map((g) => Math.abs(g.probability)))), where).toBeLessThan(1e-15);
  for (const g of e.groups) {
    if (e.movement === 0) { expect(g.share).toBeNull(); continue; }
    expect(Math.abs(g.share!), where).toBeLessThanOrEqual(1);
    expect(Math.sign(g.share!)).toBe(Math.sign(g.probability));
  }
  if (e.movement > 0) expect(Math.abs(sum(e.groups.map((g) => Math.abs(g.share!))) - 1), where).toBeLessThan(1e-12);
  // The remainder: the groups after the first `top`, as the sentences count them.
  const rest = e.groups.slice(e.top);
  if (rest.length === 0) expect(e.smaller).toBeNull();
  else {
    expect(e.smaller).toMatchObject({ groups: rest.length, events: sum(rest.map((g) => g.count)) });
    expect(Math.abs(e.smaller!.probability - sum(rest.map((g) => g.probability)))).toBeLessThan(1e-15);
    if (e.smaller!.share !== null) expect(Math.abs(e.smaller!.share)).toBeLessThanOrEqual(1);
  }
  expect(smallerInSentences(e), where).toEqual(e.smaller === null ? null : { groups: e.smaller.groups, events: e.smaller.events });
  // Periods: in order, joined end to end, from the start to the end, each level inside [0, 1].
  expect(e.periods.length).toBeGreaterThan(0);
  expect(e.periods[0].trustBefore).toBe(e.from.trust);
  expect(e.periods[e.periods.length - 1].trustAfter).toBe(e.to.trust);
  expect(sum(e.periods.map((p) => p.events))).toBe(e.events.length);
  let seen = 0;
  e.periods.forEach((p, k) => {
    if (k > 0) expect(p.trustBefore).toBe(e.periods[k - 1].trustAfter);
    for (const v of [p.trustBefore, p.trustAfter]) expect(v >= 0 && v <= 1, where).toBe(true);
    expect(p.firstStep).toBeLessThanOrEqual(p.lastStep);
    seen += p.events;
    if (k < e.periods.length - 1) expect(p.trustAfter).toBe(e.events[seen - 1].trustAfter);
  });
}

/** The count of smaller contributions the sentences give ("17 smaller contributions (84 events)"), or null when they give none. */
export function smallerInSentences(e: PairExplanation): { groups: number; events: number } | null {
  const found = e.sentences.map((s) => /^(\d+) smaller contributions? \((\d+) events?\)/.exec(s)).filter((m) => m !== null);
  expect(found.length).toBeLessThanOrEqual(1);
  return found.length === 0 ? null : { groups: Number(found[0]![1]), events: Number(found[0]![2]) };
}

