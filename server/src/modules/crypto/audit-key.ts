import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { AuditMac } from '../../domain/security/audit-chain.ts';
import { deriveKey, hmacHex, type CryptoSuite } from '../../domain/security/crypto-suite.ts';
import { ensureCryptoSettings, type CryptoSettings } from './crypto-settings.repository.ts';
import { keyProvider, type KeyProvider } from './keyring.ts';

/** The audit chain's MAC under a suite and a key (the key file holds the master; the MAC key is derived). */
export function auditMacOf(suite: CryptoSuite, master: Buffer): AuditMac {
  const key = deriveKey(suite, master, 'audit-chain');
  return { scheme: suite === 'gm' ? 'hmac-sm3' : 'hmac-sha256', mac: (data) => hmacHex(suite, key, data) };
}

export const AUDIT_CHAIN_LOCK = 724134;

/**
 * What an appender needs: the suite (recorded at the first write if this is the first start) and the MAC.
 * The audit key is created only together with the suite's record: if the record exists and the key does not,
 * the key was lost or the database was restored elsewhere, and a new key would silently make every earlier
 * record unverifiable, so the write fails and says which file is missing.
 */
export async function auditMacForAppend(tx: Db, now: Date, keys: KeyProvider = keyProvider()): Promise<{ settings: CryptoSettings; mac: AuditMac }> {
  const { settings, created } = await ensureCryptoSettings(tx, now);
  const master = keys.current('audit', { create: created });
  return { settings, mac: auditMacOf(settings.suite, master) };
}

export async function lockAuditChain(tx: Db): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}
