import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // LanceDB's native module and ONNX Runtime are happiest in child processes.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: end-to-end files spawn CLIs and load models; run files one at a time.
    fileParallelism: false,
  },
});
