import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts the real server (child process, fresh DATA_DIR, free port) and drives
// Debian's Chromium through playwright-core. Serial and slow by nature.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    setupFiles: ['e2e/support/on-failure.ts'],
    // One journey is one test; the longest took 160 s on a loaded 2-core machine, so leave room above that.
    testTimeout: 360_000,
    // Server start (migrations, optional demo seed) can take minutes on a busy machine.
    hookTimeout: 480_000,
    // expect.poll gives up after 1 s by default; a list reload on a loaded machine can take longer.
    expect: { poll: { timeout: 30_000 } },
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
