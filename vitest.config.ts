import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests use the embedded database unless DATABASE_URL is set,
// in which case the same suites run against that PostgreSQL server (see test/test-db.ts).
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
