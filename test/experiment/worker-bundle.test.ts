/**
 * The worker bundle (src/experiment/worker-bundle.ts): built once into the cache and loaded by
 * the pool; when it cannot be built the workers load the TypeScript sources through tsx, and
 * this is said, not hidden.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerCode } from '../../src/experiment/worker-bundle.js';

const tmp = mkdtempSync(join(tmpdir(), 'entente-bundle-'));
afterAll(() => { rmSync(tmp, { recursive: true, force: true }); });

describe('the worker bundle', () => {
  it('is built into the cache folder and loaded from there', () => {
    const code = workerCode(join(tmp, 'cache'));
    expect(code.slowPath).toBeNull();
    expect(code.url).toMatch(/\/cache\/experiment-worker-[0-9a-f]{16}\.mjs$/);
  });

  it('falls back to the sources when it cannot be built, and says why', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'not a folder');
    const code = workerCode(join(file, 'cache'));
    expect(code.url).toMatch(/\/src\/experiment\/worker\.ts$/);
    expect(code.slowPath).toMatch(/could not bundle the experiment worker into .*a-file\/cache.*; the workers load the TypeScript sources through tsx, about half as fast/);
  });
});
