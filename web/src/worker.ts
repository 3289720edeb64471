/**
 * The explorer's worker: the same simulation core, scenario validation, file formats,
 * explanations and charts as the command line, run off the page's thread. It holds one
 * scenario and two simulations of it on the same seed (trust-first, and the hypothesis the blend
 * slider sets), advances both month by month when the page asks, and answers with the charts
 * and figures of the month reached.
 */
import { stringify } from 'yaml';
import regularFont from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFont from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { renderSvg, type ChartSpec } from '../../src/charts/render.js';
import { trustMatrixChart, pairsFromFinal } from '../../src/charts/trust-matrix.js';
import { trustNetworkChart } from '../../src/charts/trust-network.js';
import { trustOverTimeChart, type TrendRow } from '../../src/charts/trust-over-time.js';
import { waterfallChart } from '../../src/charts/waterfall.js';
import { eventSentence, FEED_KINDS, type FeedNames } from '../../src/explain/event-sentence.js';
import { explainPair } from '../../src/explain/explain.js';
import { runFromResult, worldNames } from '../../src/explain/run.js';
import { applySet } from '../../src/experiment/conditions.js';
import { formatProblem } from '../../src/io/problem-format.js';
import { ProblemError } from '../../src/io/problem.js';
import { outputDate } from '../../src/model/calendar.js';
import { eventObject, eventsJsonl, finalObject, seriesCsv } from '../../src/run/folder/format.js';
import { Simulation } from '../../src/run/simulation.js';
import type { RunResult } from '../../src/run/simulate.js';
import { parseScenario } from '../../src/scenario/parse.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { EVENT_KIND_INDEX } from '../../src/core/events.js';
import { hypothesisName } from '../../src/world/hypothesis.js';
import { resolveWorld } from '../../src/world/resolve.js';
import type { World } from '../../src/world/world.js';
import { percent } from '../../src/text/number.js';
import { MODEL_VERSION } from '../../src/version.js';
import { conditionInfo } from './conditions.js';
import { setFontBytes } from './platform/font-files.js';
import type { CatalogueEntry, DownloadKind, FromWorker, SideFrame, ToWorker } from './protocol.js';
import { TEACHING_SCENARIOS } from './scenarios.js';

const port = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
};
const send = (m: FromWorker) => port.postMessage(m);

/** The event log's kind numbers of the kinds the feed tells. */
const FEED_KIND_INDICES: ReadonlySet<number> = new Set(FEED_KINDS.map((k) => EVENT_KIND_INDEX[k as keyof typeof EVENT_KIND_INDEX]));

/** How many feed lines a frame sends at most (the page keeps the latest ones). */
const FEED_PER_FRAME = 60;

interface Side {
  hypothesis: string;
  world: World;
  sim: Simulation;
  /** Events of the log already put in the feed. */
  fed: number;
  /** Leadership changes already in the feed (`step|state`): one line each, however many partners' trust it moved. */
  leaders: Set<string>;
}

interface Session {
  file: string;
  base: Scenario;
  edited: Scenario;
  seed: string | number;
  names: FeedNames;
  sides: [Side, Side] | null;
}

let session: Session | null = null;

function feedNames(w: World): FeedNames {
  const named = worldNames(w);
  return { states: new Map(w.ids.map((id, i) => [id, named.names[i]])), activities: named.activityNames, forums: named.forumNames, groups: named.groupNames };
}

function load(text: string, file: string): void {
  const parsed = parseScenario(text, file);
  if (!parsed.ok) {
    send({ type: 'problems', file, problems: parsed.problems.map(formatProblem) });
    return;
  }
  const s = parsed.value;
  let world: World;
  try {
    world = resolveWorld(s, { hypothesis: 'trust-first' });
  } catch (e) {
    send({ type: 'problems', file, problems: e instanceof ProblemError ? e.problems.map(formatProblem) : [String(e)] });
    return;
  }
  session = { file, base: s, edited: s, seed: s.run.seed, names: feedNames(world), sides: null };
  send({
    type: 'loaded',
    info: {
      file, name: s.name, description: s.description, teachingNote: s.teachingNote ?? null,
      states: world.ids.map((id, i) => ({ id, name: world.names[i] })), steps: world.steps, seed: s.run.seed,
      conditions: conditionInfo(s, world),
    },
  });
}

function configure(conditions: Record<string, number>, seed: string | number, blend: number): void {
  const ss = need();
  ss.edited = applySet(ss.base, conditions);
  ss.seed = seed;
  const side = (hypothesis: string): Side => {
    const world = resolveWorld(ss.edited, { hypothesis });
    return { hypothesis, world, sim: new Simulation(world, seed), fed: 0, leaders: new Set() };
  };
  ss.sides = [side('trust-first'), side(hypothesisName(blend))];
  frame(true);
}

function need(): Session {
  if (session === null) throw new Error('no scenario loaded');
  return session;
}

function sides(): [Side, Side] {
  const ss = need();
  if (ss.sides === null) throw new Error('the run is not configured');
  return ss.sides;
}

/** A chart as SVG, at its own size or at a width and height (px) that suit the page; the page scales it to its column. */
function svg(spec: ChartSpec, width?: number, height?: number): string {
  return renderSvg({ ...spec, ...(width === undefined ? {} : { width }), ...(height === undefined ? {} : { height }) });
}

/** The key figures at the current month, from the series the recorder wrote: levels now, counts summed over the months so far. */
function figures(r: RunResult): SideFrame['figures'] {
  const { columns, rows, data } = r.series;
  const width = columns.length;
  const now = (name: string) => data[(rows - 1) * width + columns.indexOf(name)];
  const sum = (name: string) => {
    const k = columns.indexOf(name);
    let total = 0;
    for (let t = 1; t < rows; t++) total += data[t * width + k];
    return total;
  };
  const at = (name: string) => (name.startsWith('mean') || name === 'agreementsTotal' ? now(name) : sum(name));
  const tests = at('tests'), honoured = at('honoured'), exploited = at('exploited');
  return [
    { label: 'Regional mean trust', value: at('meanTrust').toFixed(3) },
    { label: 'Mean tension', value: at('meanTension').toFixed(3) },
    { label: 'Mean habit of cooperation', value: at('meanHabit').toFixed(3) },
    { label: 'Agreements signed', value: String(at('agreementsTotal')) },
    { label: 'Tests (honoured / exploited)', value: `${tests} (${honoured} / ${exploited})` },
    { label: 'Incidents (escalated)', value: `${at('incidents')} (${at('escalations')})` },
    { label: 'Defections', value: String(at('defections')) },
    { label: 'Signals heeded', value: at('activities') > 0 ? percent(at('heeded') / at('activities')) : '-' },
  ];
}

function feed(side: Side, r: RunResult): SideFrame['feed'] {
  const log = r.events;
  if (log === null) return [];
  const out: SideFrame['feed'] = [];
  for (let k = side.fed; k < log.length; k++) {
    if (!FEED_KIND_INDICES.has(log.kind[k])) continue;
    const row = eventObject(side.world, log, k);
    // An agreement, defection, incident or shock has one row of its own and then one per
    // observer whose trust it moved: the feed takes the event's own row.
    if (row.observer !== undefined && (row.kind === 'agreement' || row.kind === 'defection' || row.kind === 'incident' || row.kind === 'shock')) continue;
    if (row.kind === 'leadership') {
      const key = `${row.step}|${row.from}`;
      if (side.leaders.has(key)) continue;
      side.leaders.add(key);
    }
    const text = eventSentence(row, need().names);
    if (text !== null) out.push({ date: row.date, text });
  }
  side.fed = log.length;
  return out.slice(-FEED_PER_FRAME);
}

function sideFrame(side: Side, r: RunResult): SideFrame {
  const final = finalObject(r);
  const names = need().names.states;
  const w = side.world;
  const when = side.sim.month === 0 ? 'at the start' : `after ${side.sim.month} months`;
  return {
    hypothesis: side.hypothesis,
    figures: figures(r),
    matrixSvg: svg(trustMatrixChart(pairsFromFinal(final), {
      id: `matrix-${side.hypothesis}`, title: `Trust between states, ${side.hypothesis}`, subtitle: `${final.date}, ${when}`,
      steps: [final.step], states: [...w.ids], names,
    })),
    networkSvg: svg(trustNetworkChart(final, {
      id: `network-${side.hypothesis}`, title: `Who trusts whom, ${side.hypothesis}`, subtitle: `${final.date}, ${when}`, names,
    })),
    feed: feed(side, r),
  };
}

function frame(reset: boolean): void {
  const [a, b] = sides();
  const results = [a.sim.result(), b.sim.result()] as const;
  const rows: TrendRow[] = [];
  for (const [k, side] of [a, b].entries()) {
    const { columns, rows: n, data } = results[k].series;
    const col = columns.indexOf('meanTrust');
    for (let t = 0; t < n; t++) rows.push({ series: side.hypothesis, step: t, date: outputDate(side.world, t), mean: data[t * columns.length + col] });
  }
  const w = a.world;
  const trustSvg = svg(trustOverTimeChart(rows, {
    id: 'explorer-trust', title: 'Regional mean trust over time, both hypotheses on the same dice',
    subtitle: `${w.name}, seed ${need().seed}`, span: [outputDate(w, 0), outputDate(w, w.steps)],
  }), 1200, 430);
  send({
    type: 'frame', month: a.sim.month, steps: w.steps, date: outputDate(w, a.sim.month), reset,
    trustSvg, sides: [sideFrame(a, results[0]), sideFrame(b, results[1])],
  });
}

function advance(months: number): void {
  const [a, b] = sides();
  a.sim.advance(months);
  b.sim.advance(months);
  frame(false);
}

function explain(sideIndex: 0 | 1, observer: string, subject: string): void {
  const side = sides()[sideIndex];
  if (side.sim.month === 0) {
    send({ type: 'error', message: 'Nothing has happened yet: run or step the model first, then ask why trust moved.' });
    return;
  }
  const run = runFromResult(side.sim.result());
  const e = explainPair(run, { observer, subject, from: 0, to: side.sim.month });
  send({
    type: 'explanation', side: sideIndex, hypothesis: side.hypothesis,
    title: `Why ${e.observer.name}'s trust in ${e.subject.name} moved, ${e.from.date} to ${e.to.date} (${side.hypothesis})`,
    sentences: e.sentences, waterfallSvg: svg(waterfallChart(e)),
  });
}

/** The command that writes the same files on the command line. */
function command(side: Side): string {
  const ss = need();
  const seed = typeof ss.seed === 'number' ? String(ss.seed) : `'${ss.seed}'`;
  return `npm run simulate -- scenario.yaml --hypothesis ${side.hypothesis} --seed ${seed} --steps ${side.sim.month}`;
}

function download(sideIndex: 0 | 1, what: DownloadKind): void {
  const side = sides()[sideIndex];
  const ss = need();
  let text: string;
  if (what === 'series.csv') text = seriesCsv(side.sim.result());
  else if (what === 'events.jsonl') text = eventsJsonl(side.sim.result());
  else {
    text = `# ${ss.edited.name}: the scenario as edited in the Entente explorer (model ${MODEL_VERSION}),\n` +
      `# from ${ss.file}, with the explorer's conditions applied and every default written out.\n` +
      stringify(ss.edited, { lineWidth: 0 });
  }
  send({ type: 'file', name: what, text, command: command(side) });
}

const pending: ToWorker[] = [];
let ready = false;

function handle(m: ToWorker): void {
  try {
    switch (m.type) {
      case 'load': {
        if ('builtin' in m) {
          const text = TEACHING_SCENARIOS.get(m.builtin);
          if (text === undefined) throw new Error(`no teaching scenario "${m.builtin}"`);
          load(text, `scenarios/${m.builtin}`);
        } else {
          load(m.text, m.file);
        }
        break;
      }
      case 'configure': configure(m.conditions, m.seed, m.blend); break;
      case 'advance': advance(m.months); break;
      case 'explain': explain(m.side, m.observer, m.subject); break;
      case 'download': download(m.side, m.what); break;
    }
  } catch (e) {
    const message = e instanceof ProblemError ? e.problems.map(formatProblem).join('\n') : e instanceof Error ? e.message : String(e);
    send({ type: 'error', message });
  }
}

port.onmessage = (e) => {
  if (ready) handle(e.data);
  else pending.push(e.data);
};

function catalogue(): CatalogueEntry[] {
  const out: CatalogueEntry[] = [];
  for (const [file, text] of TEACHING_SCENARIOS) {
    const p = parseScenario(text, `scenarios/${file}`);
    if (p.ok) out.push({ file, name: p.value.name, description: p.value.description });
  }
  return out;
}

// Text is measured with the fonts the charts are drawn in (src/charts/font.ts): load them first.
Promise.all([regularFont, boldFont].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())))
  .then(([regular, bold]) => {
    setFontBytes('DejaVuSans.ttf', regular);
    setFontBytes('DejaVuSans-Bold.ttf', bold);
    ready = true;
    send({ type: 'catalogue', entries: catalogue() });
    for (const m of pending.splice(0)) handle(m);
  })
  .catch((e: unknown) => send({ type: 'error', message: `the chart fonts could not be loaded: ${String(e)}` }));
