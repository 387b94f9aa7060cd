import { inArray, sql } from 'drizzle-orm';
import { PROJECT_STAGES, type ProjectInput, type ProjectStage } from '../../../../contracts/projects.ts';
import { AppError } from '../../app/errors.ts';
import { enterprises, projectChainNodes, projects, projectStageEvents, projectStages } from '../../db/schema/index.ts';
import type { StageDates } from '../../domain/projects/stages.ts';
import { canAssignProjectDepartment, projectWriteScope, auditViewOfProject, initialStageDates, refusedHandOver, refusedOtherDepartment, stageAfterEdit, generateProjectCode, notFoundProject, projectValuesOf } from '../projects/index.ts';
import type { ProjectRow } from '../projects/index.ts';
import { ReferenceResolver, refView } from '../registry-common/index.ts';
import { bulkWriterOf, chunks, enterpriseIdsByUscc, insertReturningIds, refusalOf, rowsByIds, rowsOfTable, updateRows } from './bulk-writer.ts';
import type { IoContext } from './entity.ts';

/**
 * The project import written set-based, with the checks and rows of insertProject / updateProjectRow: the
 * project, its seven stage-date rows, its chain-node links, the stage event (登记 on create, a stage change
 * with reason "Excel 导入" when the file moves a project to another stage) and the history row.
 */

interface PreparedProject {
  values: {
    name: string;
    investorName: string;
    investorEnterpriseId: string | null;
    domainId: string | null;
    zoneId: string | null;
    totalInvestment: string | null;
    expectedAnnualOutput: string | null;
    responsibleDepartmentId: string | null;
    planClauseKeys: string[];
    note: string | null;
    /** Null on an update: the stored code stays. */
    code: string | null;
    stage: ProjectStage;
  };
  dates: StageDates[];
  nodeIds: string[];
  event: { fromStage: ProjectStage | null; toStage: ProjectStage; occurredOn: string; note: string | null; reason: string | null } | null;
}


/** Stage dates of many projects: id → the seven stages in order. */
async function stageDatesOf(ctx: IoContext, ids: readonly string[]): Promise<Map<string, StageDates[]>> {
  const byProject = new Map<string, Map<string, StageDates>>();
  for (const part of chunks(ids, 5000)) {
    for (const r of await ctx.tx.select().from(projectStages).where(inArray(projectStages.projectId, part))) {
      const own = byProject.get(r.projectId) ?? new Map<string, StageDates>();
      own.set(r.stage, { stage: r.stage as ProjectStage, plannedOn: r.plannedOn, actualOn: r.actualOn });
      byProject.set(r.projectId, own);
    }
  }
  return new Map(ids.map((id) => [id, PROJECT_STAGES.map((stage) => byProject.get(id)?.get(stage) ?? { stage, plannedOn: null, actualOn: null })]));
}

/**
 * Chain-node codes of many projects, in the order their links were written (the order the per-project read
 * meets them in; that read has no ORDER BY). Deleted nodes are left out, as they are not in the index.
 */
async function nodeCodesOf(ctx: IoContext, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(ids, 5000)) {
    const links = await ctx.tx
      .select({ projectId: projectChainNodes.projectId, nodeId: projectChainNodes.nodeId })
      .from(projectChainNodes)
      .where(inArray(projectChainNodes.projectId, part))
      .orderBy(sql`ctid`);
    for (const l of links) {
      const node = ctx.index.byId.get(l.nodeId);
      if (node && ctx.index.nodes.get(node.code)?.id === l.nodeId) out.set(l.projectId, [...(out.get(l.projectId) ?? []), node.code]);
    }
  }
  return out;
}

export const projectsBulkWriter = bulkWriterOf<ProjectInput, ProjectRow, PreparedProject, Map<string, string>>({
  objectType: 'project',
  actions: { create: 'project.create', update: 'project.update' },
  notFound: notFoundProject,
  rows: rowsOfTable(projects, projectWriteScope),
  async views(ctx, rows) {
    const ids = rows.map((r) => r.id);
    const stages = await stageDatesOf(ctx, ids);
    const nodes = await nodeCodesOf(ctx, ids);
    const investorIds = [...new Set(rows.flatMap((r) => (r.investorEnterpriseId ? [r.investorEnterpriseId] : [])))];
    const uscc = await rowsByIds(investorIds, (part) => ctx.tx.select({ id: enterprises.id, uscc: enterprises.uscc }).from(enterprises).where(inArray(enterprises.id, part)));
    const code = (id: string | null) => refView(ctx.index, id)?.code ?? null;
    return new Map(
      rows.map((row) => [
        row.id,
        auditViewOfProject(
          row,
          { domain: code(row.domainId), zone: code(row.zoneId), department: code(row.responsibleDepartmentId), investorUscc: row.investorEnterpriseId ? (uscc.get(row.investorEnterpriseId)?.uscc ?? null) : null },
          nodes.get(row.id) ?? [],
          stages.get(row.id)!,
        ),
      ]),
    );
  },
  lookup: (ctx, inputs) => enterpriseIdsByUscc(ctx, inputs.map((i) => i.investorUscc)),
  prepare(ctx, input, stored, investors, now) {
    const actor = ctx.caller.actor;
    const refs = new ReferenceResolver(ctx.index);
    const resolved = projectValuesOf(input, refs, input.investorUscc ? (investors.get(input.investorUscc) ?? null) : null);
    const refused = refusalOf(refs.problems);
    if (refused) return refused;
    const values = { ...resolved.values, code: input.code ?? null, stage: input.stage };
    const nodeIds = resolved.nodeIds;
    const ownDepartment = actor.role === 'department' && actor.scope?.kind === 'department' ? actor.scope.id : null;

    if (!stored) {
      if (!values.responsibleDepartmentId && ownDepartment) values.responsibleDepartmentId = ownDepartment;
      if (!canAssignProjectDepartment(actor, values.responsibleDepartmentId)) return refusedOtherDepartment();
      const { dates, reachedOn } = initialStageDates(input, now);
      values.code = input.code ?? generateProjectCode(now);
      return { values, dates, nodeIds, event: { fromStage: null, toStage: input.stage, occurredOn: reachedOn, note: 'Excel 导入登记', reason: null } };
    }

    if (actor.role === 'department' && !values.responsibleDepartmentId) values.responsibleDepartmentId = stored.row.responsibleDepartmentId;
    if (!canAssignProjectDepartment(actor, values.responsibleDepartmentId)) return refusedHandOver();
    const edited = stageAfterEdit(stored.row.stage as ProjectStage, stored.view.stages as StageDates[], input, now);
    if (edited instanceof AppError) return edited;
    values.stage = edited.stage;
    const event = edited.transition && { ...edited.transition, note: null, reason: 'Excel 导入' };
    return { values, dates: edited.dates, nodeIds, event };
  },
  insert: (ctx, part, now) => insertReturningIds(ctx.tx, projects, part.map((p) => p.values), now),
  update: (ctx, part, now) => updateRows(ctx.tx, projects, part.map((p) => ({ id: p.id, values: p.prepared.values })), { scope: projectWriteScope(ctx.caller.actor), now, keepWhenNull: ['code'] }),
  async links(ctx, written, now) {
    const { tx, caller } = ctx;
    const stageRows = written.flatMap((w) => w.prepared.dates.map((d) => ({ projectId: w.id, stage: d.stage, plannedOn: d.plannedOn, actualOn: d.actualOn })));
    for (const part of chunks(stageRows, 3000)) {
      await tx
        .insert(projectStages)
        .values(part)
        .onConflictDoUpdate({ target: [projectStages.projectId, projectStages.stage], set: { plannedOn: sql`excluded.planned_on`, actualOn: sql`excluded.actual_on` } });
    }
    for (const part of chunks(written.filter((w) => !w.created).map((w) => w.id), 5000)) await tx.delete(projectChainNodes).where(inArray(projectChainNodes.projectId, part));
    const links = written.flatMap((w) => [...new Set(w.prepared.nodeIds)].map((nodeId) => ({ projectId: w.id, nodeId })));
    for (const part of chunks(links, 5000)) await tx.insert(projectChainNodes).values(part);
    const events = written.flatMap((w) =>
      w.prepared.event ? [{ projectId: w.id, ...w.prepared.event, actorUserId: caller.audit.userId, actorName: caller.actor.displayName, recordedAt: now }] : [],
    );
    for (const part of chunks(events, 1000)) await tx.insert(projectStageEvents).values(part);
  },
});
