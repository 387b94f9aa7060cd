import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { isBusinessScope, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { experts } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — the expert pool:
 * - every business scope reads the pool (names, titles, affiliations, fields): experts are assigned and
 *   consulted across the district (the route permission `expert.read` leaves out platform operators);
 * - contact details (phone, e-mail) only the commission, which organises reviews;
 * - declared conflicts of interest (which enterprise, what relation) only the commission and district leaders;
 * - only the commission changes the pool.
 */
function readable(scope: Scope): SQL {
  return isBusinessScope(scope) ? sql`${experts.deletedAt} IS NULL` : sql`false`;
}
function writable(scope: Scope): SQL {
  return managesDistrict(scope) ? readable(scope) : sql`false`;
}

export const expertAccess = registerAccess({
  entity: 'expert',
  ids: { table: experts, id: experts.id },
  rules: {
    read: readable,
    export: readable,
    write: writable,
    import: writable,
    delete: writable,
    restore: (scope) => (managesDistrict(scope) ? sql`${experts.deletedAt} IS NOT NULL` : sql`false`),
  },
});

export const expertScope = (actor: Actor): SQL => expertAccess.predicate(actor, 'read');
export const expertWriteScope = (actor: Actor): SQL => expertAccess.predicate(actor, 'write');
export const deletedExpertScope = (actor: Actor): SQL => expertAccess.predicate(actor, 'restore');
export const canSeeExpertContacts = (actor: Actor) => managesDistrict(scopeOf(actor));
export const canSeeExpertConflicts = (actor: Actor) => scopeOf(actor).kind === 'district';

/** Fields of an expert's history an actor may not read. */
export function hiddenExpertFields(actor: Actor): string[] {
  return [...(canSeeExpertContacts(actor) ? [] : ['phone', 'email']), ...(canSeeExpertConflicts(actor) ? [] : ['conflicts'])];
}
