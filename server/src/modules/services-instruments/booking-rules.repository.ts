import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { instrumentBookingRules, instrumentBookings, instruments, instrumentWaitlist, platforms } from '../../db/schema/index.ts';
import { DEFAULT_BOOKING_RULES, type BookingRules, type Strike } from '../../domain/services/booking-rules.ts';

const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

/** A platform's booking rules, or the defaults when it has none of its own. */
export async function rulesOfPlatform(db: Db, platformId: string): Promise<BookingRules & { isDefault: boolean }> {
  const [row] = await db.select().from(instrumentBookingRules).where(eq(instrumentBookingRules.platformId, platformId));
  if (!row) return { ...DEFAULT_BOOKING_RULES, isDefault: true };
  const { platformId: _p, updatedBy: _u, updatedAt: _a, ...rules } = row;
  return { ...rules, isDefault: false };
}

export async function saveRules(db: Db, platformId: string, rules: BookingRules, userId: string | null, now: Date): Promise<void> {
  await db
    .insert(instrumentBookingRules)
    .values({ platformId, ...rules, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({ target: instrumentBookingRules.platformId, set: { ...rules, updatedBy: userId, updatedAt: now } });
}

/** Platforms that have instruments the actor may manage (the rules page lists them). */
export async function managedPlatforms(db: Db, instrumentManageScope: SQL) {
  return db
    .selectDistinct({ id: platforms.id, name: platforms.name })
    .from(instruments)
    .innerJoin(platforms, eq(platforms.id, instruments.platformId))
    .where(instrumentManageScope)
    .orderBy(asc(platforms.name));
}

/** An enterprise's no-shows and late cancellations on a platform's instruments since `since`. */
export async function strikesOf(db: Db, enterpriseId: string, platformId: string, since: Date): Promise<Strike[]> {
  const rows = await db
    .select({ status: instrumentBookings.status, lateCancel: instrumentBookings.lateCancel, start: sql<Date>`lower(${instrumentBookings.period})`.mapWith(asDate), cancelledAt: instrumentBookings.cancelledAt })
    .from(instrumentBookings)
    .innerJoin(instruments, eq(instruments.id, instrumentBookings.instrumentId))
    .where(
      and(
        eq(instrumentBookings.enterpriseId, enterpriseId),
        eq(instruments.platformId, platformId),
        sql`(${instrumentBookings.status} = 'no-show' OR ${instrumentBookings.lateCancel})`,
        sql`lower(${instrumentBookings.period}) >= ${since}::timestamptz - interval '1 day'`,
      ),
    );
  return rows.map((r) => (r.status === 'no-show' ? { kind: 'no-show' as const, at: r.start } : { kind: 'late-cancel' as const, at: r.cancelledAt ?? r.start }));
}

/** Platforms where an enterprise has booked, for its standing page. */
export async function platformsBookedBy(db: Db, enterpriseId: string) {
  return db
    .selectDistinct({ id: platforms.id, name: platforms.name })
    .from(instrumentBookings)
    .innerJoin(instruments, eq(instruments.id, instrumentBookings.instrumentId))
    .innerJoin(platforms, eq(platforms.id, instruments.platformId))
    .where(eq(instrumentBookings.enterpriseId, enterpriseId))
    .orderBy(asc(platforms.name));
}

// ---- waitlist ----------------------------------------------------------------------------------------------

const waitlistColumns = {
  row: instrumentWaitlist,
  start: sql<Date>`lower(${instrumentWaitlist.period})`.mapWith(asDate),
  end: sql<Date>`upper(${instrumentWaitlist.period})`.mapWith(asDate),
  instrumentName: instruments.name,
  platformId: instruments.platformId,
  enterpriseName: sql<string>`(SELECT e.name FROM enterprises e WHERE e.id = ${instrumentWaitlist.enterpriseId})`,
  offerExpiresAt: sql<Date | null>`(SELECT b.offer_expires_at FROM instrument_bookings b WHERE b.id = ${instrumentWaitlist.bookingId})`.mapWith((v) => (v === null ? null : asDate(v))),
};
export type WaitlistRow = { row: typeof instrumentWaitlist.$inferSelect; start: Date; end: Date; instrumentName: string; platformId: string; enterpriseName: string; offerExpiresAt: Date | null };

export async function listWaitlist(db: Db, scope: SQL, filter: SQL | undefined = undefined): Promise<WaitlistRow[]> {
  return (await db
    .select(waitlistColumns)
    .from(instrumentWaitlist)
    .innerJoin(instruments, eq(instruments.id, instrumentWaitlist.instrumentId))
    .where(and(scope, filter))
    .orderBy(sql`lower(${instrumentWaitlist.period})`, instrumentWaitlist.createdAt)
    .limit(1000)) as WaitlistRow[];
}

export async function findWaitlistEntry(db: Db, scope: SQL, id: string, forUpdate = false): Promise<WaitlistRow | null> {
  const query = db.select(waitlistColumns).from(instrumentWaitlist).innerJoin(instruments, eq(instruments.id, instrumentWaitlist.instrumentId)).where(and(scope, eq(instrumentWaitlist.id, id)));
  const [row] = forUpdate ? await query.for('update', { of: instrumentWaitlist }) : await query;
  return (row as WaitlistRow | undefined) ?? null;
}

export async function insertWaitlistEntry(db: Db, v: { instrumentId: string; enterpriseId: string; userId: string; start: Date; end: Date; purpose: string | null; now: Date }): Promise<string> {
  const [row] = await db
    .insert(instrumentWaitlist)
    .values({ instrumentId: v.instrumentId, enterpriseId: v.enterpriseId, userId: v.userId, period: sql`tstzrange(${v.start}::timestamptz, ${v.end}::timestamptz, '[)')` as never, purpose: v.purpose, status: 'waiting', createdAt: v.now })
    .returning({ id: instrumentWaitlist.id });
  return row!.id;
}

export async function updateWaitlistEntry(db: Db, id: string, values: Partial<typeof instrumentWaitlist.$inferInsert>): Promise<void> {
  await db.update(instrumentWaitlist).set({ ...values, version: sql`${instrumentWaitlist.version} + 1` }).where(eq(instrumentWaitlist.id, id));
}

/** Waiting entries of an instrument that overlap a freed period and start after `now`, first come first served. */
export async function waitingFor(db: Db, instrumentId: string, start: Date, end: Date, now: Date): Promise<WaitlistRow[]> {
  return listWaitlist(
    db,
    sql`true`,
    and(
      eq(instrumentWaitlist.instrumentId, instrumentId),
      eq(instrumentWaitlist.status, 'waiting'),
      sql`${instrumentWaitlist.period} && tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)')`,
      sql`lower(${instrumentWaitlist.period}) > ${now}::timestamptz`,
    ),
  );
}

/** Offers that ran out by `now` (held bookings still in status 'offered'). */
export async function lapsedOffers(db: Db, now: Date) {
  return db
    .select({ bookingId: instrumentBookings.id, instrumentId: instrumentBookings.instrumentId, start: sql<Date>`lower(${instrumentBookings.period})`.mapWith(asDate), end: sql<Date>`upper(${instrumentBookings.period})`.mapWith(asDate) })
    .from(instrumentBookings)
    .where(and(eq(instrumentBookings.status, 'offered'), sql`${instrumentBookings.offerExpiresAt} <= ${now}::timestamptz`));
}

/** Waiting entries whose slot has begun without an offer: demand the district did not meet. */
export async function expireStaleWaiting(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(instrumentWaitlist)
    .set({ status: 'expired', version: sql`${instrumentWaitlist.version} + 1` })
    .where(and(eq(instrumentWaitlist.status, 'waiting'), sql`lower(${instrumentWaitlist.period}) <= ${now}::timestamptz`))
    .returning({ id: instrumentWaitlist.id });
  return rows.length;
}
