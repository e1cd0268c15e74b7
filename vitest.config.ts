import { defineConfig } from 'vitest/config';

/**
 * Every time limit here is a hang guard, not a budget: a test must not fail
 * because the machine is slow or busy (CI shares two cores with other jobs).
 * A test or hook that runs 30 minutes has hung; a wait on the page or a poll
 * that sees no change for 5 minutes has hung. Speed is measured by the
 * benchmarks (npm run bench), never asserted by a test.
 *
 * `vitest run --mode long` (npm run test:long) sets KHO_LONG_TESTS=1: the crash
 * test's 200 kills and the 10,000-file folder instead of their short versions.
 * Under CI (CI=true) a skipped test fails the run (test/reporters/no-skips-in-ci.ts).
 */
export default defineConfig(({ mode }) => ({
  test: {
    include: ['test/**/*.test.ts'],
    // LanceDB's native module and ONNX Runtime are happiest in child processes.
    pool: 'forks',
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    expect: { poll: { timeout: 5 * 60_000, interval: 100 } },
    // Two cores: end-to-end files spawn CLIs and load models; run files one at a time.
    fileParallelism: false,
    env: mode === 'long' ? { KHO_LONG_TESTS: '1' } : {},
    reporters: process.env.CI ? ['default', './test/reporters/no-skips-in-ci.ts'] : ['default'],
  },
}));
