import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { keyIdOf, openValue, sealedInfo, sealValue, type CryptoSuite } from '../../domain/security/crypto-suite.ts';
import type { KeyProvider, KeyPurpose } from './keyring.ts';

/**
 * Every column that holds values sealed with a key outside the database. `crypto migrate` re-seals all of
 * them under the new suite and `crypto rotate` under the new key; a column added here is covered by both.
 * The associated data is the row's id, so a sealed value copied onto another row does not open.
 */
export interface SealedColumn {
  table: string;
  column: string;
  purpose: KeyPurpose;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [{ table: 'users', column: 'mfa_secret', purpose: 'seeds' }];

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** True when the value is sealed under `suite` with `master` (nothing to do for it). */
function isCurrent(stored: string, suite: CryptoSuite, master: Buffer): boolean {
  const info = sealedInfo(stored);
  return info.kid === keyIdOf(master) && info.scheme === (suite === 'gm' ? 'gm1' : 'v2');
}

/**
 * Re-seals up to `limit` values of a column that are not yet under (suite, current key), in id order after
 * `afterId`. Returns how many were re-sealed and the last id looked at (null when the column is done).
 * Already re-sealed values are skipped, so a run that stopped half-way resumes where it was.
 */
export async function resealBatch(
  tx: Db,
  spec: SealedColumn,
  keys: KeyProvider,
  suite: CryptoSuite,
  afterId: string | null,
  limit: number,
): Promise<{ resealed: number; lastId: string | null }> {
  const table = sql.identifier(spec.table);
  const column = sql.identifier(spec.column);
  const rows = rowsOf<{ id: string; value: string }>(
    await tx.execute(
      sql`SELECT id::text AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL ${afterId === null ? sql`` : sql`AND id::text > ${afterId}`} ORDER BY id::text LIMIT ${limit}`,
    ),
  );
  if (rows.length === 0) return { resealed: 0, lastId: null };
  // Asked only when there is something to seal: an installation without seeds may not have a seeds key yet.
  const master = keys.current(spec.purpose, { create: true });
  const all = keys.all(spec.purpose);
  const byId = (kid: string) => all.find((k) => keyIdOf(k) === kid) ?? null;
  let resealed = 0;
  for (const row of rows) {
    if (isCurrent(row.value, suite, master)) continue;
    const plain = openValue(row.value, byId, all, row.id);
    await tx.execute(sql`UPDATE ${table} SET ${column} = ${sealValue(suite, master, plain, row.id)} WHERE id::text = ${row.id}`);
    resealed++;
  }
  return { resealed, lastId: rows.length < limit ? null : rows[rows.length - 1]!.id };
}
