import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { BUSINESS_ROLES } from '../../../../contracts/roles.ts';
import { experts } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the expert pool:
 * - every business role reads the pool (names, titles, affiliations, fields): experts are assigned and
 *   consulted across the district;
 * - contact details (phone, e-mail) only the commission, which organises reviews;
 * - declared conflicts of interest (which enterprise, what relation) only the commission and district leaders;
 * - only the commission changes the pool.
 */
export function expertScope(actor: Actor): SQL {
  const isBusiness = actor.role !== null && (BUSINESS_ROLES as readonly string[]).includes(actor.role);
  return isBusiness ? sql`${experts.deletedAt} IS NULL` : sql`false`;
}
export function expertWriteScope(actor: Actor): SQL {
  return actor.role === 'commission' ? expertScope(actor) : sql`false`;
}
export function deletedExpertScope(actor: Actor): SQL {
  return actor.role === 'commission' ? sql`${experts.deletedAt} IS NOT NULL` : sql`false`;
}
export const canSeeExpertContacts = (actor: Actor) => actor.role === 'commission';
export const canSeeExpertConflicts = (actor: Actor) => actor.role === 'commission' || actor.role === 'leader';

/** Fields of an expert's history an actor may not read. */
export function hiddenExpertFields(actor: Actor): string[] {
  return [...(canSeeExpertContacts(actor) ? [] : ['phone', 'email']), ...(canSeeExpertConflicts(actor) ? [] : ['conflicts'])];
}
