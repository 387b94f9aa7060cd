import { and, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { AuditAction } from '../../../../contracts/audit-actions.ts';
import type { Actor } from '../../app/actor.ts';
import { AppError, errors, type ErrorDetail } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { diffRecords } from '../../domain/registries/record-diff.ts';
import { unsafeEnterpriseIdsByUscc } from '../projects/index.ts';
import { type Caller, type ChangeEvent, maskedChanges } from '../registry-common/index.ts';
import { rowsOf } from '../../db/rows.ts';
import type { IoContext } from './entity.ts';

/**
 * Set-based writing of an import: the same checks and the same rows (records, links, history) as the entity's
 * per-row insert/update, but a handful of statements per chunk instead of a savepoint and half a dozen
 * statements per row. An entity without a bulk writer keeps the per-row path.
 *
 * Contract: every check that can refuse a row runs before anything of that row is written, and a refused row
 * writes nothing, so valid-only mode needs no savepoints; all-or-nothing rolls the transaction back.
 */
export interface BulkItem<Input> {
  input: Input;
  /** The stored record to update; absent for a new one. */
  existingId?: string | undefined;
}

export type BulkOutcome = 'inserted' | 'updated' | AppError;

export interface BulkWriter<Input> {
  /** The stored records in contract-input shape (what toInput merges over), for many ids at once. */
  storedViews(ctx: IoContext, ids: readonly string[]): Promise<Map<string, Record<string, unknown>>>;
  /** Writes the items inside ctx.tx; one outcome per item, in order. `onProgress` gets the items handled so far. */
  write(ctx: IoContext, items: readonly BulkItem<Input>[], onProgress?: (done: number) => void | Promise<void>): Promise<BulkOutcome[]>;
}

/** A record this import wrote: its item's position, its id and what the entity prepared for it. */
export interface Written<Prepared> {
  at: number;
  id: string;
  prepared: Prepared;
  created: boolean;
}

/** The stored record an update starts from: its row and its audit view (the history's "before"). */
export interface Stored<Row> {
  row: Row;
  view: Record<string, unknown>;
}

/**
 * What one entity brings to the shared set-based write (bulkWriterOf): how to read its rows and views in bulk,
 * the checks of its per-row insert/update as a pure function, and its multi-row statements.
 */
export interface BulkEntity<Input, Row extends { id: string }, Prepared, Lookup> {
  objectType: string;
  actions: { create: AuditAction; update: AuditAction };
  notFound(): AppError;
  /** Full rows by id: inside the caller's write scope, or all (`scoped` false: rows this import just wrote). */
  rows(ctx: IoContext, ids: readonly string[], scoped: boolean): Promise<Map<string, Row>>;
  /** Audit views (contract-input shape, references by code) of rows, their links read in bulk. */
  views(ctx: IoContext, rows: readonly Row[]): Promise<Map<string, Record<string, unknown>>>;
  /** What the checks need beyond the reference index, read once for all items (ids of enterprises by code …). */
  lookup(ctx: IoContext, inputs: readonly Input[]): Promise<Lookup>;
  /** Every check of the per-row write, in its order; the values to write, or the refusal the per-row write throws. */
  prepare(ctx: IoContext, input: Input, stored: Stored<Row> | undefined, lookup: Lookup, now: Date): Prepared | AppError;
  /** Inserts one chunk; per item (in order) the new id, or a refusal found by the insert itself. */
  insert(ctx: IoContext, part: readonly Prepared[], now: Date): Promise<(string | AppError)[]>;
  /** Updates one chunk inside the write scope; the ids updated. */
  update(ctx: IoContext, part: readonly { id: string; prepared: Prepared }[], now: Date): Promise<Set<string>>;
  /** The written records' side tables (links, stage dates, events), as the per-row writes leave them. */
  links?(ctx: IoContext, written: readonly Written<Prepared>[], now: Date): Promise<void>;
}

const CHUNK = 500;

/** The BulkWriter of an entity: rounds of check → multi-row insert/update → links → history. */
export function bulkWriterOf<Input, Row extends { id: string }, Prepared, Lookup>(entity: BulkEntity<Input, Row, Prepared, Lookup>): BulkWriter<Input> {
  return {
    async storedViews(ctx, ids) {
      return entity.views(ctx, [...(await entity.rows(ctx, ids, true)).values()]);
    },
    async write(ctx, items, onProgress = () => {}) {
      const outcomes: BulkOutcome[] = new Array(items.length);
      const lookup = await entity.lookup(ctx, items.map((i) => i.input));
      const now = ctx.deps.clock();
      let handled = 0;
      const progress = (n: number) => onProgress((handled += n));
      for (const round of rounds(items)) await writeRound(entity, ctx, round, lookup, now, outcomes, progress);
      return outcomes;
    },
  };
}

type Positioned<Input> = { at: number; item: BulkItem<Input> };

/**
 * Rows of one file can reach the same stored record twice (one by its code, one by its name). Written row by row,
 * the second update starts from what the first wrote; here each further update of a record goes to a later
 * round, which reads the record again. Nearly every file has one round.
 */
function rounds<Input>(items: readonly BulkItem<Input>[]): Positioned<Input>[][] {
  const out: Positioned<Input>[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, at) => {
    let round = 0;
    if (item.existingId) {
      round = seen.get(item.existingId) ?? 0;
      seen.set(item.existingId, round + 1);
    }
    (out[round] ??= []).push({ at, item });
  });
  return out;
}

async function writeRound<Input, Row extends { id: string }, Prepared, Lookup>(
  entity: BulkEntity<Input, Row, Prepared, Lookup>,
  ctx: IoContext,
  round: readonly Positioned<Input>[],
  lookup: Lookup,
  now: Date,
  outcomes: BulkOutcome[],
  progress: (n: number) => void | Promise<void>,
): Promise<void> {
  // The stored rows inside the write scope, read in this transaction (as the per-row update does).
  const before = await entity.rows(ctx, round.flatMap((p) => (p.item.existingId ? [p.item.existingId] : [])), true);
  const beforeViews = await entity.views(ctx, [...before.values()]);
  const inserts: { at: number; prepared: Prepared }[] = [];
  const updates: { at: number; id: string; prepared: Prepared }[] = [];
  for (const { at, item } of round) {
    const row = item.existingId ? before.get(item.existingId) : undefined;
    if (item.existingId && !row) {
      outcomes[at] = entity.notFound();
      continue;
    }
    const prepared = entity.prepare(ctx, item.input, row && { row, view: beforeViews.get(row.id)! }, lookup, now);
    if (prepared instanceof AppError) outcomes[at] = prepared;
    else if (row) updates.push({ at, id: row.id, prepared });
    else inserts.push({ at, prepared });
  }
  await progress(round.length - inserts.length - updates.length);

  const written: Written<Prepared>[] = [];
  for (const part of chunks(inserts, CHUNK)) {
    const ids = await entity.insert(ctx, part.map((p) => p.prepared), now);
    part.forEach((p, i) => {
      const id = ids[i]!;
      if (id instanceof AppError) outcomes[p.at] = id;
      else written.push({ at: p.at, id, prepared: p.prepared, created: true });
    });
    await progress(part.length);
  }
  for (const part of chunks(updates, CHUNK)) {
    const done = await entity.update(ctx, part, now);
    for (const p of part) {
      if (done.has(p.id)) written.push({ at: p.at, id: p.id, prepared: p.prepared, created: false });
      else outcomes[p.at] = entity.notFound();
    }
    await progress(part.length);
  }
  // Side tables and history in the file's row order, as the per-row path writes them.
  written.sort((a, b) => a.at - b.at);
  await entity.links?.(ctx, written, now);

  // History with the same before/after views as the per-row path (after = the stored row as written).
  const afterRows = await entity.rows(ctx, written.map((w) => w.id), false);
  const afterViews = await entity.views(ctx, [...afterRows.values()]);
  const events: ChangeEvent[] = written.map((w) => ({
    objectType: entity.objectType,
    objectId: w.id,
    action: w.created ? entity.actions.create : entity.actions.update,
    before: w.created ? null : beforeViews.get(w.id)!,
    after: afterViews.get(w.id)!,
    source: 'import',
  }));
  await appendHistories(ctx.tx, ctx.caller, events, now);
  for (const w of written) outcomes[w.at] = w.created ? 'inserted' : 'updated';
}

/** Registered enterprises' ids by credit code, for the codes a file names (unsafe: ids only, never shown). */
export async function enterpriseIdsByUscc(ctx: IoContext, codes: readonly (string | null | undefined)[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes.filter((c): c is string => !!c))];
  for (const part of chunks(unique, 5000)) for (const [code, id] of await unsafeEnterpriseIdsByUscc(ctx.tx, part)) out.set(code, id);
  return out;
}

/** Rows by id, read in chunks (one statement per 5,000 ids). */
export async function rowsByIds<Row extends { id: string }>(ids: readonly string[], read: (part: string[]) => Promise<Row[]>): Promise<Map<string, Row>> {
  const out = new Map<string, Row>();
  for (const part of chunks([...new Set(ids)], 5000)) for (const row of await read(part)) out.set(row.id, row);
  return out;
}

/** The `rows` of a BulkEntity for a table with an `id`: inside `writeScope` of the caller, or all. */
export function rowsOfTable<T extends PgTable & { id: PgColumn }>(table: T, writeScope: (actor: Actor) => SQL) {
  return (ctx: IoContext, ids: readonly string[], scoped: boolean) =>
    rowsByIds(ids, (part) => {
      const where = scoped ? and(writeScope(ctx.caller.actor), inArray(table.id, part)) : inArray(table.id, part);
      return ctx.tx.select().from(table as PgTable).where(where) as unknown as Promise<(T['$inferSelect'] & { id: string })[]>;
    });
}

/**
 * One UPDATE … FROM jsonb_to_recordset for many rows of a registry table, each with its own values (by the
 * table's property names, as drizzle's .set takes them; every row the same keys), only where `scope` holds;
 * the version goes up by one and updated_at becomes `now`, as in the per-row update. Returns the ids updated.
 * Column types come from the table definition. Columns in `keepWhenNull` keep the stored value where the row
 * has null (a code the sheet leaves blank).
 */
export async function updateRows(
  tx: Db,
  table: PgTable,
  rows: readonly { id: string; values: Record<string, unknown> }[],
  options: { scope: SQL; now: Date; keepWhenNull?: readonly string[] },
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!.values).filter((k) => k !== 'id');
  const name = getTableName(table);
  const q = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
  const dbName = (key: string) => {
    const column = columns[key];
    if (!column) throw new Error(`${name} has no column ${key}`);
    return column.name;
  };
  const assignments = keys.map((k) => {
    const c = q(dbName(k));
    return options.keepWhenNull?.includes(k) ? `${c} = coalesce(x.${c}, ${q(name)}.${c})` : `${c} = x.${c}`;
  });
  assignments.push(`version = ${q(name)}.version + 1`);
  const declared = ['id uuid', ...keys.map((k) => `${q(dbName(k))} ${columns[k]!.getSQLType()}`)];
  const payload = rows.map((r) => Object.fromEntries([['id', r.id], ...keys.map((k) => [dbName(k), r.values[k] ?? null])]));
  const updated = await rowsOf<{ id: string }>(
    tx,
    sql`UPDATE ${table} SET ${sql.raw(assignments.join(', '))}, updated_at = ${options.now}
          FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS x(${sql.raw(declared.join(', '))})
         WHERE ${sql.raw(`${q(name)}.id`)} = x.id AND ${options.scope}
        RETURNING ${sql.raw(`${q(name)}.id`)}`,
  );
  return new Set(updated.map((r) => r.id));
}

/**
 * Multi-row insert of new records that each carry a unique code (prepare gives every new record one; null
 * stands only for "keep" on updates), created and updated `now`; their ids in the
 * order of `rows`. A taken code fails the statement (and so the import), as the per-row insert does.
 */
export async function insertReturningIds(
  tx: Db,
  table: PgTable & { id: PgColumn; code: PgColumn },
  rows: readonly ({ code: string | null } & Record<string, unknown>)[],
  now: Date,
): Promise<string[]> {
  const returned = (await tx
    .insert(table)
    .values(rows.map((r) => ({ ...r, createdAt: now, updatedAt: now })) as never)
    .returning({ id: table.id, code: table.code })) as { id: string; code: string }[];
  const idOf = new Map<string | null, string>(returned.map((r) => [r.code, r.id]));
  return rows.map((r) => idOf.get(r.code)!);
}

/** Multi-row insert of history rows, the same rows appendHistory writes one at a time (nothing for no change). */
export async function appendHistories(tx: Db, caller: Caller, events: readonly ChangeEvent[], now: Date): Promise<void> {
  const rows = [];
  for (const event of events) {
    const changes = diffRecords(event.before, event.after);
    if (Object.keys(changes).length === 0 && event.before && event.after) continue;
    rows.push({
      ord: rows.length,
      object_type: event.objectType,
      object_id: event.objectId,
      action: event.action,
      source: event.source ?? 'api',
      // As appendHistory keeps them: personal values masked (detected on the clear values).
      changes: maskedChanges(changes),
      actor_user_id: caller.audit.userId,
      actor_username: caller.audit.username,
      request_id: caller.origin?.requestId ?? null,
    });
  }
  // One JSON parameter per chunk: binding thousands of parameters costs more than the insert on PGlite.
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.execute(sql`INSERT INTO record_history (object_type, object_id, action, source, changes, actor_user_id, actor_username, request_id, at)
      SELECT x.object_type, x.object_id, x.action, x.source, x.changes, x.actor_user_id, x.actor_username, x.request_id, ${now}
        FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 2000))}::jsonb)
          AS x(ord int, object_type text, object_id uuid, action text, source text, changes jsonb, actor_user_id uuid, actor_username text, request_id text)
       ORDER BY x.ord`);
  }
}

/** The refusal collected problems amount to (what ReferenceResolver.throwIfProblems throws), or null. */
export function refusalOf(problems: readonly ErrorDetail[]): AppError | null {
  return problems.length ? errors.validation([...problems]) : null;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
