import type { AuditAction, ComposedAuditAction } from '../../../../contracts/audit-actions.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import type { Database, Db } from '../../db/client.ts';
import { appendAuditRecord, type AuditEntry } from './audit.repository.ts';

export interface AuditEvent {
  /** A listed code (contracts/audit-actions.ts): the auditor's page has a label for each. */
  action: AuditAction | ComposedAuditAction;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

export interface AuditActor {
  userId: string | null;
  username: string | null;
  role: string | null;
}

export function auditActorOf(actor: Actor | null): AuditActor {
  return actor ? { userId: actor.userId, username: actor.username, role: actor.role } : { userId: null, username: null, role: null };
}

/**
 * The only way records enter the audit log. `inTransaction` writes the record in the caller's transaction
 * (a write and its audit record commit together); `standalone` opens its own (denied access, failed logins,
 * which have no business transaction to join).
 */
export function createAuditService(database: Database, clock: () => Date) {
  function entryOf(who: AuditActor, origin: RequestOrigin | null, event: AuditEvent): AuditEntry {
    return {
      actorUserId: who.userId,
      actorUsername: who.username,
      actorRole: who.role,
      ip: origin?.ip ?? null,
      requestId: origin?.requestId ?? null,
      action: event.action,
      objectType: event.objectType ?? null,
      objectId: event.objectId ?? null,
      outcome: event.outcome ?? 'success',
      before: event.before,
      after: event.after,
      details: event.details,
    };
  }
  return {
    async inTransaction(tx: Db, who: AuditActor, origin: RequestOrigin | null, event: AuditEvent): Promise<void> {
      await appendAuditRecord(tx, entryOf(who, origin, event), clock());
    },
    async standalone(who: AuditActor, origin: RequestOrigin | null, event: AuditEvent): Promise<void> {
      await database.db.transaction(async (tx) => {
        await appendAuditRecord(tx as unknown as Db, entryOf(who, origin, event), clock());
      });
    },
    async recordDenied(actor: Actor | null, origin: RequestOrigin, details: Record<string, unknown>): Promise<void> {
      await this.standalone(auditActorOf(actor), origin, { action: 'access.denied', outcome: 'denied', details });
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
