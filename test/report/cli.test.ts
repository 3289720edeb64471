/**
 * `npm run report` as a user runs it: a report and its charts written where asked; bad input
 * (a missing folder, a folder that is neither a run nor an experiment, a bad or unknown pair,
 * --pair on an experiment, an --out that is someone's file) exits with code 2, says what is
 * wrong, and writes nothing. `npm start --help` still answers.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayRun } from '../../src/cli/experiment.js';
import { makeReport } from '../../src/report/index.js';
import { makeExperiment, makeRun, ROOT, TINY_EXPERIMENT } from './fixtures.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const cli = (name: string, args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, `src/cli/${name}.ts`), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return r;
};
const report = (args: string[]) => cli('report', args);

let tmp: string, run: string, exp: string, expFile: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-report-cli-'));
  run = makeRun(join(tmp, 'run'), join(ROOT, 'scenarios/minimal-pair.yaml'), { steps: '24' });
  const file = expFile = join(tmp, 'exp.yaml');
  exp = await makeExperiment(join(tmp, 'exp'), file, TINY_EXPERIMENT);
}, 120_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

const listing = (dir: string) => readdirSync(dir).sort();

describe('npm run report', () => {
  it('writes one HTML file and its charts where --out says, quietly', () => {
    const out = join(tmp, 'seminar', 'week 3', 'asean.html');
    const r = report([run, '--out', out, '--pair', 'A,B', 'B,A', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(listing(join(tmp, 'seminar', 'week 3'))).toEqual(['.entente.json', 'asean-charts', 'asean.html']);
    const names = listing(join(tmp, 'seminar', 'week 3', 'asean-charts'));
    expect(names).toContain('pair-trust.svg');
    expect(names).toContain('pair-trust.png');
    expect(names.filter((n) => n.endsWith('.svg')).length).toBe(names.filter((n) => n.endsWith('.png')).length);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('href="asean-charts/pair-trust.svg"');
    expect(html).toContain(`npm run report -- ${run} --out ${out} --pair A,B B,A --quiet`);
    // The run folder itself is untouched.
    expect(listing(run)).toEqual(['.entente.json', 'events.jsonl', 'final.json', 'pairs.csv', 'run.json', 'series.csv']);
  });

  it("never touches the user's own files in a charts folder", () => {
    const dir = join(tmp, 'lecture');
    mkdirSync(join(dir, 'charts'), { recursive: true });
    writeFileSync(join(dir, 'charts', 'my-map.svg'), '<svg>my map</svg>');
    writeFileSync(join(dir, 'charts', 'my-photo.png'), 'photo');
    for (let k = 0; k < 2; k++) expect(report([run, '--out', join(dir, 'report.html'), '--quiet']).status).toBe(0);
    expect(readFileSync(join(dir, 'charts', 'my-map.svg'), 'utf8')).toBe('<svg>my map</svg>');
    expect(readFileSync(join(dir, 'charts', 'my-photo.png'), 'utf8')).toBe('photo');
    expect(listing(join(dir, 'charts'))).toContain('timeline.svg');
  });

  it('gives two reports in one folder charts folders of their own', () => {
    const dir = join(tmp, 'term');
    expect(report([run, '--out', join(dir, 'week-3.html'), '--pair', 'A,B', '--quiet']).status).toBe(0);
    const week3 = readFileSync(join(dir, 'week-3-charts', 'pair-trust.svg'), 'utf8');
    expect(report([exp, '--out', join(dir, 'week-5.html'), '--quiet']).status).toBe(0);
    expect(listing(dir)).toEqual(['.entente.json', 'week-3-charts', 'week-3.html', 'week-5-charts', 'week-5.html']);
    expect(readFileSync(join(dir, 'week-3-charts', 'pair-trust.svg'), 'utf8')).toBe(week3);
    expect(readFileSync(join(dir, 'week-5.html'), 'utf8')).toContain('href="week-5-charts/');
  });

  it('refuses a damaged run folder, naming the file and line', () => {
    const dir = join(tmp, 'damaged');
    cpSync(run, dir, { recursive: true });
    const lines = readFileSync(join(dir, 'series.csv'), 'utf8').split('\n');
    lines[3] = lines[3].replace(/,([\d.]+),/, ',NaN,');
    writeFileSync(join(dir, 'series.csv'), lines.join('\n'));
    const r = report([dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/series\.csv:4:1: \w+: expected a finite number, got "NaN"/);
    expect(r.stderr).toMatch(/series\.csv: is damaged/);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });

  it('writes <folder>/report.html by default and says where', () => {
    const r = report([exp]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Report written to .*report\.html \(\d+ charts?, also as SVG and PNG in .*charts\/\) in [\d.]+ s\.\n$/);
    expect(existsSync(join(exp, 'report.html'))).toBe(true);
  });

  it('refuses a missing folder, and a folder that is neither a run nor an experiment', () => {
    const r1 = report([join(tmp, 'no-such-folder')]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toMatch(/no-such-folder: no such folder; expected a run folder \(npm run simulate\) or an experiment folder/);
    expect(r1.stderr).toMatch(/1 problem found; nothing was written\.\n$/);
    expect(existsSync(join(tmp, 'no-such-folder'))).toBe(false);
    const other = join(tmp, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'mine');
    const r2 = report([other]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('is neither a run folder');
    expect(r2.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(listing(other)).toEqual(['notes.txt']);
  });

  it('refuses unknown or malformed pairs, and pairs on an experiment, writing nothing', () => {
    const before = listing(run);
    const r1 = report([run, '--pair', 'A,Z', 'B,B', '--out', join(tmp, 'x.html')]);
    expect(r1.status).toBe(2);
    expect(r1.stderr).toContain('<command line>: --pair: unknown state id "Z" in A,Z; expected one of: A, B');
    expect(r1.stderr).toContain("B,B: a state's trust in itself is not modelled");
    expect(r1.stderr).toContain('2 problems found; nothing was written.');
    const r2 = report([run, '--pair', 'AB']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('expected two state ids separated by a comma');
    expect(listing(run)).toEqual(before);
    expect(existsSync(join(tmp, 'x.html'))).toBe(false);
    const expBefore = listing(exp);
    const r3 = report([exp, '--pair', 'A,B', '--out', join(tmp, 'y.html')]);
    expect(r3.status).toBe(2);
    expect(r3.stderr).toContain('is an experiment folder; --pair applies to a run folder');
    expect(listing(exp)).toEqual(expBefore);
    expect(existsSync(join(tmp, 'y.html'))).toBe(false);
  });

  it("never overwrites a file that is not a report, and takes only .html for --out", () => {
    const mine = join(tmp, 'mine.html');
    writeFileSync(mine, '<p>my lecture notes</p>');
    const r = report([run, '--out', mine]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: .*holds files that Entente did not write where this result goes \(mine\.html\)/);
    expect(readFileSync(mine, 'utf8')).toBe('<p>my lecture notes</p>');
    const r2 = report([run, '--out', join(tmp, 'report.pdf')]);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('expected a file name ending in .html');
    expect(existsSync(join(tmp, 'charts'))).toBe(false);
    expect(existsSync(join(tmp, 'mine-charts'))).toBe(false);
  });

  it("tells how to replay an experiment's run, and reports on a replayed run as such", async () => {
    const html = readFileSync(join(exp, 'report.html'), 'utf8');
    expect(html).toContain(`--replications 2 --replay 0 --out out/run-0`);
    replayRun(expFile, { replay: '1', out: join(tmp, 'run-1') }, [expFile, '--replay', '1', '--out', join(tmp, 'run-1')]);
    const r = await makeReport(join(tmp, 'run-1'));
    const text = readFileSync(r.file, 'utf8');
    expect(text).toContain('Run 1 of the experiment');
    expect(text).toMatch(/replication [01] \(as runs\.csv numbers them, from 0\)/);
    expect(text).toContain(`npm run experiment -- ${expFile} --replay 1 --out ${join(tmp, 'run-1')}`);
  });

  it("gives an experiment's key figures on partner pairs, headed by partner belief, never a metric the starting value decides", async () => {
    const html = readFileSync((await makeReport(exp)).file, 'utf8');
    for (const h of ['trust-first', 'habits-first']) {
      for (const words of ['final trust in partners', 'error of trust in partners (Brier score)', 'payoff to states that relied']) expect(html).toContain(`${words}, ${h}`);
    }
    expect(html).toContain('leads on final trust in partners');
    expect(html).toContain('accepted for compatibility; no metric of model 0.3 reads them');
    for (const gone of ['steps to confidence', 'final mean trust', 'timeToConfidence', 'finalTrust']) expect(html).not.toContain(gone);
  });

  it("explains an experiment's verdicts: margins, the Benjamini-Hochberg adjustment, and counts of leads, equivalent and undecided per metric", async () => {
    const html = readFileSync((await makeReport(exp)).file, 'utf8');
    expect(html).toContain('How to read “leads”, “equivalent” and “undecided”.');
    expect(html).toContain('Benjamini–Hochberg adjustment over all the cells of that metric');
    expect(html).toMatch(/<th[^>]*>replications to decide \(median of undecided\)<\/th>/);
    expect(html).toMatch(/they are equivalent \/ undecided on final trust in partners \(95% interval, margin 0\.02/);
    // The comparison table and the key figures count by verdict, consistently with comparison.json.
    const { comparisons } = JSON.parse(readFileSync(join(exp, 'comparison.json'), 'utf8')) as { comparisons: { a: string; b: string; rows: { metric: string; verdict: string; leads: string }[] }[] };
    const rows = comparisons[0].rows.filter((r) => r.metric === 'partnerBelief');
    const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    const { a, b } = comparisons[0];
    expect(html).toContain(`${count((r) => r.leads === a)} / ${count((r) => r.leads === b)} / ${count((r) => r.verdict === 'equivalent')} / ${count((r) => r.verdict === 'undecided')}`);
    // Cells where a metric has no value (no betrayal scripted: activity kept up after one) are counted apart, not as undecided.
    const all = (comparisons[0].rows as { metric: string; n: number; verdict: string; leads: string }[]).filter((r) => r.metric === 'activityContinuation');
    const empty = all.filter((r) => r.n === 0).length;
    expect(empty).toBeGreaterThan(0);
    const undecided = all.filter((r) => r.n > 0 && r.verdict === 'undecided').length;
    expect(html).toMatch(/<th[^>]*>no values<\/th>/);
    expect(html).toMatch(new RegExp(`<td>activity kept up after a betrayal<span class="ci-line">higher is better; margin 0\\.05</span></td>(<td[^>]*>\\d+</td>){3}<td[^>]*>${undecided}</td><td[^>]*>${empty}</td>`));
    expect(html).toContain('“no values” counts the cells where the metric has no value in any run');
  });

  it('has --help, and so has npm start', () => {
    const r = report(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('prints to A4 or Letter');
    const s = cli('start', ['--help']);
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('experiments/trust-vs-habits.yaml');
    expect(s.stdout).toContain('report.html');
  });
});
