import { eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { carriers } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the one place that decides which carriers an actor may see:
 * - leader, commission, department: every carrier (departments serve and attract firms district-wide);
 * - park: the carriers of its own zone;
 * - enterprise, expert, administrators: none (carriers list their occupants, i.e. other enterprises).
 */
export function carrierScope(actor: Actor): SQL {
  const notDeleted = sql`${carriers.deletedAt} IS NULL`;
  switch (actor.role) {
    case 'leader':
    case 'commission':
    case 'department':
      return notDeleted;
    case 'park':
      return actor.scope?.kind === 'zone' ? sql`${notDeleted} AND ${eq(carriers.zoneId, actor.scope.id)}` : sql`false`;
    default:
      return sql`false`;
  }
}

/** Carriers an actor may change (and whose occupants it may record): the commission all, a park its zone's. */
export function carrierWriteScope(actor: Actor): SQL {
  return actor.role === 'commission' || actor.role === 'park' ? carrierScope(actor) : sql`false`;
}

export function canPlaceCarrierInZone(actor: Actor, zoneId: string | null): boolean {
  if (actor.role === 'commission') return true;
  return actor.role === 'park' && actor.scope?.kind === 'zone' && zoneId === actor.scope.id;
}

export function deletedCarrierScope(actor: Actor): SQL {
  return actor.role === 'commission' ? sql`${carriers.deletedAt} IS NOT NULL` : sql`false`;
}
