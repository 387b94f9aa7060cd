import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Actor } from '../app/actor.ts';
import type { Db } from '../db/client.ts';
import { rowsOf } from '../db/rows.ts';
import { scopeOf, type Scope } from './scope.ts';

/**
 * The access registry. Each feature registers, per entity, ONE rule per action: a function from the request's
 * `Scope` to a SQL predicate over the entity's rows. From that one rule the registry answers both questions a
 * feature asks:
 *  - "which rows may this actor touch" — `predicate(actor, action)`, included in every list, detail, export
 *    and statistic query;
 *  - "which of these ids may this actor touch" — `allowedIds(db, actor, action, ids)`, for bulk actions,
 *    imports and downloads (Immich's `requireAccess(ids)`): the same predicate, so the two never disagree.
 *
 * SECURITY INVARIANT: a query on a registered entity goes through its rule; a lookup that does not is named
 * `unsafe…` and says why. An unknown entity or action is a programming error and throws (never "allow").
 */

/** The usual actions; a feature may add its own (e.g. `attach`, `approve`). */
export type AccessAction = 'read' | 'write' | 'export' | 'import' | 'delete' | 'restore';

export type ScopeRule = (scope: Scope) => SQL;

/**
 * Where `allowedIds` looks the ids up: a table and its id column, or a FROM clause (with the aliases the
 * rule's SQL uses, e.g. `monthly_reports r JOIN enterprises e`) and the id expression.
 */
export type IdSource = { table: PgTable; id: PgColumn } | { from: SQL; id: SQL };

export interface AccessDefinition<A extends string> {
  /** The entity's name, unique: `enterprise`, `project`, `monthly-report` … */
  entity: string;
  ids: IdSource;
  rules: Record<A, ScopeRule>;
}

export interface EntityAccess<A extends string> {
  readonly entity: string;
  readonly actions: readonly A[];
  /** The rule itself, for decisions on the scope alone (no row involved). */
  rule(action: A): ScopeRule;
  /** The rows `actor` may `action`, as a SQL predicate. */
  predicate(actor: Actor, action: A): SQL;
  /** Those of `ids` that `actor` may `action` (missing and out-of-scope ids are simply absent). */
  allowedIds(db: Db, actor: Actor, action: A, ids: readonly string[]): Promise<Set<string>>;
  /** Whether `actor` may `action` the one object `id`. */
  allows(db: Db, actor: Actor, action: A, id: string): Promise<boolean>;
}

const REGISTRY = new Map<string, EntityAccess<string>>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 1000;

/** Registers an entity's rules (once: a second registration of the same entity is a programming error). */
export function registerAccess<A extends string>(definition: AccessDefinition<A>): EntityAccess<A> {
  if (REGISTRY.has(definition.entity)) throw new Error(`access rules for "${definition.entity}" are registered twice`);
  const actions = Object.keys(definition.rules) as A[];
  const rule = (action: A): ScopeRule => {
    const found = definition.rules[action];
    if (!found) throw new Error(`no access rule "${action}" for "${definition.entity}"`);
    return found;
  };
  const source = 'table' in definition.ids ? { from: sql`${definition.ids.table}`, id: sql`${definition.ids.id}` } : definition.ids;
  const entry: EntityAccess<A> = {
    entity: definition.entity,
    actions,
    rule,
    predicate: (actor, action) => rule(action)(scopeOf(actor)),
    async allowedIds(db, actor, action, ids) {
      const predicate = rule(action)(scopeOf(actor));
      // Ids that are not UUIDs name no row; leaving them out keeps a hostile list from failing the query.
      const wanted = [...new Set(ids)].filter((id) => UUID.test(id));
      const allowed = new Set<string>();
      for (let i = 0; i < wanted.length; i += BATCH) {
        const chunk = wanted.slice(i, i + BATCH);
        const rows = await rowsOf<{ id: string }>(
          db,
          sql`SELECT ${source.id} AS id FROM ${source.from} WHERE (${predicate}) AND ${source.id} IN (${sql.join(chunk.map((id) => sql`${id}`), sql`, `)})`,
        );
        for (const row of rows) allowed.add(String(row.id));
      }
      return allowed;
    },
    async allows(db, actor, action, id) {
      return (await entry.allowedIds(db, actor, action, [id])).has(id);
    },
  };
  REGISTRY.set(definition.entity, entry as unknown as EntityAccess<string>);
  return entry;
}

/** A registered entity's access, by name (for generic code: attachments, notifications, exports). */
export function accessOf(entity: string): EntityAccess<string> {
  const found = REGISTRY.get(entity);
  if (!found) throw new Error(`no access rules registered for "${entity}"`);
  return found;
}

/** Every registered entity with its actions, for documentation and tests. */
export function registeredAccess(): { entity: string; actions: readonly string[] }[] {
  return [...REGISTRY.values()].map((e) => ({ entity: e.entity, actions: e.actions })).sort((a, b) => a.entity.localeCompare(b.entity));
}
