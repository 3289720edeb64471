/** The practical-equivalence margins (MetricDef.margin) are documented, each one, in docs/MODEL.md section 10.2. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../src/experiment/metrics.js';

const MODEL = readFileSync(fileURLToPath(new URL('../../docs/MODEL.md', import.meta.url)), 'utf8');

describe('default margins', () => {
  it('the table of docs/MODEL.md 10.2 gives every metric its margin in the code', () => {
    const section = MODEL.slice(MODEL.indexOf('### 10.2 Experiment statistics'), MODEL.indexOf('## 11. Deviations'));
    const table = section.slice(section.indexOf('| metric | margin | why |'));
    const documented = new Map<string, number>();
    for (const line of table.split('\n').slice(2)) {
      if (!line.startsWith('|')) break;
      const [names, margin] = line.split('|').slice(1, 3);
      for (const m of names.matchAll(/`(\w+)`/g)) documented.set(m[1], Number(margin.trim()));
    }
    expect([...documented.keys()].sort()).toEqual(METRICS.map((m) => m.name).sort());
    for (const m of METRICS) expect(documented.get(m.name), m.name).toBe(m.margin);
  });
});
