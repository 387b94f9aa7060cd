import type { AdminUserView } from '../../../../contracts/admin.ts';
import type { UserView } from '../../../../contracts/auth.ts';
import type { Role, ScopeKind } from '../../../../contracts/roles.ts';
import type { Db } from '../../db/client.ts';
import { unsafeScopeName, type UserRow } from './user.repository.ts';

async function scopeView(db: Db, row: UserRow) {
  if (!row.scopeKind || !row.scopeId) return null;
  const kind = row.scopeKind as ScopeKind;
  return { kind, id: row.scopeId, name: (await unsafeScopeName(db, kind, row.scopeId)) ?? '—' };
}

/** What a signed-in user learns about their own account. Never includes hashes or secrets. */
export async function presentUser(db: Db, row: UserRow, passwordExpiresAt: Date | null): Promise<UserView> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: (row.role as Role | null) ?? null,
    scope: await scopeView(db, row),
    mfaEnabled: row.mfaEnabled,
    passwordExpiresAt: passwordExpiresAt?.toISOString() ?? null,
  };
}

/** What administrators see of an account. */
export async function presentAdminUser(db: Db, row: UserRow, lockedUntil: Date | null): Promise<AdminUserView> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: (row.role as Role | null) ?? null,
    scope: await scopeView(db, row),
    status: row.status as 'active' | 'disabled',
    lockedUntil: lockedUntil?.toISOString() ?? null,
    mfaEnabled: row.mfaEnabled,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
