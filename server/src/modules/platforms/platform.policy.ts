import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { isBusinessScope, managesDistrict, registerAccess, type Scope } from '../../access/index.ts';
import { platforms } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — platforms are a public catalogue inside the platform: every business scope reads all
 * of them (services are offered to every enterprise; a platform operator reads its peers too);
 * administrators and accounts without a role read none. Only the commission changes them.
 */
function readable(scope: Scope): SQL {
  return isBusinessScope(scope) ? sql`${platforms.deletedAt} IS NULL` : sql`false`;
}
function writable(scope: Scope): SQL {
  return managesDistrict(scope) ? readable(scope) : sql`false`;
}

export const platformAccess = registerAccess({
  entity: 'platform',
  ids: { table: platforms, id: platforms.id },
  rules: {
    read: readable,
    export: readable,
    write: writable,
    import: writable,
    delete: writable,
    restore: (scope) => (managesDistrict(scope) ? sql`${platforms.deletedAt} IS NOT NULL` : sql`false`),
  },
});

export const platformScope = (actor: Actor): SQL => platformAccess.predicate(actor, 'read');
export const platformWriteScope = (actor: Actor): SQL => platformAccess.predicate(actor, 'write');
export const deletedPlatformScope = (actor: Actor): SQL => platformAccess.predicate(actor, 'restore');
