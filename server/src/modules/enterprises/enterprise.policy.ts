import { and, eq, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { enterprises } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which enterprises an actor may see. Every query on
 * enterprises goes through it; a lookup that does not is named `unsafe…` and says why.
 *
 * - leader, commission: every enterprise;
 * - department: every enterprise's registry entry (departments attract investment and serve enterprises
 *   district-wide); their confidential figures are scoped separately by the statistics module;
 * - park: the enterprises of its own zone;
 * - enterprise: itself;
 * - anyone else (expert, administrators, an account without a role): nothing.
 */
export function enterpriseScope(actor: Actor): SQL {
  const notDeleted = sql`${enterprises.deletedAt} IS NULL`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
    case 'department':
      return notDeleted;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`${notDeleted} AND ${eq(enterprises.zoneId, actor.scope.id)}` : sql`false`;
    case 'enterprise':
      return actor.scope?.kind === 'enterprise' ? sql`${notDeleted} AND ${eq(enterprises.id, actor.scope.id)}` : sql`false`;
    default:
      return sql`false`;
  }
}

/**
 * Which enterprises an actor may change (update, map onto chain nodes, import over): the commission every
 * one, a park committee those of its own zone, nobody else — whatever permissions a role is later given, this
 * is never wider than `enterpriseScope`.
 */
export function enterpriseWriteScope(actor: Actor): SQL {
  switch (actor.role) {
    case 'commission':
      return enterpriseScope(actor);
    case 'park':
      return enterpriseScope(actor);
    default:
      return sql`false`;
  }
}

/** May the actor place an enterprise in this zone (create it there, move it there)? */
export function canPlaceEnterpriseInZone(actor: Actor, zoneId: string | null): boolean {
  if (actor.role === 'commission') return true;
  if (actor.role === 'park') return actor.scope?.kind === 'zone' && zoneId === actor.scope.id;
  return false;
}

/** Soft-deleted records that can be restored (not those merged away): the commission only. */
export function deletedEnterpriseScope(actor: Actor): SQL {
  return actor.role === 'commission' ? and(isNotNull(enterprises.deletedAt), isNull(enterprises.mergedIntoId))! : sql`false`;
}
