import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { syncChangedEnterprises } from './rollup.repository.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Computed statistics views (the cockpit, goal progress) cached per database, validated on every read by the
 * data-version token of migration 0006: a committed change to the rollups, the registry's classification and
 * names, or the plan replaces the token, so a cached view is served only while the data it was computed from
 * is exactly what is stored. A read costs one indexed query; a miss computes as before.
 *
 * Keys must carry everything else a view depends on (scope, indicator, period, options): the cache knows
 * nothing about the views. Several server processes on one PostgreSQL server each keep their own cache; the
 * token keeps them all correct.
 */

const MAX_ENTRIES = 256;

interface Entry {
  token: string;
  value: unknown;
}

const caches = new WeakMap<object, Map<string, Entry>>();

/** Brings the rollups' group memberships up to date, then returns the current data-version token. */
export async function currentStatsToken(db: Db): Promise<string> {
  await syncChangedEnterprises(db);
  const [row] = await rowsOf<{ token: string }>(db, sql`SELECT token::text AS token FROM stat_generation`);
  // No row: a database restored from before the token existed. Never cache then.
  return row?.token ?? '';
}

export async function cachedStatsView<T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> {
  const token = await currentStatsToken(db);
  if (!token) return compute();
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.token === token) {
    // Map order is insertion order: re-inserting makes this the most recently used entry.
    cache.delete(key);
    cache.set(key, hit);
    return structuredClone(hit.value) as T;
  }
  const value = await compute();
  // The token read before computing: if data changed meanwhile, the next read sees a newer token and misses.
  cache.set(key, { token, value: structuredClone(value) });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

/** Drops every cached view of a database (benchmarks measuring the computation itself). */
export function unsafeClearStatsCache(db: Db): void {
  caches.delete(db);
}
