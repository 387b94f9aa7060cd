import { configDefaults, defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests use the embedded database unless DATABASE_URL is set,
// in which case the same suites run against that PostgreSQL server (see test/test-db.ts).
// Files named *.pg.test.ts need PostgreSQL itself (several server processes on one database, which the
// embedded engine cannot be: one process owns its folder); they are part of the run only with DATABASE_URL.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(process.env.DATABASE_URL ? [] : ['**/*.pg.test.ts'])],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // One process runs many test files (docs/decisions/0039-test-files-share-a-process.md): importing the
    // server's module graph again for each of ~180 files took 200 s of each engine's run. Each file still
    // opens its own database; stubbed globals and environment variables are put back after each test.
    isolate: false,
    unstubGlobals: true,
    unstubEnvs: true,
  },
});
