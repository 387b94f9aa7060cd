import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../app/actor.ts';

/**
 * SECURITY INVARIANT — the one answer to "whose data does this request act for". Every entity's access rule
 * (registry.ts) reads this, never the role or the account's scope columns directly, so a new kind of account
 * is one case here plus the rules that mention it.
 *
 * - `district` / `read`: a district leader — everything, read only;
 * - `district` / `manage`: the Economic Commission (and the console operator) — everything;
 * - `department`: a responsible department (its id);
 * - `zone`: a park committee (its zone's id);
 * - `enterprise`: an enterprise account (its own id);
 * - `provider`: an account acting for a platform of the registry or an expert of the pool
 *   (docs/decisions/0017); `ids` is empty for an expert account not yet linked to its record;
 * - `none`: the three administrators and an account without a role read no business data.
 *
 * The id lists are lists so that a later account kind covering several departments or zones needs no new
 * shape; today every account holds at most one.
 */
export type Scope =
  | { kind: 'district'; mode: 'read' | 'manage' }
  | { kind: 'department'; ids: readonly string[] }
  | { kind: 'zone'; ids: readonly string[] }
  | { kind: 'enterprise'; ids: readonly string[] }
  | { kind: 'provider'; provider: 'platform' | 'expert'; ids: readonly string[] }
  | { kind: 'none' };

export type ScopeOf<K extends Scope['kind']> = Extract<Scope, { kind: K }>;

const resolved = new WeakMap<Actor, Scope>();

/** The request's scope: resolved once per actor (one actor object per request) and remembered. */
export function scopeOf(actor: Actor): Scope {
  let scope = resolved.get(actor);
  if (!scope) {
    scope = resolveScope(actor);
    resolved.set(actor, scope);
  }
  return scope;
}

function resolveScope(actor: Actor): Scope {
  const own = (kind: NonNullable<Actor['scope']>['kind']): readonly string[] => (actor.scope?.kind === kind ? [actor.scope.id] : []);
  switch (actor.role) {
    case 'leader':
      return { kind: 'district', mode: 'read' };
    case 'commission':
      return { kind: 'district', mode: 'manage' };
    case 'department':
      return { kind: 'department', ids: own('department') };
    case 'park':
      return { kind: 'zone', ids: own('zone') };
    case 'enterprise':
      return { kind: 'enterprise', ids: own('enterprise') };
    case 'expert':
      return { kind: 'provider', provider: 'expert', ids: own('expert') };
    case 'platform':
      return { kind: 'provider', provider: 'platform', ids: own('platform') };
    default:
      return { kind: 'none' };
  }
}

/** The commission's scope: the whole district, to change. */
export function managesDistrict(scope: Scope): boolean {
  return scope.kind === 'district' && scope.mode === 'manage';
}

/** Any business scope (every kind but `none`): who reads the shared catalogues. */
export function isBusinessScope(scope: Scope): boolean {
  return scope.kind !== 'none';
}

/** `column` is one of `ids`; no ids is no row (a scoped account without its scope sees nothing). */
export function inIds(column: PgColumn | SQL, ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`false`;
  return ids.length === 1 ? sql`${column} = ${ids[0]}` : sql`${column} IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
}

/** The first (today: the only) id of a scope list, for the few places that need one id. */
export function singleId(ids: readonly string[]): string | null {
  return ids[0] ?? null;
}
