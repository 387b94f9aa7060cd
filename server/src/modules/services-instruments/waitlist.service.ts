import type { z } from 'zod';
import type { waitlistJoinSchema } from '../../../../contracts/services-operations.ts';
import { sql } from 'drizzle-orm';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, appErrorOf, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { instrumentBookings } from '../../db/schema/index.ts';
import { bookingAmount, pricePerHour, slotProblem, type UserCategory } from '../../domain/services/booking.ts';
import { offerExpiry, suspensionOf } from '../../domain/services/booking-rules.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { notify } from '../notifications/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { expireStaleWaiting, findWaitlistEntry, insertWaitlistEntry, lapsedOffers, listWaitlist, rulesOfPlatform, strikesOf, updateWaitlistEntry, waitingFor, type WaitlistRow } from './booking-rules.repository.ts';
import { instrumentScope, waitlistActScope, waitlistScope } from './instrument.policy.ts';
import { enterpriseStatus, findInstrument, insertBooking, isOverlapViolation, unsafeBusySlots, updateBooking, validTraining } from './instrument.repository.ts';

const DAY_MS = 86_400_000;
export interface Offer {
  enterpriseId: string;
  instrumentName: string;
  start: Date;
  end: Date;
  expiresAt: Date;
}

/** Refuses a booking (or a waitlist entry, or accepting an offer) while the enterprise is suspended on the platform. */
export async function ensureNotSuspended(db: Db, enterpriseId: string, platformId: string, now: Date): Promise<void> {
  const rules = await rulesOfPlatform(db, platformId);
  const strikes = await strikesOf(db, enterpriseId, platformId, new Date(now.getTime() - rules.windowDays * DAY_MS));
  const { suspendedUntil } = suspensionOf(strikes, rules, now);
  if (suspendedUntil) {
    const base = appErrorOf('BOOKING_SUSPENDED');
    const day = shanghaiDate(suspendedUntil);
    throw new AppError(base.status, base.code, `${base.messageZh}，至 ${day} 恢复`, `${base.messageEn} until ${day}`);
  }
}

/**
 * A slot was freed (cancelled, declined, an offer lapsed or was turned down): offer it to the waiting
 * enterprises in the order they joined. Each offer is a booking in status 'offered', held by the same
 * exclusion constraint as any live booking — inserted in a savepoint, so an entry whose time overlaps a slot
 * that is still taken (or was just offered to someone before it) is simply skipped.
 */
export async function offerFreedSlot(tx: Db, instrumentId: string, start: Date, end: Date, now: Date): Promise<Offer[]> {
  const waiting = await waitingFor(tx, instrumentId, start, end, now);
  if (waiting.length === 0) return [];
  const instrument = await findInstrument(tx, sql`true`, instrumentId);
  if (!instrument) return [];
  const rules = await rulesOfPlatform(tx, instrument.platformId);
  const offers: Offer[] = [];
  for (const entry of waiting) {
    const category: UserCategory = (await enterpriseStatus(tx, entry.row.enterpriseId)) === 'active' ? 'in-district' : 'outside';
    const price = pricePerHour(instrument, category);
    const expiresAt = offerExpiry(now, entry.start, rules);
    try {
      const bookingId = await tx.transaction(async (sp) =>
        insertBooking(sp as unknown as Db, {
          instrumentId,
          enterpriseId: entry.row.enterpriseId,
          userId: entry.row.userId,
          start: entry.start,
          end: entry.end,
          status: 'offered',
          offerExpiresAt: expiresAt,
          userCategory: category,
          pricePerHour: price,
          amount: bookingAmount(price, Math.round((entry.end.getTime() - entry.start.getTime()) / 60_000)),
          purpose: entry.row.purpose,
          createdAt: now,
        }),
      );
      await updateWaitlistEntry(tx, entry.row.id, { status: 'offered', bookingId });
      offers.push({ enterpriseId: entry.row.enterpriseId, instrumentName: entry.instrumentName, start: entry.start, end: entry.end, expiresAt });
    } catch (error) {
      if (!isOverlapViolation(error)) throw error;
    }
  }
  return offers;
}

/** Tells each enterprise of its offer (after the transaction that made it has committed). */
export async function notifyOffers(deps: Pick<AppDeps, 'database' | 'config' | 'clock'>, offers: readonly Offer[]): Promise<void> {
  for (const o of offers) {
    await notify(
      { database: deps.database, config: deps.config, now: deps.clock },
      {
        kind: 'booking.offered',
        object: { kind: 'booking', id: `${o.enterpriseId}:${o.start.toISOString()}` },
        recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: o.enterpriseId } },
        titleZh: `候补时段已空出:${o.instrumentName}`,
        titleEn: `A wait-listed slot is free: ${o.instrumentName}`,
        bodyZh: `您候补的 ${o.start.toISOString()} 至 ${o.end.toISOString()} 已为您保留，请在 ${o.expiresAt.toISOString()} 前确认。`,
        bodyEn: `The slot you wait-listed (${o.start.toISOString()} to ${o.end.toISOString()}) is held for you; confirm before ${o.expiresAt.toISOString()}.`,
        link: '/services?tab=instruments',
      },
    );
  }
}

export function presentWaitlist(w: WaitlistRow) {
  return {
    id: w.row.id,
    instrumentId: w.row.instrumentId,
    instrumentName: w.instrumentName,
    enterpriseName: w.enterpriseName,
    start: w.start.toISOString(),
    end: w.end.toISOString(),
    status: w.row.status as 'waiting' | 'offered' | 'booked' | 'expired' | 'withdrawn',
    bookingId: w.row.bookingId,
    offerExpiresAt: w.row.status === 'offered' ? (w.offerExpiresAt?.toISOString() ?? null) : null,
    createdAt: w.row.createdAt.toISOString(),
    version: w.row.version,
  };
}

export function createWaitlistService(deps: AppDeps, notifyPlatform: (bookingId: string, platformId: string) => Promise<void>) {
  const stale = () => errors.conflict('候补记录已被更新，请刷新后重试', 'The waitlist entry was changed; reload and try again');
  return {
    async list(caller: Caller) {
      return { items: (await listWaitlist(deps.database.db, waitlistScope(caller.actor))).map(presentWaitlist) };
    },
    /** Join the waitlist of a taken slot: the same checks as a booking (shape, hours, training, suspension). */
    async join(caller: Caller, input: z.infer<typeof waitlistJoinSchema>) {
      const { actor } = caller;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      const enterpriseId = actor.scope.id;
      const start = new Date(input.start);
      const end = new Date(input.end);
      return inTransaction(deps, async (tx) => {
        const instrument = await findInstrument(tx, instrumentScope(actor), input.instrumentId);
        if (!instrument) throw errors.notFound('仪器', 'instrument');
        const now = deps.clock();
        const problem = slotProblem(start, end, now, instrument);
        if (problem) throw errors.validation([{ path: 'body.start', rule: problem, message: '时段不可预约', messageEn: 'the slot cannot be booked' }]);
        if (instrument.requiresTraining && !(await validTraining(tx, instrument.id, actor.userId, shanghaiDate(new Date(end.getTime() - 1))))) throw appErrorOf('TRAINING_REQUIRED');
        await ensureNotSuspended(tx, enterpriseId, instrument.platformId, now);
        const busy = await unsafeBusySlots(tx, instrument.id, start, end);
        if (!busy.some((b) => b.status !== 'completed')) throw appErrorOf('SLOT_FREE');
        const id = await insertWaitlistEntry(tx, { instrumentId: instrument.id, enterpriseId, userId: actor.userId, start, end, purpose: input.purpose ?? null, now });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'booking.waitlist-join', objectType: 'instrument-waitlist', objectId: id, after: { instrumentId: instrument.id, start: input.start, end: input.end } });
        return presentWaitlist((await findWaitlistEntry(tx, waitlistScope(actor), id))!);
      });
    },
    /** Accept an offer: the held booking becomes a request the platform approves, at the price locked at the offer. */
    async accept(caller: Caller, id: string, version: number) {
      let platformId = '';
      const result = await inTransaction(deps, async (tx) => {
        const entry = await findWaitlistEntry(tx, waitlistActScope(caller.actor), id, true);
        if (!entry) throw errors.notFound('候补', 'waitlist entry');
        if (entry.row.version !== version) throw stale();
        if (entry.row.status !== 'offered' || !entry.row.bookingId) throw appErrorOf('INVALID_STATE');
        const now = deps.clock();
        if (!entry.offerExpiresAt || entry.offerExpiresAt.getTime() <= now.getTime()) throw appErrorOf('OFFER_EXPIRED');
        await ensureNotSuspended(tx, entry.row.enterpriseId, entry.platformId, now);
        platformId = entry.platformId;
        await updateBooking(tx, entry.row.bookingId, { status: 'requested', userId: caller.actor.userId, offerExpiresAt: null, version: sql`${instrumentBookings.version} + 1` as never });
        await updateWaitlistEntry(tx, id, { status: 'booked' });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'booking.offer-accept', objectType: 'booking', objectId: entry.row.bookingId, before: { status: 'offered' }, after: { status: 'requested', waitlistId: id } });
        return presentWaitlist((await findWaitlistEntry(tx, waitlistScope(caller.actor), id))!);
      });
      await notifyPlatform(result.bookingId!, platformId);
      return result;
    },
    /** Leave the waitlist, or turn an offer down (the slot goes to the next in line). */
    async withdraw(caller: Caller, id: string, version: number) {
      const { entry, offers } = await inTransaction(deps, async (tx) => {
        const entry = await findWaitlistEntry(tx, waitlistActScope(caller.actor), id, true);
        if (!entry) throw errors.notFound('候补', 'waitlist entry');
        if (entry.row.version !== version) throw stale();
        if (entry.row.status !== 'waiting' && entry.row.status !== 'offered') throw appErrorOf('INVALID_STATE');
        const now = deps.clock();
        let offers: Offer[] = [];
        await updateWaitlistEntry(tx, id, { status: 'withdrawn' });
        if (entry.row.status === 'offered' && entry.row.bookingId) {
          await updateBooking(tx, entry.row.bookingId, { status: 'expired', offerExpiresAt: null });
          offers = await offerFreedSlot(tx, entry.row.instrumentId, entry.start, entry.end, now);
        }
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'booking.waitlist-withdraw', objectType: 'instrument-waitlist', objectId: id, before: { status: entry.row.status }, after: { status: 'withdrawn' } });
        return { entry: presentWaitlist((await findWaitlistEntry(tx, waitlistScope(caller.actor), id))!), offers };
      });
      await notifyOffers(deps, offers);
      return entry;
    },
  };
}

/** The job's work: lapsed offers free their slot for the next in line; waiting entries whose slot began expire. */
export async function expireOffers(deps: Pick<AppDeps, 'database' | 'config' | 'clock'>, now: Date): Promise<{ lapsed: number; offered: number; expired: number }> {
  const { lapsed, offers, expired } = await inTransaction(deps, async (tx) => {
    const lapsedRows = await lapsedOffers(tx, now);
    const offers: Offer[] = [];
    for (const l of lapsedRows) {
      await updateBooking(tx, l.bookingId, { status: 'expired', offerExpiresAt: null });
      await tx.execute(sql`UPDATE instrument_waitlist SET status = 'expired', version = version + 1 WHERE booking_id = ${l.bookingId} AND status = 'offered'`);
      offers.push(...(await offerFreedSlot(tx, l.instrumentId, l.start, l.end, now)));
    }
    return { lapsed: lapsedRows.length, offers, expired: await expireStaleWaiting(tx, now) };
  });
  await notifyOffers(deps, offers);
  return { lapsed, offered: offers.length, expired };
}
