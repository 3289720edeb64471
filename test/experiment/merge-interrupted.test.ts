/**
 * An interrupted merge is finished by the same merge again (it once said "nothing was written,
 * run the merge again", and the second merge was then refused as an unfinished experiment that
 * needed --resume, an option merge does not have).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeShards, runExperiment } from '../../src/index.js';

const FILE = 'test/experiment/fixtures/small.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'entente-merge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('an interrupted merge', () => {
  it('is finished by the same merge again, with the results of an uninterrupted merge', async () => {
    const shards = [join(tmp, 's1'), join(tmp, 's2')];
    for (const [k, out] of shards.entries()) {
      const r = await runExperiment(FILE, { out, replications: 3, workers: 0, shard: { k: k + 1, n: 2 } });
      expect(r.status).toBe('finished');
    }
    const stopped = new AbortController();
    stopped.abort();
    const out = join(tmp, 'merged');
    const first = await mergeShards(shards, { out, signal: stopped.signal });
    expect(first.status).toBe('interrupted');
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    const again = await mergeShards(shards, { out });
    expect(again.status).toBe('finished');
    const whole = await mergeShards(shards, { out: join(tmp, 'whole') });
    expect(whole.status).toBe('finished');
    for (const f of ['runs.csv', 'summary.csv', 'comparison.json']) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(tmp, 'whole', f), 'utf8'));
    }
    // Once finished, the same merge is recognised as done.
    expect((await mergeShards(shards, { out })).status).toBe('done');
  });
});
