import type { Db } from '../../db/client.ts';
import { createAuditChainVerifier } from '../../domain/security/audit-chain.ts';
import type { CryptoSuite } from '../../domain/security/crypto-suite.ts';
import { auditMacOf, readCryptoSettings, keyProvider, KeyMissingError, type KeyProvider } from '../crypto/index.ts';
import { chainRecordOf, iterateAuditRecords } from './audit.repository.ts';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; at: string | null; reason: string } | null;
}

export interface AuditVerifyReport extends AuditVerifyResult {
  /** The suite whose MAC the chain is checked with; null for an installation that never recorded one. */
  suite: CryptoSuite | null;
  /** Records with a plain SHA-256 hash, written before the chain was keyed (`crypto migrate` re-chains them). */
  legacy: number;
}

export { KeyMissingError };

/**
 * Re-computes every record's MAC from its stored columns and the previous hash with the audit key; names the
 * first broken one. Throws KeyMissingError when the installation's chain is keyed and the key is not here:
 * without the key nothing can be verified (that is what stops a database-only attacker from re-sealing).
 */
export async function verifyAuditLogReport(db: Db, keys: KeyProvider = keyProvider(), master?: Buffer): Promise<AuditVerifyReport> {
  const settings = await readCryptoSettings(db);
  const hasKey = master !== undefined || keys.has('audit');
  if (settings && !hasKey) throw new KeyMissingError('audit', keys.location('audit'));
  // `master`: a given audit key instead of the current one (a key rotation checks the chain under the old key).
  const mac = settings ? auditMacOf(settings.suite, master ?? keys.current('audit')) : null;
  // With a key present the chain must end keyed, even if the suite's record was deleted.
  const verifier = createAuditChainVerifier(undefined, { mac, requireKeyedHead: settings !== null || hasKey });
  // The verifier stops at the first broken record, so the rest of the log is not read.
  for await (const row of iterateAuditRecords(db)) if (!verifier.push(chainRecordOf(row))) break;
  const result = verifier.result();
  const common = { suite: settings?.suite ?? null, legacy: verifier.legacyCount() };
  return result.ok
    ? { ok: true, checked: result.checked, firstBroken: null, ...common }
    : { ok: false, checked: result.checked, firstBroken: { seq: result.firstBroken.seq, at: result.firstBroken.at, reason: result.firstBroken.reason }, ...common };
}

export async function verifyAuditLog(db: Db, keys?: KeyProvider): Promise<AuditVerifyResult> {
  const { ok, checked, firstBroken } = await verifyAuditLogReport(db, keys);
  return { ok, checked, firstBroken };
}
