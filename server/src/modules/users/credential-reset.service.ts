import { and, desc, eq } from 'drizzle-orm';
import type { CredentialResetView } from '../../../../contracts/admin.ts';
import type { Role } from '../../../../contracts/roles.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { credentialResets, users } from '../../db/schema/index.ts';
import { hashPassword } from '../../domain/security/password-hash.ts';
import { auditActorOf } from '../audit/index.ts';
import { auditViewOfUser, mfaResetValues, passwordResetValues } from './user-credentials.ts';
import { assertNotSameAdminRole } from './three-admins.policy.ts';
import { findUserById, type UserRow } from './user.repository.ts';
import { generateTemporaryPassword } from './temporary-password.ts';

export type CredentialResetKind = 'password' | 'mfa';

/**
 * Two-person reset of an administrator account's credentials (docs/decisions/0013-three-admin-reset.md):
 * the system administrator's reset of such an account only records a pending request; the security
 * administrator approves it (and then receives the temporary password to hand over) or rejects it. Neither
 * can do it alone: the requester never sees the password, the approver cannot start a reset.
 */
export async function requestCredentialReset(deps: AppDeps, actor: Actor, origin: RequestOrigin, target: UserRow, kind: CredentialResetKind) {
  return inTransaction(deps, async (tx) => {
    const [waiting] = await tx
      .select({ id: credentialResets.id })
      .from(credentialResets)
      .where(and(eq(credentialResets.userId, target.id), eq(credentialResets.kind, kind), eq(credentialResets.status, 'pending')));
    if (waiting) return { status: 'pending-approval' as const, requestId: waiting.id };
    const [row] = await tx.insert(credentialResets).values({ userId: target.id, kind, requestedBy: actor.userId, requestedAt: deps.clock() }).returning();
    await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
      action: 'user.credential-reset-request',
      objectType: 'user',
      objectId: target.id,
      details: { request: row!.id, kind, targetRole: target.role },
    });
    return { status: 'pending-approval' as const, requestId: row!.id };
  });
}

const notFoundRequest = () => errors.notFound('重置申请', 'reset request');

export function createCredentialResetService(deps: AppDeps) {
  const { clock, audit } = deps;

  async function loadPending(tx: Db, id: string) {
    const [request] = await tx.select().from(credentialResets).where(and(eq(credentialResets.id, id), eq(credentialResets.status, 'pending')));
    if (!request) throw notFoundRequest();
    const target = await findUserById(tx, request.userId);
    if (!target) throw notFoundRequest();
    return { request, target };
  }

  return {
    async listPending(): Promise<CredentialResetView[]> {
      const db = deps.database.db;
      const rows = await db
        .select({ r: credentialResets, username: users.username, displayName: users.displayName, role: users.role })
        .from(credentialResets)
        .innerJoin(users, eq(users.id, credentialResets.userId))
        .where(eq(credentialResets.status, 'pending'))
        .orderBy(desc(credentialResets.requestedAt))
        .limit(200);
      const requesters = new Map<string, string>();
      for (const { r } of rows) if (!requesters.has(r.requestedBy)) requesters.set(r.requestedBy, (await findUserById(db, r.requestedBy))?.username ?? '—');
      return rows.map(({ r, username, displayName, role }) => ({
        id: r.id,
        kind: r.kind as CredentialResetKind,
        user: { id: r.userId, username, displayName, role: (role as Role | null) ?? null },
        requestedBy: requesters.get(r.requestedBy) ?? '—',
        requestedAt: r.requestedAt.toISOString(),
      }));
    },

    /** Approves and carries out the reset; a password reset returns the temporary password to the approver. */
    async approve(actor: Actor, origin: RequestOrigin, id: string): Promise<{ temporaryPassword: string | null }> {
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      return inTransaction(deps, async (tx) => {
        const { request, target } = await loadPending(tx, id);
        assertNotSameAdminRole(actor, target);
        if (request.requestedBy === actor.userId) {
          throw new AppError(403, 'SECOND_PERSON_REQUIRED', '申请人不能批准自己的申请', 'A request must be approved by someone other than its requester');
        }
        const now = clock();
        const values = request.kind === 'password' ? await passwordResetValues(tx, target.id, passwordHash, now) : await mfaResetValues(tx, target.id, now);
        await tx.update(users).set({ ...values, updatedAt: now }).where(eq(users.id, target.id));
        await tx.update(credentialResets).set({ status: 'approved', decidedBy: actor.userId, decidedAt: now }).where(eq(credentialResets.id, id));
        const after = (await findUserById(tx, target.id))!;
        await audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: request.kind === 'password' ? 'user.reset-password' : 'user.reset-mfa',
          objectType: 'user',
          objectId: target.id,
          before: auditViewOfUser(target),
          after: auditViewOfUser(after),
          details: { request: id, requestedBy: request.requestedBy, approvedBy: actor.userId },
        });
        return { temporaryPassword: request.kind === 'password' ? temporaryPassword : null };
      });
    },

    async reject(actor: Actor, origin: RequestOrigin, id: string): Promise<void> {
      await inTransaction(deps, async (tx) => {
        const { target } = await loadPending(tx, id);
        const now = clock();
        await tx.update(credentialResets).set({ status: 'rejected', decidedBy: actor.userId, decidedAt: now }).where(eq(credentialResets.id, id));
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'user.credential-reset-reject', objectType: 'user', objectId: target.id, details: { request: id } });
      });
    },
  };
}
