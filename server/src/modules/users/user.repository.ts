import { and, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { departments, enterprises, experts, passwordHistory, platforms, users, zones } from '../../db/schema/index.ts';
import type { ScopeKind } from '../../../../contracts/roles.ts';

export type UserRow = typeof users.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(
  db: Db,
  filter: { q?: string | undefined; status?: string | undefined; role?: string | undefined },
  page: number,
  pageSize: number,
) {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${filter.q.replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(users.username, like), ilike(users.displayName, like))!);
  }
  if (filter.status) conditions.push(eq(users.status, filter.status));
  if (filter.role) conditions.push(eq(users.role, filter.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [count]] = await Promise.all([
    db.select().from(users).where(where).orderBy(users.username).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function recentPasswordHashes(db: Db, userId: string, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const rows = await db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(count);
  return rows.map((r) => r.hash);
}

/**
 * The display name of an account's scope (department, zone, enterprise, platform, expert), for presenting the
 * account. Named unsafe: it reads the named row with no business scope, because the account itself, the
 * system administrator and the security administrator (scope kind `none`) must see whose account it is; only
 * the name leaves.
 */
export async function unsafeScopeName(db: Db, kind: ScopeKind, id: string): Promise<string | null> {
  if (kind === 'department') {
    const [row] = await db.select({ name: departments.nameZh }).from(departments).where(eq(departments.id, id));
    return row?.name ?? null;
  }
  if (kind === 'zone') {
    const [row] = await db.select({ name: zones.nameZh }).from(zones).where(eq(zones.id, id));
    return row?.name ?? null;
  }
  if (kind === 'platform') {
    const [row] = await db.select({ name: platforms.name }).from(platforms).where(eq(platforms.id, id));
    return row?.name ?? null;
  }
  if (kind === 'expert') {
    const [row] = await db.select({ name: experts.name }).from(experts).where(eq(experts.id, id));
    return row?.name ?? null;
  }
  const [row] = await db.select({ name: enterprises.name }).from(enterprises).where(eq(enterprises.id, id));
  return row?.name ?? null;
}

/**
 * Whether a scope can be assigned: it exists and, for a department, platform or expert, is not deleted (names
 * still show for old scopes). Named unsafe: the security administrator checks any row of the district without
 * holding a business scope; only existence leaves.
 */
export async function unsafeScopeExists(db: Db, kind: ScopeKind, id: string): Promise<boolean> {
  if (kind === 'department') {
    const [row] = await db.select({ id: departments.id }).from(departments).where(and(eq(departments.id, id), isNull(departments.deletedAt)));
    return row !== undefined;
  }
  if (kind === 'platform') {
    const [row] = await db.select({ id: platforms.id }).from(platforms).where(and(eq(platforms.id, id), isNull(platforms.deletedAt)));
    return row !== undefined;
  }
  if (kind === 'expert') {
    const [row] = await db.select({ id: experts.id }).from(experts).where(and(eq(experts.id, id), isNull(experts.deletedAt)));
    return row !== undefined;
  }
  return (await unsafeScopeName(db, kind, id)) !== null;
}
