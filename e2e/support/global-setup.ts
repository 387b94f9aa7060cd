import { build } from 'vite';
import { WEB_CONFIG } from './paths.ts';

/** The journeys test the bundle the server will serve, so build it first (E2E_SKIP_BUILD=1 to reuse web/dist). */
export default async function setup(): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1') return;
  await build({ configFile: WEB_CONFIG, logLevel: 'warn' });
}
