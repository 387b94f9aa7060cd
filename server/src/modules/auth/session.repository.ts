import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { SessionStage } from '../../../../contracts/auth.ts';
import type { Db } from '../../db/client.ts';
import { sessions, users } from '../../db/schema/index.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(
  db: Db,
  values: { tokenHash: string; userId: string; stage: SessionStage; csrfToken: string; now: Date; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<void> {
  await db.insert(sessions).values({
    tokenHash: values.tokenHash,
    userId: values.userId,
    stage: values.stage,
    csrfToken: values.csrfToken,
    createdAt: values.now,
    lastSeenAt: values.now,
    expiresAt: values.expiresAt,
    ip: values.ip,
    userAgent: values.userAgent?.slice(0, 300) ?? null,
  });
}

export async function findLiveSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(sessions).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
  return row;
}

/**
 * The live session of a token with what the actor needs of its user, in one round trip: every /api request
 * asks this first, and on the embedded engine each statement costs about 0.7 ms.
 */
export async function findLiveSessionWithUser(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      session: sessions,
      user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role, scopeKind: users.scopeKind, scopeId: users.scopeId, status: users.status },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
  return row;
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function setSessionStage(db: Db, tokenHash: string, stage: SessionStage): Promise<void> {
  await db.update(sessions).set({ stage }).where(eq(sessions.tokenHash, tokenHash));
}

export async function endSession(db: Db, tokenHash: string, reason: string, now: Date): Promise<void> {
  await db.update(sessions).set({ endedAt: now, endReason: reason }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.endedAt)));
}

/** Ends every live session of a user except one (or all when `keep` is null); returns how many ended. */
export async function endUserSessions(db: Db, userId: string, keep: string | null, reason: string, now: Date): Promise<number> {
  const conditions = [eq(sessions.userId, userId), isNull(sessions.endedAt)];
  if (keep) conditions.push(ne(sessions.tokenHash, keep));
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(...conditions))
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

export async function countLiveSessions(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
  return row?.n ?? 0;
}
