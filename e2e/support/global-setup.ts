import { build } from 'vite';
import { WEB_CONFIG } from './paths.ts';

/**
 * The journeys test the bundle the server will serve, so build it first (E2E_SKIP_BUILD=1 to reuse web/dist).
 * Vitest sets NODE_ENV=test, which would give a development React build; the server serves a production one.
 */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: WEB_CONFIG, mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
