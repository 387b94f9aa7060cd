import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { computeKeyedAuditHash, type KeyedAuditRecord, type SealedAuditRecord } from '../../domain/security/audit-chain.ts';
import { maskSensitive } from '../../domain/security/masking.ts';
import { auditMacForAppend, lockAuditChain } from '../crypto/index.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actorUserId: string | null;
  actorUsername: string | null;
  actorRole: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome: 'success' | 'failure' | 'denied';
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/**
 * Appends one record to the chain (a MAC under the audit key, ADR 0014). Must run inside a transaction: the advisory lock serialises appenders
 * (two transactions reading the same tail would fork the chain), and the record commits or rolls back
 * together with the write it describes.
 */
export async function appendAuditRecord(tx: Db, entry: AuditEntry, now: Date): Promise<number> {
  await lockAuditChain(tx);
  const { mac } = await auditMacForAppend(tx, now);
  const [last] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const record: KeyedAuditRecord = {
    seq,
    at: now.toISOString(),
    actorUserId: entry.actorUserId,
    actorUsername: entry.actorUsername,
    actorRole: entry.actorRole,
    ip: entry.ip,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome,
    // Sensitive values (passwords, secrets, tokens, MFA codes) never reach the log.
    before: normalizeJson(maskSensitive(entry.before ?? null)),
    after: normalizeJson(maskSensitive(entry.after ?? null)),
    details: normalizeJson(maskSensitive(entry.details ?? null)),
    prevHash: last?.hash ?? GENESIS_HASH,
    requestId: entry.requestId,
  };
  // Every stored column is in the MAC (request_id included), under the installation's audit key.
  const hash = computeKeyedAuditHash(record, mac);
  await tx.insert(auditLog).values({
    seq,
    at: now,
    actorUserId: record.actorUserId,
    actorUsername: record.actorUsername,
    actorRole: record.actorRole,
    ip: record.ip,
    requestId: record.requestId,
    action: record.action,
    objectType: record.objectType,
    objectId: record.objectId,
    outcome: record.outcome,
    before: record.before,
    after: record.after,
    details: record.details,
    prevHash: record.prevHash,
    hash,
  });
  return seq;
}

/** The stored JSON is what gets hashed on verification, so hash exactly what JSON round-tripping yields. */
function normalizeJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

export interface AuditFilter {
  username?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  outcome?: 'success' | 'failure' | 'denied' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.username) conditions.push(sql`lower(${auditLog.actorUsername}) = lower(${filter.username})`);
  if (filter.action) conditions.push(sql`${auditLog.action} LIKE ${filter.action.replace(/[%_\\]/g, '\\$&') + '%'}`);
  if (filter.objectType) conditions.push(eq(auditLog.objectType, filter.objectType));
  if (filter.objectId) conditions.push(eq(auditLog.objectId, filter.objectId));
  if (filter.outcome) conditions.push(eq(auditLog.outcome, filter.outcome));
  if (filter.from) conditions.push(gte(auditLog.at, new Date(filter.from)));
  if (filter.to) conditions.push(lte(auditLog.at, new Date(filter.to)));
  return conditions.length ? and(...conditions) : undefined;
}

export async function listAuditRecords(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  const where = whereOf(filter);
  const [items, [count]] = await Promise.all([
    db.select().from(auditLog).where(where).orderBy(desc(auditLog.seq)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

/** Pages through the log in order, for verification and export, without loading it whole. */
export async function* iterateAuditRecords(db: Db, filter: AuditFilter = {}, batchSize = 1000) {
  let afterSeq = 0;
  for (;;) {
    const where = whereOf(filter);
    const rows = await db
      .select()
      .from(auditLog)
      .where(where ? and(where, sql`${auditLog.seq} > ${afterSeq}`) : sql`${auditLog.seq} > ${afterSeq}`)
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield* rows;
    afterSeq = rows[rows.length - 1]!.seq;
  }
}

export type AuditRow = typeof auditLog.$inferSelect;

/** A stored row as the chain sees it: every hashed column, its prev_hash and its hash (verify and re-chain read it alike). */
export function chainRecordOf(row: AuditRow): SealedAuditRecord & { requestId: string | null } {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorUsername: row.actorUsername,
    actorRole: row.actorRole,
    ip: row.ip,
    requestId: row.requestId,
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
