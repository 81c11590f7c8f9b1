import { defineConfig } from 'vitest/config';

// Unit and engine tests: pure TypeScript and the native DuckDB engine in Node.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
