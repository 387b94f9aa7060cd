import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { durableStartParams, syncFilesToDisk } from './pglite-durability.ts';

export type Schema = typeof schema;
/** A Drizzle database or transaction; repositories accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Runs SQL text with several statements (migrations, restore). */
  execScript(sqlText: string): Promise<void>;
  /** A parameterised query returning plain rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  /** Where this database lives, for logs (never includes a password). */
  readonly description: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** In-memory embedded database (tests). */
  inMemory?: boolean;
  /** Skip the single-process lock on the data folder (only for read-only inspection in tests). */
  skipLock?: boolean;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded database in `<dataDir>/pgdata`.
 *
 * The embedded database is a single Postgres backend inside this process: PGlite runs every query and
 * transaction exclusively (its own mutex), which is what serialises writes. Two processes must never open
 * the same folder, so a lock file guards it (see data-dir-lock.ts).
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  if (options.inMemory) return openPglite(undefined, null);
  const dataDir = path.resolve(options.dataDir ?? './data');
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = options.skipLock ? null : acquireDataDirLock(dataDir);
  try {
    return await openPglite(path.join(dataDir, 'pgdata'), lock);
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** Statements sent to the database by this process (outside embedded transactions): the bench's queries per request. */
let statementsSent = 0;
export const statementsSentSoFar = (): number => statementsSent;

/** Set while a transaction's callback runs on the embedded engine (see guardAgainstNestedUse). */
const insideEmbeddedTransaction = new AsyncLocalStorage<true>();

/**
 * On the embedded engine a transaction holds the only backend until it ends, so a query sent through the
 * root database from inside a transaction callback would wait for that transaction forever (a silent hang).
 * This turns the mistake into an immediate, named error: inside a transaction, use the transaction object.
 */
function guardAgainstNestedUse(client: PGlite): void {
  const { query, exec, transaction } = client;
  client.query = ((...args: Parameters<PGlite['query']>) => {
    if (insideEmbeddedTransaction.getStore()) throw new NestedDatabaseUseError();
    statementsSent++;
    return query.apply(client, args);
  }) as PGlite['query'];
  client.exec = ((...args: Parameters<PGlite['exec']>) => {
    if (insideEmbeddedTransaction.getStore()) throw new NestedDatabaseUseError();
    statementsSent++;
    return exec.apply(client, args);
  }) as PGlite['exec'];
  client.transaction = (<T>(callback: Parameters<PGlite['transaction']>[0]) => {
    if (insideEmbeddedTransaction.getStore()) throw new NestedDatabaseUseError();
    return transaction.call(client, (tx) => insideEmbeddedTransaction.run(true, () => callback(tx))) as Promise<T>;
  }) as PGlite['transaction'];
}

export class NestedDatabaseUseError extends Error {
  constructor() {
    super('A query used the root database inside a transaction; use the transaction (tx) instead — on the embedded engine this would deadlock.');
  }
}

async function openPglite(dir: string | undefined, lock: DataDirLock | null): Promise<Database> {
  // btree_gist: the booking exclusion constraint (0023) needs it; PostgreSQL servers ship it in contrib.
  const client = await PGlite.create(dir, { extensions: { btree_gist }, ...(dir ? { startParams: durableStartParams() } : {}) });
  if (dir) {
    try {
      await syncFilesToDisk(client);
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
  }
  guardAgainstNestedUse(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    description: dir ? `embedded database at ${dir}` : 'embedded in-memory database',
    async execScript(sqlText) {
      try {
        await client.exec(sqlText);
      } catch (error) {
        // A script with its own BEGIN leaves the backend in a failed transaction when a statement fails.
        await client.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      const result = await client.query<T>(sqlText, params);
      return result.rows;
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  // NUMERIC and BIGINT stay strings from the driver (exactness); timestamps become Date as on PGlite.
  // JIT compilation off for the platform's sessions: the rollup statements carry hundreds of expressions (nine
  // indicators × six sums), and compiling them took 3 s of a 1.4 s statement, far more than it could save on
  // the platform's short statements (docs/decisions/0037-rollup-integer-sums-and-postgres-jit-off.md). Options given in the
  // URL are kept.
  const urlOptions = new URL(url).searchParams.get('options');
  const pool = new pg.Pool({ connectionString: url, max: 10, options: [urlOptions, '-c jit=off'].filter(Boolean).join(' ') });
  pool.on('connect', serializeQueries);
  // An idle connection the server ends (a restart, a failover, an administrator's terminate) is reported on the
  // pool; without a listener Node turns it into an uncaught exception that ends the process. The pool has already
  // dropped that client and opens a new connection for the next query; a query in flight gets its own error.
  pool.on('error', () => {});
  await pool.query('select 1');
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const safeUrl = new URL(url);
  safeUrl.password = safeUrl.password ? '***' : '';
  return {
    kind: 'postgres',
    db,
    description: `PostgreSQL at ${safeUrl.toString()}`,
    async execScript(sqlText) {
      const connection = await pool.connect();
      try {
        await connection.query(sqlText);
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        connection.release();
      }
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      const result = await pool.query(sqlText, params);
      return result.rows as T[];
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * pg deprecates (and pg 9 refuses) a query on a client that is still running another. Inside a transaction
 * the code may start several reads at once (Promise.all), as it may on the embedded engine, which queues
 * them; this makes a pooled client queue them too, in call order. Callback-style calls (the pool's own) and
 * submittables (cursors) pass through unchanged.
 */
function serializeQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as { submit?: unknown } | undefined;
    statementsSent++;
    if (typeof args[args.length - 1] === 'function' || typeof first?.submit === 'function') return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}
