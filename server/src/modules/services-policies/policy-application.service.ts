import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { applicationDecideSchema, applicationSubmitSchema, ApplicationView } from '../../../../contracts/services-policy-operations.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { appErrorOf, errors } from '../../app/errors.ts';
import { conditionsSchema, policyMode } from '../../domain/services/eligibility.ts';
import { notify } from '../notifications/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { applicationReviewScope, applicationScope } from './policy-application.policy.ts';
import { findApplication, findAward, insertApplication, insertApplicationAward, listApplications, recordDisbursement, updateApplication, type ApplicationRow } from './policy-application.repository.ts';
import { findPolicyByCode } from './policy-match.repository.ts';

export function presentApplication(a: ApplicationRow): ApplicationView {
  const r = a.row;
  return {
    id: r.id,
    policyCode: a.policyCode,
    policyTitle: a.policyTitle,
    enterpriseId: r.enterpriseId,
    enterpriseName: a.enterpriseName,
    uscc: a.uscc.trim(),
    statement: r.statement,
    amountRequested: r.amountRequested,
    amountApproved: r.amountApproved,
    status: r.status as ApplicationView['status'],
    submittedAt: r.submittedAt.toISOString(),
    reviewNote: r.reviewNote,
    decisionNote: r.decisionNote,
    awardId: a.awardId,
    disbursedAmount: a.disbursedAmount,
    disbursedAt: a.disbursedAt?.toISOString() ?? null,
    version: r.version,
  };
}

/**
 * 快申快享 (issue 14 §4): an enterprise applies with a statement and materials (attachments of owner kind
 * `policy-application`); the commission reviews (初审), decides (approve with an amount, or reject), and records
 * the disbursement. Each step checks the state and the version, is audited, and the enterprise is told the decision.
 */
export function createApplicationService(deps: AppDeps) {
  const stale = () => errors.conflict('申报已被他人更新，请刷新后重试', 'The application was changed by someone else; reload and try again');
  const db = () => deps.database.db;

  async function step(caller: Caller, id: string, version: number, from: readonly string[], apply: (row: ApplicationRow, tx: Parameters<Parameters<typeof inTransaction>[1]>[0], now: Date) => Promise<{ status: string; action: 'policy-application.review' | 'policy-application.decide'; after: Record<string, unknown> }>) {
    const result = await inTransaction(deps, async (tx) => {
      const item = await findApplication(tx, applicationReviewScope(caller.actor), id, true);
      if (!item) throw errors.notFound('申报', 'application');
      if (item.row.version !== version) throw stale();
      if (!from.includes(item.row.status)) throw appErrorOf('INVALID_STATE');
      const now = deps.clock();
      const { status, action, after } = await apply(item, tx, now);
      await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action, objectType: 'policy-application', objectId: id, before: { status: item.row.status }, after: { status, ...after } });
      return presentApplication((await findApplication(tx, applicationScope(caller.actor), id))!);
    });
    return result;
  }

  return {
    async list(actor: Actor) {
      return { items: (await listApplications(db(), applicationScope(actor))).map(presentApplication) };
    },
    async submit(caller: Caller, code: string, input: z.infer<typeof applicationSubmitSchema>) {
      const { actor } = caller;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      const enterpriseId = actor.scope.id;
      const policy = await findPolicyByCode(db(), code);
      if (!policy) throw errors.notFound('政策', 'policy');
      if (policyMode(conditionsSchema.parse(policy.conditions)) === 'auto') throw appErrorOf('POLICY_NOT_APPLICABLE');
      return inTransaction(deps, async (tx) => {
        const id = await insertApplication(tx, { policyId: policy.id, enterpriseId, submittedBy: actor.userId, statement: input.statement, amountRequested: input.amountRequested ?? null, status: 'submitted', submittedAt: deps.clock() });
        if (!id) throw appErrorOf('APPLICATION_EXISTS');
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'policy-application.submit', objectType: 'policy-application', objectId: id, after: { policy: code, amountRequested: input.amountRequested ?? null } });
        return presentApplication((await findApplication(tx, applicationScope(actor), id))!);
      });
    },
    review(caller: Caller, id: string, input: { note?: string | undefined; version: number }) {
      return step(caller, id, input.version, ['submitted'], async (_row, tx, now) => {
        await updateApplication(tx, id, { status: 'reviewed', reviewedBy: caller.audit.userId, reviewedAt: now, reviewNote: input.note ?? null, version: sql`${sql.identifier('version')} + 1` as never });
        return { status: 'reviewed', action: 'policy-application.review', after: { note: input.note ?? null } };
      });
    },
    async decide(caller: Caller, id: string, input: z.infer<typeof applicationDecideSchema>) {
      const view = await step(caller, id, input.version, ['reviewed'], async (row, tx, now) => {
        const status = input.approve ? 'approved' : 'rejected';
        await updateApplication(tx, id, { status, decidedBy: caller.audit.userId, decidedAt: now, decisionNote: input.note ?? null, amountApproved: input.approve ? input.amountApproved! : null, version: row.row.version + 1 });
        // an approval is an award like a 免申即享 one, so funds and the effect view count both
        if (input.approve) await insertApplicationAward(tx, { policyId: row.row.policyId, enterpriseId: row.row.enterpriseId, amount: input.amountApproved!, confirmedBy: caller.audit.userId, confirmedAt: now, applicationId: id });
        return { status, action: 'policy-application.decide', after: { amountApproved: input.amountApproved ?? null, note: input.note ?? null } };
      });
      const approved = view.status === 'approved';
      await notify(
        { database: deps.database, config: deps.config, now: deps.clock },
        {
          kind: 'policy-application.decided',
          object: { kind: 'policy-application', id },
          recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: view.enterpriseId } },
          titleZh: `政策申报${approved ? '已通过' : '未通过'}:${view.policyTitle}`,
          titleEn: `Policy application ${approved ? 'approved' : 'rejected'}: ${view.policyTitle}`,
          bodyZh: approved ? `核定支持 ${view.amountApproved} 万元,拨付后另行通知。` : `未通过原因:${view.decisionNote ?? '—'}`,
          bodyEn: approved ? `Approved support: ${view.amountApproved} (10k CNY); you will be told when it is paid.` : `Reason: ${view.decisionNote ?? '—'}`,
          link: '/services?tab=policies',
        },
      );
      return view;
    },
    /** The commission records that an award (免申即享 or an approved application) was paid, once. */
    async disburse(caller: Caller, awardId: string, amount: string) {
      if (caller.actor.role !== 'commission') throw errors.forbidden();
      await inTransaction(deps, async (tx) => {
        const award = await findAward(tx, awardId, true);
        if (!award) throw errors.notFound('兑现记录', 'award');
        if (award.disbursedAt) throw appErrorOf('INVALID_STATE');
        const now = deps.clock();
        await recordDisbursement(tx, awardId, amount, caller.audit.userId, now);
        if (award.applicationId) await updateApplication(tx, award.applicationId, { status: 'disbursed', version: sql`${sql.identifier('version')} + 1` as never });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'policy-award.disburse', objectType: 'service-policy-award', objectId: awardId, after: { amount, enterpriseId: award.enterpriseId } });
      });
      return { id: awardId, disbursedAmount: amount };
    },
  };
}
