import { and, ilike, isNull, sql } from 'drizzle-orm';
import type { ScopeKind } from '../../../../contracts/roles.ts';
import type { Db } from '../../db/client.ts';
import { departments, enterprises, experts, platforms, zones } from '../../db/schema/index.ts';

/**
 * Names to pick a scope from, for the security administrator assigning an account's scope. Named unsafe: it
 * reads across the whole district with no business scope, because the security administrator holds none
 * (scope kind `none`) yet must be able to name any department, zone, enterprise, platform or expert. Only ids
 * and names leave (an expert's affiliation tells namesakes apart); no business figure, no contact.
 */
export async function unsafeScopeOptions(db: Db, kind: ScopeKind, q: string | undefined): Promise<{ id: string; name: string }[]> {
  const like = q ? `%${q.replace(/[%_\\]/g, '\\$&')}%` : '%';
  if (kind === 'department') {
    return db.select({ id: departments.id, name: departments.nameZh }).from(departments).where(and(isNull(departments.deletedAt), ilike(departments.nameZh, like))).orderBy(departments.nameZh).limit(50);
  }
  if (kind === 'zone') {
    return db.select({ id: zones.id, name: zones.nameZh }).from(zones).where(ilike(zones.nameZh, like)).orderBy(zones.sortOrder).limit(50);
  }
  if (kind === 'platform') {
    return db.select({ id: platforms.id, name: platforms.name }).from(platforms).where(and(isNull(platforms.deletedAt), ilike(platforms.name, like))).orderBy(platforms.name).limit(50);
  }
  if (kind === 'expert') {
    return db
      .select({ id: experts.id, name: sql<string>`${experts.name} || coalesce('（' || ${experts.affiliation} || '）', '')` })
      .from(experts)
      .where(and(isNull(experts.deletedAt), ilike(experts.name, like)))
      .orderBy(experts.name)
      .limit(50);
  }
  return db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(sql`${enterprises.deletedAt} IS NULL AND (${enterprises.name} ILIKE ${like} OR ${enterprises.uscc} ILIKE ${like})`)
    .orderBy(enterprises.name)
    .limit(50);
}
