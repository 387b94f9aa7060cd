import { sql } from 'drizzle-orm';
import type { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { diffRecords } from '../../domain/registries/record-diff.ts';
import type { Caller } from '../registry-common/caller.ts';
import type { ChangeEvent } from '../registry-common/record-history.ts';
import type { IoContext } from './entity.ts';

/**
 * Set-based writing of an import: the same checks and the same rows (records, chain mappings, history) as the
 * entity's per-row insert/update, but a handful of statements per chunk instead of a savepoint and half a dozen
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
  write(ctx: IoContext, items: readonly BulkItem<Input>[], onProgress?: (done: number) => void): Promise<BulkOutcome[]>;
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
      changes,
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

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
