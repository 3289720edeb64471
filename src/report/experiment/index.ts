/**
 * The report of an experiment folder (`npm run experiment`), from its aggregated results only
 * (plan.json, manifest.json, summary.csv, comparison.json, and the rows of steps.csv it draws;
 * never runs.csv): the experiment's and its scenarios' descriptions and teaching notes, the key
 * figures, trust over time with bands per hypothesis, the hypotheses' trajectories on the same
 * dice, paired differences with intervals per scenario and condition, a sweep map when two
 * conditions vary together, outcomes when recorded, the agreement network against Kinne (2018)
 * when the experiment has its metrics, the full comparison table, how to replay
 * one run for explanations, and what it takes to reproduce the experiment.
 */
import type { ChartSet } from '../charts.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { Section } from '../page.js';
import { agreementNetworkSection } from './agreement-network.js';
import { answerSection } from './answer.js';
import { comparisonSection } from './comparison.js';
import { comparisonTableSection } from './comparison-table.js';
import { experimentContext } from './context.js';
import type { ExperimentInput } from './input.js';
import { experimentCover, keyFiguresSection, scenariosSection } from './key-figures.js';
import { explanationsSection, reproduceSection } from './reproduce.js';
import { trustOverTimeSection } from './trust-over-time.js';
import { whereEachWinsSection } from './where-each-wins.js';
import { sensitivitySection } from '../sensitivity/section.js';
import type { SensitivityInput } from '../sensitivity/input.js';

export { readExperimentInput, type ExperimentInput } from './input.js';
export { sweepAxes } from './sweep.js';
export { whereAxes, whereCandidates, whereEachWinsSection, WHERE_METRICS, type WhereSource } from './where-each-wins.js';

/** The measures whose sensitivity charts an experiment report draws (the others are in its summary table). */
export const REPORT_SENSITIVITY_METRICS = ['partnerBelief', 'reliance', 'trusterPayoff', 'exploitationLoss'] as const;

/** The measures whose where-each-wins maps an experiment report draws (a sensitivity folder's report draws every key one). */
export const REPORT_WHERE_METRICS = ['partnerBelief', 'trusterPayoff'] as const;

/** What an experiment report may add: a sensitivity folder's sections (--sensitivity) and the two conditions of the where-each-wins map (--where). */

export interface ExperimentExtras {
  sensitivity?: SensitivityInput;
  where?: readonly [string, string];
}

/** Builds the sections of an experiment report, drawing its charts into `charts`. */
export function experimentReport(input: ExperimentInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string; dataHref?: string }, extras: ExperimentExtras = {}): { title: string; cover: Html; sections: Section[] } {
  const x = experimentContext(input, charts, ctx);
  const cover = experimentCover(x);
  // The two views and the answer first, then the evidence, then the scenarios, then the appendix.
  const sections: Section[] = [answerSection(x, extras.sensitivity), keyFiguresSection(x), comparisonSection(x)];
  // Which conditions matter (--sensitivity; the key measures drawn, every measure in one table),
  // then where each hypothesis wins: over the sensitivity folder's points when one is given (by
  // default over the two conditions that matter most), else over the experiment's parameter sets.
  if (extras.sensitivity !== undefined) sections.push(sensitivitySection(extras.sensitivity, x.fig, { files: true, drawn: REPORT_SENSITIVITY_METRICS }));
  if (x.c0 !== undefined) {
    const source = extras.sensitivity !== undefined ? { kind: 'points' as const, input: extras.sensitivity, margins: x.c0 } : { kind: 'comparison' as const, comparison: x.c0 };
    sections.push(whereEachWinsSection(source, x.fig, extras.where, REPORT_WHERE_METRICS));
  }
  // Kinne (2018): shown when the experiment has the network metrics.
  const network = agreementNetworkSection(x);
  if (network !== null) sections.push(network);
  // Trust over time with bands, when there is no comparison: with one, the trajectories on the same dice show it.
  if (x.c0 === undefined) sections.push(trustOverTimeSection(x));
  sections.push(scenariosSection(x));
  const table = comparisonTableSection(x);
  if (table !== null) sections.push(table);
  // How to replay a run for explanations belongs with reproducing the experiment: one section.
  const replay = explanationsSection(x), reproduce = reproduceSection(x);
  sections.push({ ...reproduce, body: joinHtml([reproduce.body, html`<h3>${replay.title}: replaying a run</h3>`, replay.body]) });
  return { title: `${x.plan.name}: experiment report`, cover, sections };
}
