/**
 * Pieces both kinds of report use: number wording, key-figure cards, a scenario's description
 * and teaching note, the parameters a scenario sets, and file tables.
 */
import { defaultParams, Parameters } from '../model/params.js';
import { fixed, percent, signed, thousands } from '../text/number.js';
import type { Scenario } from '../scenario/schema.js';
import { html, join, paragraphs, table, type Html, type HtmlValue } from './html.js';
import type { Found } from '../run/folder/index.js';

/** A number with `d` decimals (default 3); "n/a" when not finite (src/text/number.ts). */
export const fx = (v: number, d = 3): string => fixed(v, d);

/** A signed number with `d` decimals (default 3): "+0.060", "-0.012", "0.000". */
export const sx = (v: number, d = 3): string => signed(v, d);

/** Decimals that show a quantity of magnitude up to `maxAbs` with about three significant digits. */
export function decimalsFor(maxAbs: number): number {
  if (!Number.isFinite(maxAbs) || maxAbs === 0) return 3;
  return Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(maxAbs))));
}

/** A share as a whole percentage: "27%". */
export const pct = (v: number): string => percent(v);
export { thousands };

export function bytesWords(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / (1 << 20)).toFixed(1)} MB`;
}

/** Key figures as cards: a value and what it is. */
export function cards(items: readonly { value: HtmlValue; label: HtmlValue }[]): Html {
  return html`<div class="figures">${items.map((c) => html`<div class="figure-card"><div class="v">${c.value}</div><div class="l">${c.label}</div></div>`)}</div>`;
}

/** A key-value table. */
export function kv(rows: readonly [HtmlValue, HtmlValue][]): Html {
  return html`<table class="kv"><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

/** A scenario's description, teaching note and note for the modeller, or why they cannot be shown. */
export function scenarioText(found: Found<Scenario>, heading: 'h3' | 'h4' = 'h3'): Html {
  const s = found.value;
  if (s === null) return missingScenario(found);
  const h = heading === 'h3' ? (t: string) => html`<h3>${t}</h3>` : (t: string) => html`<h4>${t}</h4>`;
  return join([
    s.description ? join([h('What the scenario is'), paragraphs(s.description)]) : '',
    s.teachingNote ? html`<div class="note">${h('Teaching note')}${paragraphs(s.teachingNote)}</div>` : '',
    // The teaching note speaks the seminar's language; the ids it would need to be acted on are
    // kept apart, for whoever edits the scenario (issue 14).
    s.modellerNote ? html`<div class="modeller"><strong>For the modeller.</strong> ${s.modellerNote.replace(/\s+/g, ' ').trim()}</div>` : '',
  ]);
}

export function missingScenario(found: Found<unknown>): Html {
  if (found.status === 'changed') {
    return html`<p class="missing">The scenario file <code>${found.recorded}</code> has changed since these results were made (its SHA-256 differs from the one recorded), so its description, teaching note and state names are not shown; the recorded hash is under “Reproduce”.</p>`;
  }
  if (found.status === 'missing') {
    return html`<p class="missing">The scenario file <code>${found.recorded}</code> was not found (looked for from the working folder, the results folder and its parents, and Entente's own folder), so its description, teaching note and state names are not shown.</p>`;
  }
  return html`<p class="missing">The scenario file <code>${found.path ?? found.recorded}</code> ${found.problem ?? 'could not be read'}, so its description and teaching note are not shown.</p>`;
}

/** The model parameters a scenario sets, with their defaults and meanings. */
export function parametersTable(s: Scenario): Html {
  const set = Object.entries(s.parameters ?? {}).filter(([, v]) => v !== undefined);
  const defaults = defaultParams() as unknown as Record<string, unknown>;
  const shape = (Parameters as unknown as { shape: Record<string, { description?: string }> }).shape;
  const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  if (set.length === 0) return html`<p>The scenario sets no model parameter: every one is at its default (docs/MODEL.md, section 8).</p>`;
  return join([
    html`<p>The scenario sets ${set.length} model parameter${set.length === 1 ? '' : 's'}; every other is at its default (docs/MODEL.md, section 8).</p>`,
    table(['parameter', 'value', 'default', 'meaning'], set.map(([k, v]) => [html`<code>${k}</code>`, show(v), show(defaults[k]), shape[k]?.description ?? '']), { numeric: [1, 2] }),
  ]);
}

/** Result files with their sizes and SHA-256. */
export function filesTable(files: readonly { name: string; bytes: number; sha256: string }[]): Html {
  return table(['file', 'size', 'SHA-256'], files.map((f) => [html`<code>${f.name}</code>`, bytesWords(f.bytes), html`<code class="wrap">${f.sha256}</code>`]), { numeric: [1] });
}

/** A shell word, quoted when it needs to be. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_./:=,+@%-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
