import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { syncChangedEnterprises } from './rollup.repository.ts';
import { rowsOf } from './sql-rows.ts';

/**
 * Computed statistics views (the cockpit, goal progress, the forecast) cached in the database (stat_view_cache,
 * migration 0032), so every server process on one PostgreSQL shares them. Each row carries the data-version
 * token of migration 0006 it was computed under; a read fetches the current token and the row in one query and
 * serves the row only when the two agree, so a view is served only while the data it was computed from is
 * exactly what is stored, whichever process computed it. A process also keeps the views it served (as JSON text)
 * in memory: when its copy carries the current token the query does not even ship the value.
 *
 * After an approval or an import, `refreshStatsViews` (in the wake of the committed transaction; in the
 * background after an approval, `scheduleStatsViewRefresh`) recomputes the recently used views under the new
 * token instead of leaving them to their next reader: a cockpit request after the refresh is a hit. Views whose month-close periods depend on report
 * counts read those through `cachedStatsView(…, { reportsToken: true })`: keyed by the second token, which
 * drafts, submissions and approvals replace (0032).
 *
 * Keys must carry everything else a view depends on (scope, indicator, period, options): the cache knows
 * nothing about the views.
 */

const MEMORY_ENTRIES = 256;
/** Views read within this window are recomputed after a change; older ones wait for their next reader. */
const REFRESH_WINDOW_MINUTES = 60;
const REFRESH_MAX_VIEWS = 48;
/** A hit refreshes the row's last use at most this often per process (a write on a read path). */
const TOUCH_EVERY_MS = 60_000;
const PRUNE_EVERY_STORES = 200;

/**
 * The process's copy is the view's JSON text, the same text its row stores, not its parsed objects. A refresh
 * after an approval leaves dozens of fresh views in memory: as object graphs, thousands of young objects that
 * the young generation's collections copy one by one (decision 0042); as text, one string each. A hit parses
 * it, so each caller still gets its own copy.
 */
interface MemoryEntry {
  stamp: string;
  json: string;
  touchedAt: number;
}

interface ProcessCache {
  views: Map<string, MemoryEntry>;
  stores: number;
  /** Views this process computed (missed): the tests and the bench tell hits from misses by it. */
  computed: number;
}

const caches = new WeakMap<object, ProcessCache>();
const processCache = (db: Db): ProcessCache => {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = { views: new Map(), stores: 0, computed: 0 }));
  return c;
};

/** How to compute a view again from its request (registered by the view's service). */
export type StatsViewReplay = (db: Db, request: never) => Promise<unknown>;
const replays = new Map<string, StatsViewReplay>();

export function registerStatsView(kind: string, replay: StatsViewReplay): void {
  replays.set(kind, replay);
}

/** Brings the rollups' group memberships up to date, then returns the current data-version token. */
export async function currentStatsToken(db: Db): Promise<string> {
  await syncChangedEnterprises(db);
  const [row] = await rowsOf<{ token: string }>(db, sql`SELECT token::text AS token FROM stat_generation`);
  // No row: a database restored from before the token existed. Never cache then.
  return row?.token ?? '';
}

interface LookupRow {
  token: string | null;
  reports_token: string | null;
  stamp: string | null;
  dirty: boolean;
  value: string | null;
}

export interface CachedViewOptions {
  /** The view also depends on which reports exist and their status (month close): keyed by the reports token too. */
  reportsToken?: boolean;
  /** How to compute the view again after a change (a kind registered with registerStatsView, and its request). */
  replay?: { kind: string; request: unknown };
}

/** A cached view: its key, how to compute it, and how it is keyed and replayed. */
export interface StatsViewRequest<T> {
  key: string;
  compute: () => Promise<T>;
  options?: CachedViewOptions;
}

const NO_ROW: LookupRow = { token: null, reports_token: null, stamp: null, dirty: false, value: null };

/**
 * One query for several views: the current token(s), whether enterprises wait to be moved to new groups, and
 * each view's row when it was computed under the current token and this process does not hold that very
 * version already.
 */
async function lookup(db: Db, views: readonly StatsViewRequest<unknown>[]): Promise<LookupRow[]> {
  const cache = processCache(db);
  // The stamp a process compares its own copy with: the token, and the reports token for views keyed by it.
  const wanted = views.map((v, i) => sql`(${i}::int, ${v.key}::text, ${cache.views.get(v.key)?.stamp ?? null}::text, ${v.options?.reportsToken === true}::boolean)`);
  const stamp = sql`CASE WHEN k.by_reports THEN c.token::text || '|' || g.reports_token::text ELSE c.token::text END`;
  const rows = await rowsOf<LookupRow & { i: number }>(
    db,
    sql`SELECT k.i, g.token::text AS token, g.reports_token::text AS reports_token, ${stamp} AS stamp,
               EXISTS (SELECT 1 FROM stat_dirty_enterprises) AS dirty,
               CASE WHEN (${stamp}) IS DISTINCT FROM k.memory_stamp THEN c.value END AS value
          FROM stat_generation g
         CROSS JOIN (VALUES ${sql.join(wanted, sql`, `)}) AS k(i, key, memory_stamp, by_reports)
          LEFT JOIN stat_view_cache c ON c.key = CASE WHEN k.by_reports THEN k.key || '|' || g.reports_token::text ELSE k.key END AND c.token = g.token
         ORDER BY k.i`,
  );
  return views.map((_, i) => rows.find((r) => Number(r.i) === i) ?? NO_ROW);
}

/** The lookup, after applying registry changes that wait to move enterprises to new groups (a new token). */
async function lookupCurrent(db: Db, views: readonly StatsViewRequest<unknown>[]): Promise<LookupRow[]> {
  const found = await lookup(db, views);
  if (!found[0]?.dirty) return found;
  await syncChangedEnterprises(db);
  return lookup(db, views);
}

export async function cachedStatsView<T>(db: Db, key: string, compute: () => Promise<T>, options: CachedViewOptions = {}): Promise<T> {
  const view = { key, compute, options };
  const [found] = await lookupCurrent(db, [view]);
  return serve(db, view, found!);
}

/**
 * Two views where the second's key depends on the first's value (the cockpit on which months are closed), in
 * one lookup when this process holds the first: its key for the second is guessed from that copy, and used
 * when the first proves current. A cached cockpit request is then one query after the session's.
 */
export async function cachedStatsViewThen<A, B>(db: Db, first: StatsViewRequest<A>, then: (a: A) => StatsViewRequest<B>): Promise<B> {
  const held = processCache(db).views.get(first.key);
  const guess = held ? then(JSON.parse(held.json) as A) : null;
  const [firstRow, guessRow] = await lookupCurrent(db, guess ? [first, guess] : [first]);
  const second = then(await serve(db, first, firstRow!));
  // The guess holds when the first was this process's copy (the same value) or, recomputed, led to the same key.
  if (guess && guessRow && second.key === guess.key) return serve(db, second, guessRow);
  return cachedStatsView(db, second.key, second.compute, second.options);
}

/** A view from what the lookup found: this process's copy, the stored row, or computed and stored. */
async function serve<T>(db: Db, view: StatsViewRequest<T>, found: LookupRow): Promise<T> {
  const { key, compute, options = {} } = view;
  const cache = processCache(db);
  const memory = cache.views.get(key);
  // No generation row: a database restored from before the token existed. Never cache then.
  if (!found.token) return compute();
  if (memory && found.stamp !== null && memory.stamp === found.stamp) {
    await touch(db, key, memory);
    // Map order is insertion order: re-inserting makes this the most recently used entry.
    cache.views.delete(key);
    cache.views.set(key, memory);
    return JSON.parse(memory.json) as T;
  }
  if (found.value !== null && found.stamp !== null) {
    remember(cache, key, { stamp: found.stamp, json: found.value, touchedAt: 0 });
    await touch(db, key, cache.views.get(key)!);
    return JSON.parse(found.value) as T;
  }
  cache.computed++;
  const value = await compute();
  const json = JSON.stringify(value);
  // The token read before computing: if data changed meanwhile, the stored row carries the older token and the
  // next read misses. A row already computed under the current token is left as it is.
  const fullKey = options.reportsToken ? sql`${key} || '|' || (SELECT reports_token::text FROM stat_generation)` : sql`${key}`;
  await db.execute(sql`
    INSERT INTO stat_view_cache AS c (key, kind, request, token, value, used_at)
    VALUES (${fullKey}, ${options.replay?.kind ?? null}, ${options.replay ? JSON.stringify(options.replay.request) : null}::jsonb, ${found.token}::uuid, ${json}, now())
    ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, request = excluded.request, token = excluded.token, value = excluded.value, used_at = excluded.used_at
     WHERE c.token IS DISTINCT FROM (SELECT token FROM stat_generation)`);
  if (++cache.stores % PRUNE_EVERY_STORES === 0) await db.execute(sql`DELETE FROM stat_view_cache WHERE used_at < now() - interval '1 day'`);
  // This process holds it too (a refresh after an approval serves the next reader here without shipping it).
  remember(cache, key, { stamp: options.reportsToken ? `${found.token}|${found.reports_token}` : found.token, json, touchedAt: Date.now() });
  return value;
}

function remember(cache: ProcessCache, key: string, entry: MemoryEntry) {
  cache.views.delete(key);
  cache.views.set(key, entry);
  while (cache.views.size > MEMORY_ENTRIES) cache.views.delete(cache.views.keys().next().value!);
}

async function touch(db: Db, key: string, entry: MemoryEntry) {
  const now = Date.now();
  if (now - entry.touchedAt < TOUCH_EVERY_MS) return;
  entry.touchedAt = now;
  await db.execute(sql`UPDATE stat_view_cache SET used_at = now() WHERE key LIKE ${key.replace(/[\\%_]/g, '\\$&') + '%'} AND used_at < now() - interval '30 seconds'`);
}

/**
 * In the wake of a committed change to approved figures (an approval, an import): recomputes the views read in
 * the last hour under the new token, newest first, each request once. Returns how many were recomputed. A
 * failure here never fails the change that was committed: the views are then computed by their next reader.
 */
export async function refreshStatsViews(db: Db): Promise<number> {
  try {
    const stale = await rowsOf<{ kind: string; request: string }>(
      db,
      sql`SELECT kind, request FROM (
            SELECT DISTINCT ON (kind, request::text) kind, request::text AS request, used_at FROM stat_view_cache
             WHERE kind IS NOT NULL AND request IS NOT NULL AND used_at > now() - make_interval(mins => ${REFRESH_WINDOW_MINUTES})
             ORDER BY kind, request::text, used_at DESC) r
          ORDER BY used_at DESC LIMIT ${REFRESH_MAX_VIEWS}`,
    );
    let done = 0;
    for (const row of stale) {
      const replay = replays.get(row.kind);
      if (!replay) continue;
      // A turn of the event loop before each view. The embedded engine answers a query without one (no I/O),
      // so the whole refresh ran as one unbroken task: 0.6–0.7 s at 1 000 enterprises, seconds at 10 000,
      // during which the server accepted and answered nothing, its health check included. Now a request that
      // arrives waits for one view at most (about 15 ms at 1 000 enterprises).
      await nextTurn();
      await replay(db, JSON.parse(row.request) as never);
      done++;
    }
    return done;
  } catch {
    return 0;
  }
}

const backgroundRefreshes = new WeakMap<Db, { running: Promise<void>; again: boolean }>();

/**
 * `refreshStatsViews` after an approval, without making the approver wait: recomputing the recently read views
 * takes seconds (dozens of views, each a few queries), and a park approving a month's reports one after another
 * should not pay it each time. Approvals made while a refresh runs coalesce into one more run after it. A reader
 * arriving before the refresh finished computes the view itself (the token tells it the stored one is stale).
 */
export function scheduleStatsViewRefresh(db: Db): void {
  const running = backgroundRefreshes.get(db);
  if (running) {
    running.again = true;
    return;
  }
  const state = { running: Promise.resolve(), again: false };
  state.running = (async () => {
    do {
      state.again = false;
      await refreshStatsViews(db);
    } while (state.again);
  })().finally(() => backgroundRefreshes.delete(db));
  backgroundRefreshes.set(db, state);
}

/** Resolves once no background refresh of this database is running (tests, the bench, an orderly shutdown). */
export async function statsViewRefreshSettled(db: Db): Promise<void> {
  for (let state = backgroundRefreshes.get(db); state; state = backgroundRefreshes.get(db)) await state.running;
}

/** How many views this process has computed on this database (misses), for tests and the bench. */
export function statsViewComputations(db: Db): number {
  return processCache(db).computed;
}

/** Forgets this process's copies only (as a freshly started process): the shared rows stay. */
export function forgetProcessStatsCache(db: Db): void {
  const c = processCache(db);
  c.views.clear();
}

/** Drops every cached view of a database (benchmarks measuring the computation itself). */
export async function unsafeClearStatsCache(db: Db): Promise<void> {
  caches.delete(db);
  await db.execute(sql`DELETE FROM stat_view_cache`);
}
