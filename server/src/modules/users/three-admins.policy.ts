import { and, eq, ne, sql } from 'drizzle-orm';
import { ROLE_LABELS, isAdminRole, type Role } from '../../../../contracts/roles.ts';
import type { Actor } from '../../app/actor.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import type { UserRow } from './user.repository.ts';

/**
 * SECURITY INVARIANT — 三员分立 on accounts (docs/decisions/0013-three-admin-reset.md):
 * 1. an account of one administrator role is never reset, re-roled or disabled by an administrator of the
 *    same role (a system administrator cannot take over another system administrator's account);
 * 2. the credentials of an administrator account (password, second factor) are reset only by two persons:
 *    the system administrator requests, the security administrator approves (credential-reset.service.ts);
 * 3. the last active account of each administrator role is never disabled or re-roled away.
 * Together: no single administrator can sign in as another administrator role (e.g. as the auditor, to read
 * or hide the audit log), and no administrator role can be left without an account.
 */
export function assertNotSameAdminRole(actor: Actor, target: UserRow): void {
  if (isAdminRole(target.role as Role | null) && target.role === actor.role) {
    throw new AppError(
      403,
      'SAME_ADMIN_ROLE',
      '三员分立：不能重置、停用或变更同一管理员角色的账户，请由其他管理员角色或在服务器控制台办理',
      'Separation of duties: an administrator cannot reset, disable or re-role an account of the same administrator role; use another administrator role or the server console',
    );
  }
}

/** Whether resetting this account's credentials needs a second person's approval. */
export function resetNeedsApproval(target: UserRow): boolean {
  return isAdminRole(target.role as Role | null);
}

/** Refuses to take the last active account of an administrator role out of that role (disable or re-role). */
export async function assertNotLastOfAdminRole(tx: Db, target: UserRow): Promise<void> {
  const role = target.role as Role | null;
  if (!isAdminRole(role) || target.status !== 'active') return;
  const [{ n } = { n: 0 }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, role!), eq(users.status, 'active'), ne(users.id, target.id)));
  if (n === 0) {
    const label = ROLE_LABELS[role!];
    throw new AppError(409, 'LAST_ADMIN_OF_ROLE', `不能停用或变更最后一名${label.zh}`, `The last ${label.en.toLowerCase()} cannot be disabled or given another role`);
  }
}
