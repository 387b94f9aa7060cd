import { eq } from 'drizzle-orm';
import type { GoalFormula, PlanCompare, PlanCreateInput, PlanGoal, PlanSummary, PlanVersionDetail, PlanVersionInput, PlanVersionSummary } from '../../../../contracts/plan.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { planGoals, planVersions } from '../../db/schema/index.ts';
import { diffPlans } from '../../domain/plan-diff/plan-diff.ts';
import { auditActorOf } from '../audit/index.ts';
import { presentGoal, presentPlan, presentVersionDetail, presentVersionSummary, snapshotOf } from './plan.presenter.ts';
import {
  findActiveVersionId,
  findGoal,
  findPlan,
  findVersion,
  findVersionSummary,
  listPlans,
  listVersionSummaries,
  loadVersionItems,
  lockPlan,
  type VersionSummaryRow,
} from './plan.repository.ts';
import { createPlanRow, newPlanCode, storeVersion } from './plan-store.ts';

const notFoundVersion = () => errors.notFound('规划版本', 'plan version');

/** What the audit log keeps of a version (not the text: its hash identifies it). */
function auditViewOfVersion(v: VersionSummaryRow | undefined) {
  return v ? { planId: v.planId, version: v.version, status: v.status, sourceSha256: v.sourceSha256, sourceFileName: v.sourceFileName, goals: v.goals, tasks: v.tasks, safeguards: v.safeguards } : null;
}

export async function loadVersionDetail(db: Db, versionId: string, departmentId: string | null): Promise<PlanVersionDetail> {
  const [version, summary] = await Promise.all([findVersion(db, versionId), findVersionSummary(db, versionId)]);
  if (!version || !summary) throw notFoundVersion();
  const plan = await findPlan(db, version.planId);
  if (!plan) throw notFoundVersion();
  return presentVersionDetail(plan, summary, version, await loadVersionItems(db, versionId), departmentId);
}

/**
 * The plan: reads for every business role, and the commission's writes (import a version, activate one, edit a
 * goal's formula). Each write is one transaction with its audit record (before/after).
 */
export function createPlanService(deps: AppDeps) {
  const db = () => deps.database.db;
  const actorName = (actor: Actor) => actor.displayName || actor.username;

  return {
    async listPlans(): Promise<PlanSummary[]> {
      const planRows = await listPlans(db());
      const versions = await listVersionSummaries(db(), planRows.map((p) => p.id));
      return planRows.map((p) => presentPlan(p, versions));
    },

    versionDetail(versionId: string, departmentId: string | null): Promise<PlanVersionDetail> {
      return loadVersionDetail(db(), versionId, departmentId);
    },

    /** The active version of a plan; without a plan id, of the first plan that has one (the district's plan). */
    async activeDetail(planId: string | undefined, departmentId: string | null): Promise<PlanVersionDetail> {
      const candidates = planId ? [planId] : (await listPlans(db())).map((p) => p.id);
      for (const id of candidates) {
        const active = await findActiveVersionId(db(), id);
        if (active) return loadVersionDetail(db(), active, departmentId);
      }
      throw errors.notFound('生效的规划版本', 'active plan version');
    },

    async compare(fromId: string, toId: string): Promise<PlanCompare> {
      const [from, to] = await Promise.all([loadVersionDetail(db(), fromId, null), loadVersionDetail(db(), toId, null)]);
      return { from: pickSummary(from), to: pickSummary(to), diff: diffPlans(snapshotOf(from), snapshotOf(to)) };
    },

    async createPlan(actor: Actor, origin: RequestOrigin, input: PlanCreateInput): Promise<PlanVersionSummary> {
      return inTransaction(deps, async (tx) => {
        const now = deps.clock();
        const title = input.title ?? input.structure.title ?? '未命名规划';
        const plan = await createPlanRow(tx, newPlanCode(now), title, actor.userId, now);
        const stored = await storeVersion(tx, {
          planId: plan.id,
          status: 'draft',
          structure: input.structure,
          sourceText: input.sourceText,
          sourceFileName: input.sourceFileName,
          note: input.note ?? null,
          previousVersionId: null,
          createdBy: actor.userId,
          createdByName: actorName(actor),
          now,
        });
        const summary = (await findVersionSummary(tx, stored.id))!;
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'plan.create',
          objectType: 'plan',
          objectId: plan.id,
          after: { code: plan.code, title: plan.title, firstVersion: auditViewOfVersion(summary) },
        });
        return presentVersionSummary(summary);
      });
    },

    async saveVersion(actor: Actor, origin: RequestOrigin, planId: string, input: PlanVersionInput): Promise<PlanVersionSummary> {
      return inTransaction(deps, async (tx) => {
        const plan = await lockPlan(tx, planId);
        if (!plan) throw errors.notFound('规划', 'plan');
        // Formulas carry over from the active version (or, without one, the latest).
        const previous = (await findActiveVersionId(tx, planId)) ?? (await latestVersionId(tx, planId));
        const stored = await storeVersion(tx, {
          planId,
          status: 'draft',
          structure: input.structure,
          sourceText: input.sourceText,
          sourceFileName: input.sourceFileName,
          note: input.note ?? null,
          previousVersionId: previous,
          createdBy: actor.userId,
          createdByName: actorName(actor),
          now: deps.clock(),
        });
        const summary = (await findVersionSummary(tx, stored.id))!;
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'plan.version.create',
          objectType: 'plan-version',
          objectId: stored.id,
          after: auditViewOfVersion(summary),
        });
        return presentVersionSummary(summary);
      });
    },

    /** Makes a version the plan's active one; the previously active version is archived. Idempotent. */
    async activate(actor: Actor, origin: RequestOrigin, versionId: string): Promise<PlanVersionSummary> {
      return inTransaction(deps, async (tx) => {
        const target = await findVersion(tx, versionId);
        if (!target) throw notFoundVersion();
        await lockPlan(tx, target.planId);
        const targetBefore = (await findVersionSummary(tx, versionId))!;
        if (targetBefore.status === 'active') return presentVersionSummary(targetBefore);
        const previousId = await findActiveVersionId(tx, target.planId);
        const previousBefore = previousId ? await findVersionSummary(tx, previousId) : undefined;
        const now = deps.clock();
        // Archive first: the partial unique index allows one active version per plan at any moment.
        if (previousId) await tx.update(planVersions).set({ status: 'archived' }).where(eq(planVersions.id, previousId));
        await tx.update(planVersions).set({ status: 'active', activatedAt: now, activatedBy: actor.userId }).where(eq(planVersions.id, versionId));
        const after = (await findVersionSummary(tx, versionId))!;
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'plan.version.activate',
          objectType: 'plan-version',
          objectId: versionId,
          before: { activeVersion: auditViewOfVersion(previousBefore), target: auditViewOfVersion(targetBefore) },
          after: { activeVersion: auditViewOfVersion(after), archivedVersionId: previousId },
        });
        return presentVersionSummary(after);
      });
    },

    async setGoalFormula(actor: Actor, origin: RequestOrigin, goalId: string, formula: GoalFormula | null): Promise<PlanGoal> {
      return inTransaction(deps, async (tx) => {
        const before = await findGoal(tx, goalId);
        if (!before) throw errors.notFound('发展目标', 'goal');
        await tx.update(planGoals).set({ formula }).where(eq(planGoals.id, goalId));
        const after = (await findGoal(tx, goalId))!;
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'plan.goal.formula',
          objectType: 'plan-goal',
          objectId: goalId,
          before: { versionId: before.versionId, key: before.key, formula: before.formula },
          after: { versionId: after.versionId, key: after.key, formula: after.formula },
        });
        return presentGoal(after);
      });
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;

async function latestVersionId(tx: Db, planId: string): Promise<string | null> {
  const versions = await listVersionSummaries(tx, [planId]);
  return versions.at(-1)?.id ?? null;
}

/** The summary part of a detail (a presenter, not a spread: the detail's extra fields must not leak). */
function pickSummary(d: PlanVersionSummary): PlanVersionSummary {
  return {
    id: d.id,
    planId: d.planId,
    version: d.version,
    status: d.status,
    title: d.title,
    sourceFileName: d.sourceFileName,
    sourceSha256: d.sourceSha256,
    note: d.note,
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    activatedAt: d.activatedAt,
    counts: d.counts,
  };
}
