/**
 * `npm run explain -- <run dir> --pair A,B` through its real interface, a child process, on run
 * folders written by the real `npm run simulate`: the text, the JSON, the chart files, --help,
 * and every kind of bad input (exit code 2, a message naming the file or option, no stack
 * trace, nothing written).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPair, formatProblem, readRunDir, type PairExplanation } from '../../src/index.js';
import { cli, ROOT, simulateTo } from './helpers.js';

let tmp: string;
let asean: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-explain-cli-'));
  asean = simulateTo(join(tmp, 'asean'), 'scenarios/asean-admm.yaml', ['--seed', '1']);
});
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

const listing = (dir: string) => readdirSync(dir).sort();
const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('npm run explain on the ASEAN run (seed 1)', () => {
  it('prints sentences and a table, and writes the waterfall chart beside the run as SVG and PNG', () => {
    const r = cli('explain', [asean, '--pair', 'IDN,MYS']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Indonesia's trust in Malaysia (IDN -> MYS), 2006-01 to 2025-12");
    expect(r.stdout).toMatch(/Between 2006-01 and 2025-12 Indonesia's trust in Malaysia (rose|fell) from 0\.\d\d to 0\.\d\d/);
    expect(r.stdout).toMatch(/contribution \(largest first\)\s+events\s+trust\s+share\s+log-odds/);
    expect(r.stdout).toMatch(/total change\s+\d+\s+[+-]\d\.\d{4}\s+-\s+[+-]\d\.\d{4}/);
    expect(r.stdout).toMatch(/when, in order: what moved trust most\s+events\s+from\s+to\s+change/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('Shares are of all the movement, up and down');
    const svg = join(asean, 'explain-IDN-MYS.svg'), png = join(asean, 'explain-IDN-MYS.png');
    expect(r.stdout).toContain(`Chart written to ${svg} and ${png}`);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain("How Indonesia&#39;s trust in Malaysia");
    expect(text).toContain('in the order it happened');
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The same explanation as the public API gives.
    const run = readRunDir(asean);
    if (!run.ok) throw new Error(run.problems.map(formatProblem).join('\n'));
    const e = explainPair(run.value, { observer: 'IDN', subject: 'MYS' });
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(e.sentences.join(' '));
    rmSync(svg);
    rmSync(png);
  });

  it('--json prints the decomposition for scripts: it parses, adds up and matches the months asked for; nothing is written', () => {
    const before = listing(asean);
    const r = cli('explain', [asean, '--pair', 'PHL,CHN', '--from', '2012-01', '--to', '2016-12', '--json', '--no-chart']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const e = JSON.parse(r.stdout) as PairExplanation & { charts: string[]; caveats: string[] };
    expect(e.observer).toEqual({ id: 'PHL', name: 'Philippines' });
    expect(e.subject).toEqual({ id: 'CHN', name: 'China' });
    expect([e.from.date, e.to.date]).toEqual(['2012-01', '2016-12']);
    expect([e.from.step, e.to.step]).toEqual([73, 132]);
    expect(Math.abs(sum(e.groups.map((g) => g.logOdds)) - e.change.logOdds)).toBeLessThan(1e-9);
    expect(Math.abs(sum(e.groups.map((g) => g.probability)) - e.change.trust)).toBeLessThan(1e-12);
    expect(e.events.length).toBeGreaterThan(0);
    expect(e.groups.map((g) => g.kind)).toContain('leadership'); // Manila's change of government, 2016
    expect(e.charts).toEqual([]);
    expect(e.caveats).toEqual([]);
    expect(e.attribution).toMatch(/at the moment it happened/);
    expect(e.periods.length).toBeGreaterThan(0);
    expect(listing(asean)).toEqual(before);
    // Step numbers name the same range.
    const bySteps = cli('explain', [asean, '--pair', 'PHL,CHN', '--from', '73', '--to', '132', '--json', '--no-chart']);
    expect(bySteps.status).toBe(0);
    expect((JSON.parse(bySteps.stdout) as PairExplanation).change).toEqual(e.change);
  });

  it('the issue\'s example, PHL -> CHN over the whole run: trust contributions add up to the change, no share above 100%, '
    + 'and the sentences and the table count the same smaller contributions', () => {
    for (const top of ['8', '3']) {
      const r = cli('explain', [asean, '--pair', 'PHL,CHN', '--top', top, '--no-chart']);
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.split('\n');
      const head = lines.findIndex((l) => l.startsWith('contribution (largest first)'));
      const total = lines.findIndex((l, k) => k > head && l.startsWith('total change'));
      const cells = lines.slice(head + 2, total).map((l) => l.trim().split(/\s{2,}/));
      expect(cells.length).toBe(Number(top) + 1);
      const trust = cells.map((c) => Number(c[2]));
      const totalTrust = Number(lines[total].trim().split(/\s{2,}/)[2]);
      // Four decimals a row: the rows add up to the total within their rounding.
      expect(Math.abs(sum(trust) - totalTrust)).toBeLessThanOrEqual(0.00005 * (cells.length + 1));
      for (const c of cells) {
        expect(Math.abs(Number(c[2]))).toBeLessThanOrEqual(1);
        expect(Math.abs(Number(c[3].replace('%', '')))).toBeLessThanOrEqual(100);
      }
      const smaller = cells[cells.length - 1];
      const [, groups] = /^(\d+) smaller contributions?$/.exec(smaller[0])!;
      const text = r.stdout.replace(/\s+/g, ' ');
      expect(text).toContain(`${groups} smaller ${groups === '1' ? 'contribution' : 'contributions'} (${smaller[1]} event`);
      expect(text).toContain(`after the ${top} largest`);
      // The chronological table: each line starts where the one before ended, inside [0, 1].
      const when = lines.findIndex((l) => l.startsWith('when, in order'));
      const periods: string[][] = [];
      for (let k = when + 2; lines[k].trim() !== ''; k++) periods.push(lines[k].trim().split(/\s{2,}/));
      expect(periods.length).toBeGreaterThan(1);
      periods.forEach((p, k) => {
        const [a, b] = [Number(p[2]), Number(p[3])];
        expect(a >= 0 && a <= 1 && b >= 0 && b <= 1).toBe(true);
        if (k > 0) expect(p[2]).toBe(periods[k - 1][3]);
      });
    }
  });

  it('a part of the run gets its own chart file, and --out writes just the file named', () => {
    const r = cli('explain', [asean, '--pair', 'KHM,VNM', '--from', '2012-07', '--to', '2012-07', '--top', '3']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('In 2012-07 Cambodia');
    const stem = join(asean, 'explain-KHM-VNM-2012-07-to-2012-07');
    expect(existsSync(`${stem}.svg`) && existsSync(`${stem}.png`)).toBe(true);
    rmSync(`${stem}.svg`);
    rmSync(`${stem}.png`);
    const out = join(tmp, 'charts', 'khm-vnm.svg');
    const o = cli('explain', [asean, '--pair', 'KHM,VNM', '--out', out, '--top', '4']);
    expect(o.status, o.stderr).toBe(0);
    expect(listing(join(tmp, 'charts'))).toEqual(['.entente.json', 'khm-vnm.svg']);
    expect(readFileSync(out, 'utf8')).toContain('in the order it happened');
    // The ledger says explain wrote it: explain may replace it.
    expect(cli('explain', [asean, '--pair', 'VNM,KHM', '--out', out, '--top', '4']).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('Viet');
  });

  it('--out never replaces a file explain did not write', () => {
    const mine = join(tmp, 'slides');
    mkdirSync(mine);
    writeFileSync(join(mine, 'figure-1.svg'), '<svg>my own figure</svg>');
    const r = cli('explain', [asean, '--pair', 'IDN,MYS', '--out', join(mine, 'figure-1.svg')]);
    expect(r.status, r.stdout).toBe(2);
    expect(r.stderr).toMatch(/--out: .*holds files that Entente did not write where this result goes \(figure-1\.svg\)/);
    expect(readFileSync(join(mine, 'figure-1.svg'), 'utf8')).toBe('<svg>my own figure</svg>');
    expect(listing(mine)).toEqual(['figure-1.svg']);
    // Beside the user's file, a new one is fine, and the user's file stays.
    expect(cli('explain', [asean, '--pair', 'IDN,MYS', '--out', join(mine, 'figure-2.svg')]).status).toBe(0);
    expect(listing(mine)).toEqual(['.entente.json', 'figure-1.svg', 'figure-2.svg']);
  });
});

describe('a damaged run folder is refused (exit 2), naming the file and the first bad line', () => {
  let run: string;
  beforeAll(() => { run = simulateTo(join(tmp, 'to-damage'), 'scenarios/minimal-pair.yaml'); });
  const damaged = (name: string, edit: (dir: string) => void) => {
    const dir = join(tmp, `damaged-${name}`);
    cpSync(run, dir, { recursive: true });
    edit(dir);
    return dir;
  };
  const refused = (dir: string, message: RegExp) => {
    const r = cli('explain', [dir, '--pair', 'B,A', '--no-chart']);
    expect(r.status, r.stdout).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
  };

  /** The events the run wrote, counted from the file as simulate left it. */
  const lines = () => readFileSync(join(run, 'events.jsonl'), 'utf8').split('\n').length - 1;

  it('an emptied events.jsonl', () => {
    expect(lines()).toBeGreaterThan(100);
    refused(damaged('empty', (d) => writeFileSync(join(d, 'events.jsonl'), '')), new RegExp(`events\\.jsonl: is damaged: it has 0 lines, but run\\.json records ${lines()}`));
  });

  it('a line deleted from events.jsonl', () => {
    refused(damaged('line', (d) => {
      const lines = readFileSync(join(d, 'events.jsonl'), 'utf8').split('\n');
      lines.splice(100, 1);
      writeFileSync(join(d, 'events.jsonl'), lines.join('\n'));
    }), new RegExp(`events\\.jsonl: is damaged: it has ${lines() - 1} lines, but run\\.json records ${lines()}`));
  });

  it('a number in series.csv that is not a number', () => {
    refused(damaged('nan', (d) => {
      const lines = readFileSync(join(d, 'series.csv'), 'utf8').split('\n');
      const cells = lines[4].split(',');
      cells[2] = 'NaN';
      lines[4] = cells.join(',');
      writeFileSync(join(d, 'series.csv'), lines.join('\n'));
    }), /series\.csv:5:1: meanTrust: expected a finite number, got "NaN"/);
  });

  it('a changed value, even where the file still reads', () => {
    refused(damaged('value', (d) => {
      const text = readFileSync(join(d, 'final.json'), 'utf8');
      writeFileSync(join(d, 'final.json'), text.replace(/0\.(\d)/, (_, x: string) => `0.${(Number(x) + 1) % 10}`));
    }), /final\.json: is damaged: its contents differ from those simulate wrote/);
  });
});

describe('npm run explain -- --help', () => {
  it('explains every option, the range, how the change is attributed, the files and the exit code', () => {
    const r = cli('explain', ['--help']);
    expect(r.status).toBe(0);
    for (const s of ['--pair <A,B>', '--from <T>', '--to <T>', '--top <K>', '--out <file>', '--no-chart', '--json',
      'YYYY-MM', 'log-odds', 'at the moment it happened', 'no share is above', 'smaller contributions', 'events.jsonl', 'pairs.csv', 'explain-A-B.svg', 'code 2']) {
      expect(r.stdout).toContain(s);
    }
  });
});

describe('bad input: exit code 2, a clear message, no stack trace, nothing written', () => {
  let noEvents: string;
  beforeAll(() => { noEvents = simulateTo(join(tmp, 'no-events'), 'scenarios/minimal-pair.yaml', ['--no-events']); });

  const bad = (args: string[], message: RegExp) => {
    const out = join(tmp, 'never.svg');
    const before = listing(asean);
    const r = cli('explain', [...args, '--out', out]);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(listing(asean)).toEqual(before);
    return r.stderr;
  };

  it('a missing run folder', () => {
    bad([join(tmp, 'nowhere'), '--pair', 'A,B'], /nowhere: no such folder; expected a run folder written by npm run simulate/);
  });

  it('a run written with --no-events', () => {
    const msg = bad([noEvents, '--pair', 'A,B'], /events\.jsonl: the run was written with --no-events, so it has no event log to explain/);
    expect(msg).toContain('nothing was written');
  });

  it('an unknown state id, listing the valid ones', () => {
    bad([asean, '--pair', 'IDN,XYZ'], /<command line>: --pair: unknown state id "XYZ"; expected one of: BRN, KHM, IDN, LAO, MYS, MMR, PHL, SGP, THA, VNM, USA, CHN, JPN, KOR, IND, AUS, NZL, RUS/);
  });

  it('a state paired with itself', () => {
    bad([asean, '--pair', 'IDN,IDN'], /--pair: a state's trust in itself is not modelled; name two different states/);
  });

  it('--from after --to', () => {
    bad([asean, '--pair', 'IDN,MYS', '--from', '2012-01', '--to', '2008-01'], /--from: the range starts after it ends \(from step 73, 2012-01, to step 25, 2008-01\)/);
  });

  it('a step or a month outside the run', () => {
    bad([asean, '--pair', 'IDN,MYS', '--to', '241'], /--to: step 241 is outside the run; the run has steps 0 to 240, 2006-01 to 2025-12/);
    bad([asean, '--pair', 'IDN,MYS', '--from', '1999-12'], /--from: 1999-12 is outside the run/);
  });

  it('malformed options, all reported at once', () => {
    const msg = bad([asean, '--pair', 'IDN', '--top', '0', '--from', 'soon'], /--pair: expected two state ids separated by a comma/);
    expect(msg).toMatch(/--top: expected a whole number from 1 to 1000, got "0"/);
    expect(msg).toMatch(/--from: expected a step number or a month as YYYY-MM, got "soon"/);
    expect(msg).toContain('3 problems found; nothing was written.');
    const r = cli('explain', [asean, '--pair', 'IDN,MYS', '--out', join(tmp, 'chart.pdf')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out: expected a file name ending in \.svg or \.png/);
  });

  it('no --pair at all', () => {
    const r = cli('explain', [asean]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/required option '--pair <A,B>' not specified/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('names from the scenario are shown as they are in the terminal and escaped in the chart', () => {
  it('a state named with markup', () => {
    const text = readFileSync(join(ROOT, 'scenarios', 'minimal-pair.yaml'), 'utf8')
      .replace('name: Transmitter', `name: "<script>alert('x')</script> & Co"`);
    const file = join(tmp, 'markup.yaml');
    writeFileSync(file, text);
    const dir = simulateTo(join(tmp, 'markup'), file);
    const r = cli('explain', [dir, '--pair', 'B,A', '--top', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Receiver's trust in <script>alert('x')</script> & Co (B -> A)");
    const svg = readFileSync(join(dir, 'explain-B-A.svg'), 'utf8');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co');
  });
});
