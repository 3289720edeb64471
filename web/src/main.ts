/**
 * The explorer's page: controls, and what the worker (worker.ts) sends back drawn into the page.
 * The page holds no model: it asks the worker to load a scenario, to start both runs with the
 * conditions the sliders set, to advance them, to explain a pair and to write a file, and it
 * paces the runs at the chosen speed.
 */
import regularFont from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url';
import boldFont from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf?url';
import { escapeMarkup } from '../../src/text/escape.js';
import { hypothesisName } from '../../src/world/hypothesis-name.js';
import { pairAt, stateAt } from './hit.js';
import type { ConditionInfo, DownloadKind, FromWorker, ScenarioInfo, SideFrame, ToWorker } from './protocol.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
};

/** At most this many months in one frame, however fast the speed. */
const MAX_MONTHS_PER_FRAME = 24;
/** Lines kept in each event feed. */
const FEED_LINES = 120;

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const post = (m: ToWorker) => worker.postMessage(m);

let info: ScenarioInfo | null = null;
/** Conditions the user moved (only these are applied), by name. */
const touched = new Map<string, number>();
let month = 0;
let steps = 0;
let running = false;
let waiting = false;
let lastAsk = 0;
let timer: number | undefined;
/** The state picked first in a network, waiting for the second click. */
let networkFirst: { side: 0 | 1; id: string } | null = null;

const status = (text: string) => { $('status').textContent = text; };

function blendValue(): number {
  return Number($<HTMLInputElement>('blend').value);
}

function seedValue(): string | number {
  const text = $<HTMLInputElement>('seed').value.trim();
  return /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text === '' ? 1 : text;
}

function sideNames(): [string, string] {
  return ['trust-first', hypothesisName(blendValue())];
}

function configure(): void {
  if (info === null) return;
  waiting = true;
  post({ type: 'configure', conditions: Object.fromEntries(touched), seed: seedValue(), blend: blendValue() });
}

function format(c: ConditionInfo, v: number): string {
  const digits = c.step >= 0.5 ? 1 : 2;
  return v.toFixed(digits);
}

function sliders(conditions: ConditionInfo[]): void {
  const box = $('sliders');
  box.replaceChildren();
  for (const c of conditions) {
    const row = document.createElement('div');
    row.className = 'row';
    const id = `condition-${c.name}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = c.label;
    label.title = c.description;
    const input = document.createElement('input');
    Object.assign(input, { type: 'range', id, min: String(c.min), max: String(c.max), step: String(c.step), value: String(c.value) });
    input.dataset.condition = c.name;
    const out = document.createElement('output');
    out.htmlFor.add(id);
    out.id = `${id}-value`;
    input.setAttribute('aria-describedby', out.id);
    const asWritten = () => `${format(c, c.value)}, as in the scenario${c.mixed ? ' (a mean: states differ)' : ''}`;
    out.textContent = asWritten();
    input.addEventListener('input', () => { out.textContent = format(c, Number(input.value)); });
    input.addEventListener('change', () => {
      touched.set(c.name, Number(input.value));
      out.textContent = format(c, Number(input.value));
      configure();
    });
    input.addEventListener('restore', () => { input.value = String(c.value); out.textContent = asWritten(); });
    row.append(label, input, out);
    box.append(row);
  }
}

function fillPairSelects(states: ScenarioInfo['states']): void {
  for (const [id, pick] of [['observer', 0], ['subject', 1]] as const) {
    const sel = $<HTMLSelectElement>(id);
    sel.replaceChildren(...states.map((s) => new Option(`${s.name} (${s.id})`, s.id)));
    sel.selectedIndex = Math.min(pick, states.length - 1);
  }
}

function loaded(i: ScenarioInfo): void {
  info = i;
  touched.clear();
  $('problems').replaceChildren();
  $('scenario-name').textContent = i.name;
  $('scenario-description').textContent = i.description;
  $('teaching-note').textContent = i.teachingNote ?? 'This scenario has no teaching note.';
  $<HTMLInputElement>('seed').value = String(i.seed);
  sliders(i.conditions);
  fillPairSelects(i.states);
  clearExplanation();
  configure();
}

function setSideNames(): void {
  const names = sideNames();
  $('blend-value').textContent = names[1];
  names.forEach((name, k) => {
    $(`side-${k}-heading`).textContent = name;
    const side = $(`side-${k}`);
    side.querySelector('.figures')!.setAttribute('aria-label', `Key figures, ${name}`);
    side.querySelector('.matrix')!.setAttribute('aria-label', `Trust matrix, ${name}`);
    side.querySelector('.network')!.setAttribute('aria-label', `Trust network, ${name}`);
    side.querySelector('.feed')!.setAttribute('aria-label', `Events, ${name}`);
    for (const sel of ['explain-side', 'download-side']) $<HTMLSelectElement>(sel).options[k].text = name;
  });
}

function renderSide(k: 0 | 1, f: SideFrame, reset: boolean): void {
  const side = $(`side-${k}`);
  const rows = f.figures.map((x) => `<tr><th scope="row">${escapeMarkup(x.label)}</th><td>${escapeMarkup(x.value)}</td></tr>`);
  side.querySelector('.figures tbody')!.innerHTML = rows.join('');
  side.querySelector('.matrix')!.innerHTML = f.matrixSvg;
  side.querySelector('.network')!.innerHTML = f.networkSvg;
  const feed = side.querySelector('.feed')!;
  if (reset) feed.replaceChildren();
  for (const line of f.feed) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.textContent = line.date;
    li.append(time, ` ${line.text}`);
    feed.append(li);
  }
  while (feed.children.length > FEED_LINES) feed.firstElementChild!.remove();
  if (f.feed.length > 0) feed.scrollTop = feed.scrollHeight;
}

function frame(m: Extract<FromWorker, { type: 'frame' }>): void {
  waiting = false;
  month = m.month;
  steps = m.steps;
  setSideNames();
  $('trust-chart').innerHTML = m.trustSvg;
  renderSide(0, m.sides[0], m.reset);
  renderSide(1, m.sides[1], m.reset);
  const progress = $<HTMLProgressElement>('progress');
  progress.max = steps;
  progress.value = month;
  const done = month >= steps;
  if (done) running = false;
  status(done
    ? `Finished: all ${steps} months, to ${m.date}.`
    : `Month ${month} of ${steps} (${m.date})${running ? ', running' : month === 0 ? ': press Run or Step' : ', paused'}.`);
  controls();
  if (running) schedule();
}

function controls(): void {
  const ready = info !== null;
  const done = month >= steps;
  // While a month is being computed after Pause, Run and Step wait for it to land.
  $<HTMLButtonElement>('run').disabled = !ready || running || waiting || done;
  $<HTMLButtonElement>('pause').disabled = !running;
  $<HTMLButtonElement>('step').disabled = !ready || running || waiting || done;
  $<HTMLButtonElement>('reset').disabled = !ready;
  $<HTMLButtonElement>('explain-button').disabled = !ready;
  for (const id of ['download-series', 'download-events', 'download-scenario']) $<HTMLButtonElement>(id).disabled = !ready;
}

function ask(months: number): void {
  waiting = true;
  lastAsk = performance.now();
  controls();
  post({ type: 'advance', months });
}

function schedule(): void {
  window.clearTimeout(timer);
  const speed = Number($<HTMLSelectElement>('speed').value);
  const wait = Math.max(0, 1000 / speed - (performance.now() - lastAsk));
  timer = window.setTimeout(() => {
    if (!running || waiting) return;
    const elapsed = performance.now() - lastAsk;
    ask(Math.min(MAX_MONTHS_PER_FRAME, Math.max(1, Math.round((elapsed * speed) / 1000))));
  }, wait);
}

function run(): void {
  if (info === null || month >= steps) return;
  running = true;
  controls();
  if (!waiting) ask(1);
}

function pause(): void {
  if (!running) return;
  running = false;
  window.clearTimeout(timer);
  controls();
  // A month already asked for still lands (the model has run it); the frame then says "paused".
  status(waiting ? `Month ${month} of ${steps}, pausing after the month in progress…` : `Month ${month} of ${steps}, paused.`);
}

function clearExplanation(): void {
  $('explanation-title').textContent = '';
  $('explanation-sentences').replaceChildren();
  $('waterfall').replaceChildren();
  $('network-pick').textContent = '';
  networkFirst = null;
}

function explain(side: 0 | 1, observer: string, subject: string): void {
  if (observer === subject) {
    $('network-pick').textContent = 'Pick two different states.';
    return;
  }
  $<HTMLSelectElement>('observer').value = observer;
  $<HTMLSelectElement>('subject').value = subject;
  $<HTMLSelectElement>('explain-side').value = String(side);
  post({ type: 'explain', side, observer, subject });
}

function explanation(m: Extract<FromWorker, { type: 'explanation' }>): void {
  $('explanation-title').textContent = m.title;
  $('explanation-sentences').replaceChildren(...m.sentences.map((s) => {
    const li = document.createElement('li');
    li.textContent = s;
    return li;
  }));
  $('waterfall').innerHTML = m.waterfallSvg;
  $('explanation').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

function showProblems(file: string, problems: string[]): void {
  const box = $('problems');
  const h = document.createElement('p');
  h.textContent = `${file} cannot be used: ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}. Nothing was changed.`;
  const ul = document.createElement('ul');
  ul.append(...problems.map((p) => {
    const li = document.createElement('li');
    li.textContent = p;
    return li;
  }));
  box.replaceChildren(h, ul);
}

function save(m: Extract<FromWorker, { type: 'file' }>): void {
  const blob = new Blob([m.text], { type: m.name.endsWith('.csv') ? 'text/csv' : m.name.endsWith('.yaml') ? 'text/yaml' : 'application/x-ndjson' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = m.name;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  $('command').textContent = m.command;
}

worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const m = e.data;
  switch (m.type) {
    case 'catalogue': {
      const sel = $<HTMLSelectElement>('scenario');
      sel.replaceChildren(...m.entries.map((x) => {
        const o = new Option(x.name, x.file);
        o.title = x.description;
        return o;
      }));
      sel.disabled = false;
      sel.value = m.entries.some((x) => x.file === 'asean-admm.yaml') ? 'asean-admm.yaml' : m.entries[0]?.file ?? '';
      status('Loading the scenario…');
      post({ type: 'load', builtin: sel.value });
      break;
    }
    case 'loaded': loaded(m.info); break;
    case 'problems': showProblems(m.file, m.problems); if (info === null) status('No scenario loaded: pick a teaching scenario or load a file.'); break;
    case 'frame': frame(m); break;
    case 'explanation': explanation(m); break;
    case 'file': save(m); break;
    case 'error': {
      waiting = false;
      controls();
      const p = document.createElement('p');
      p.textContent = m.message;
      $('problems').replaceChildren(p);
      break;
    }
  }
};
worker.onerror = (e) => status(`The model stopped: ${e.message}`);

async function loadFile(file: File): Promise<void> {
  pause();
  post({ type: 'load', text: await file.text(), file: file.name });
}

function init(): void {
  for (const [url, weight] of [[regularFont, 'normal'], [boldFont, 'bold']] as const) {
    const face = new FontFace('DejaVu Sans', `url(${url})`, { weight });
    document.fonts.add(face);
    void face.load().catch(() => undefined);
  }
  $<HTMLSelectElement>('scenario').addEventListener('change', (e) => {
    pause();
    post({ type: 'load', builtin: (e.target as HTMLSelectElement).value });
  });
  $<HTMLInputElement>('file').addEventListener('change', (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f !== undefined) void loadFile(f);
  });
  document.addEventListener('dragover', (e) => { e.preventDefault(); document.body.classList.add('dropping'); });
  document.addEventListener('dragleave', () => document.body.classList.remove('dropping'));
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    document.body.classList.remove('dropping');
    const f = e.dataTransfer?.files[0];
    if (f !== undefined) void loadFile(f);
  });
  $('run').addEventListener('click', run);
  $('pause').addEventListener('click', pause);
  $('step').addEventListener('click', () => { if (!running && !waiting && month < steps) ask(1); });
  $('reset').addEventListener('click', () => { pause(); clearExplanation(); configure(); });
  $('speed').addEventListener('change', () => { if (running) schedule(); });
  $('seed').addEventListener('change', configure);
  const blend = $<HTMLInputElement>('blend');
  blend.addEventListener('input', () => { $('blend-value').textContent = hypothesisName(blendValue()); });
  blend.addEventListener('change', configure);
  $('restore').addEventListener('click', () => {
    if (info === null) return;
    touched.clear();
    for (const input of $('sliders').querySelectorAll('input')) input.dispatchEvent(new Event('restore'));
    $<HTMLInputElement>('seed').value = String(info.seed);
    blend.value = '0';
    configure();
  });
  $('explain-button').addEventListener('click', () => {
    explain(Number($<HTMLSelectElement>('explain-side').value) as 0 | 1, $<HTMLSelectElement>('observer').value, $<HTMLSelectElement>('subject').value);
  });
  for (const k of [0, 1] as const) {
    const side = $(`side-${k}`);
    side.querySelector('.matrix')!.addEventListener('click', (e) => {
      const pair = pairAt(e.target as Element, info?.states.map((s) => s.id) ?? []);
      if (pair !== null) explain(k, pair[0], pair[1]);
    });
    side.querySelector('.network')!.addEventListener('click', (e) => {
      const id = stateAt(e.target as Element, info?.states.map((s) => s.id) ?? []);
      if (id === null || info === null) return;
      const name = info.states.find((s) => s.id === id)?.name ?? id;
      if (networkFirst === null || networkFirst.side !== k) {
        networkFirst = { side: k, id };
        $('network-pick').textContent = `${name} picked: now click the state whose trustworthiness it judges.`;
      } else {
        const first = networkFirst;
        networkFirst = null;
        $('network-pick').textContent = '';
        explain(k, first.id, id);
      }
    });
  }
  const download = (what: DownloadKind) => post({ type: 'download', side: Number($<HTMLSelectElement>('download-side').value) as 0 | 1, what });
  $('download-series').addEventListener('click', () => download('series.csv'));
  $('download-events').addEventListener('click', () => download('events.jsonl'));
  $('download-scenario').addEventListener('click', () => download('scenario.yaml'));
  for (const [id, cls] of [['large-type', 'large'], ['high-contrast', 'contrast']] as const) {
    const box = $<HTMLInputElement>(id);
    box.addEventListener('change', () => document.documentElement.classList.toggle(cls, box.checked));
  }
  if (window.matchMedia('(prefers-contrast: more)').matches) {
    $<HTMLInputElement>('high-contrast').checked = true;
    document.documentElement.classList.add('contrast');
  }
}

init();
