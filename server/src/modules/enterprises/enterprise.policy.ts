import { and, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
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
 * - anyone else (providers, administrators, an account without a role): nothing.
 */
function readable(scope: Scope): SQL {
  const notDeleted = sql`${enterprises.deletedAt} IS NULL`;
  switch (scope.kind) {
    case 'district':
    case 'department':
      return notDeleted;
    case 'zone':
      return sql`${notDeleted} AND ${inIds(enterprises.zoneId, scope.ids)}`;
    case 'enterprise':
      return sql`${notDeleted} AND ${inIds(enterprises.id, scope.ids)}`;
    default:
      return sql`false`;
  }
}

/**
 * Which enterprises an actor may change (update, map onto chain nodes, import over): the commission every
 * one, a park committee those of its own zone, nobody else — whatever permissions a role is later given, this
 * is never wider than the read rule.
 */
function writable(scope: Scope): SQL {
  return managesDistrict(scope) || scope.kind === 'zone' ? readable(scope) : sql`false`;
}

export const enterpriseAccess = registerAccess({
  entity: 'enterprise',
  ids: { table: enterprises, id: enterprises.id },
  rules: {
    read: readable,
    export: readable,
    write: writable,
    import: writable,
    // The route permission (enterprise.delete) narrows deleting to the commission.
    delete: writable,
    // Soft-deleted records that can be restored (not those merged away): the commission only.
    restore: (scope) => (managesDistrict(scope) ? and(isNotNull(enterprises.deletedAt), isNull(enterprises.mergedIntoId))! : sql`false`),
    // Evidence files (attachments): where the actor may edit, and an enterprise account to its own record.
    attach: (scope) => (scope.kind === 'enterprise' ? readable(scope) : writable(scope)),
  },
});

export const enterpriseScope = (actor: Actor): SQL => enterpriseAccess.predicate(actor, 'read');
export const enterpriseWriteScope = (actor: Actor): SQL => enterpriseAccess.predicate(actor, 'write');
export const deletedEnterpriseScope = (actor: Actor): SQL => enterpriseAccess.predicate(actor, 'restore');

/** May the actor place an enterprise in this zone (create it there, move it there)? */
export function canPlaceEnterpriseInZone(actor: Actor, zoneId: string | null): boolean {
  const scope = scopeOf(actor);
  if (managesDistrict(scope)) return true;
  return scope.kind === 'zone' && zoneId !== null && scope.ids.includes(zoneId);
}
