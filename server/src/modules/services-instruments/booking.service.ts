import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { bookingCreateSchema, bookingDecisionSchema } from '../../../../contracts/services.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { bookingAmount, pricePerHour, slotProblem, type SlotProblem, type UserCategory } from '../../domain/services/booking.ts';
import { isLateCancel } from '../../domain/services/booking-rules.ts';
import { rulesOfPlatform } from './booking-rules.repository.ts';
import { ensureNotSuspended, notifyOffers, offerFreedSlot, type Offer } from './waitlist.service.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { notify } from '../notifications/index.ts';
import { platformAccountIds } from '../services-requests/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { bookingCancelScope, bookingDecideScope, bookingScope, instrumentScope } from './instrument.policy.ts';
import { presentBooking } from './instrument.presenter.ts';
import { enterpriseStatus, findBooking, findInstrument, insertBooking, isOverlapViolation, updateBooking, validTraining } from './instrument.repository.ts';

const SLOT_MESSAGES: Record<SlotProblem, [string, string]> = {
  order: ['结束时间须晚于开始时间', 'the end must be after the start'],
  granularity: ['预约须以 30 分钟为单位', 'bookings are in whole 30-minute slots'],
  'too-long': ['单次预约不超过 12 小时', 'one booking is at most 12 hours'],
  past: ['不能预约已过去的时段', 'the slot is in the past'],
  'outside-hours': ['时段超出仪器开放时间', 'the slot is outside the instrument’s open hours'],
};

const slotTaken = () => new AppError(409, 'SLOT_TAKEN', '该时段已被预约，请选择其他时段', 'That slot is already booked; choose another');
const trainingRequired = () =>
  new AppError(403, 'TRAINING_REQUIRED', '您尚未完成该仪器的上机培训或培训已过期', 'You have not been trained on this instrument, or your training has expired');
const wrongState = () => new AppError(409, 'INVALID_STATE', '预约当前状态不允许此操作', 'The booking is not in a state that allows this');
const stale = () => errors.conflict('预约已被他人更新，请刷新后重试', 'The booking was changed by someone else; reload and try again');

export function createBookingService(deps: AppDeps) {
  /** The platform's provider accounts learn of a request to approve (addressed by id: the inbox has no platform scope). */
  async function notifyPlatform(b: ReturnType<typeof presentBooking>, platformId: string) {
    const userIds = await platformAccountIds(deps.database.db, platformId);
    if (!userIds.length) return;
    await notify(
      { database: deps.database, config: deps.config, now: deps.clock },
      {
        kind: 'booking.requested',
        object: { kind: 'booking', id: b.id },
        recipients: { roles: ['platform'], userIds },
        titleZh: `新的仪器预约待审批:${b.instrumentName}`,
        titleEn: `Booking to approve: ${b.instrumentName}`,
        bodyZh: `${b.enterpriseName} 预约 ${b.start} 至 ${b.end}。`,
        bodyEn: `${b.enterpriseName} asks for ${b.start} to ${b.end}.`,
        link: '/services?tab=instruments',
      },
    );
  }

  type Action = 'booking.approve' | 'booking.decline' | 'booking.cancel' | 'booking.no-show';
  async function change(caller: Caller, id: string, version: number, scope: ReturnType<typeof bookingScope>, next: (status: string, start: Date, now: Date) => { status: string; action: Action }, note: string | null) {
    const result = await inTransaction(deps, async (tx) => {
      const item = await findBooking(tx, scope, id, true);
      if (!item) {
        if (await findBooking(tx, bookingScope(caller.actor), id)) throw errors.forbidden();
        throw errors.notFound('预约', 'booking');
      }
      if (item.row.version !== version) throw stale();
      const now = deps.clock();
      const { status, action } = next(item.row.status, item.start, now);
      // a late cancellation is recorded against the enterprise under its platform's rules (docs/decisions/0029)
      const lateCancel = action === 'booking.cancel' && isLateCancel(item.start, now, await rulesOfPlatform(tx, item.platformId));
      const values =
        action === 'booking.cancel'
          ? { status, cancelledAt: now, lateCancel, version: item.row.version + 1 }
          : action === 'booking.no-show'
            ? { status, decisionNote: note ?? item.row.decisionNote, version: item.row.version + 1 }
            : { status, decidedBy: caller.audit.userId, decidedAt: now, decisionNote: note, version: item.row.version + 1 };
      await updateBooking(tx, id, values);
      await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action, objectType: 'booking', objectId: id, before: { status: item.row.status }, after: { status, note, ...(lateCancel ? { lateCancel } : {}) } });
      // a freed slot goes to the waitlist at once
      const offers: Offer[] = action === 'booking.cancel' || action === 'booking.decline' ? await offerFreedSlot(tx, item.row.instrumentId, item.start, item.end, now) : [];
      return { booking: presentBooking((await findBooking(tx, bookingScope(caller.actor), id))!), enterpriseId: item.row.enterpriseId, action, offers };
    });
    await notifyOffers(deps, result.offers);
    if (result.action === 'booking.approve' || result.action === 'booking.decline') {
      const b = result.booking;
      const approved = b.status === 'approved';
      await notify(
        { database: deps.database, config: deps.config, now: deps.clock },
        {
          kind: 'booking.decided',
          object: { kind: 'booking', id: b.id },
          recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: result.enterpriseId } },
          titleZh: `仪器预约${approved ? '已通过' : '未通过'}:${b.instrumentName}`,
          titleEn: `Booking ${approved ? 'approved' : 'declined'}: ${b.instrumentName}`,
          bodyZh: `${b.start} 至 ${b.end} 的预约${approved ? '已通过审批' : '未通过审批'}${b.decisionNote ? `:${b.decisionNote}` : ''}。`,
          bodyEn: `Your booking from ${b.start} to ${b.end} was ${approved ? 'approved' : 'declined'}${b.decisionNote ? `: ${b.decisionNote}` : ''}.`,
          link: '/services/instruments',
        },
      );
    }
    return result.booking;
  }

  return {
    /**
     * An enterprise user books a slot. Checks in order: the instrument is visible, the slot's shape and
     * open hours, the training gate (the person booking must hold a training valid on the booking's day);
     * the price of the enterprise's user category is locked into the booking. Two overlapping live bookings
     * cannot both be stored — the database's exclusion constraint refuses the second (409), also when both
     * arrive at the same moment.
     */
    async create(caller: Caller, input: z.infer<typeof bookingCreateSchema>) {
      const { actor } = caller;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      const start = new Date(input.start);
      const end = new Date(input.end);
      let platformId = '';
      try {
        const created = await inTransaction(deps, async (tx) => {
          const instrument = await findInstrument(tx, instrumentScope(actor), input.instrumentId);
          platformId = instrument?.platformId ?? '';
          if (!instrument) throw errors.notFound('仪器', 'instrument');
          const now = deps.clock();
          const problem = slotProblem(start, end, now, instrument);
          if (problem) throw errors.validation([{ path: 'body.start', rule: problem, message: SLOT_MESSAGES[problem][0], messageEn: SLOT_MESSAGES[problem][1] }]);
          if (instrument.requiresTraining) {
            const lastDay = shanghaiDate(new Date(end.getTime() - 1));
            if (!(await validTraining(tx, instrument.id, actor.userId, lastDay))) throw trainingRequired();
          }
          await ensureNotSuspended(tx, actor.scope!.id, instrument.platformId, now);
          const category: UserCategory = (await enterpriseStatus(tx, actor.scope!.id)) === 'active' ? 'in-district' : 'outside';
          const price = pricePerHour(instrument, category);
          const minutes = Math.round((end.getTime() - start.getTime()) / 60_000);
          const id = await insertBooking(tx, {
            instrumentId: instrument.id,
            enterpriseId: actor.scope!.id,
            userId: actor.userId,
            start,
            end,
            status: 'requested',
            userCategory: category,
            pricePerHour: price,
            amount: bookingAmount(price, minutes),
            purpose: input.purpose ?? null,
            createdAt: now,
          });
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
            action: 'booking.create',
            objectType: 'booking',
            objectId: id,
            after: { instrumentId: instrument.id, start: start.toISOString(), end: end.toISOString(), pricePerHour: price, category },
          });
          return presentBooking((await findBooking(tx, bookingScope(actor), id))!);
        });
        await notifyPlatform(created, platformId);
        return created;
      } catch (error) {
        if (isOverlapViolation(error)) throw slotTaken();
        throw error;
      }
    },

    approve(caller: Caller, id: string, input: z.infer<typeof bookingDecisionSchema>) {
      return change(caller, id, input.version, bookingDecideScope(caller.actor), (status) => {
        if (status !== 'requested') throw wrongState();
        return { status: 'approved', action: 'booking.approve' };
      }, input.note ?? null);
    },

    decline(caller: Caller, id: string, input: z.infer<typeof bookingDecisionSchema>) {
      return change(caller, id, input.version, bookingDecideScope(caller.actor), (status) => {
        if (status !== 'requested') throw wrongState();
        return { status: 'declined', action: 'booking.decline' };
      }, input.note ?? null);
    },

    /** The platform records that an approved booking's user did not come (counts towards a suspension). */
    noShow(caller: Caller, id: string, input: z.infer<typeof bookingDecisionSchema>) {
      return change(caller, id, input.version, bookingDecideScope(caller.actor), (status, start, now) => {
        if ((status !== 'approved' && status !== 'completed') || start.getTime() > now.getTime()) throw wrongState();
        return { status: 'no-show', action: 'booking.no-show' };
      }, input.note ?? null);
    },
    /** Tell the platform a booking waits for approval (a waitlist offer accepted). */
    async notifyPlatformOf(bookingId: string, platformId: string) {
      const found = await findBooking(deps.database.db, sql`true`, bookingId);
      if (found) await notifyPlatform(presentBooking(found), platformId);
    },
    /** The enterprise cancels a live booking before it starts; the slot is free again at once (and offered to the waitlist). */
    cancel(caller: Caller, id: string, input: z.infer<typeof bookingDecisionSchema>) {
      return change(caller, id, input.version, bookingCancelScope(caller.actor), (status, start, now) => {
        if (status !== 'requested' && status !== 'approved') throw wrongState();
        if (start.getTime() <= now.getTime()) throw new AppError(409, 'BOOKING_STARTED', '预约已开始，不能取消', 'The booking has started and can no longer be cancelled');
        return { status: 'cancelled', action: 'booking.cancel' };
      }, input.note ?? null);
    },
  };
}
