import type { PGlite, Transaction } from '@electric-sql/pglite';
import type pg from 'pg';
import type { Database } from '../../db/client.ts';

/**
 * One connection inside one transaction, on either engine. Backup reads every table from a single snapshot
 * (a pool would hand each query a different connection and snapshot); restore runs DDL scripts and inserts
 * in a single transaction so that a failure anywhere leaves the previous data untouched.
 */
export interface SqlSession {
  /** A parameterised statement returning rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** SQL text with several statements and no parameters (migrations). */
  exec(script: string): Promise<void>;
}

export type TransactionMode = 'snapshot-read' | 'write';

export async function inTransaction<T>(database: Database, mode: TransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
  // The Drizzle instance keeps the driver's client: a PGlite instance or a pg Pool.
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (!client) throw new Error(`cannot reach the driver of ${database.description}`);
  return database.kind === 'pglite' ? inPgliteTransaction(client as PGlite, mode, work) : inPostgresTransaction(client as pg.Pool, mode, work);
}

async function inPgliteTransaction<T>(client: PGlite, mode: TransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
  // PGlite is one backend: its transaction() holds the instance exclusively until commit or rollback.
  return client.transaction(async (tx: Transaction) => {
    if (mode === 'snapshot-read') await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return work({
      async query<R>(text: string, params: unknown[] = []) {
        return (await tx.query<R>(text, params)).rows;
      },
      async exec(script: string) {
        await tx.exec(script);
      },
    });
  });
}

async function inPostgresTransaction<T>(pool: pg.Pool, mode: TransactionMode, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const connection = await pool.connect();
  let broken: Error | undefined;
  try {
    await connection.query(mode === 'snapshot-read' ? 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' : 'BEGIN');
    try {
      const result = await work({
        async query<R>(text: string, params: unknown[] = []) {
          return (await connection.query(text, params)).rows as R[];
        },
        async exec(script: string) {
          // Without parameters the driver uses the simple protocol, which accepts several statements.
          await connection.query(script);
        },
      });
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    }
  } finally {
    // A connection whose rollback failed is discarded rather than returned to the pool.
    connection.release(broken);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
