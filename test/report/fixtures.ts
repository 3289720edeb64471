/**
 * Small result folders for the report tests, made in this process: a run (with pairs.csv and
 * the event log), an experiment with a grid over two conditions (so a sweep map is drawn), and
 * a scenario and an experiment whose names, descriptions and state names try to inject markup.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../src/cli/experiment.js';
import { runSimulate } from '../../src/cli/simulate.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Markup a hostile file might carry. */
export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';

/** A run folder of a scenario (default: the FPDA, five states, forums, events), with pairs.csv. */
export function makeRun(dir: string, scenario = join(ROOT, 'scenarios/fpda.yaml'), extra: { pairs?: boolean; events?: boolean; steps?: string } = {}): string {
  runSimulate(scenario, { out: dir, pairs: extra.pairs ?? true, events: extra.events ?? true, steps: extra.steps, quiet: true });
  return dir;
}

/** An experiment folder: two scenarios over a 2 x 2 grid of two conditions, both hypotheses, 3 replications. */
/** The smallest experiment: one scenario, both hypotheses, two replications of 12 steps. */
export const TINY_EXPERIMENT = `name: Tiny
description: One scenario, both hypotheses.
scenarios: [${JSON.stringify(join(ROOT, 'scenarios/minimal-pair.yaml'))}]
hypotheses: [trust-first, habits-first]
replications: 2
steps: 12
analysis: { resamples: 100, level: 0.95 }
`;

export async function makeExperiment(dir: string, file: string, body?: string): Promise<string> {
  writeFileSync(file, body ?? `name: Report test
description: Two scenarios over tension and equivocation, under both hypotheses.
scenarios: [${JSON.stringify(join(ROOT, 'scenarios/minimal-pair.yaml'))}, ${JSON.stringify(join(ROOT, 'scenarios/equivocal-unheeding.yaml'))}]
hypotheses: [trust-first, habits-first]
variations:
  grid: { tension: [0.05, 0.5], equivocation: [0.1, 0.6] }
replications: 3
baseSeed: 11
steps: 60
analysis: { resamples: 200, level: 0.95 }
`);
  const r = await runExperiment(file, { out: dir, workers: '0', quiet: true }, [file, '--out', dir]);
  if (!r.finished) throw new Error('experiment did not finish');
  return dir;
}

/** A scenario whose texts carry markup and script, in every free-text field the report shows. */
export function hostileScenario(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'hostile.yaml');
  const q = (s: string) => JSON.stringify(s);
  writeFileSync(file, `name: ${q(`Hostile ${SCRIPT} ${IMG}`)}
description: ${q(`A description with ${SCRIPT} and ${IMG} and <b>bold</b> & an ampersand.`)}
teachingNote: ${q(`A teaching note with ${SCRIPT}, ${IMG} and </p></section><h1>fake heading</h1>.`)}
calendar: { start: "2020-01", stepMonths: 1, steps: 36 }
cultureDimensions: [pdi, idv]
stateDefaults:
  language: { primary: en, english: 1 }
  culture: { pdi: 0.4, idv: 0.6 }
  budget: 12
  navalPresence: 0.2
states:
  - { id: A, name: ${q(`Atlantis ${SCRIPT}`)}, equivocation: 0.1 }
  - { id: B, name: ${q(`Borduria ${IMG}`)}, receptivity: 0.9 }
  - { id: C, name: ${q(`Carpania </svg><svg onload=alert(1)>`)} }
groups:
  - { id: G, name: ${q(`Group ${SCRIPT}`)}, members: [A, B, C], closeness: 0.5 }
forums:
  - { id: F, name: ${q(`Forum ${IMG}`)}, members: [A, B, C], track: 1, activity: forumMeeting, schedule: { start: 1, every: 6 } }
programmes:
  - { from: A, to: B, activity: officialContact, schedule: { every: 1 } }
  - { from: B, to: C, activity: shipVisit, schedule: { start: 2, every: 3 } }
trust: { default: 0.5 }
tension: { default: 0.1 }
run: { seed: 1, hypothesis: habits-first }
`);
  return file;
}

/** An experiment file's text whose name and description carry markup, over the hostile scenario. */
export function hostileExperiment(scenario: string): string {
  return `name: ${JSON.stringify(`Experiment ${SCRIPT} ${IMG}`)}
description: ${JSON.stringify(`An experiment description with ${SCRIPT} and ${IMG}.`)}
scenarios: [${JSON.stringify(scenario)}]
hypotheses: [trust-first, habits-first]
replications: 2
baseSeed: 3
analysis: { resamples: 100, level: 0.95 }
`;
}
