import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { keyIdOf, openValue, sealedInfo, sealValue, type CryptoSuite } from '../../domain/security/crypto-suite.ts';
import type { PersonalField } from '../../domain/security/personal-info.ts';
import type { KeyProvider, KeyPurpose } from './keyring.ts';
import { personalFieldBox, type StoredContact } from './personal-fields.ts';

/**
 * Every column that holds values sealed with a key outside the database. `crypto migrate` re-seals all of
 * them under the new suite and `crypto rotate` under the new key; a column added here is covered by both.
 * The associated data is the row's id, so a sealed value copied onto another row does not open.
 */
export interface SealedColumn {
  table: string;
  column: string;
  purpose: KeyPurpose;
  /**
   * 'text' (default): the column holds one sealed value. 'contacts': a JSON list of contacts whose name,
   * phone and e-mail are sealed each (personal-fields.ts), with blind indexes recomputed under the new key,
   * and the row's contact_name/contact_phone repeating the first contact.
   */
  kind?: 'text' | 'contacts' | 'personal';
  /** For 'personal': the personal field the column holds; the associated data is `<rowId>:<field>`. */
  field?: PersonalField;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'users', column: 'mfa_secret', purpose: 'seeds' },
  { table: 'enterprises', column: 'contacts', purpose: 'fields', kind: 'contacts' },
  // Personal values in plain columns (personal-fields.ts, sealPersonalColumns).
  { table: 'departments', column: 'contact_name', purpose: 'fields', kind: 'personal', field: 'name' },
  { table: 'departments', column: 'contact_phone', purpose: 'fields', kind: 'personal', field: 'mobile' },
  { table: 'platforms', column: 'contact_name', purpose: 'fields', kind: 'personal', field: 'name' },
  { table: 'platforms', column: 'contact_phone', purpose: 'fields', kind: 'personal', field: 'mobile' },
  { table: 'experts', column: 'phone', purpose: 'fields', kind: 'personal', field: 'mobile' },
  { table: 'experts', column: 'email', purpose: 'fields', kind: 'personal', field: 'email' },
  // Supply–demand postings (issue 14 §2): the contact shown to the other side once both agree.
  { table: 'supply_demand_postings', column: 'contact_name', purpose: 'fields', kind: 'personal', field: 'name' },
  { table: 'supply_demand_postings', column: 'contact_phone', purpose: 'fields', kind: 'personal', field: 'mobile' },
];

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
  if (spec.kind === 'contacts') return resealContactsBatch(tx, spec, keys, suite, afterId, limit);
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
  // A personal column binds each value to its row and field, as sealPersonalColumns does.
  const aadOf = (id: string) => (spec.kind === 'personal' ? `${id}:${spec.field}` : id);
  for (const row of rows) {
    if (row.value === '' || isCurrent(row.value, suite, master)) continue;
    const plain = openValue(row.value, byId, all, aadOf(row.id));
    await tx.execute(sql`UPDATE ${table} SET ${column} = ${sealValue(suite, master, plain, aadOf(row.id))} WHERE id::text = ${row.id}`);
    resealed++;
  }
  return { resealed, lastId: rows.length < limit ? null : rows[rows.length - 1]!.id };
}

/**
 * The 'contacts' kind of `resealBatch`: a row is re-written when any of its personal values is in the clear
 * (written before field encryption) or not under (suite, current key); all of its values are then sealed
 * again together, so its blind indexes follow the current key.
 */
async function resealContactsBatch(
  tx: Db,
  spec: SealedColumn,
  keys: KeyProvider,
  suite: CryptoSuite,
  afterId: string | null,
  limit: number,
): Promise<{ resealed: number; lastId: string | null }> {
  const table = sql.identifier(spec.table);
  const column = sql.identifier(spec.column);
  const rows = rowsOf<{ id: string; contacts: StoredContact[] | string; contact_name: string | null; contact_phone: string | null }>(
    await tx.execute(
      sql`SELECT id::text AS id, ${column} AS contacts, contact_name, contact_phone FROM ${table}
          WHERE (jsonb_array_length(${column}) > 0 OR contact_name IS NOT NULL) ${afterId === null ? sql`` : sql`AND id::text > ${afterId}`}
          ORDER BY id::text LIMIT ${limit}`,
    ),
  );
  if (rows.length === 0) return { resealed: 0, lastId: null };
  const master = keys.current(spec.purpose, { create: true });
  const box = personalFieldBox(keys, () => suite);
  let resealed = 0;
  for (const row of rows) {
    const list: StoredContact[] = typeof row.contacts === 'string' ? JSON.parse(row.contacts) : row.contacts;
    const stored: StoredContact[] = list.length ? list : row.contact_name ? [{ name: row.contact_name, title: null, phone: row.contact_phone, email: null }] : [];
    const values = stored.flatMap((c) => [c.name, c.phone, c.email]).filter((v): v is string => typeof v === 'string' && v !== '');
    if (values.every((v) => isCurrent(v, suite, master))) continue;
    const sealed = box.sealContacts(row.id, box.openContacts(row.id, stored));
    await tx.execute(
      sql`UPDATE ${table} SET ${column} = ${JSON.stringify(sealed)}::jsonb, contact_name = ${sealed[0]?.name ?? null}, contact_phone = ${sealed[0]?.phone ?? null} WHERE id::text = ${row.id}`,
    );
    resealed++;
  }
  return { resealed, lastId: rows.length < limit ? null : rows[rows.length - 1]!.id };
}

/** Rows of a personal-information column holding a value in the clear (written before it was sealed). */
function clearValuesWhere(spec: SealedColumn) {
  const column = sql.identifier(spec.kind === 'contacts' ? 'contact_name' : spec.column);
  return sql`${column} IS NOT NULL AND ${column} <> '' AND ${column} !~ '^(gm1|v2):[0-9a-f]{8}:' AND ${column} NOT LIKE 'v1:%'`;
}

/**
 * The backfill of personal-information columns at start-up: values an older version stored in the clear are
 * sealed under the active suite and the current `fields` key (departments', platforms' and experts' contacts
 * came after the enterprises'). Values already sealed are left alone, so this costs one query per column
 * when there is nothing to do. Returns how many rows were sealed, per table and column.
 */
export async function sealClearPersonalValues(tx: Db, keys: KeyProvider, suite: CryptoSuite): Promise<Record<string, number>> {
  const sealed: Record<string, number> = {};
  for (const spec of SEALED_COLUMNS.filter((c) => c.purpose === 'fields')) {
    const [found] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(spec.table)} WHERE ${clearValuesWhere(spec)}`));
    if (!found || found.n === 0) continue;
    let after: string | null = null;
    let count = 0;
    do {
      const step = await resealBatch(tx, spec, keys, suite, after, 500);
      count += step.resealed;
      after = step.lastId;
    } while (after !== null);
    sealed[`${spec.table}.${spec.column}`] = count;
  }
  return sealed;
}
