/**
 * Golden outputs: the same scenario, seed, hypothesis and model version give the same bytes.
 * A failure here after a deliberate model change is expected: regenerate with `npm run golden`,
 * review the diff, and say why in the commit.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, GOLDEN_RUNS, goldenFiles } from '../../scripts/golden.js';

describe.each(GOLDEN_RUNS)('golden run $name', (run) => {
  const files = goldenFiles(run);
  it.each(Object.keys(files))('%s matches byte for byte', (name) => {
    const expected = readFileSync(join(GOLDEN_DIR, run.name, name), 'utf8');
    const actual = files[name];
    if (actual !== expected) {
      const a = actual.split('\n'), e = expected.split('\n');
      const line = a.findIndex((x, k) => x !== e[k]);
      expect.fail(`${name} differs from the golden copy first at line ${line + 1}:\n  golden: ${e[line]}\n  now:    ${a[line]}\n(after a deliberate model change: npm run golden, then review the diff)`);
    }
    expect(actual.length).toBeGreaterThan(0);
  });
});
