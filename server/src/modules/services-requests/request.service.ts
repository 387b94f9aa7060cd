import type { z } from 'zod';
import type { requestAcceptSchema, requestRateSchema, requestReplySchema, requestSubmitSchema } from '../../../../contracts/services.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { addWorkingMinutes, shanghaiDate } from '../../domain/services/working-time.ts';
import type { Caller } from '../registry-common/index.ts';
import { requestHandleScope, requestRateScope, requestScope } from './request.policy.ts';
import { presentRequest } from './request.presenter.ts';
import {
  eventsOf,
  findRequest,
  findRoute,
  insertEvent,
  insertRequest,
  loadSlaSettings,
  nextRequestCode,
  resolveTarget,
  updateRequest,
  type RequestListRow,
  type SlaSettings,
} from './request.repository.ts';

/** Due and reminder instants of a step whose clock starts at `start`. */
export function stepClock(settings: SlaSettings, step: 'acknowledge' | 'resolve', start: Date) {
  const { hours, remindShare } = settings[step];
  return {
    dueAt: addWorkingMinutes(start, hours * 60, settings.calendar),
    remindAt: addWorkingMinutes(start, Math.floor(hours * 60 * remindShare), settings.calendar),
  };
}

const wrongState = () => new AppError(409, 'INVALID_STATE', '诉求当前状态不允许此操作', 'The request is not in a state that allows this');
const stale = () => errors.conflict('诉求已被他人更新，请刷新后重试', 'The request was changed by someone else; reload and try again');

export function createRequestService(deps: AppDeps) {
  async function detail(db: Db, item: RequestListRow) {
    const events = await eventsOf(db, item.row.id);
    return {
      ...presentRequest(item, deps.clock()),
      events: events.map((e) => ({ action: e.action, fromStatus: e.fromStatus, toStatus: e.toStatus, note: e.note, actorName: e.actorName, occurredAt: e.occurredAt.toISOString() })),
    };
  }

  /** Loads a request in `scope` for a state change: 404 outside the actor's view, 403 when visible but not theirs to change. */
  async function lockForChange(tx: Db, caller: Caller, id: string, changeScope: ReturnType<typeof requestScope>, version: number) {
    const item = await findRequest(tx, changeScope, id, true);
    if (!item) {
      if (await findRequest(tx, requestScope(caller.actor), id)) throw errors.forbidden();
      throw errors.notFound('诉求', 'request');
    }
    if (item.row.version !== version) throw stale();
    return item;
  }

  async function transition(
    caller: Caller,
    id: string,
    version: number,
    changeScope: ReturnType<typeof requestScope>,
    change: (item: RequestListRow, now: Date, tx: Db) => Promise<{ action: string; toStatus: string; note: string | null; values: Record<string, unknown>; auditAction: 'service-request.accept' | 'service-request.reply' | 'service-request.rate' }>,
  ) {
    return inTransaction(deps, async (tx) => {
      const item = await lockForChange(tx, caller, id, changeScope, version);
      const now = deps.clock();
      const { action, toStatus, note, values, auditAction } = await change(item, now, tx);
      await updateRequest(tx, id, { ...values, status: toStatus, version: item.row.version + 1, updatedAt: now });
      await insertEvent(tx, { requestId: id, action, fromStatus: item.row.status, toStatus, note, actorId: caller.audit.userId, actorName: caller.actor.username, occurredAt: now });
      await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
        action: auditAction,
        objectType: 'service-request',
        objectId: id,
        before: { status: item.row.status },
        after: { status: toStatus, ...values },
      });
      return detail(tx, (await findRequest(tx, requestScope(caller.actor), id))!);
    });
  }

  return {
    async get(caller: Caller, id: string) {
      const db = deps.database.db;
      const item = await findRequest(db, requestScope(caller.actor), id);
      if (!item) throw errors.notFound('诉求', 'request');
      return detail(db, item);
    },

    /** An enterprise files a request; the category's routing rule decides who handles it, and both SLA clocks start. */
    async submit(caller: Caller, input: z.infer<typeof requestSubmitSchema>) {
      const { actor } = caller;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      return inTransaction(deps, async (tx) => {
        const route = await findRoute(tx, input.category);
        if (!route) throw errors.validation([{ path: 'body.category', rule: 'unknown', message: '未知的诉求类别', messageEn: 'unknown request category' }]);
        const target = await resolveTarget(tx, route, actor.scope!.id);
        if (!target) throw errors.validation([{ path: 'body.category', rule: 'no-zone', message: '本企业未登记所在功能区，请选择其他类别', messageEn: 'your enterprise has no zone on record; choose another category' }]);
        const now = deps.clock();
        const settings = await loadSlaSettings(tx);
        const ack = stepClock(settings, 'acknowledge', now);
        const resolve = stepClock(settings, 'resolve', now);
        const row = await insertRequest(tx, {
          code: await nextRequestCode(tx, shanghaiDate(now)),
          enterpriseId: actor.scope!.id,
          submittedBy: caller.audit.userId,
          category: route.category,
          title: input.title,
          description: input.description,
          targetKind: target.kind,
          targetId: target.id,
          status: 'submitted',
          submittedAt: now,
          acknowledgeDueAt: ack.dueAt,
          acknowledgeRemindAt: ack.remindAt,
          resolveDueAt: resolve.dueAt,
          resolveRemindAt: resolve.remindAt,
          createdAt: now,
          updatedAt: now,
        });
        await insertEvent(tx, { requestId: row.id, action: 'submit', fromStatus: null, toStatus: 'submitted', note: null, actorId: caller.audit.userId, actorName: actor.username, occurredAt: now });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'service-request.submit',
          objectType: 'service-request',
          objectId: row.id,
          after: { code: row.code, category: row.category, targetKind: row.targetKind, targetId: row.targetId },
        });
        return detail(tx, (await findRequest(tx, requestScope(actor), row.id))!);
      });
    },

    accept(caller: Caller, id: string, input: z.infer<typeof requestAcceptSchema>) {
      return transition(caller, id, input.version, requestHandleScope(caller.actor), async (item, now) => {
        if (item.row.status !== 'submitted') throw wrongState();
        return { action: 'accept', toStatus: 'accepted', note: input.plan ?? null, values: { acceptedAt: now, plan: input.plan ?? null }, auditAction: 'service-request.accept' };
      });
    },

    reply(caller: Caller, id: string, input: z.infer<typeof requestReplySchema>) {
      return transition(caller, id, input.version, requestHandleScope(caller.actor), async (item, now) => {
        if (item.row.status !== 'accepted') throw wrongState();
        return { action: 'reply', toStatus: 'replied', note: input.reply, values: { repliedAt: now, reply: input.reply }, auditAction: 'service-request.reply' };
      });
    },

    /**
     * The enterprise rates the answer. A rating below 3 (unsatisfied) reopens the case: it goes back to its
     * handler with a fresh resolve clock, and the reopening is counted.
     */
    rate(caller: Caller, id: string, input: z.infer<typeof requestRateSchema>) {
      return transition(caller, id, input.version, requestRateScope(caller.actor), async (item, now, tx) => {
        if (item.row.status !== 'replied') throw wrongState();
        if (input.rating >= 3) {
          return { action: 'rate', toStatus: 'closed', note: input.comment ?? null, values: { rating: input.rating, ratedAt: now }, auditAction: 'service-request.rate' };
        }
        const resolve = stepClock(await loadSlaSettings(tx), 'resolve', now);
        return {
          action: 'reopen',
          toStatus: 'accepted',
          note: input.comment ?? null,
          values: {
            rating: input.rating,
            ratedAt: now,
            reopenCount: item.row.reopenCount + 1,
            resolveDueAt: resolve.dueAt,
            resolveRemindAt: resolve.remindAt,
            remindedStep: null,
            escalatedStep: null,
          },
          auditAction: 'service-request.rate',
        };
      });
    },
  };
}
