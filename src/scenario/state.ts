/** A state of the scenario: its attributes, and the defaults every state falls back to. */
import { z } from 'zod';
import { NAMED, strategyByName, STRATEGY_NAMES } from '../game/strategies.js';
import { WILL } from '../model/params.js';
import { id, unit } from './fields.js';

/** How a state chooses activities; `auto` follows the hypothesis. */
export const POLICIES = ['auto', 'routine', 'trust-gated', 'grit', 'reciprocal'] as const;

/**
 * For editors: the named strategies to complete from, and the forms Random(p) and
 * MemoryOne(pCC,pCD,pDC,pDD,C|D) with decimal probabilities in [0,1]. The loader checks the name
 * itself (`strategyByName`), so its message names the valid ones or says what a form needs.
 */
const PROBABILITY = String.raw`\s*(0(\.\d*)?|1(\.0*)?|\.\d+)\s*`;
const STRATEGY_FORMS = {
  anyOf: [
    { enum: [...Object.keys(NAMED), 'Random'] },
    { pattern: String.raw`^Random\(${PROBABILITY}\)$` },
    { pattern: String.raw`^MemoryOne\(${PROBABILITY},${PROBABILITY},${PROBABILITY},${PROBABILITY},\s*[CD]\s*\)$` },
  ],
};

/** A strategy of the game layer by its name (src/game): its rule then plays the state's side of tested cooperation. */
const StrategyName = z.string().superRefine((name, ctx) => {
  const s = strategyByName(name);
  if ('message' in s) ctx.addIssue({ code: 'custom', message: s.message.startsWith('unknown strategy') ? `unknown strategy "${name}"; valid names: ${STRATEGY_NAMES.join(', ')}` : s.message });
}).meta(STRATEGY_FORMS);

const Interest = z.strictObject({
  salience: unit.describe('How much the issue matters to the state (0 not at all, 1 a core national interest).'),
  stance: z.number().min(-1).max(1).describe('Where the state stands on the issue (-1 .. 1).'),
});

/** Attributes every state has; all optional in `stateDefaults`, each falling back to the built-in default. */
const stateAttributes = {
  name: z.string().optional().describe('Display name (defaults to the id).'),
  capability: z.number().min(1e-6).max(1e9).optional().describe('Relative material capacity (e.g. a defence-spending index), from 1e-6 to 1e9. Default 1.'),
  culture: z.record(z.string(), unit).optional().describe('Position on each of the scenario\'s culture dimensions, in [0,1].'),
  language: z.strictObject({
    primary: z.string().min(1).describe('Primary language code (e.g. en, th, zh).'),
    english: unit.describe('English proficiency (1 native, 0 none).'),
  }).optional().describe('Its language: the primary language and English proficiency (default: English, native). States of different languages misread each other\'s signals more, the less English they share.'),
  equivocation: unit.optional().describe('How equivocal it is seen to be about its activities. Default 0.2.'),
  receptivity: unit.optional().describe('Probability it heeds a signal. Default 0.8.'),
  seniority: unit.optional().describe('Tendency to assert senior status. Default 0.2.'),
  empathy: unit.optional().describe('Effort to understand partners\' perspectives. Default 0.5.'),
  transparency: unit.optional().describe('Transparency of its aims. Default 0.5.'),
  restraint: unit.optional().describe('Willingness to limit its capabilities in joint work. Default 0.5.'),
  trustworthiness: unit.optional().describe('Hidden: probability it honours cooperation when tested. Default 0.8.'),
  will: z.number().min(-10).max(10).optional().describe(`Willingness to take a leap of faith, in log-odds (trust-first, MODEL 6): it extends trust to a partner when logit(belief) + will >= logit of the reference test's threshold, and then acts on logit(belief) + will. Default ${WILL} (calibrated, docs/MODEL.md 7.5).`),
  sovereignty: unit.optional().describe('Weight of sovereign imperatives against group commitment. Default 0.2.'),
  navalPresence: unit.optional().describe('Naval presence at sea (sets the incident rate). Default 0.3.'),
  budget: z.number().min(0).optional().describe('Defence-diplomacy effort per year, in activity-cost units. Default 24.'),
  policy: z.enum(POLICIES).optional().describe('How it chooses activities; auto follows the hypothesis. Default auto.'),
  strategy: StrategyName.optional().describe('Its policy for tested cooperation, a strategy of the game layer by name (TitForTat, GTFT, Grudger, Random(0.3), MemoryOne(1,0,1,0,C), ...; `npm run tournament -- --help` lists them). Its tests with any partner are then turns of one repeated stage game per pair: as truster it relies when the strategy cooperates, as trustee it honours when the strategy cooperates (its trustworthiness is not used). Default none: the reliance threshold and trustworthiness decide.'),
  interests: z.record(z.string(), Interest).optional().describe('Core interests: issue id -> salience and stance.'),
};

export const StateDefaults = z.strictObject(stateAttributes);
export const State = z.strictObject({ id: id.describe('Id of the state (e.g. IDN), by which the rest of the file names it.'), ...stateAttributes });
