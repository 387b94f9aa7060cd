import { sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/client.ts';

/** All SQL of the notifications feature. Every read and write is keyed by the user it belongs to. */

export interface NotificationRow {
  id: string;
  user_id: string;
  kind: string;
  object_kind: string;
  object_id: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

export interface RecipientQuery {
  roles: readonly string[];
  /** Only accounts scoped to this object (e.g. the users of one enterprise). */
  scope?: { kind: string; id: string } | undefined;
  userIds?: readonly string[] | undefined;
}

/** Active accounts of the given roles (and scope), or of the given ids. */
export async function resolveRecipients(database: Database, q: RecipientQuery): Promise<string[]> {
  const rows = await database.query<{ id: string }>(
    `SELECT id FROM users
      WHERE status = 'active' AND role = ANY($1::text[])
        AND ($2::text IS NULL OR (scope_kind = $2 AND scope_id = $3::uuid))
        AND ($4::uuid[] IS NULL OR id = ANY($4::uuid[]))
      ORDER BY id`,
    [q.roles, q.scope?.kind ?? null, q.scope?.id ?? null, q.userIds ?? null],
  );
  return rows.map((r) => r.id);
}

export interface NewNotification {
  kind: string;
  objectKind: string;
  objectId: string;
  day: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  createdAt: Date;
}

/**
 * Inserts one notification per recipient; a recipient who already has this (kind, object, day) gets nothing.
 * Answers the rows actually added, with the e-mail address of those who want a copy of this kind.
 */
export async function insertNotifications(database: Database, userIds: string[], n: NewNotification): Promise<{ id: string; user_id: string; email: string | null }[]> {
  if (!userIds.length) return [];
  return database.query(
    `WITH added AS (
       INSERT INTO notifications (user_id, kind, object_kind, object_id, day, title_zh, title_en, body_zh, body_en, link, created_at)
       SELECT u, $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11 FROM unnest($1::uuid[]) AS u
       ON CONFLICT ON CONSTRAINT notifications_once_per_day_key DO NOTHING
       RETURNING id, user_id)
     SELECT a.id, a.user_id, CASE WHEN p.channel = 'inbox+email' THEN ad.email END AS email
       FROM added a
       LEFT JOIN notification_preferences p ON p.user_id = a.user_id AND p.kind = $2
       LEFT JOIN notification_addresses ad ON ad.user_id = a.user_id`,
    [userIds, n.kind, n.objectKind, n.objectId, n.day, n.titleZh, n.titleEn, n.bodyZh, n.bodyEn, n.link, n.createdAt],
  );
}

/**
 * The outcome of one e-mail attempt on a notification: `sent`, `retrying` (again at `nextAt`) or `failed`
 * (the last attempt). Counts the attempt.
 */
export async function recordEmailOutcome(
  database: Database,
  id: string,
  outcome: { status: 'sent' | 'retrying' | 'failed'; error?: string | null; nextAt?: Date | null },
): Promise<void> {
  await database.query('UPDATE notifications SET email_status = $2, email_error = $3, email_next_at = $4, email_attempts = email_attempts + 1 WHERE id = $1', [
    id,
    outcome.status,
    outcome.error ?? null,
    outcome.status === 'retrying' ? (outcome.nextAt ?? null) : null,
  ]);
}

export interface DueEmail {
  id: string;
  email: string | null;
  attempts: number;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
}

/**
 * Claims up to `limit` e-mail copies due for a retry at `now`: pushes their next attempt `leaseMs` ahead in
 * the same statement (SKIP LOCKED), so two processes never send the same copy twice, and a process that dies
 * mid-send leaves the copy to be retried after the lease. The address is read now: a user who removed it or
 * switched the kind back to inbox only gets no further attempt (null email).
 */
export async function claimDueEmails(database: Database, now: Date, leaseMs: number, limit: number): Promise<DueEmail[]> {
  return database.query<DueEmail>(
    `WITH due AS (
       SELECT id FROM notifications
        WHERE email_status = 'retrying' AND email_next_at <= $1
        ORDER BY email_next_at, id LIMIT $3 FOR UPDATE SKIP LOCKED),
     claimed AS (
       UPDATE notifications n SET email_next_at = $2 FROM due WHERE n.id = due.id
       RETURNING n.id, n.user_id, n.kind, n.email_attempts, n.title_zh, n.title_en, n.body_zh, n.body_en)
     SELECT c.id, CASE WHEN p.channel = 'inbox+email' THEN ad.email END AS email, c.email_attempts AS attempts,
            c.title_zh, c.title_en, c.body_zh, c.body_en
       FROM claimed c
       LEFT JOIN notification_preferences p ON p.user_id = c.user_id AND p.kind = c.kind
       LEFT JOIN notification_addresses ad ON ad.user_id = c.user_id`,
    [now, new Date(now.getTime() + leaseMs), limit],
  );
}

/** How many e-mail copies wait for a retry, and how many failed for good (for the retry job's summary). */
export async function emailDeliveryCounts(database: Database): Promise<{ retrying: number; failed: number }> {
  const [row] = await database.query<{ retrying: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE email_status = 'retrying')::int AS retrying, count(*) FILTER (WHERE email_status = 'failed')::int AS failed
       FROM notifications WHERE email_status IN ('retrying', 'failed')`,
  );
  return row ?? { retrying: 0, failed: 0 };
}

const COLUMNS = 'id, user_id, kind, object_kind, object_id, title_zh, title_en, body_zh, body_en, link, created_at, read_at';

export async function listNotifications(database: Database, userId: string, filter: { unreadOnly: boolean; page: number; pageSize: number }) {
  const [items, [counts]] = await Promise.all([
    database.query<NotificationRow>(
      `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
      [userId, filter.unreadOnly, filter.pageSize, (filter.page - 1) * filter.pageSize],
    ),
    database.query<{ total: number; unread: number }>(
      `SELECT count(*) FILTER (WHERE NOT $2 OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
         FROM notifications WHERE user_id = $1`,
      [userId, filter.unreadOnly],
    ),
  ]);
  return { items, total: counts?.total ?? 0, unread: counts?.unread ?? 0 };
}

export async function countUnread(database: Database, userId: string): Promise<number> {
  const [row] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL', [userId]);
  return row?.n ?? 0;
}

/** Marks the user's own notification read; false when it is not theirs (or does not exist). */
export async function markRead(database: Database, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await database.query(
    'UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $2 AND user_id = $1 RETURNING id',
    [userId, id, at],
  );
  return rows.length > 0;
}

export async function markAllRead(database: Database, userId: string, at: Date): Promise<number> {
  const rows = await database.query('UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL RETURNING id', [userId, at]);
  return rows.length;
}

export async function readPreferences(database: Database, userId: string) {
  const [kinds, [address]] = await Promise.all([
    database.query<{ kind: string; channel: 'inbox' | 'inbox+email' }>('SELECT kind, channel FROM notification_preferences WHERE user_id = $1 ORDER BY kind', [userId]),
    database.query<{ email: string }>('SELECT email FROM notification_addresses WHERE user_id = $1', [userId]),
  ]);
  return { email: address?.email ?? null, kinds };
}

/** Writes a user's address and channels in the caller's transaction (which also writes the audit record). */
export async function writePreferences(tx: Db, userId: string, prefs: { email: string | null; kinds: { kind: string; channel: string }[] }, at: Date): Promise<void> {
  if (prefs.email) {
    await tx.execute(sql`INSERT INTO notification_addresses (user_id, email, updated_at) VALUES (${userId}, ${prefs.email}, ${at})
      ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at`);
  } else {
    await tx.execute(sql`DELETE FROM notification_addresses WHERE user_id = ${userId}`);
  }
  for (const { kind, channel } of prefs.kinds) {
    await tx.execute(sql`INSERT INTO notification_preferences (user_id, kind, channel, updated_at) VALUES (${userId}, ${kind}, ${channel}, ${at})
      ON CONFLICT (user_id, kind) DO UPDATE SET channel = EXCLUDED.channel, updated_at = EXCLUDED.updated_at`);
  }
}
