import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FollowUpInput, ProjectInput, ProjectStage, StageChange } from '../../../../contracts/projects.ts';
import { USCC_ALPHABET } from '../../domain/uscc/uscc.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, projectFollowUps, projects, projectStageEvents } from '../../db/schema/index.ts';
import { applyTransition, checkTransition } from '../../domain/projects/stages.ts';
import type { Caller } from '../registry-common/index.ts';
import { isUniqueViolation, staleVersion, todayIso, appendHistory, listHistory, recordChange, type HistorySource, loadReferenceIndex, ReferenceResolver, refView, type ReferenceIndex } from '../registry-common/index.ts';
import { initialStageDates, refusedHandOver, refusedOtherDepartment, stageAfterEdit } from './project-stage-edit.ts';
import { canAssignProjectDepartment, deletedProjectScope, projectScope, projectWriteScope } from './project.policy.ts';
import { auditViewOfProject, presentProjectDetail } from './project.presenter.ts';
import {
  eventsOf,
  findProject,
  findProjectRow,
  followUpsOf,
  nodesOfProjects,
  replaceProjectNodes,
  stagesOf,
  unsafeEnterpriseIdsByUscc,
  writeStages,
  type ProjectRow,
} from './project.repository.ts';

export const notFoundProject = () => errors.notFound('项目', 'project');

export interface WriteOptions {
  source: HistorySource;
  audit: boolean;
  /**
   * Set only by the attraction pipeline converting a target (modules/attraction): the target's owner was checked
   * there (a park converts the targets it owns, into its own zone), so the department-assignment rule of direct
   * registration does not apply.
   */
  convertedFromOwnedTarget?: boolean;
}

/** XM-2025-7K3Q9A: year and six random characters of the credit-code alphabet (unambiguous, no I/O/S/V/Z). */
export function generateProjectCode(now: Date): string {
  const bytes = crypto.randomBytes(6);
  const body = [...bytes].map((b) => USCC_ALPHABET[b % 31]).join('');
  return `XM-${now.getUTCFullYear()}-${body}`;
}

async function resolve(tx: Db, input: Omit<ProjectInput, 'stage'>, index: ReferenceIndex) {
  const refs = new ReferenceResolver(index);
  const investorEnterpriseId = input.investorUscc ? ((await unsafeEnterpriseIdsByUscc(tx, [input.investorUscc])).get(input.investorUscc) ?? null) : null;
  const resolved = projectValuesOf(input, refs, investorEnterpriseId);
  refs.throwIfProblems();
  return resolved;
}

/**
 * A project input's stored columns and chain nodes (the form's and the import's alike), given the investor found
 * by its credit code; unknown references, and an investor code naming no registered enterprise, go to `refs`.
 */
export function projectValuesOf(input: Omit<ProjectInput, 'stage'>, refs: ReferenceResolver, investorEnterpriseId: string | null) {
  const domain = refs.domain(input.domain);
  const zone = refs.zone(input.zone);
  const department = refs.department(input.responsibleDepartment);
  const nodes = refs.nodes(input.chainNodes);
  if (input.investorUscc && !investorEnterpriseId) {
    refs.problems.push({ path: 'body.investorUscc', rule: 'reference', message: '该统一社会信用代码的企业未登记', messageEn: 'No registered enterprise has this credit code' });
  }
  return {
    values: {
      name: input.name,
      investorName: input.investorName,
      investorEnterpriseId,
      domainId: domain?.id ?? null,
      zoneId: zone?.id ?? null,
      totalInvestment: input.totalInvestment == null ? null : String(input.totalInvestment),
      expectedAnnualOutput: input.expectedAnnualOutput == null ? null : String(input.expectedAnnualOutput),
      responsibleDepartmentId: department?.id ?? null,
      planClauseKeys: [...new Set(input.planClauseKeys)],
      note: input.note ?? null,
    },
    nodeIds: nodes.map((n) => n.id),
  };
}

export async function auditView(tx: Db, row: ProjectRow, index: ReferenceIndex) {
  const [stages, nodes] = await Promise.all([stagesOf(tx, [row.id]), nodesOfProjects(tx, [row.id])]);
  let investorUscc: string | null = null;
  if (row.investorEnterpriseId) {
    const [e] = await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.id, row.investorEnterpriseId));
    investorUscc = e?.uscc ?? null;
  }
  return auditViewOfProject(
    row,
    { domain: refView(index, row.domainId)?.code ?? null, zone: refView(index, row.zoneId)?.code ?? null, department: refView(index, row.responsibleDepartmentId)?.code ?? null, investorUscc },
    (nodes.get(row.id) ?? []).map((n) => n.code),
    stages.get(row.id) ?? [],
  );
}

async function record(tx: Db, deps: AppDeps, caller: Caller, options: WriteOptions, event: Parameters<typeof appendHistory>[2], now: Date) {
  if (options.audit) await recordChange(tx, deps.audit, caller, event, now);
  else await appendHistory(tx, caller, event, now);
}

export async function insertProject(tx: Db, deps: AppDeps, caller: Caller, input: ProjectInput, index: ReferenceIndex, options: WriteOptions): Promise<ProjectRow> {
  const { values, nodeIds } = await resolve(tx, input, index);
  const actor = caller.actor;
  if (actor.role === 'department' && !values.responsibleDepartmentId && actor.scope?.kind === 'department') values.responsibleDepartmentId = actor.scope.id;
  if (!options.convertedFromOwnedTarget && !canAssignProjectDepartment(actor, values.responsibleDepartmentId)) throw refusedOtherDepartment();
  const now = deps.clock();
  const { dates: stages, reachedOn } = initialStageDates(input, now);
  const [row] = await tx
    .insert(projects)
    .values({ ...values, code: input.code ?? generateProjectCode(now), stage: input.stage, createdAt: now, updatedAt: now })
    .returning();
  await writeStages(tx, row!.id, stages);
  await replaceProjectNodes(tx, row!.id, nodeIds);
  await tx.insert(projectStageEvents).values({
    projectId: row!.id,
    fromStage: null,
    toStage: input.stage,
    occurredOn: reachedOn,
    note: options.source === 'import' ? 'Excel 导入登记' : '登记',
    actorUserId: caller.audit.userId,
    actorName: caller.actor.displayName,
    recordedAt: now,
  });
  await record(tx, deps, caller, options, { objectType: 'project', objectId: row!.id, action: 'project.create', before: null, after: await auditView(tx, row!, index), source: options.source }, now);
  return row!;
}

/**
 * Updates a project's fields and planned/actual dates. The stage itself changes only through a stage event;
 * an import that brings a different stage records that event (with "Excel 导入" as its reason).
 */
export async function updateProjectRow(
  tx: Db,
  deps: AppDeps,
  caller: Caller,
  id: string,
  expectedVersion: number | null,
  input: Omit<ProjectInput, 'stage'> & { stage?: ProjectStage },
  index: ReferenceIndex,
  options: WriteOptions,
): Promise<ProjectRow> {
  const before = await findProjectRow(tx, projectWriteScope(caller.actor), id);
  if (!before) throw notFoundProject();
  const { values, nodeIds } = await resolve(tx, input, index);
  if (caller.actor.role === 'department' && !values.responsibleDepartmentId) values.responsibleDepartmentId = before.responsibleDepartmentId;
  if (!canAssignProjectDepartment(caller.actor, values.responsibleDepartmentId)) throw refusedHandOver();
  const beforeView = await auditView(tx, before, index);
  const now = deps.clock();
  const stored = (await stagesOf(tx, [id])).get(id)!;
  const edited = stageAfterEdit(before.stage as ProjectStage, stored, input, now);
  if (edited instanceof AppError) throw edited;
  const { stage, dates, transition } = edited;
  if (transition) await tx.insert(projectStageEvents).values({ projectId: id, ...transition, reason: 'Excel 导入', actorUserId: caller.audit.userId, actorName: caller.actor.displayName, recordedAt: now });
  const versionCheck = expectedVersion === null ? sql`true` : eq(projects.version, expectedVersion);
  const [row] = await tx
    .update(projects)
    .set({ ...values, ...(input.code ? { code: input.code } : {}), stage, version: sql`${projects.version} + 1`, updatedAt: now })
    .where(and(eq(projects.id, id), versionCheck))
    .returning();
  if (!row) throw staleVersion(before.version);
  await writeStages(tx, id, dates);
  await replaceProjectNodes(tx, id, nodeIds);
  await record(tx, deps, caller, options, { objectType: 'project', objectId: id, action: 'project.update', before: beforeView, after: await auditView(tx, row, index), source: options.source }, now);
  return row;
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'PROJECT_CODE_TAKEN', '项目编号已被使用', 'The project code is taken');
    throw error;
  }
}

export function createProjectService(deps: AppDeps) {
  const db = () => deps.database.db;
  const api: WriteOptions = { source: 'api', audit: true };

  async function detail(dbx: Db, caller: Caller, id: string) {
    const r = await findProject(dbx, projectScope(caller.actor), id);
    if (!r) throw notFoundProject();
    const index = await loadReferenceIndex(dbx);
    const [stages, nodes, events, followUps] = await Promise.all([stagesOf(dbx, [id]), nodesOfProjects(dbx, [id]), eventsOf(dbx, id), followUpsOf(dbx, id)]);
    return presentProjectDetail(r, stages.get(id)!, todayIso(deps.clock()), {
      chainNodes: nodes.get(id) ?? [],
      events: events.map((e) => ({
        id: e.id,
        fromStage: (e.fromStage as ProjectStage | null) ?? null,
        toStage: e.toStage as ProjectStage,
        occurredOn: e.occurredOn,
        note: e.note,
        reason: e.reason,
        actorName: e.actorName,
        recordedAt: e.recordedAt.toISOString(),
      })),
      followUps: followUps.map(({ f, departmentCode, departmentName }) => ({
        id: f.id,
        occurredOn: f.occurredOn,
        kind: f.kind as 'visit',
        note: f.note,
        problems: f.problems,
        nextStep: f.nextStep,
        staffName: f.staffName,
        department: departmentCode ? { code: departmentCode, name: departmentName ?? departmentCode } : (refView(index, f.departmentId) ?? null),
      })),
    });
  }

  return {
    async get(caller: Caller, id: string) {
      try {
        return await detail(db(), caller, id);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) {
          await deps.audit.standalone(caller.audit, caller.origin, { action: 'project.read', outcome: 'denied', objectType: 'project', objectId: id });
        }
        throw error;
      }
    },
    async create(caller: Caller, input: ProjectInput) {
      return guarded(() =>
        inTransaction(deps, async (tx) => {
          const row = await insertProject(tx, deps, caller, input, await loadReferenceIndex(tx), api);
          return detail(tx, caller, row.id);
        }),
      );
    },
    async update(caller: Caller, id: string, version: number, input: Omit<ProjectInput, 'stage'>) {
      return guarded(() =>
        inTransaction(deps, async (tx) => {
          await updateProjectRow(tx, deps, caller, id, version, input, await loadReferenceIndex(tx), api);
          return detail(tx, caller, id);
        }),
      );
    },
    async changeStage(caller: Caller, id: string, body: StageChange) {
      return inTransaction(deps, async (tx) => {
        const before = await findProjectRow(tx, projectWriteScope(caller.actor), id);
        if (!before) throw notFoundProject();
        if (before.version !== body.version) throw staleVersion(before.version);
        const now = deps.clock();
        const stored = (await stagesOf(tx, [id])).get(id)!;
        const from = before.stage as ProjectStage;
        const check = checkTransition({ from, to: body.toStage, occurredOn: body.occurredOn, reason: body.reason ?? null, today: todayIso(now) }, stored);
        if (!check.ok) throw new AppError(400, 'STAGE_CHANGE_REJECTED', check.messageZh, check.messageEn, [{ path: 'body', rule: check.code, message: check.messageZh, messageEn: check.messageEn }]);
        const dates = applyTransition(stored, body.toStage, body.occurredOn);
        const [row] = await tx
          .update(projects)
          .set({ stage: body.toStage, version: sql`${projects.version} + 1`, updatedAt: now })
          .where(and(eq(projects.id, id), eq(projects.version, body.version)))
          .returning();
        if (!row) throw staleVersion(before.version);
        await writeStages(tx, id, dates);
        await tx.insert(projectStageEvents).values({
          projectId: id,
          fromStage: from,
          toStage: body.toStage,
          occurredOn: body.occurredOn,
          note: body.note ?? null,
          reason: body.reason ?? null,
          actorUserId: caller.audit.userId,
          actorName: caller.actor.displayName,
          recordedAt: now,
        });
        await recordChange(
          tx,
          deps.audit,
          caller,
          {
            objectType: 'project',
            objectId: id,
            action: 'project.stage',
            before: { stage: from, stages: stored },
            after: { stage: body.toStage, stages: dates, kind: check.kind, skipped: check.skipped, reason: body.reason ?? null },
          },
          now,
        );
        return detail(tx, caller, id);
      });
    },
    async addFollowUp(caller: Caller, id: string, body: FollowUpInput) {
      return inTransaction(deps, async (tx) => {
        const project = await findProjectRow(tx, projectWriteScope(caller.actor), id);
        if (!project) throw notFoundProject();
        const index = await loadReferenceIndex(tx);
        const refs = new ReferenceResolver(index);
        const department = refs.department(body.department, 'body.department');
        refs.throwIfProblems();
        // A department records follow-ups under its own name only; naming another is the commission's call.
        const ownDepartment = caller.actor.role === 'department' && caller.actor.scope?.kind === 'department' ? caller.actor.scope.id : null;
        if (caller.actor.role === 'department' && department && department.id !== ownDepartment) {
          throw errors.validation([
            { path: 'body.department', rule: 'own-department', message: '责任单位只能以本单位名义记录跟进', messageEn: 'A department records follow-ups under its own name only' },
          ]);
        }
        const departmentId = department?.id ?? ownDepartment ?? project.responsibleDepartmentId;
        const now = deps.clock();
        const [row] = await tx
          .insert(projectFollowUps)
          .values({ projectId: id, occurredOn: body.occurredOn, kind: body.kind, note: body.note, problems: body.problems ?? null, nextStep: body.nextStep ?? null, staffName: body.staffName ?? null, departmentId, actorUserId: caller.audit.userId, createdAt: now })
          .returning();
        const entry = { date: row!.occurredOn, kind: row!.kind, note: row!.note, problems: row!.problems, nextStep: row!.nextStep };
        await recordChange(tx, deps.audit, caller, { objectType: 'project', objectId: id, action: 'project.follow-up', before: { followUp: null }, after: { followUp: entry } }, now);
        return detail(tx, caller, id);
      });
    },
    async remove(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        const before = await findProjectRow(tx, projectWriteScope(caller.actor), id);
        if (!before) throw notFoundProject();
        const now = deps.clock();
        await tx.update(projects).set({ deletedAt: now, updatedAt: now, version: sql`${projects.version} + 1` }).where(eq(projects.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'project', objectId: id, action: 'project.delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      });
    },
    async restore(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        const before = await findProjectRow(tx, deletedProjectScope(caller.actor), id);
        if (!before) throw notFoundProject();
        const now = deps.clock();
        await tx.update(projects).set({ deletedAt: null, updatedAt: now, version: sql`${projects.version} + 1` }).where(eq(projects.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'project', objectId: id, action: 'project.restore', before: { deleted: true }, after: { deleted: false } }, now);
        return detail(tx, caller, id);
      });
    },
    async history(caller: Caller, id: string) {
      const row = await findProjectRow(db(), projectScope(caller.actor), id);
      if (!row) throw notFoundProject();
      return { items: await listHistory(db(), 'project', id) };
    },
  };
}
export type ProjectService = ReturnType<typeof createProjectService>;
