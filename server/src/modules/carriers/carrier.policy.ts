import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { carriers } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which carriers an actor may see:
 * - leader, commission, department: every carrier (departments serve and attract firms district-wide);
 * - park: the carriers of its own zone;
 * - enterprise, providers, administrators: none (carriers list their occupants, i.e. other enterprises).
 */
function readable(scope: Scope): SQL {
  const notDeleted = sql`${carriers.deletedAt} IS NULL`;
  switch (scope.kind) {
    case 'district':
    case 'department':
      return notDeleted;
    case 'zone':
      return sql`${notDeleted} AND ${inIds(carriers.zoneId, scope.ids)}`;
    default:
      return sql`false`;
  }
}

/** Carriers an actor may change (and whose occupants it may record): the commission all, a park its zone's. */
function writable(scope: Scope): SQL {
  return managesDistrict(scope) || scope.kind === 'zone' ? readable(scope) : sql`false`;
}

export const carrierAccess = registerAccess({
  entity: 'carrier',
  ids: { table: carriers, id: carriers.id },
  rules: {
    read: readable,
    export: readable,
    write: writable,
    import: writable,
    // The route permission (carrier.delete) narrows deleting to the commission.
    delete: writable,
    restore: (scope) => (managesDistrict(scope) ? sql`${carriers.deletedAt} IS NOT NULL` : sql`false`),
  },
});

export const carrierScope = (actor: Actor): SQL => carrierAccess.predicate(actor, 'read');
export const carrierWriteScope = (actor: Actor): SQL => carrierAccess.predicate(actor, 'write');
export const deletedCarrierScope = (actor: Actor): SQL => carrierAccess.predicate(actor, 'restore');

export function canPlaceCarrierInZone(actor: Actor, zoneId: string | null): boolean {
  const scope = scopeOf(actor);
  if (managesDistrict(scope)) return true;
  return scope.kind === 'zone' && zoneId !== null && scope.ids.includes(zoneId);
}
