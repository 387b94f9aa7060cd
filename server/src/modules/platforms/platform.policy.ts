import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { BUSINESS_ROLES } from '../../../../contracts/roles.ts';
import { platforms } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — platforms are a public catalogue inside the platform: every business role reads all
 * of them (services are offered to every enterprise); administrators and accounts without a role read none.
 * Only the commission changes them.
 */
export function platformScope(actor: Actor): SQL {
  const isBusiness = actor.role !== null && (BUSINESS_ROLES as readonly string[]).includes(actor.role);
  return isBusiness ? sql`${platforms.deletedAt} IS NULL` : sql`false`;
}

export function platformWriteScope(actor: Actor): SQL {
  return actor.role === 'commission' ? platformScope(actor) : sql`false`;
}

export function deletedPlatformScope(actor: Actor): SQL {
  return actor.role === 'commission' ? sql`${platforms.deletedAt} IS NOT NULL` : sql`false`;
}
