import type { z } from 'zod';
import type { postingCloseSchema, postingCreateSchema, postingListQuerySchema } from '../../../../contracts/matchmaking.ts';
import { scopeOf } from '../../access/index.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { appErrorOf, errors } from '../../app/errors.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { refuseUnknownMasks, sealPersonalColumns } from '../crypto/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { ownEnterpriseOf, postingAccess } from './matchmaking.policy.ts';
import { POSTING_PERSONAL, presentPosting } from './matchmaking.presenter.ts';
import { findPosting, insertPosting, listPostings, nextPostingCode, nodeExists, updatePosting } from './matchmaking.repository.ts';

const notFound = () => errors.notFound('供需信息', 'posting');

/** Postings 供需信息: an enterprise posts its needs and offers; readers list and search in their scope. */
export function createPostingService(deps: AppDeps) {
  return {
    async list(caller: Caller, query: z.infer<typeof postingListQuerySchema>) {
      const scope = scopeOf(caller.actor);
      const mine = query.mine === 'true' ? ownEnterpriseOf(scope) : undefined;
      const { items, total } = await listPostings(
        deps.database.db,
        postingAccess.predicate(caller.actor, 'read'),
        { kind: query.kind, status: query.status, q: query.q, nodeId: query.nodeId, ownEnterpriseId: mine },
        query.page,
        query.pageSize,
      );
      return { items: items.map((i) => presentPosting(i, scope)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(caller: Caller, id: string) {
      const item = await findPosting(deps.database.db, postingAccess.predicate(caller.actor, 'read'), id);
      if (!item) throw notFound();
      return presentPosting(item, scopeOf(caller.actor));
    },

    async create(caller: Caller, input: z.infer<typeof postingCreateSchema>) {
      const scope = scopeOf(caller.actor);
      const enterpriseId = ownEnterpriseOf(scope);
      if (!enterpriseId) throw errors.forbidden();
      refuseUnknownMasks([{ path: 'body.contactPhone', field: 'mobile', value: input.contactPhone }]);
      const now = deps.clock();
      const today = shanghaiDate(now);
      if (input.validUntil < today) {
        throw errors.validation([{ path: 'body.validUntil', rule: 'past', message: '有效期不能早于今天', messageEn: 'valid-until cannot be in the past' }]);
      }
      return inTransaction(deps, async (tx) => {
        if (input.nodeId && !(await nodeExists(tx, input.nodeId))) {
          throw errors.validation([{ path: 'body.nodeId', rule: 'unknown', message: '产业链节点不存在', messageEn: 'unknown chain node' }]);
        }
        const id = crypto.randomUUID();
        const row = await insertPosting(tx, {
          id,
          code: await nextPostingCode(tx, today),
          enterpriseId,
          kind: input.kind,
          subject: input.subject,
          nodeId: input.nodeId ?? null,
          title: input.title,
          description: input.description,
          specification: input.specification || null,
          quantity: input.quantity || null,
          periodFrom: input.periodFrom ?? null,
          periodTo: input.periodTo ?? null,
          validUntil: input.validUntil,
          currentSource: input.kind === 'need' ? (input.currentSource ?? null) : null,
          ...sealPersonalColumns(id, { contactName: input.contactName, contactPhone: input.contactPhone }, POSTING_PERSONAL),
          createdBy: caller.audit.userId,
          createdAt: now,
          updatedAt: now,
        });
        // the audit record names the posting, never the contact values
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-posting.create',
          objectType: 'supply-posting',
          objectId: row.id,
          after: { code: row.code, kind: row.kind, subject: row.subject, nodeId: row.nodeId, title: row.title, validUntil: row.validUntil },
        });
        return presentPosting((await findPosting(tx, postingAccess.predicate(caller.actor, 'read'), row.id))!, scope);
      });
    },

    /** The owner (or the commission) closes a posting: it leaves the others' lists and the candidate pool; its matches stay. */
    async close(caller: Caller, id: string, input: z.infer<typeof postingCloseSchema>) {
      return inTransaction(deps, async (tx) => {
        const item = await findPosting(tx, postingAccess.predicate(caller.actor, 'write'), id, true);
        if (!item) {
          if (await findPosting(tx, postingAccess.predicate(caller.actor, 'read'), id)) throw errors.forbidden();
          throw notFound();
        }
        if (item.row.version !== input.version) throw errors.conflict('供需信息已被更新，请刷新后重试', 'The posting was changed; reload and try again');
        if (item.row.status !== 'open') throw appErrorOf('INVALID_STATE');
        const now = deps.clock();
        await updatePosting(tx, id, { status: 'closed', closedReason: input.reason || null, version: item.row.version + 1, updatedAt: now });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-posting.close',
          objectType: 'supply-posting',
          objectId: id,
          before: { status: 'open' },
          after: { status: 'closed', reason: input.reason ?? null },
        });
        return presentPosting((await findPosting(tx, postingAccess.predicate(caller.actor, 'read'), id))!, scopeOf(caller.actor));
      });
    },
  };
}
