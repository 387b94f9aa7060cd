import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Plain rows of a raw query on either engine (PGlite answers `{rows}`, node-postgres a QueryResult). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** A NUMERIC column as text → integer 元 (1/10 000 of the unit), exactly: the text has at most 4 decimals. */
export function yuanOfNumeric(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const text = String(value).trim();
  const negative = text.startsWith('-');
  const [intPart = '0', fracPart = ''] = text.replace(/^[-+]/, '').split('.');
  const yuan = Number(intPart) * 10_000 + Number((fracPart + '0000').slice(0, 4));
  if (!Number.isSafeInteger(yuan)) throw new RangeError(`amount too large to be handled exactly: ${text}`);
  return negative && yuan !== 0 ? -yuan : yuan;
}
