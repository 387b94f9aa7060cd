import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enterprises, instrumentBookings, instruments, instrumentTrainings, platforms } from '../../db/schema/index.ts';

export type InstrumentRow = typeof instruments.$inferSelect;
const asDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));

export async function listInstruments(db: Db, scope: SQL, userId: string | null) {
  return db
    .select({
      row: instruments,
      platformName: platforms.name,
      myTrainingExpiresOn: userId
        ? sql<string | null>`(SELECT t.expires_on::text FROM instrument_trainings t WHERE t.instrument_id = ${instruments.id} AND t.user_id = ${userId})`
        : sql<string | null>`NULL::text`,
    })
    .from(instruments)
    .innerJoin(platforms, eq(platforms.id, instruments.platformId))
    .where(scope)
    .orderBy(asc(platforms.name), asc(instruments.code));
}

export async function findInstrument(db: Db, scope: SQL, id: string): Promise<InstrumentRow | null> {
  const [row] = await db.select().from(instruments).where(and(scope, eq(instruments.id, id)));
  return row ?? null;
}

/** The user's training on an instrument that is still valid on `day` (YYYY-MM-DD), or null. */
export async function validTraining(db: Db, instrumentId: string, userId: string, day: string) {
  const [row] = await db
    .select()
    .from(instrumentTrainings)
    .where(and(eq(instrumentTrainings.instrumentId, instrumentId), eq(instrumentTrainings.userId, userId), sql`${instrumentTrainings.expiresOn} >= ${day}::date`));
  return row ?? null;
}

export async function enterpriseStatus(db: Db, enterpriseId: string): Promise<string | null> {
  const [row] = await db.select({ status: enterprises.status }).from(enterprises).where(eq(enterprises.id, enterpriseId));
  return row?.status ?? null;
}

const bookingColumns = {
  row: instrumentBookings,
  start: sql<Date>`lower(${instrumentBookings.period})`.mapWith(asDate),
  end: sql<Date>`upper(${instrumentBookings.period})`.mapWith(asDate),
  instrumentName: instruments.name,
  platformId: instruments.platformId,
  platformName: platforms.name,
  enterpriseName: enterprises.name,
  uscc: sql<string>`${enterprises.uscc}`,
};
export type BookingListRow = {
  row: typeof instrumentBookings.$inferSelect;
  start: Date;
  end: Date;
  instrumentName: string;
  platformId: string;
  platformName: string;
  enterpriseName: string;
  uscc: string;
};

function bookingsQuery(db: Db) {
  return db
    .select(bookingColumns)
    .from(instrumentBookings)
    .innerJoin(instruments, eq(instruments.id, instrumentBookings.instrumentId))
    .innerJoin(platforms, eq(platforms.id, instruments.platformId))
    .innerJoin(enterprises, eq(enterprises.id, instrumentBookings.enterpriseId));
}

export async function listBookings(
  db: Db,
  scope: SQL,
  filter: { instrumentId?: string | undefined; status?: string | undefined; from?: Date | undefined; to?: Date | undefined },
): Promise<BookingListRow[]> {
  const conditions: SQL[] = [scope];
  if (filter.instrumentId) conditions.push(eq(instrumentBookings.instrumentId, filter.instrumentId));
  if (filter.status) conditions.push(eq(instrumentBookings.status, filter.status));
  if (filter.from || filter.to) {
    conditions.push(sql`${instrumentBookings.period} && tstzrange(${filter.from ?? null}::timestamptz, ${filter.to ?? null}::timestamptz, '[)')`);
  }
  return (await bookingsQuery(db)
    .where(and(...conditions))
    .orderBy(sql`lower(${instrumentBookings.period})`, instrumentBookings.id)
    .limit(2000)) as BookingListRow[];
}

export async function findBooking(db: Db, scope: SQL, id: string, forUpdate = false): Promise<BookingListRow | null> {
  const query = bookingsQuery(db).where(and(scope, eq(instrumentBookings.id, id)));
  const [row] = forUpdate ? await query.for('update', { of: instrumentBookings }) : await query;
  return (row as BookingListRow | undefined) ?? null;
}

/**
 * When an instrument is taken (requested or approved) in a window: times only, never the booker — so any
 * reader of the catalogue may see them. Unscoped on bookings by design (named `unsafe…`): it returns no
 * booking's owner, amount or purpose.
 */
export async function unsafeBusySlots(db: Db, instrumentId: string, from: Date, to: Date) {
  return db
    .select({ start: bookingColumns.start, end: bookingColumns.end, status: instrumentBookings.status })
    .from(instrumentBookings)
    .where(
      and(
        eq(instrumentBookings.instrumentId, instrumentId),
        sql`${instrumentBookings.status} IN ('offered', 'requested', 'approved', 'completed')`,
        sql`${instrumentBookings.period} && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`,
      ),
    )
    .orderBy(sql`lower(${instrumentBookings.period})`);
}

export async function insertBooking(
  db: Db,
  values: Omit<typeof instrumentBookings.$inferInsert, 'period'> & { start: Date; end: Date },
): Promise<string> {
  const { start, end, ...rest } = values;
  const [row] = await db
    .insert(instrumentBookings)
    .values({ ...rest, period: sql`tstzrange(${start}::timestamptz, ${end}::timestamptz, '[)')` as never })
    .returning({ id: instrumentBookings.id });
  return row!.id;
}

export async function updateBooking(db: Db, id: string, values: Partial<typeof instrumentBookings.$inferInsert>): Promise<void> {
  await db.update(instrumentBookings).set(values).where(eq(instrumentBookings.id, id));
}

/** Approved bookings that have ended by `now` become completed (the platform marks a no-show instead). */
export async function completeEndedBookings(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(instrumentBookings)
    .set({ status: 'completed', version: sql`${instrumentBookings.version} + 1` })
    .where(and(eq(instrumentBookings.status, 'approved'), sql`upper(${instrumentBookings.period}) <= ${now}::timestamptz`))
    .returning({ id: instrumentBookings.id });
  return rows.length;
}

/** Booked minutes per instrument and status in a window (clipped to it), with the user category. */
export async function bookedMinutes(db: Db, scope: SQL, from: Date, to: Date) {
  const window = sql`tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`;
  return db
    .select({
      instrumentId: instrumentBookings.instrumentId,
      status: instrumentBookings.status,
      category: instrumentBookings.userCategory,
      minutes: sql<number>`(extract(epoch FROM (upper(${instrumentBookings.period} * ${window}) - lower(${instrumentBookings.period} * ${window}))) / 60)::int`.mapWith(Number),
    })
    .from(instrumentBookings)
    .innerJoin(instruments, eq(instruments.id, instrumentBookings.instrumentId))
    .where(and(scope, sql`${instrumentBookings.period} && ${window}`));
}

/** Is this database error the no-double-booking exclusion constraint refusing an overlapping booking? */
export function isOverlapViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === '23P01') return true;
  }
  return false;
}
