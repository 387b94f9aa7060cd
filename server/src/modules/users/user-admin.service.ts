import type { AuditAction } from '../../../../contracts/audit-actions.ts';
import { eq } from 'drizzle-orm';
import type { AdminUserView } from '../../../../contracts/admin.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { recoveryCodes, users } from '../../db/schema/index.ts';
import { hashPassword } from '../../domain/security/password-hash.ts';
import { auditActorOf } from '../audit/index.ts';
import { endUserSessions, accountLockKeys, clearThrottle, lockedUntil } from '../auth/index.ts';
import { presentAdminUser } from './user.presenter.ts';
import { findUserById, findUserByUsername, listUsers, type UserRow } from './user.repository.ts';
import { generateTemporaryPassword } from './temporary-password.ts';
import { auditViewOfUser, mfaResetValues, passwordResetValues } from './user-credentials.ts';

export { auditViewOfUser };
import { requestCredentialReset, type CredentialResetKind } from './credential-reset.service.ts';
import { assertNotLastOfAdminRole, assertNotSameAdminRole, resetNeedsApproval } from './three-admins.policy.ts';

export async function presentAdminUserWithLock(db: Db, row: UserRow, now: Date): Promise<AdminUserView> {
  return presentAdminUser(db, row, await lockedUntil(db, accountLockKeys(row.username), now));
}

export async function listAdminUsers(deps: AppDeps, filter: { q?: string; status?: string; role?: string }, page: number, pageSize: number) {
  const db = deps.database.db;
  const { items, total } = await listUsers(db, filter, page, pageSize);
  const now = deps.clock();
  return { items: await Promise.all(items.map((row) => presentAdminUserWithLock(db, row, now))), total, page, pageSize };
}

/**
 * Account management by the system administrator (三员分立: accounts only — roles and scopes are the
 * security administrator's). Every change is one transaction with its audit record.
 */
export function createUserAdminService(deps: AppDeps) {
  const { clock, audit } = deps;

  async function mutate(
    actor: Actor,
    origin: RequestOrigin,
    userId: string,
    action: AuditAction,
    change: (tx: Db, row: UserRow, now: Date) => Promise<Partial<typeof users.$inferInsert> | null>,
  ): Promise<UserRow> {
    return inTransaction(deps, async (tx) => {
      const before = await findUserById(tx, userId);
      if (!before) throw errors.notFound('账户', 'account');
      const now = clock();
      const values = await change(tx, before, now);
      if (values) await tx.update(users).set({ ...values, updatedAt: now }).where(eq(users.id, userId));
      const after = (await findUserById(tx, userId))!;
      await audit.inTransaction(tx, auditActorOf(actor), origin, {
        action,
        objectType: 'user',
        objectId: userId,
        before: auditViewOfUser(before),
        after: auditViewOfUser(after),
      });
      return after;
    });
  }

  /** The system administrator's direct reset; an administrator account only gets a pending request. */
  async function requestOrReset(actor: Actor, origin: RequestOrigin, userId: string, kind: CredentialResetKind) {
    const target = await findUserById(deps.database.db, userId);
    if (!target) throw errors.notFound('账户', 'account');
    assertNotSameAdminRole(actor, target);
    if (resetNeedsApproval(target)) return { pending: await requestCredentialReset(deps, actor, origin, target, kind) };
    return { pending: null };
  }

  return {
    async create(actor: Actor, origin: RequestOrigin, input: { username: string; displayName: string }) {
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      const row = await inTransaction(deps, async (tx) => {
        if (await findUserByUsername(tx, input.username)) {
          throw new AppError(409, 'USERNAME_TAKEN', `用户名“${input.username}”已被使用`, `The username "${input.username}" is taken`);
        }
        const [created] = await tx
          .insert(users)
          .values({ username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: true, createdAt: clock() })
          .returning();
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'user.create', objectType: 'user', objectId: created!.id, after: auditViewOfUser(created!) });
        return created!;
      });
      return { user: await presentAdminUserWithLock(deps.database.db, row, clock()), temporaryPassword };
    },
    async disable(actor: Actor, origin: RequestOrigin, userId: string) {
      if (userId === actor.userId) throw new AppError(400, 'CANNOT_DISABLE_SELF', '不能停用自己的账户', 'You cannot disable your own account');
      return mutate(actor, origin, userId, 'user.disable', async (tx, row, now) => {
        assertNotSameAdminRole(actor, row);
        await assertNotLastOfAdminRole(tx, row);
        await endUserSessions(tx, userId, null, 'account-disabled', now);
        return { status: 'disabled' };
      });
    },
    async enable(actor: Actor, origin: RequestOrigin, userId: string) {
      return mutate(actor, origin, userId, 'user.enable', async () => ({ status: 'active' }));
    },
    async resetPassword(actor: Actor, origin: RequestOrigin, userId: string) {
      const { pending } = await requestOrReset(actor, origin, userId, 'password');
      if (pending) return { pending };
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      const row = await mutate(actor, origin, userId, 'user.reset-password', async (tx, current, now) => {
        // Re-checked inside the transaction: the role may have changed since the request was read.
        if (resetNeedsApproval(current)) throw errors.conflict('账户角色已变更，请重试', 'The account’s role changed; try again');
        return passwordResetValues(tx, userId, passwordHash, now);
      });
      return { row, temporaryPassword, pending: null };
    },
    async unlock(actor: Actor, origin: RequestOrigin, userId: string) {
      return mutate(actor, origin, userId, 'user.unlock', async (tx, row) => {
        for (const key of accountLockKeys(row.username)) await clearThrottle(tx, key);
        return null;
      });
    },
    async resetMfa(actor: Actor, origin: RequestOrigin, userId: string) {
      const { pending } = await requestOrReset(actor, origin, userId, 'mfa');
      if (pending) return { pending, row: null };
      const row = await mutate(actor, origin, userId, 'user.reset-mfa', async (tx, current, now) => {
        if (resetNeedsApproval(current)) throw errors.conflict('账户角色已变更，请重试', 'The account’s role changed; try again');
        return mfaResetValues(tx, userId, now);
      });
      return { pending: null, row };
    },
  };
}
