import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci && npm start` must run on the Node that Debian ships (20.19) without EBADENGINE warnings, which a
 * user reads as errors: every package the lock file installs (optional and dev ones alike) must accept the
 * lowest Node of our own declared range. A dependency update that raises an engine floor fails here, and the
 * fix is a pinned version or an override in package.json (or raising our declared range, on purpose).
 */

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const semver = require('semver') as { minVersion(range: string): { version: string } | null; satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean; validRange(range: string): string | null };

interface LockEntry {
  version?: string;
  engines?: Record<string, string> | string[];
  dev?: boolean;
  optional?: boolean;
}

describe('dependency engines', () => {
  it('every installed package accepts Node 20.19.0, the floor of our declared engine range', () => {
    const pkg = JSON.parse(fs.readFileSync(`${REPO}package.json`, 'utf8')) as { engines: { node: string } };
    const floor = semver.minVersion(pkg.engines.node)!.version;
    expect(floor).toBe('20.19.0');
    const lock = JSON.parse(fs.readFileSync(`${REPO}package-lock.json`, 'utf8')) as { packages: Record<string, LockEntry> };
    const excluded: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      if (where === '') continue;
      // Old packages wrote engines as an array of strings ("node >= 0.8"); npm ignores that form.
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!range) continue;
      if (semver.validRange(range) === null) {
        excluded.push(`${where}@${entry.version}: unreadable engines.node "${range}"`);
        continue;
      }
      if (!semver.satisfies(floor, range, { includePrerelease: true })) excluded.push(`${where}@${entry.version}: engines.node "${range}"`);
    }
    expect(excluded).toEqual([]);
  });
});
