import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One fixed fast-check seed for every property test (test/setup.ts).
    setupFiles: ['test/setup.ts'],
    // Statistical and CLI tests run whole simulations; give them room on a shared machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
