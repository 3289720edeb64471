/**
 * `npm run report` and sensitivity folders, as a user runs it: a sensitivity folder reported on
 * its own ("Which conditions matter", "Where each hypothesis wins" over the two conditions that
 * matter most); an experiment folder's report with its where-each-wins maps, and with
 * `--sensitivity` the sensitivity sections and maps over the design points; `--where` choosing
 * the two conditions. Bad input (an unknown or malformed --where, --sensitivity on a run or
 * with a folder that is not one, a damaged sensitivity.json) exits with code 2, names what is
 * wrong and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/index.js';
import { makeRun, ROOT, SCRIPT } from './fixtures.js';
import { copySensitivity, makeGridExperiment } from './sensitivity-fixtures.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const report = (args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/report.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return r;
};
/** The page's text without tags, spaces collapsed. */
const text = (html: string) => html.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ');

let tmp: string, exp: string, run: string, sobol: string, morris: string;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-sensitivity-report-'));
  exp = await makeGridExperiment(join(tmp, 'exp'), join(tmp, 'exp.yaml'));
  run = makeRun(join(tmp, 'run'), join(ROOT, 'scenarios/minimal-pair.yaml'), { steps: '12', pairs: false, events: false });
  sobol = copySensitivity('sobol', join(tmp, 'sobol'));
  morris = copySensitivity('morris', join(tmp, 'morris'));
}, 120_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

describe('npm run report on a sensitivity folder', () => {
  it('says which conditions matter and where each hypothesis wins, from the numbers', () => {
    const r = report([sobol]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Report written to .*report\.html \(8 charts/);
    const charts = readdirSync(join(sobol, 'charts')).filter((n) => n.endsWith('.svg')).sort();
    expect(charts).toEqual(['sobol-activitycontinuation', 'sobol-brier', 'sobol-partnerbelief', 'sobol-trusterpayoff',
      'where-activitycontinuation', 'where-brier', 'where-partnerbelief', 'where-trusterpayoff'].map((n) => `${n}.svg`));
    const page = text(readFileSync(join(sobol, 'report.html'), 'utf8'));
    expect(page).toContain('Entente sensitivity report');
    expect(page).toContain('Which conditions matter');
    expect(page).toContain('These indices describe the model, not the world');
    // The fixture is small (32 base samples): the estimates' noise is said, and a caution shown.
    expect(page).toContain('an index can come out slightly below 0, S1 above ST, or the indices can sum above 1');
    expect(page).toContain('A quick analysis: 32 base samples (under 128), so the indices below are rough');
    expect(page).toContain('For the paired difference trust-first − habits-first in final trust in partners, tension matters most (total index 0.59 [0.32, 0.92])');
    // Each map over the two conditions that matter most for its own metric's difference, named per map.
    expect(page).toContain("Each map puts on its axes the two conditions that matter most for its own metric (the two with the largest total indices of that metric's paired difference");
    expect(page).toMatch(/Final trust in partners Axes: tension across and receptivity up: the two conditions with the largest total indices for this metric's paired difference \(tension ST 0\.59, receptivity ST 0\.22\)/);
    expect(page).toMatch(/Payoff to states that relied Axes: equivocation across and receptivity up: the two conditions with the largest total indices for this metric's paired difference \(equivocation ST 0\.\d\d, receptivity ST 0\.\d\d\)/);
    expect(page).toMatch(/Trust-first builds more trust in partners mainly where tension is below 0\.\d+/);
    // Every metric has a practical-equivalence margin (docs/MODEL.md 10.2): partnerBelief's is 0.02.
    expect(page).toContain('the mean difference is within the margin (±0.02)');
    expect(page).toContain('grey cells are within the margin');
    expect(page).not.toMatch(/cells are equivalent|are equivalent \(/);
  });

  it('takes --where, and reads a Morris screening over two scenarios', () => {
    const r = report([morris, '--where', 'receptivity,equivocation', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const page = text(readFileSync(join(morris, 'report.html'), 'utf8'));
    expect(page).toContain('Each map puts receptivity across and equivocation up (chosen with --where)');
    expect(page).toContain('Indices of the mean over the 2 scenarios (asean-admm, fpda)');
    // 10 trajectories and 4 replications: not a quick analysis.
    expect(page).not.toContain('A quick analysis');
    expect(page).toMatch(/For the paired difference trust-first − habits-first in payoff to states that relied, equivocation matters most \(μ\* 2\.0 /);
    expect(page).toContain('μ* (mean absolute effect)');
    // A Morris move is Δ = p / (2 (p - 1)) of the range, and an elementary effect the change over it divided by Δ.
    expect(page).toContain('moves one condition at a time by Δ = 0.67 of its range (2 steps of a 4-level grid)');
    expect(page).toContain('the change in the outcome over such a move divided by Δ, a change per whole range of the condition');
    expect(page).not.toContain('one step of');
    expect(readdirSync(join(morris, 'charts'))).toContain('morris-trusterpayoff.svg');
  });
});

describe('a Morris folder where a metric\'s "all" averages one scenario', () => {
  it('names, per metric, the scenarios averaged', async () => {
    const dir = copySensitivity('morris', join(tmp, 'over'));
    const json = JSON.parse(readFileSync(join(dir, 'sensitivity.json'), 'utf8'));
    for (const r of json.results) if (r.scenario === 'all' && r.metric === 'trusterPayoff') r.over = ['fpda'];
    writeFileSync(join(dir, 'sensitivity.json'), JSON.stringify(json));
    const r = await makeReport(dir);
    const page = text(readFileSync(r.file, 'utf8'));
    expect(page).not.toContain('Indices of the mean over the 2 scenarios');
    expect(page).toContain('of the mean over those of the 2 scenarios (asean-admm, fpda) where the result has a value at every point, named per metric below');
    expect(page).toContain('Payoff to states that relied Here "all" is fpda only (the one of the 2 scenarios with a value at every point).');
    expect(page).toContain('Final trust in partners Here "all" is the mean over the 2 scenarios (asean-admm, fpda).');
  });
});

describe('a sensitivity folder without points.csv', () => {
  it('still says which conditions matter, and why there is no map', async () => {
    const dir = copySensitivity('morris', join(tmp, 'no-points'));
    rmSync(join(dir, 'points.csv'));
    const r = await makeReport(dir);
    expect(r.charts).toBe(4);
    const page = text(readFileSync(r.file, 'utf8'));
    expect(page).toContain('No map: the sensitivity folder has no points.csv.');
    expect(page).toContain('Which conditions matter');
  });
});

describe('npm run report on an experiment folder', () => {
  it('maps where each hypothesis wins over its first two varied conditions, by their grid values', () => {
    const out = join(tmp, 'plain.html');
    const r = report([exp, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h2 id="where-each-wins-h">Where each hypothesis wins</h2>');
    const page = text(html);
    expect(page).toContain('Each map puts tension across and equivocation up (the first two conditions varied)');
    expect(page).toMatch(/Of the 6 cells, trust-first does better in \d(, | and )habits-first in \d/);
    expect(html).not.toContain('Which conditions matter');
    // An experiment report maps the key measures, final trust and payoff (a sensitivity report maps every key one).
    expect(readdirSync(join(tmp, 'plain-charts'))).toEqual(expect.arrayContaining(['where-partnerbelief.svg', 'where-trusterpayoff.svg']));
    expect(readdirSync(join(tmp, 'plain-charts'))).not.toContain('where-brier.svg');
  });

  it('adds a sensitivity folder with --sensitivity, mapping its design points', () => {
    const out = join(tmp, 'with-sensitivity.html');
    const r = report([exp, '--sensitivity', sobol, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    const ids = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(expect.arrayContaining(['where-each-wins', 'sensitivity']));
    expect(ids.indexOf('sensitivity')).toBe(ids.indexOf('where-each-wins') - 1);
    const page = text(html);
    expect(page).toContain("Each map puts on its axes the two conditions that matter most for its own metric (the two with the largest total indices of that metric's paired difference in the sensitivity analysis; named above each map, so two maps may have different axes) and gathers the sensitivity analysis's 160 design points");
    expect(page).toContain('Payoff to states that relied Axes: equivocation across and receptivity up');
    expect(page).toContain(`with the sensitivity folder ${sobol}`);
    expect(page).toMatch(/Sensitivity files From .*sobol ?, made by npm run sensitivity from experiments\/sensitivity-fixture\.yaml \(seed fixture\): file size SHA-256 sensitivity\.json/);
    expect(readdirSync(join(tmp, 'with-sensitivity-charts'))).toEqual(expect.arrayContaining(['sobol-partnerbelief.svg', 'where-partnerbelief.svg']));
  });
});

describe('a hostile sensitivity file', () => {
  it('cannot put markup or script into the report: names of the experiment and factors are shown as text', () => {
    const dir = copySensitivity('sobol', join(tmp, 'hostile'));
    const name = `ten${SCRIPT}`;
    const json = readFileSync(join(dir, 'sensitivity.json'), 'utf8').replace(/"tension"/g, JSON.stringify(name)).replace('"Made-up sensitivity fixture"', JSON.stringify(`Hostile ${SCRIPT}`));
    writeFileSync(join(dir, 'sensitivity.json'), json);
    const points = readFileSync(join(dir, 'points.csv'), 'utf8').replace(/^point,tension,/, `point,${name},`);
    writeFileSync(join(dir, 'points.csv'), points);
    const r = report([dir, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h1>Hostile &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('ten&lt;script&gt;alert(1)&lt;/script&gt; matters most');
    for (const f of readdirSync(join(dir, 'charts')).filter((n) => n.endsWith('.svg'))) expect(readFileSync(join(dir, 'charts', f), 'utf8')).not.toMatch(/<script/i);
  });
});

describe('bad sensitivity input writes nothing', () => {
  const refused = (args: string[], out: string, message: RegExp) => {
    const r = report([...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  };

  it('refuses an unknown or malformed --where', () => {
    refused([sobol, '--where', 'tension,blend'], join(tmp, 'no-1.html'), /--where.*blend, which is not among the conditions varied \(tension, receptivity, equivocation\)/);
    refused([exp, '--where', 'tension'], join(tmp, 'no-2.html'), /--where.*expected two conditions separated by a comma/);
    refused([exp, '--where', 'tension,tension'], join(tmp, 'no-3.html'), /--where.*names tension twice/);
    refused([run, '--where', 'tension,blend'], join(tmp, 'no-4.html'), /--where.*is a run folder/);
  });

  it('refuses --sensitivity on a run folder, or with a folder that is not a sensitivity folder', () => {
    refused([run, '--sensitivity', sobol], join(tmp, 'no-5.html'), /--sensitivity.*is a run folder/);
    refused([exp, '--sensitivity', run], join(tmp, 'no-6.html'), /--sensitivity.*is not a sensitivity folder: it has no sensitivity\.json/);
  });

  it('refuses a damaged sensitivity.json, naming the file and the field', () => {
    const bad = copySensitivity('sobol', join(tmp, 'bad-sobol'));
    const json = JSON.parse(readFileSync(join(bad, 'sensitivity.json'), 'utf8'));
    json.method = 'fast';
    json.results[0].total = [0.5];
    writeFileSync(join(bad, 'sensitivity.json'), JSON.stringify(json));
    refused([bad], join(tmp, 'no-7.html'), /sensitivity\.json.*method/);
    json.method = 'sobol';
    writeFileSync(join(bad, 'sensitivity.json'), JSON.stringify(json));
    refused([bad], join(tmp, 'no-8.html'), /results\.0\.total.*has 1 values, expected one per factor \(3\)/);
  });
});
