/**
 * Teaching notes speak the seminar's language (issue 14): a student reads no parameter id, no
 * activity, attribute or event id, no MODEL section and no YAML in a teaching note; what a
 * modeller needs to act on it is in the scenario's `modellerNote`, which a report prints after
 * the teaching note in a "For the modeller" box.
 *
 * Allowed on purpose, because they are the seminar's own English words: state attributes that
 * are one plain word (capability, equivocation, receptivity, seniority, empathy, transparency,
 * restraint, trustworthiness, sovereignty, budget, ...: the essay's vocabulary), the event types
 * "incident", "test" and "shock", strategies named by one plain word (Cooperator, Defector,
 * Grudger) and the names of the two hypotheses, habits-first and trust-first, which every report
 * uses. Parameter names are refused whatever they look like, English words included (suspicion,
 * forgetting, temptation, explore, kappa).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NAMED } from '../../src/game/strategies.js';
import { ACTIVITY_IDS } from '../../src/model/catalogue.js';
import { Parameters } from '../../src/model/params.js';
import { makeReport } from '../../src/report/index.js';
import { Event } from '../../src/scenario/events.js';
import { StateDefaults } from '../../src/scenario/state.js';
import { formatProblem, loadScenario } from '../../src/index.js';
import { makeRun, ROOT } from '../report/fixtures.js';

const files = readdirSync('scenarios').filter((f) => /\.(ya?ml|json)$/.test(f)).sort();

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (w: string, flags = '') => new RegExp(`(?<![\\w.])${escape(w)}(?![\\w])`, flags);

/** Everything a teaching note must not contain, each with the reason a failure gives. */
const FORBIDDEN: { why: string; re: RegExp }[] = [
  ...Object.keys(Parameters.shape).map((k) => ({ why: `parameter ${k}`, re: word(k, 'i') })),
  ...ACTIVITY_IDS.map((k) => ({ why: `activity id ${k}`, re: word(k) })),
  ...Object.keys(StateDefaults.shape).filter((k) => /[A-Z]/.test(k)).map((k) => ({ why: `state attribute ${k}`, re: word(k, 'i') })),
  ...Event.options.map((o) => o.shape.type.value).filter((k) => /[A-Z]/.test(k)).map((k) => ({ why: `event type ${k}`, re: word(k, 'i') })),
  // Strategy ids that are not one plain word (TitForTat, GTFT, WinStayLoseShift, ...), and the
  // parametrised forms: "tit for tat" and "generous tit for tat" are the seminar's names.
  ...Object.keys(NAMED).filter((k) => !/^[A-Z][a-z]+$/.test(k) && k !== 'GRIT').map((k) => ({ why: `strategy id ${k}`, re: word(k) })),
  { why: 'a parametrised strategy', re: /\b(Random|MemoryOne)\(/ },
  { why: 'MODEL', re: /\bMODEL\b/ },
  { why: 'a section number', re: /\bsection \d/i },
  { why: 'a stylized fact', re: /stylized fact/i },
  { why: 'a backtick', re: /`/ },
  { why: 'parameters.', re: /parameters\./ },
  { why: 'policy:', re: /policy:/ },
  { why: 'honours:', re: /honours:/ },
  { why: 'a camelCase id', re: /\b[a-z]+[A-Z][A-Za-z]*\b/ },
  { why: 'a YAML key and value', re: /\b[a-z]\w*: *(true|false|-?\d)/ },
  { why: 'a dotted key or a file name', re: /\b[a-z]\w*\.[a-z]\w*/i },
  { why: 'a command', re: /\bnpm run\b/ },
];

/** The reasons a teaching note fails, with the text that fails it. */
function technicalTerms(note: string): string[] {
  return FORBIDDEN.flatMap(({ why, re }) => {
    const m = re.exec(note);
    return m === null ? [] : [`${why}: "${m[0]}"`];
  });
}

const load = (file: string) => {
  const loaded = loadScenario(`scenarios/${file}`);
  if (!loaded.ok) expect.fail(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
};

describe('teaching notes in the seminar\'s language', () => {
  it('the check catches what it should and lets plain words through', () => {
    expect(technicalTerms('Vary navalPresence of Rivalia and parameters.testRate (MODEL section 6, stylized fact 4).').length).toBeGreaterThanOrEqual(5);
    expect(technicalTerms('Replace the arms transfers with materialAid; set `policy: grit`; honours: false.').length).toBeGreaterThanOrEqual(4);
    expect(technicalTerms('A coreInterestIssue and a leadershipChange; TitForTat against GTFT; Random(0.5).').length).toBeGreaterThanOrEqual(4);
    expect(technicalTerms('the arms transfer arouses suspicion')).toEqual(['parameter suspicion: "suspicion"']);
    expect(technicalTerms('Make the rival\'s navy larger; lower its trustworthiness and equivocation; an incident, a test, a shock; tit for tat against the Grudger, under habits-first and trust-first.')).toEqual([]);
  });

  it.each(files)('%s: the teaching note has no technical term, and the modeller note has the ids', (file) => {
    const s = load(file);
    expect(technicalTerms(s.teachingNote), s.teachingNote).toEqual([]);
    expect(s.modellerNote, 'a modellerNote').toBeDefined();
    expect(s.modellerNote!.length).toBeGreaterThan(40);
  });
});

describe('the modeller note in a report', () => {
  let tmp: string | undefined;
  afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

  it('a run report prints it after the teaching note, in the modeller box, escaped', async () => {
    tmp = mkdtempSync(join(tmpdir(), 'entente-modeller-note-'));
    // minimal-pair with markup in its modeller note, to see it escaped as the rest.
    const text = readFileSync(join(ROOT, 'scenarios/minimal-pair.yaml'), 'utf8')
      .replace(/^modellerNote:.*(\n[ \t]+.*)*\n?/m, '') + '\nmodellerNote: "Vary equivocation of A and receptivity of B <script>alert(1)</script> & more."\n';
    expect(text).toContain('<script>');
    const file = join(tmp, 'minimal-pair.yaml');
    writeFileSync(file, text);
    const run = makeRun(join(tmp, 'run'), file, { steps: '12', pairs: false, events: false });
    const html = readFileSync((await makeReport(run, { out: join(tmp, 'report.html') })).file, 'utf8');
    const box = '<div class="modeller"><strong>For the modeller.</strong> Vary equivocation of A and receptivity of B &lt;script&gt;alert(1)&lt;/script&gt; &amp; more.</div>';
    expect(html).toContain(box);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html.indexOf('Teaching note')).toBeGreaterThan(-1);
    expect(html.indexOf(box)).toBeGreaterThan(html.indexOf('Teaching note'));
  }, 60_000);
});
