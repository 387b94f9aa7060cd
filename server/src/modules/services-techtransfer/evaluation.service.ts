import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { evaluationAssignSchema, evaluationListQuerySchema, evaluationScoreSchema } from '../../../../contracts/tech-transfer.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, appErrorOf, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { techChallengeResponses, techChallenges, techEvaluationScores, techEvaluations } from '../../db/schema/index.ts';
import { isExcluded, screenExperts, type ExclusionReason } from '../../domain/techtransfer/conflicts.ts';
import { rubricProblems, rubricTotal } from '../../domain/techtransfer/rubric.ts';
import { notify } from '../notifications/index.ts';
import { loadReferenceIndex, staleVersion, type Caller } from '../registry-common/index.ts';
import { expertAccountIds, listEvaluationRows, presentEvaluations, rubric } from './evaluation.repository.ts';
import { expertPoolWithConflicts, findListing, unsafeEvaluationParties } from './listing.repository.ts';
import { notifyDeps } from './listing.service.ts';
import { evaluationAccess, listingAccess, managesTechTransfer } from './techtransfer.policy.ts';

const notFoundEvaluation = () => errors.notFound('评价任务', 'evaluation');

/** The screening of the pool for one listing (or one challenge response on it): the same for the list and the write. */
async function screen(tx: Db, actor: Actor, listingId: string, responseId: string | undefined) {
  const listing = await findListing(tx, listingAccess.predicate(actor, 'read'), listingId);
  if (!listing) throw errors.notFound('科技成果', 'listing');
  let challengeEnterpriseId: string | null = null;
  if (responseId) {
    const [response] = await tx
      .select({ enterpriseId: techChallenges.enterpriseId })
      .from(techChallengeResponses)
      .innerJoin(techChallenges, eq(techChallenges.id, techChallengeResponses.challengeId))
      .where(and(eq(techChallengeResponses.id, responseId), eq(techChallengeResponses.listingId, listingId)));
    if (!response) throw errors.notFound('需求响应', 'challenge response');
    challengeEnterpriseId = response.enterpriseId;
  }
  const [parties, pool, assigned, index] = await Promise.all([
    unsafeEvaluationParties(tx, listing, challengeEnterpriseId),
    expertPoolWithConflicts(tx),
    tx.select({ expertId: techEvaluations.expertId, responseId: techEvaluations.responseId }).from(techEvaluations).where(eq(techEvaluations.listingId, listingId)),
    loadReferenceIndex(tx),
  ]);
  const domainCode = listing.domainId ? (index.byId.get(listing.domainId)?.code ?? null) : null;
  const already = new Set(assigned.filter((a) => (a.responseId ?? undefined) === responseId).map((a) => a.expertId));
  return { listing, screened: screenExperts(pool, { domainCode, ownerName: listing.ownerName, parties }, already), index };
}

function expertBrief(x: Awaited<ReturnType<typeof expertPoolWithConflicts>>[number], index: Awaited<ReturnType<typeof loadReferenceIndex>>) {
  const r = x.row;
  return { id: r.id, code: r.code, name: r.name, title: r.title, affiliation: r.affiliation, domains: r.domainCodes.map((c) => index.domains.get(c)?.nameZh ?? c), fields: r.fields };
}

const reasonText = (r: ExclusionReason) =>
  r.kind === 'declared-conflict' ? `与${r.enterpriseName}存在利益关系(${r.relation})` : r.kind === 'same-institution' ? `任职于成果所属机构${r.institution}` : '已指派';

export function createEvaluationService(deps: AppDeps) {
  const db = () => deps.database.db;
  return {
    rubric: async () => ({ items: (await rubric(db())).map((c) => ({ code: c.code, nameZh: c.nameZh, nameEn: c.nameEn, weight: c.weight })) }),

    /** Experts the commission may assign, by field first; the excluded ones with the reason (回避). */
    async candidates(actor: Actor, listingId: string, responseId: string | undefined) {
      const { screened, index } = await screen(db(), actor, listingId, responseId);
      return {
        offered: screened.offered.map((o) => ({ ...expertBrief(o.expert, index), fieldMatch: o.fieldMatch })),
        excluded: screened.excluded.map((x) => ({ ...expertBrief(x.expert, index), reasons: x.reasons })),
      };
    },

    /**
     * The commission assigns experts. SECURITY: the conflict screen runs again inside the write transaction,
     * so an expert excluded on the page cannot be assigned by a hand-made request either.
     */
    async assign(caller: Caller, body: z.infer<typeof evaluationAssignSchema>) {
      if (!managesTechTransfer(caller.actor)) throw errors.forbidden();
      const created = await inTransaction(deps, async (tx) => {
        const { listing, screened } = await screen(tx, caller.actor, body.listingId, body.responseId);
        const ids: string[] = [];
        for (const expertId of [...new Set(body.expertIds)]) {
          const reasons = isExcluded(screened, expertId);
          if (reasons) throw new AppError(409, 'EXPERT_CONFLICTED', `该专家须回避:${reasons.map(reasonText).join('；')}`, 'The expert has a conflict of interest with this evaluation and must stand aside');
          if (!screened.offered.some((o) => o.expert.id === expertId)) throw errors.notFound('专家', 'expert');
          const [row] = await tx.insert(techEvaluations).values({ listingId: listing.id, responseId: body.responseId ?? null, expertId, assignedBy: caller.actor.userId, assignedAt: deps.clock() }).returning();
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-evaluation.assign', objectType: 'tech-evaluation', objectId: row!.id, before: null, after: { listingId: listing.id, responseId: body.responseId ?? null, expertId } });
          ids.push(row!.id);
        }
        return { ids, listing };
      });
      for (const [i, expertId] of [...new Set(body.expertIds)].entries()) {
        const userIds = await expertAccountIds(db(), expertId);
        if (!userIds.length) continue;
        await notify(notifyDeps(deps), {
          kind: 'tech.evaluation-assigned',
          object: { kind: 'tech-evaluation', id: created.ids[i]! },
          recipients: { roles: ['expert'], userIds },
          titleZh: `成果评价任务:${created.listing.title}`,
          titleEn: `Evaluation assigned: ${created.listing.title}`,
          bodyZh: '区经委邀请您对该成果进行评价，请在“我的评价”中打分。',
          bodyEn: 'The commission asks you to evaluate this listing; score it under “My evaluations”.',
          link: '/tech-transfer?tab=evaluations',
        });
      }
      const rows = await listEvaluationRows(db(), evaluationAccess.predicate(caller.actor, 'read'), { listingId: body.listingId });
      return { items: await presentEvaluations(db(), caller.actor, rows.filter((r) => created.ids.includes(r.row.id)), await loadReferenceIndex(db())) };
    },

    async list(actor: Actor, query: z.infer<typeof evaluationListQuerySchema>) {
      const rows = await listEvaluationRows(db(), evaluationAccess.predicate(actor, 'read'), query);
      return { items: await presentEvaluations(db(), actor, rows, await loadReferenceIndex(db())) };
    },

    async get(actor: Actor, id: string) {
      const rows = await listEvaluationRows(db(), evaluationAccess.predicate(actor, 'read'), { id });
      if (!rows.length) throw notFoundEvaluation();
      return (await presentEvaluations(db(), actor, rows, await loadReferenceIndex(db())))[0]!;
    },

    /** The assigned expert scores every criterion once; the total is the rubric's pure function, stored with the weights used. */
    async score(caller: Caller, id: string, body: z.infer<typeof evaluationScoreSchema>) {
      await inTransaction(deps, async (tx) => {
        const [row] = await tx.select().from(techEvaluations).where(and(evaluationAccess.predicate(caller.actor, 'score'), eq(techEvaluations.id, id))).for('update');
        if (!row) {
          const [visible] = await tx.select({ status: techEvaluations.status }).from(techEvaluations).where(and(evaluationAccess.predicate(caller.actor, 'read'), eq(techEvaluations.id, id)));
          if (visible) throw appErrorOf('INVALID_STATE');
          throw notFoundEvaluation();
        }
        if (row.version !== body.version) throw staleVersion(row.version);
        const criteria = await rubric(tx);
        const problems = rubricProblems(criteria.map((c) => c.code), body.scores);
        if (problems.length) {
          throw errors.validation(
            problems.map((p) => ({
              path: `body.scores.${p.criterion}`,
              rule: p.kind,
              message: p.kind === 'missing' ? '请为每项评价指标打分' : p.kind === 'unknown' ? '未知的评价指标' : '分值应为 0–10 的整数',
              messageEn: p.kind === 'missing' ? 'Score every criterion' : p.kind === 'unknown' ? 'Unknown criterion' : 'A score is a whole number from 0 to 10',
            })),
          );
        }
        const weights = new Map(criteria.map((c) => [c.code, c.weight]));
        const sheet = body.scores.map((s) => ({ criterion: s.criterion, weight: weights.get(s.criterion)!, score: s.score }));
        const total = rubricTotal(sheet)!;
        await tx.insert(techEvaluationScores).values(sheet.map((s) => ({ evaluationId: id, ...s })));
        const now = deps.clock();
        await tx.update(techEvaluations).set({ status: 'submitted', total: total.toFixed(2), comment: body.comment ?? null, submittedAt: now, version: row.version + 1 }).where(eq(techEvaluations.id, id));
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-evaluation.submit', objectType: 'tech-evaluation', objectId: id, before: { status: 'assigned' }, after: { status: 'submitted', total, scores: sheet } });
      });
      return this.get(caller.actor, id);
    },
  };
}
