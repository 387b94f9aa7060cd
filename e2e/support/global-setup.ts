import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { WEB_CONFIG } from './paths.ts';

/**
 * The journeys test the bundle the server will serve, so build it first (E2E_SKIP_BUILD=1 to reuse web/dist).
 * Vitest sets NODE_ENV=test, which would give a development React build; the server serves a production one.
 *
 * It also makes the folder where the demo data set is seeded once per (size, as-of) for the whole run
 * (support/server.ts copies it for each journey); the returned teardown removes it. The workers are started
 * after this, so they inherit E2E_SEED_CACHE.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const seedCache = await mkdtemp(path.join(os.tmpdir(), 'biomfg-e2e-seeds-'));
  process.env.E2E_SEED_CACHE = seedCache;
  const teardown = async () => {
    await rm(seedCache, { recursive: true, force: true });
  };
  if (process.env.E2E_SKIP_BUILD === '1') return teardown;
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: WEB_CONFIG, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = previous;
  }
  return teardown;
}
