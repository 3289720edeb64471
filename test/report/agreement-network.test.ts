/**
 * The agreement network against Kinne (2018), end to end: a small experiment with the network
 * metrics run through the CLI's library call, its report built, and the section read back. The
 * per-run values in runs.csv are those of agreementNull on the same run simulated again; the
 * section's means and shares are summary.csv's; its words follow its intervals. An experiment
 * without the metrics has no such section.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSummaryCsv, type SummaryRow } from '../../src/charts/index.js';
import { runNetwork } from '../../src/experiment/metrics.js';
import { makeReport } from '../../src/report/index.js';
import { MECHANISMS, NETWORK_SECTION_ID, readingOf, readingWords } from '../../src/report/experiment/agreement-network.js';
import { fx, pct } from '../../src/report/common.js';
import { simulateWorld } from '../../src/run/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { resolveWorld } from '../../src/world/resolve.js';
import { makeExperiment, ROOT } from './fixtures.js';

const R = 12;
const METRICS = ['networkClosureRatio', 'networkClosingTies', 'networkClosingExpected', 'networkClosingExcess', 'networkClosureTies', 'networkClosureAboveChance',
  'networkAttachmentRatio', 'networkAttachmentDegree', 'networkAttachmentExpected', 'networkAttachmentExcess', 'networkAttachmentTies', 'networkAttachmentAboveChance',
  'networkTriadicShare', 'networkDegreeDependence', 'partnerBelief'];

let tmp: string, exp: string, page: string, summary: SummaryRow[], runs: Record<string, string>[];
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'entente-kinne-'));
  exp = await makeExperiment(join(tmp, 'exp'), join(tmp, 'kinne.yaml'), `name: Kinne test
description: FPDA and RIMPAC, both hypotheses, the network metrics.
scenarios: [${JSON.stringify(join(ROOT, 'scenarios/fpda.yaml'))}, ${JSON.stringify(join(ROOT, 'scenarios/rimpac-2014.yaml'))}]
hypotheses: [trust-first, habits-first]
replications: ${R}
baseSeed: 2018
analysis: { resamples: 200, level: 0.95 }
metrics: [${METRICS.join(', ')}]
`);
  const made = await makeReport(exp, { handout: true });
  page = readFileSync(made.file, 'utf8');
  handout = readFileSync(made.handout!, 'utf8');
  summary = parseSummaryCsv(readFileSync(join(exp, 'summary.csv'), 'utf8')) as SummaryRow[];
  const [head, ...lines] = readFileSync(join(exp, 'runs.csv'), 'utf8').trim().split('\n');
  const cols = head.split(',');
  // Scenario names hold commas: runs.csv quotes them.
  const cells = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, cols.length);
  runs = lines.map((l) => Object.fromEntries(cells(l).map((v, k) => [cols[k], v])));
}, 120_000);
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });
let handout: string;

/** The text of the section, tags dropped. */
function sectionText(): string {
  const at = page.indexOf(`id="${NETWORK_SECTION_ID}"`);
  expect(at).toBeGreaterThan(0);
  const end = page.indexOf('</section>', at);
  return page.slice(at, end).replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&#39;|&#x27;/g, "'").replace(/\s+/g, ' ');
}

describe('the agreement network against Kinne (2018) in the report', () => {
  it('records per run what agreementNull gives on the same run simulated again', () => {
    const file = join(ROOT, 'scenarios/fpda.yaml');
    const loaded = loadScenario(file);
    if (!loaded.ok) throw new Error('fpda.yaml does not load');
    const mine = runs.filter((r) => r.scenario === loaded.value.name).slice(0, 4);
    expect(mine.length).toBe(4);
    for (const r of mine) {
      const world = resolveWorld(loaded.value, { hypothesis: r.hypothesis });
      const res = simulateWorld(world, Number(r.seed), { events: false });
      const net = runNetwork(world, res.final).null;
      const cell = (v: number) => (Number.isNaN(v) ? '' : String(v));
      expect(r.networkClosureRatio).toBe(cell(net.closureRatio));
      expect(r.networkAttachmentRatio).toBe(cell(net.attachmentRatio));
      expect(r.networkClosingTies).toBe(cell(net.closureTies > 0 ? net.closingObserved : NaN));
      expect(r.networkAttachmentExpected).toBe(cell(net.attachmentTies > 0 ? net.degreeExpected : NaN));
      expect(r.networkAttachmentAboveChance).toBe(cell(Number.isNaN(net.attachmentRatio) ? NaN : net.attachmentRatio > 1 ? 1 : 0));
    }
  });

  it('shows, per scenario and hypothesis, the mean ratio with its interval and the share above 1 that summary.csv holds', () => {
    const text = sectionText();
    expect(text).toContain('The agreement network against Kinne (2018)');
    for (const m of MECHANISMS) {
      for (const s of new Set(summary.map((r) => r.scenario))) {
        for (const h of ['trust-first', 'habits-first']) {
          const row = (metric: string) => summary.find((r) => r.scenario === s && r.hypothesis === h && r.metric === metric)!;
          const ratio = row(m.ratio), above = row(m.above), excess = row(m.excess);
          // The mean of the finite per-run ratios is summary.csv's mean.
          const values = runs.filter((r) => r.scenario === s && r.hypothesis === h).map((r) => r[m.ratio]).filter((v) => v !== '').map(Number);
          expect(ratio.n).toBe(values.length);
          if (values.length === 0) continue;
          expect(ratio.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
          expect(above.mean).toBeCloseTo(values.filter((v) => v > 1).length / values.length, 12);
          expect(text).toContain(`${ratio.n} of ${R}`);
          expect(text).toContain(`[${pct(above.ciLow)}, ${pct(above.ciHigh)}]`);
          expect(text).toContain(readingWords(readingOf(ratio, excess), m, 95));
          if (Number.isFinite(ratio.ciLow)) {
            const d = [1, 2, 3, 4].find((k) => text.includes(`${fx(ratio.mean, k)} [${fx(ratio.ciLow, k)}, ${fx(ratio.ciHigh, k)}]`));
            expect(d, `${s} ${h} ${m.ratio}`).toBeDefined();
          }
        }
      }
    }
  });

  it('calls a mechanism reproduced only where both intervals lie above chance', () => {
    for (const [ratio, excess, reading] of [
      [{ n: 10, mean: 2, ciLow: 1.2, ciHigh: 3 }, { n: 10, mean: 1, ciLow: 0.2, ciHigh: 2 }, 'above'],
      [{ n: 10, mean: 2, ciLow: 1.2, ciHigh: 3 }, { n: 10, mean: 0.01, ciLow: -0.01, ciHigh: 0.03 }, 'mixed'],
      [{ n: 10, mean: 1, ciLow: 0.8, ciHigh: 1.3 }, { n: 10, mean: 0, ciLow: -0.1, ciHigh: 0.1 }, 'covers'],
      [{ n: 10, mean: 0.5, ciLow: 0.3, ciHigh: 0.8 }, { n: 10, mean: -1, ciLow: -2, ciHigh: -0.5 }, 'below'],
      [{ n: 1, mean: 2, ciLow: NaN, ciHigh: NaN }, { n: 1, mean: 1, ciLow: NaN, ciHigh: NaN }, 'single'],
      [{ n: 0, mean: NaN, ciLow: NaN, ciHigh: NaN }, { n: 0, mean: NaN, ciLow: NaN, ciHigh: NaN }, 'none'],
    ] as const) expect(readingOf(ratio, excess)).toBe(reading);
  });

  it('the handout says in how many cells each mechanism is reproduced, as the report reads them', () => {
    const text = handout.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('The agreement network');
    const section = sectionText();
    for (const name of ['Triadic closure', 'Preferential attachment']) {
      const m = new RegExp(`${name}: above chance among partners \\(the whole 95% interval above 1\\) in (\\d+) of the (\\d+) scenario and view combinations`).exec(text);
      expect(m, name).not.toBeNull();
      const [, above, of] = m!.map(Number);
      expect(of).toBe(4); // two scenarios x two hypotheses
      // The report's sentence for the same mechanism names as many combinations above chance.
      const own = new RegExp(`${name} is above chance among partners, the whole interval above 1, in (\\d+) of the`).exec(section);
      expect(own === null ? 0 : Number(own[1]), name).toBe(above);
    }
  });

  it('does not say which hypothesis leads on the network metrics', () => {
    const leads = page.slice(page.indexOf('Which hypothesis leads'), page.indexOf('id="comparison-table"'));
    expect(leads).toContain('Not counted here');
    expect(leads).not.toMatch(/<td>triadic closure of new agreements/);
    expect(page).toContain('neither better');
  });

  it('is absent from an experiment without the network metrics', async () => {
    const other = await makeExperiment(join(tmp, 'plain'), join(tmp, 'plain.yaml'), `name: Plain
description: No network metrics.
scenarios: [${JSON.stringify(join(ROOT, 'scenarios/minimal-pair.yaml'))}]
hypotheses: [trust-first, habits-first]
replications: 2
steps: 12
analysis: { resamples: 100, level: 0.95 }
metrics: [partnerBelief, agreements]
`);
    const made = await makeReport(other);
    expect(readFileSync(made.file, 'utf8')).not.toContain(`id="${NETWORK_SECTION_ID}"`);
  });
});
