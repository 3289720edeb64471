/**
 * The report's page: one self-contained HTML document with its styles and fonts inline, a
 * content security policy that allows no script and no network request of any kind, a table
 * of contents, and print rules: A4 and Letter (the page size is left to the printer, margins
 * fit both), each section on a new page, charts and table rows never split, running page numbers.
 */
import { MODEL_VERSION } from '../version.js';
import { fontFaceCss } from './fonts.js';
import { html, join, raw, type Html } from './html.js';
import { GENERATOR } from './write.js';

export interface Section {
  id: string;
  title: string;
  body: Html;
}

export interface Page {
  /** The document title (the tab's name). */
  title: string;
  /** The cover: heading, description, teaching note, key facts. */
  cover: Html;
  sections: Section[];
  /** One line at the foot of the cover: how the report was made. */
  madeBy: string;
}

/** No script, no network: fonts and images may only be inline data. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; form-action 'none'";

const CSS = `
:root {
  --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --soft: #f4f4f1; --accent: #0072B2;
  --a: #D55E00; --b: #0072B2;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font-family: "DejaVu Sans", Verdana, "Bitstream Vera Sans", sans-serif;
  font-size: 15px; line-height: 1.5;
}
.page { max-width: 1000px; margin: 0 auto; padding: 32px 28px 64px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 23px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 18px; margin: 26px 0 8px; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 15px; margin: 18px 0 6px; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 10px; }
a { color: var(--accent); }
code, .mono { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; background: var(--soft);
  border: 1px solid var(--rule); padding: 10px 12px; white-space: pre-wrap; word-break: break-all; margin: 0 0 12px; }
.kind { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; color: var(--muted); font-weight: bold; margin: 0 0 6px; }
.subtitle { color: var(--muted); font-size: 16px; margin: 0 0 18px; }
.note { border-left: 4px solid var(--accent); background: var(--soft); padding: 10px 14px; margin: 12px 0 16px; }
.note h3 { margin-top: 0; }
.aside { color: var(--muted); font-size: 0.93em; }
.better { display: block; color: var(--muted); font-weight: normal; font-size: 0.92em; }
.missing { border-left: 4px solid #E69F00; background: #fdf6e8; padding: 8px 12px; margin: 10px 0 14px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 10px; margin: 14px 0 18px; }
.figure-card { border: 1px solid var(--rule); padding: 8px 10px; break-inside: avoid; page-break-inside: avoid; }
.figure-card .v { font-size: 20px; font-weight: bold; }
.figure-card .l { font-size: 13px; color: var(--muted); }
nav.toc { border: 1px solid var(--rule); padding: 10px 16px; margin: 18px 0 8px; }
nav.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; column-gap: 30px; }
nav.toc li { margin: 2px 0; break-inside: avoid; }
section { margin-top: 44px; }
figure.chart { margin: 14px 0 22px; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; border: 1px solid var(--rule); }
figure.chart figcaption { font-size: 12px; color: var(--muted); margin-top: 4px; word-break: break-all; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13.5px; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 4px 0; caption-side: top; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 8px 4px 0; text-align: left; vertical-align: top; }
th { border-bottom: 2px solid var(--ink); font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
table.narrow { width: auto; min-width: 45%; }
table.narrow th, table.narrow td { padding-right: 24px; }
table.kv th { width: 30%; border-bottom: 1px solid var(--rule); font-weight: bold; }
table.kv td { word-break: break-word; }
table.compare { font-size: 12px; table-layout: fixed; }
table.compare th, table.compare td { padding: 3px 4px; }
table.compare th:first-child, table.compare td:first-child { width: 17%; }
table.compare .d { display: block; white-space: nowrap; }
table.compare .ci { display: block; color: var(--muted); font-size: 10.5px; }
table.leads { font-size: 12px; table-layout: fixed; }
table.leads th, table.leads td { padding: 3px 4px; overflow-wrap: anywhere; }
table.leads th:first-child { width: 19%; }
table.leads th:nth-last-child(3) { width: 24%; }
table.leads th:nth-last-child(2) { width: 23%; }
table.leads th:last-child { width: 9%; }
td.lead-a { background: #fbe3d6; }
td.lead-b { background: #d9e8f3; }
td.lead-a .d, td.lead-b .d { font-weight: bold; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: -1px; border: 1px solid #888; margin-right: 4px; }
.explanation { border-top: 1px solid var(--rule); padding-top: 10px; margin-top: 22px; }
.cover { border-bottom: 1px solid var(--rule); padding-bottom: 8px; }
.made-by { font-size: 12px; color: var(--muted); margin-top: 14px; }
.wrap { word-break: break-all; }
blockquote.essay { margin: 8px 0 14px; padding: 8px 14px; border-left: 4px solid var(--accent); background: var(--soft); font-style: italic; }
blockquote.essay .source { display: block; font-style: normal; font-size: 0.88em; color: var(--muted); margin-top: 4px; }
.views { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin: 8px 0 12px; }
.view { border: 1px solid var(--rule); padding: 8px 12px; break-inside: avoid; page-break-inside: avoid; }
.view h3 { margin-top: 0; }
.modeller { border: 1px dashed var(--rule); padding: 6px 12px; margin: 8px 0 14px; font-size: 0.92em; color: var(--muted); }
.modeller strong { color: var(--ink); }
.ci-line { display: block; color: var(--muted); font-size: 0.9em; white-space: nowrap; }
@media print {
  @page {
    margin: 14mm 13mm 16mm 13mm;
    @bottom-center { content: "page " counter(page) " of " counter(pages); font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #555; }
  }
  body { font-size: 10pt; line-height: 1.4; }
  .page { max-width: none; padding: 0; }
  h1 { font-size: 20pt; }
  h2 { font-size: 15pt; }
  h3 { font-size: 12pt; margin-top: 14pt; }
  h4 { font-size: 10.5pt; }
  pre { font-size: 8pt; }
  section { margin-top: 0; break-before: page; page-break-before: always; }
  /* Links cannot be followed on paper, and the sections are numbered pages apart: no contents in print. */
  nav.toc { display: none; }
  figure.chart { margin: 8pt 0 12pt; }
  /* A chart never taller than the shorter of A4's and Letter's printable heights. */
  figure.chart svg { width: min(100%, calc(226mm * var(--ratio))); border: none; }
  /* Two charts to a page (with their headings) where they are wider than tall. */
  figure.chart.half svg { width: min(100%, calc(112mm * var(--ratio))); margin: 0 auto; }
  figure.chart figcaption a { color: inherit; text-decoration: none; }
  table { font-size: 8.5pt; }
  table.compare, table.leads { font-size: 7.5pt; }
  .modeller { font-size: 7.5pt; line-height: 1.3; }
  table.compare .ci { font-size: 6.8pt; }
  .figures { grid-template-columns: repeat(4, 1fr); gap: 6pt; }
  .figure-card .v { font-size: 13pt; }
  .figure-card .l { font-size: 8pt; }
  a { color: inherit; }
  td.lead-a, td.lead-b, .note, .missing, pre, blockquote.essay { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A self-contained document's head and body: its title, fonts, the styles given and the security policy. */
export function documentHtml(title: string, css: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="generator" content="${GENERATOR}">
<meta name="entente-model-version" content="${MODEL_VERSION}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
${raw(fontFaceCss())}
${raw(css)}
</style>
</head>
<body>
<div class="page">
${body}
</div>
</body>
</html>
`.text;
}

/** The whole document. */
export function renderPage(p: Page): string {
  const toc = html`<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${p.sections.map((s) => html`<li><a href="#${s.id}">${s.title}</a></li>`)}</ol></nav>`;
  const sections = join(p.sections.map((s) => html`<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${s.title}</h2>${s.body}</section>`));
  return documentHtml(p.title, CSS, html`<header class="cover">${p.cover}<p class="made-by">${p.madeBy}</p></header>
${toc}
<main>
${sections}
</main>`);
}
