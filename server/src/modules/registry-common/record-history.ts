import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordHistory } from '../../db/schema/index.ts';
import { diffRecords, type Changes } from '../../domain/registries/record-diff.ts';
import type { AuditAction } from '../../../../contracts/audit-actions.ts';
import type { AuditService } from '../audit/index.ts';
import type { Caller } from './caller.ts';
import { maskContacts, type ClearContact } from '../crypto/index.ts';
import { maskPersonal, type PersonalField } from '../../domain/security/personal-info.ts';

export type HistorySource = 'api' | 'import' | 'merge' | 'seed';

export interface ChangeEvent {
  objectType: string;
  objectId: string;
  action: AuditAction;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  source?: HistorySource;
}

/** One history row for one changed record (nothing when nothing changed). Same transaction as the change. */
export async function appendHistory(tx: Db, caller: Caller, event: ChangeEvent, now: Date): Promise<Changes> {
  const changes = diffRecords(event.before, event.after);
  if (Object.keys(changes).length === 0 && event.before && event.after) return changes;
  // The change is detected on the clear values; what is kept of contacts is their masked form.
  const kept: Changes = maskedChanges(changes);
  await tx.insert(recordHistory).values({
    objectType: event.objectType,
    objectId: event.objectId,
    action: event.action,
    source: event.source ?? 'api',
    changes: kept,
    actorUserId: caller.audit.userId,
    actorUsername: caller.audit.username,
    requestId: caller.origin?.requestId ?? null,
    at: now,
  });
  return changes;
}

/**
 * A single write through the API: its history row and its audit record (before/after), both in `tx`, so
 * the change, its history and its audit record commit together or not at all.
 */
export async function recordChange(tx: Db, audit: AuditService, caller: Caller, event: ChangeEvent, now: Date): Promise<void> {
  await appendHistory(tx, caller, event, now);
  await audit.inTransaction(tx, caller.audit, caller.origin, {
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    before: withMaskedPersonal(event.before),
    after: withMaskedPersonal(event.after),
  });
}

/**
 * Personal information never reaches the history or the audit log in the clear (issue 19): a `contacts`
 * list (name, phone, e-mail per contact) is kept masked — 张*, 138****5678, z***@example.cn.
 */
function maskedContactList(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return maskContacts(value.filter((c): c is ClearContact => !!c && typeof c === 'object' && typeof (c as ClearContact).name === 'string'));
}

/** Personal values kept in plain fields of a record's view (departments, platforms, experts) and their kind. */
const PERSONAL_KEYS: Readonly<Record<string, PersonalField>> = { contactName: 'name', contactPhone: 'mobile', phone: 'mobile', email: 'email' };

function maskedValue(key: string, value: unknown): unknown {
  if (key === 'contacts') return maskedContactList(value);
  const field = PERSONAL_KEYS[key];
  return field && typeof value === 'string' ? maskPersonal(field, value) : value;
}

/** A change set as the history keeps it: personal values masked (also used by the bulk import's history). */
export function maskedChanges(changes: Changes): Changes {
  return Object.fromEntries(Object.entries(changes).map(([key, [before, after]]) => [key, [maskedValue(key, before), maskedValue(key, after)]])) as Changes;
}

function withMaskedPersonal<T>(view: T): T {
  if (!view || typeof view !== 'object') return view;
  return Object.fromEntries(Object.entries(view).map(([key, value]) => [key, maskedValue(key, value)])) as T;
}

/**
 * The history of one record. The caller has already checked that the record is in the actor's scope (a
 * record outside it answers 404 before this runs); `hiddenFields` removes fields the actor may not read
 * (e.g. an expert's phone for anyone but the commission).
 */
export async function listHistory(db: Db, objectType: string, objectId: string, hiddenFields: readonly string[] = []) {
  const rows = await db
    .select()
    .from(recordHistory)
    .where(and(eq(recordHistory.objectType, objectType), eq(recordHistory.objectId, objectId)))
    .orderBy(asc(recordHistory.id))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    source: r.source as HistorySource,
    actor: r.actorUsername,
    changes: Object.entries(r.changes ?? {})
      .filter(([field]) => !hiddenFields.includes(field))
      .map(([field, [before, after]]) => ({ field, before, after })),
  }));
}
