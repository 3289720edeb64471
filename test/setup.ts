/**
 * Set up once for every test file (vitest `setupFiles`): fast-check draws from one fixed seed,
 * so a property test checks the same cases on every machine and every run, and a failure seen
 * in CI is the failure seen at a desk. Files may tighten other settings (number of runs, time
 * limits) with `fc.configureGlobal({ ...fc.readConfigureGlobal(), ... })`, never the seed.
 */
import fc from 'fast-check';

export const FAST_CHECK_SEED = 424242;

fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: FAST_CHECK_SEED });
