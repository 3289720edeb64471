/**
 * Safe HTML from strings: the `html` tagged template escapes every interpolated value unless it
 * is already `Html` (built by this module, or a chart's SVG, which the chart renderer escapes).
 * Nothing taken from a scenario, an experiment or a result file reaches the page unescaped.
 */
import { escapeMarkup } from '../text/escape.js';

/** A piece of markup that is safe to insert as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Escapes text for HTML character data and attribute values: the one escaping of markup (src/text/escape.ts), shared with the charts' SVG. */
export const escapeHtml = escapeMarkup;

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return (v as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(v));
}

/** Markup with every interpolation escaped (arrays are joined; null, undefined and false print nothing). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let k = 0; k < values.length; k++) out += render(values[k]) + strings[k + 1];
  return new Html(out);
}

/** Markup trusted as it is: only for text this program builds, never for text from a file. */
export function raw(text: string): Html {
  return new Html(text);
}

/** Joins fragments. */
export function join(parts: readonly HtmlValue[], sep: HtmlValue = ''): Html {
  return new Html(parts.map(render).join(render(sep)));
}

/** Paragraphs from a text: blank lines separate paragraphs; single line breaks are spaces. */
export function paragraphs(text: string, cls?: string): Html {
  const paras = text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter((p) => p !== '');
  return join(paras.map((p) => (cls ? html`<p class="${cls}">${p}</p>` : html`<p>${p}</p>`)));
}

/** A table: header cells and rows of cells (each cell text or markup); `numeric` columns align right. */
export function table(header: readonly HtmlValue[], rows: readonly (readonly HtmlValue[])[], opts: { cls?: string; numeric?: readonly number[]; caption?: HtmlValue } = {}): Html {
  const num = new Set(opts.numeric ?? []);
  const cell = (tag: 'th' | 'td', v: HtmlValue, k: number) => (num.has(k) ? html`<${raw(tag)} class="num">${v}</${raw(tag)}>` : html`<${raw(tag)}>${v}</${raw(tag)}>`);
  return html`<table${opts.cls ? html` class="${opts.cls}"` : ''}>${opts.caption !== undefined ? html`<caption>${opts.caption}</caption>` : ''}<thead><tr>${header.map((h, k) => cell('th', h, k))}</tr></thead><tbody>${rows.map((r) => html`<tr>${r.map((c, k) => cell('td', c, k))}</tr>`)}</tbody></table>`;
}
