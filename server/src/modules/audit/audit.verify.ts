import type { Db } from '../../db/client.ts';
import { createAuditChainVerifier } from '../../domain/security/audit-chain.ts';
import { iterateAuditRecords } from './audit.repository.ts';

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; at: string | null; reason: string } | null;
}

/** Re-computes every record's hash from its stored fields and the previous hash; names the first broken one. */
export async function verifyAuditLog(db: Db): Promise<AuditVerifyResult> {
  const verifier = createAuditChainVerifier();
  const atBySeq = new Map<number, string>();
  for await (const row of iterateAuditRecords(db)) {
    atBySeq.set(row.seq, row.at.toISOString());
    if (atBySeq.size > 2) atBySeq.delete(row.seq - 2);
    verifier.push({
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
    });
    const partial = verifier.result();
    if (!partial.ok) {
      return { ok: false, checked: partial.checked, firstBroken: { seq: partial.firstBroken.seq, at: atBySeq.get(partial.firstBroken.seq) ?? null, reason: partial.firstBroken.reason } };
    }
  }
  const result = verifier.result();
  return result.ok
    ? { ok: true, checked: result.checked, firstBroken: null }
    : { ok: false, checked: result.checked, firstBroken: { seq: result.firstBroken.seq, at: null, reason: result.firstBroken.reason } };
}
