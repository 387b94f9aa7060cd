import type { Db } from '../../db/client.ts';
import { verifyAuditChainAsync, type SealedAuditRecord } from '../../domain/security/audit-chain.ts';
import { iterateAuditRecords } from './audit.repository.ts';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; at: string | null; reason: string } | null;
}

async function* storedRecords(db: Db): AsyncGenerator<SealedAuditRecord> {
  for await (const row of iterateAuditRecords(db)) {
    yield {
      seq: row.seq,
      at: row.at.toISOString(),
      actorUserId: row.actorUserId,
      actorUsername: row.actorUsername,
      actorRole: row.actorRole,
      ip: row.ip,
      action: row.action,
      objectType: row.objectType,
      objectId: row.objectId,
      outcome: row.outcome as 'success' | 'failure' | 'denied',
      before: row.before,
      after: row.after,
      details: row.details,
      prevHash: row.prevHash,
      hash: row.hash,
    };
  }
}

/** Re-computes every record's hash from its stored fields and the previous hash; names the first broken one. */
export async function verifyAuditLog(db: Db): Promise<AuditVerifyResult> {
  // The verifier stops at the first broken record, so the rest of the log is not read.
  const result = await verifyAuditChainAsync(storedRecords(db));
  return result.ok
    ? { ok: true, checked: result.checked, firstBroken: null }
    : { ok: false, checked: result.checked, firstBroken: { seq: result.firstBroken.seq, at: result.firstBroken.at, reason: result.firstBroken.reason } };
}
