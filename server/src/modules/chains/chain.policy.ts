import { sql } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import { isBusinessScope, managesDistrict, registerAccess, scopeOf, type Scope } from '../../access/index.ts';
import { chainNodesTable } from '../../db/schema/index.ts';

/**
 * SECURITY INVARIANT — industry chains are reference data: every business scope reads the templates and
 * nodes; only the commission edits them. What is mapped onto a node (enterprises, projects) is shown through
 * the enterprise and project rules, so counts and member lists never exceed what the caller may see.
 */
const readsChains = (scope: Scope): boolean => isBusinessScope(scope);
const editsChains = (scope: Scope): boolean => managesDistrict(scope);

export const chainAccess = registerAccess({
  entity: 'chain-node',
  ids: { table: chainNodesTable, id: chainNodesTable.id },
  rules: {
    read: (scope) => (readsChains(scope) ? sql`${chainNodesTable.deletedAt} IS NULL` : sql`false`),
    write: (scope) => (editsChains(scope) ? sql`${chainNodesTable.deletedAt} IS NULL` : sql`false`),
  },
});

/** The same rules on the scope alone, for the template-level decisions (a template has no row scope). */
export function canReadChains(actor: Actor): boolean {
  return readsChains(scopeOf(actor));
}
export function canEditChains(actor: Actor): boolean {
  return editsChains(scopeOf(actor));
}
