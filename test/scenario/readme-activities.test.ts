/**
 * README "Scenario format" lists the activity ids with a line each (id, activity, what it is):
 * the same ids as the catalogue (src/model/catalogue.ts), in its order, with its labels and
 * meanings, so the table cannot drift from the code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_IDS, ACTIVITY_MEANINGS, CATALOGUE } from '../../src/model/catalogue.js';

const readme = readFileSync('README.md', 'utf8');

/** The text of a `## ` section, up to the next one. */
function section(text: string, title: string): string {
  const start = text.indexOf(`\n## ${title}\n`);
  expect(start, `README has a section "${title}"`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The rows of the "### Activity ids" table: each cell, trimmed. */
function activityRows(): string[][] {
  const format = section(readme, 'Scenario format');
  const at = format.indexOf('\n### Activity ids\n');
  expect(at, 'README "Scenario format" has a subsection "Activity ids"').toBeGreaterThanOrEqual(0);
  // The first table after the heading, without its header and rule.
  const lines = format.slice(at).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const table: string[] = [];
  for (let k = first; k >= 0 && k < lines.length && lines[k].startsWith('|'); k++) table.push(lines[k]);
  return table.slice(2).map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()));
}

/** The row the catalogue gives for an id, as it should be written. */
const expectedRow = (id: (typeof ACTIVITY_IDS)[number]) => `| \`${id}\` | ${CATALOGUE[id].label} | ${ACTIVITY_MEANINGS[id]} |`;

describe('README "Activity ids"', () => {
  const rows = activityRows();
  const ids = rows.map((r) => r[0].replace(/^`|`$/g, ''));

  it('lists every catalogue id, and only those, once each and in the catalogue\'s order', () => {
    expect(ACTIVITY_IDS.filter((a) => !ids.includes(a)), 'catalogue ids missing from the README table').toEqual([]);
    expect(ids.filter((a) => !(ACTIVITY_IDS as string[]).includes(a)), 'README ids that are not in the catalogue').toEqual([]);
    expect(ids).toEqual(ACTIVITY_IDS);
  });

  it('gives each id the catalogue\'s label and meaning (the table to paste is in the message)', () => {
    const table = ['| id | activity | what it is |', '|---|---|---|', ...ACTIVITY_IDS.map(expectedRow)].join('\n');
    const written = rows.map((r) => `| ${r.join(' | ')} |`);
    expect(written, `README "Activity ids" should read:\n${table}\n`).toEqual(ACTIVITY_IDS.map(expectedRow));
  });

  it('every meaning is one line, a sentence', () => {
    for (const id of ACTIVITY_IDS) expect(ACTIVITY_MEANINGS[id], id).toMatch(/^[A-Z][^\n|]*\.$/);
  });
});
