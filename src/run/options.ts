/**
 * The options of one run, validated once at the boundary (STYLE principle 5): `simulate`
 * checks them with this schema and reports every bad one as a problem naming the option, so
 * the driver loop never checks them again.
 */
import { z } from 'zod';
import type { LoadResult } from '../io/document.js';
import { optionProblems } from '../io/problem.js';
import { readHypothesis, type Hypothesis } from '../world/hypothesis.js';

/** The most steps one run may have (the CLI's `--steps` maximum too). */
export const MAX_STEPS = 100_000;

const STEPS = `expected a whole number from 1 to ${MAX_STEPS}`;
const SEED = 'expected a safe integer or a non-empty word';
const BOOLEAN = 'expected true or false';

/** The options of `simulate`; every field falls back to the scenario's `run` block or calendar. */
export const SimulateOptions = z.object({
  seed: z.union([z.int({ error: SEED }), z.string({ error: SEED }).refine((s) => s.trim() !== '', { error: SEED })], { error: SEED })
    .optional().describe("Run seed (default: the scenario's run.seed)."),
  hypothesis: z.string({ error: 'expected habits-first, trust-first or blend=X with X in [0,1]' })
    .transform((text, ctx): Hypothesis => {
      const r = readHypothesis(text);
      if (r.ok) return { text, blend: r.value };
      for (const p of r.problems) ctx.issues.push({ code: 'custom', message: p.message, input: text });
      return z.NEVER;
    })
    .optional().describe("`habits-first`, `trust-first` or `blend=X` (default: the scenario's run.hypothesis)."),
  steps: z.int({ error: STEPS }).min(1, { error: STEPS }).max(MAX_STEPS, { error: STEPS })
    .optional().describe("Number of steps, 1 to MAX_STEPS (default: the scenario's calendar.steps)."),
  pairs: z.boolean({ error: BOOLEAN }).optional().describe("Record every pair's trust at every step (n*n values a step). Default false."),
  events: z.boolean({ error: BOOLEAN }).optional().describe('Keep the event log. Default true.'),
}, { error: 'expected an object of options' });

/** Options as a caller gives them. */
export type SimulateOptions = z.input<typeof SimulateOptions>;
/** Options once checked: the hypothesis parsed. */
export type CheckedOptions = z.output<typeof SimulateOptions>;

/** Checks options, returning every problem at once (file `<options>`, path the option's name). */
export function checkSimulateOptions(options: unknown): LoadResult<CheckedOptions> {
  const r = SimulateOptions.safeParse(options, { reportInput: true });
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: optionProblems(r.error) };
}
