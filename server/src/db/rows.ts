import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Plain rows of a raw query on either engine (PGlite answers `{rows}`, node-postgres a QueryResult). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}
