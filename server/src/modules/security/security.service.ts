import { eq } from 'drizzle-orm';
import type { SecuritySettings } from '../../../../contracts/admin.ts';
import { ROLE_SCOPE_KIND, type Role, type ScopeKind } from '../../../../contracts/roles.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { users } from '../../db/schema/index.ts';
import { auditActorOf } from '../audit/index.ts';
import { endUserSessions } from '../auth/index.ts';
import { auditViewOfUser, findUserById, unsafeScopeExists, assertNotLastOfAdminRole, assertNotSameAdminRole } from '../users/index.ts';
import { unsafeScopeOptions } from './scope-options.repository.ts';

/**
 * Role, scope and security-settings management by the security administrator (三员分立). A role change
 * ends the account's sessions, so new permissions apply from the next sign-in and old ones stop at once.
 */
export function createSecurityService(deps: AppDeps) {
  const { clock, audit } = deps;
  return {
    async assignRole(actor: Actor, origin: RequestOrigin, userId: string, role: Role, scopeId: string | null) {
      if (userId === actor.userId) throw new AppError(400, 'CANNOT_CHANGE_OWN_ROLE', '不能修改自己的角色', 'You cannot change your own role');
      const scopeKind: ScopeKind | null = ROLE_SCOPE_KIND[role];
      if (scopeKind && !scopeId) {
        throw errors.validation([{ path: 'body.scopeId', rule: 'required', message: `角色“${role}”需要指定范围（${scopeKind}）`, messageEn: `Role ${role} needs a ${scopeKind} scope` }]);
      }
      if (!scopeKind && scopeId) {
        throw errors.validation([{ path: 'body.scopeId', rule: 'not-allowed', message: '该角色不需要范围', messageEn: 'This role takes no scope' }]);
      }
      return inTransaction(deps, async (tx) => {
        const before = await findUserById(tx, userId);
        if (!before) throw errors.notFound('账户', 'account');
        if (scopeKind && !(await unsafeScopeExists(tx, scopeKind, scopeId!))) {
          throw errors.validation([{ path: 'body.scopeId', rule: 'exists', message: '指定的范围不存在', messageEn: 'The scope does not exist' }]);
        }
        // 三员分立 (three-admins.policy.ts): never re-role an account of one's own administrator role, never
        // take the last account out of an administrator role.
        assertNotSameAdminRole(actor, before);
        if (before.role !== role) await assertNotLastOfAdminRole(tx, before);
        const now = clock();
        await tx
          .update(users)
          .set({ role, scopeKind, scopeId: scopeKind ? scopeId : null, updatedAt: now })
          .where(eq(users.id, userId));
        await endUserSessions(tx, userId, null, 'role-changed', now);
        const after = (await findUserById(tx, userId))!;
        await audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'user.assign-role',
          objectType: 'user',
          objectId: userId,
          before: auditViewOfUser(before),
          after: auditViewOfUser(after),
        });
        return after;
      });
    },

    async saveSettings(actor: Actor, origin: RequestOrigin, value: SecuritySettings): Promise<SecuritySettings> {
      return inTransaction(deps, async (tx) => {
        const before = await deps.settings.load(tx);
        const saved = await deps.settings.save(tx, value, actor.userId);
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'security.settings-update', objectType: 'security-settings', objectId: '1', before, after: saved });
        return saved;
      });
    },

    /** Names to pick a scope from (see unsafeScopeOptions for why no business scope applies). */
    scopeOptions(kind: ScopeKind, q: string | undefined) {
      return unsafeScopeOptions(deps.database.db, kind, q);
    },
  };
}
