import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { inIds, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which tenancies (and so which move events) an actor sees and
 * records. Rows are `carrier_occupants o JOIN carriers c ON c.id = o.carrier_id`:
 * - leader, commission, department: every tenancy of a carrier not deleted (as they read every carrier);
 * - park: the tenancies of its own zone's carriers;
 * - enterprise: its own tenancies, in whichever carrier (一企一档);
 * - providers, administrators: none.
 * Writing (recording a move, renewing a lease): the commission every carrier, a park its zone's carriers.
 */
const live = sql`c.deleted_at IS NULL`;

function readable(scope: Scope): SQL {
  switch (scope.kind) {
    case 'district':
    case 'department':
      return live;
    case 'zone':
      return sql`${live} AND ${inIds(sql`c.zone_id`, scope.ids)}`;
    case 'enterprise':
      return sql`${live} AND ${inIds(sql`o.enterprise_id`, scope.ids)}`;
    default:
      return sql`false`;
  }
}

function writable(scope: Scope): SQL {
  if (managesDistrict(scope)) return live;
  return scope.kind === 'zone' ? readable(scope) : sql`false`;
}

export const tenancyAccess = registerAccess({
  entity: 'carrier-tenancy',
  ids: { from: sql`carrier_occupants o JOIN carriers c ON c.id = o.carrier_id`, id: sql`o.id` },
  rules: { read: readable, write: writable },
});

/** Predicates over the aliases `o` (carrier_occupants) and `c` (carriers). */
export const tenancyReadScope = (actor: Actor): SQL => tenancyAccess.predicate(actor, 'read');
export const tenancyWriteScope = (actor: Actor): SQL => tenancyAccess.predicate(actor, 'write');
