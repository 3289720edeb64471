/**
 * The report of one run folder (`npm run simulate`): the scenario's description and teaching
 * note, the key figures, trust over time for the region and chosen pairs, trust matrices at
 * chosen times, the trust network, the timeline, the outcomes, the state that sent most as
 * transmitter and receiver, the explanations of the biggest moves with their waterfalls, a
 * pointer to an experiment for comparing hypotheses, and what it takes to reproduce the run.
 */
import type { ChartSet } from '../charts.js';
import type { Html } from '../html.js';
import type { Section } from '../page.js';
import { runContext } from './context.js';
import { explanationSection } from './explanations.js';
import { figureSections, runCover } from './figures.js';
import type { RunInput } from './input.js';
import { reproduceSections } from './reproduce.js';

export { readRunInput, type RunInput } from './input.js';
export { pairsToExplain } from './pairs.js';

/** Builds the sections of a run report, drawing its charts into `charts`. */
export function runReport(input: RunInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }): { title: string; cover: Html; sections: Section[] } {
  const c = runContext(input, charts, ctx);
  const cover = runCover(c);
  const sections = [...figureSections(c), explanationSection(c), ...reproduceSections(c)];
  return { title: `${c.m.scenario.name}: ${c.runLabel}`, cover, sections };
}
