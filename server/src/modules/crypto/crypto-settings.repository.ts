import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isCryptoSuite, type CryptoSuite } from '../../domain/security/crypto-suite.ts';
import { preferredSuite } from './keyring.ts';

/**
 * The suite recorded in the database (crypto_settings, one row). A new installation records CRYPTO_SUITE, or
 * gm, the first time it writes an audit record; an installation that already has audit records when this
 * code first runs is an existing one and records intl (what it used so far) unless CRYPTO_SUITE says
 * otherwise. After that only `biomfg crypto migrate` changes it.
 */

export interface CryptoSettings {
  suite: CryptoSuite;
  recordedAt: Date;
  migratedAt: Date | null;
}

type Row = { suite: string; recorded_at: Date | string; migrated_at: Date | string | null };

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

function settingsOf(row: Row): CryptoSettings {
  if (!isCryptoSuite(row.suite)) throw new Error(`crypto_settings holds an unknown suite: ${row.suite}`);
  return { suite: row.suite, recordedAt: new Date(row.recorded_at), migratedAt: row.migrated_at ? new Date(row.migrated_at) : null };
}

let lastSeen: CryptoSuite | null = null;

/** The suite this process last read from its database (sealing of new values follows it). */
export function activeSuite(): CryptoSuite {
  return lastSeen ?? preferredSuite() ?? 'gm';
}

export async function readCryptoSettings(db: Db): Promise<CryptoSettings | null> {
  const [row] = rowsOf<Row>(await db.execute(sql`SELECT suite, recorded_at, migrated_at FROM crypto_settings WHERE id = 1`));
  if (!row) return null;
  const settings = settingsOf(row);
  lastSeen = settings.suite;
  return settings;
}

/** Records the suite at the first start (idempotent). Call under the audit chain lock or at start-up. */
export async function ensureCryptoSettings(db: Db, now: Date): Promise<{ settings: CryptoSettings; created: boolean }> {
  const existing = await readCryptoSettings(db);
  if (existing) return { settings: existing, created: false };
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM audit_log LIMIT 1) a`));
  const suite: CryptoSuite = preferredSuite() ?? (n > 0 ? 'intl' : 'gm');
  const inserted = rowsOf<{ id: number }>(
    await db.execute(sql`INSERT INTO crypto_settings (id, suite, recorded_at) VALUES (1, ${suite}, ${now.toISOString()}) ON CONFLICT (id) DO NOTHING RETURNING id`),
  );
  return { settings: (await readCryptoSettings(db))!, created: inserted.length > 0 };
}

export async function setCryptoSuite(db: Db, suite: CryptoSuite, now: Date): Promise<void> {
  await db.execute(sql`UPDATE crypto_settings SET suite = ${suite}, migrated_at = ${now.toISOString()} WHERE id = 1`);
  lastSeen = suite;
}
