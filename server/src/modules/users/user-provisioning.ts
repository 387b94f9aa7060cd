import type { Role, ScopeKind } from '../../../../contracts/roles.ts';
import { ROLE_SCOPE_KIND } from '../../../../contracts/roles.ts';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { departments, enterprises, experts, platforms, users, zones } from '../../db/schema/index.ts';
import { hashPassword } from '../../domain/security/password-hash.ts';

export class ProvisioningError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves a scope given as an id or a code (department code, zone code, an enterprise's USCC, a platform's or
 * an expert's registry code). Deleted departments, platforms and experts are no scope any more.
 */
export async function resolveScopeId(db: Db, kind: ScopeKind, idOrCode: string): Promise<string | null> {
  const isUuid = UUID.test(idOrCode);
  if (kind === 'department') {
    // A deleted department is no scope any more (docs/decisions/0005).
    const [row] = await db.select({ id: departments.id }).from(departments).where(and(isNull(departments.deletedAt), isUuid ? eq(departments.id, idOrCode) : eq(departments.code, idOrCode)));
    return row?.id ?? null;
  }
  if (kind === 'zone') {
    const [row] = await db.select({ id: zones.id }).from(zones).where(isUuid ? eq(zones.id, idOrCode) : eq(zones.code, idOrCode));
    return row?.id ?? null;
  }
  if (kind === 'platform') {
    const [row] = await db.select({ id: platforms.id }).from(platforms).where(and(isNull(platforms.deletedAt), isUuid ? eq(platforms.id, idOrCode) : eq(platforms.code, idOrCode)));
    return row?.id ?? null;
  }
  if (kind === 'expert') {
    const [row] = await db.select({ id: experts.id }).from(experts).where(and(isNull(experts.deletedAt), isUuid ? eq(experts.id, idOrCode) : eq(experts.code, idOrCode)));
    return row?.id ?? null;
  }
  const [row] = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(isUuid ? eq(enterprises.id, idOrCode) : or(eq(enterprises.uscc, idOrCode.toUpperCase()), sql`false`));
  return row?.id ?? null;
}

export interface ProvisionUserInput {
  username: string;
  displayName: string;
  role: Role;
  scope?: string | null;
  password: string;
  mustChangePassword: boolean;
  isDemo?: boolean;
}

/**
 * Creates an account with a role directly: used by the console (`biomfg user create`, run by the operator
 * on the server) and by the demo seeder. The web interface keeps 三员分立 instead: accounts by the system
 * administrator, roles by the security administrator.
 */
export async function provisionUser(tx: Db, input: ProvisionUserInput) {
  const kind = ROLE_SCOPE_KIND[input.role];
  let scopeId: string | null = null;
  if (kind) {
    if (!input.scope) throw new ProvisioningError(`角色 ${input.role} 需要 --scope（${kind}）/ role ${input.role} needs --scope (${kind} id or code)`);
    scopeId = await resolveScopeId(tx, kind, input.scope);
    if (!scopeId) throw new ProvisioningError(`找不到范围 ${input.scope}（${kind}）/ no ${kind} "${input.scope}"`);
  } else if (input.scope) {
    throw new ProvisioningError(`角色 ${input.role} 不需要范围 / role ${input.role} takes no scope`);
  }
  const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  if (existing) throw new ProvisioningError(`用户名已存在 / username already exists: ${input.username}`);
  const [row] = await tx
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      scopeKind: kind,
      scopeId,
      passwordHash: await hashPassword(input.password),
      mustChangePassword: input.mustChangePassword,
      isDemo: input.isDemo ?? false,
    })
    .returning();
  return row!;
}
