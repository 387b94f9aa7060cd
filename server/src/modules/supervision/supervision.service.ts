import { and, eq, sql } from 'drizzle-orm';
import type { ItemDetail, ReportInput, WorkPlanInput } from '../../../../contracts/supervision.ts';
import type { AuditAction } from '../../../../contracts/audit-actions.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { supervisionItems, supervisionMilestones, supervisionReportRevisions, supervisionReports, supervisionWorkPlans } from '../../db/schema/index.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { cycleOfPeriod, reportDueOn } from '../../domain/supervision/periods.ts';
import type { Caller } from '../registry-common/index.ts';
import { staleVersion } from '../registry-common/index.ts';
import { presentReport, presentWorkPlan, reportSnapshot } from './supervision.presenter.ts';
import { isItemUnit, itemScopeSql, managesItems, ownDepartmentOf, seesAllUnits } from './supervision.policy.ts';
import { findItemInScope, unsafeFindReport, findReportOfPeriod, findWorkPlan, listItemIdsInScope, listMilestones, listRevisions, unsafeFindItem, type ItemRow, type ReportRow } from './supervision.repository.ts';
import { loadYearState, unitScores, type ComputedItem, type YearState } from './supervision-state.ts';
import { syncItemsFromPlan } from './supervision-sync.ts';

export const notFoundItem = () => errors.notFound('督办事项', 'supervision item');
const notFoundReport = () => errors.notFound('进展报告', 'progress report');

export const currentYear = (now: Date) => Number(shanghaiDay(now).slice(0, 4));

async function audit(deps: AppDeps, tx: Db, caller: Caller, action: AuditAction, objectType: string, objectId: string, before: unknown, after: unknown) {
  await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action, objectType, objectId, before, after });
}

/** The year's state restricted to the actor's scope (supervision.policy.ts). */
export async function scopedYearState(db: Db, caller: Caller, year: number, now: Date): Promise<{ state: YearState; items: ComputedItem[] }> {
  const state = await loadYearState(db, year, now);
  const visible = await listItemIdsInScope(db, itemScopeSql(caller.actor));
  return { state, items: state.items.filter((i) => visible.has(i.row.id)) };
}

export function boardOf(state: YearState, items: readonly ComputedItem[], caller: Caller) {
  const ownDepartment = ownDepartmentOf(caller.actor);
  // A unit's row names only its own figures; the ranking across units is the commission's and the leader's.
  const rankedItems = seesAllUnits(caller.actor) ? items : items.filter((i) => (ownDepartment ? i.row.departmentId === ownDepartment : isItemUnit(caller.actor, i.row)));
  const units = unitScores(state, rankedItems);
  const tasks = new Map<string, { key: string; label: string; title: string; cells: Map<string, { unit: string; colours: string[]; items: number }> }>();
  for (const item of items) {
    const task = tasks.get(item.clause.taskKey) ?? { key: item.clause.taskKey, label: item.clause.task, title: item.clause.taskTitle, cells: new Map() };
    const cell = task.cells.get(item.row.unitName) ?? { unit: item.row.unitName, colours: [], items: 0 };
    cell.colours.push(item.status.status);
    cell.items++;
    task.cells.set(item.row.unitName, cell);
    tasks.set(item.clause.taskKey, task);
  }
  const rank = { green: 0, blue: 1, yellow: 2, red: 3 } as const;
  return {
    year: state.year,
    asOf: state.asOf,
    items: items.map((i) => i.summary),
    units: units.map((u) => ({ name: u.name, items: u.items, colours: u.colours, onTimeRate: u.onTimeRate, milestoneRate: u.milestoneRate, acceptRate: u.acceptRate, overdue: u.overdue, score: u.score, rank: u.rank })),
    tasks: [...tasks.values()].map((t) => ({
      key: t.key,
      label: t.label,
      title: t.title,
      cells: [...t.cells.values()].map((c) => ({ unit: c.unit, items: c.items, status: (c.colours as (keyof typeof rank)[]).reduce((w, x) => (rank[x] > rank[w] ? x : w), 'green' as keyof typeof rank) })),
    })),
  };
}

export function createSupervisionService(deps: AppDeps) {
  const db = () => deps.database.db;
  const now = () => deps.clock();

  async function detail(dbx: Db, caller: Caller, id: string, year: number): Promise<ItemDetail> {
    const item = await findItemInScope(dbx, itemScopeSql(caller.actor), id);
    if (!item) throw notFoundItem();
    const { state, items } = await scopedYearState(dbx, caller, year, now());
    const computed = state.items.find((i) => i.row.id === id);
    if (!computed) throw notFoundItem();
    const lead = computed.row.parentId ? state.items.find((i) => i.row.id === computed.row.parentId) : computed;
    const subItems = items.filter((i) => i.row.parentId === id);
    // Reports of the item and, for a lead item, of its co-units' sub-items (the lead consolidates them).
    const reportItems = [computed, ...subItems];
    const reports = reportItems.flatMap((i) => i.reports.map((r) => ({ r, i })));
    const revisions = await listRevisions(dbx, reports.map((x) => x.r.id));
    const isUnit = isItemUnit(caller.actor, item);
    return {
      item: computed.summary,
      measureBody: computed.clause.measureBody,
      subItems: subItems.map((s) => s.summary),
      workPlan: lead ? presentWorkPlan({ ...lead, progress: computed.progress, status: computed.status }) : null,
      reports: reports.sort((a, b) => (a.r.period < b.r.period ? 1 : -1)).map(({ r, i }) => presentReport(r, i.row, revisions)),
      canReport: isUnit,
      canPlan: item.role === 'lead' && (managesItems(caller.actor) || isUnit),
      canReview: managesItems(caller.actor),
      canConsolidate: item.role === 'lead' && isUnit,
    };
  }

  /** The report's item, checked against the actor's scope (404 outside it). */
  async function reportInScope(dbx: Db, caller: Caller, reportId: string): Promise<{ report: ReportRow; item: ItemRow }> {
    const report = await unsafeFindReport(dbx, reportId);
    if (!report) throw notFoundReport();
    const item = await findItemInScope(dbx, itemScopeSql(caller.actor), report.itemId);
    if (!item) throw notFoundReport();
    return { report, item };
  }

  async function addRevision(tx: Db, caller: Caller, row: ReportRow, event: string, reason: string | null, at: Date) {
    await tx.insert(supervisionReportRevisions).values({ reportId: row.id, revision: row.revision, event, snapshot: reportSnapshot(row), reason, actorName: caller.audit.username ?? caller.actor.username, at });
  }

  return {
    sync: (caller: Caller) =>
      inTransaction(deps, async (tx) => {
        if (!managesItems(caller.actor)) throw errors.forbidden();
        const result = await syncItemsFromPlan(tx, now());
        await audit(deps, tx, caller, 'supervision.sync', 'supervision', 'items', null, result);
        return result;
      }),

    async list(caller: Caller, query: { year?: number; taskKey?: string; status?: string }) {
      const year = query.year ?? currentYear(now());
      const { state, items } = await scopedYearState(db(), caller, year, now());
      const rows = items.filter((i) => (!query.taskKey || i.clause.taskKey === query.taskKey) && (!query.status || i.status.status === query.status));
      return { year, asOf: state.asOf, items: rows.map((i) => i.summary) };
    },

    async board(caller: Caller, year?: number) {
      const { state, items } = await scopedYearState(db(), caller, year ?? currentYear(now()), now());
      return boardOf(state, items, caller);
    },

    get: (caller: Caller, id: string, year?: number) => detail(db(), caller, id, year ?? currentYear(now())),

    setWorkPlan: (caller: Caller, itemId: string, input: WorkPlanInput) =>
      inTransaction(deps, async (tx) => {
        const item = await findItemInScope(tx, itemScopeSql(caller.actor), itemId);
        if (!item) throw notFoundItem();
        const isCommission = managesItems(caller.actor);
        if (item.role !== 'lead') throw new AppError(409, 'SUPERVISION_NOT_LEAD_ITEM', '节点计划设在牵头单位的事项上', 'Milestones are set on the lead unit’s item');
        if (!isCommission && !isItemUnit(caller.actor, item)) throw errors.forbidden();
        const at = now();
        const existing = await findWorkPlan(tx, itemId, input.year);
        let planId: string;
        const before = existing ? { confirmed: existing.confirmedAt !== null, milestones: (await listMilestones(tx, [existing.id])).map(({ title, dueOn, weight, evidenceExpected }) => ({ title, dueOn, weight: Number(weight), evidenceExpected })) } : null;
        const confirmed = isCommission ? { confirmedAt: at, confirmedBy: caller.audit.userId } : { confirmedAt: null, confirmedBy: null };
        if (existing) {
          if (input.version === undefined || input.version !== existing.version) throw staleVersion(existing.version);
          const [updated] = await tx
            .update(supervisionWorkPlans)
            .set({ ...confirmed, updatedAt: at, version: sql`${supervisionWorkPlans.version} + 1` })
            .where(and(eq(supervisionWorkPlans.id, existing.id), eq(supervisionWorkPlans.version, input.version)))
            .returning();
          if (!updated) throw staleVersion(existing.version);
          planId = existing.id;
        } else {
          const [created] = await tx.insert(supervisionWorkPlans).values({ itemId, year: input.year, ...confirmed, createdAt: at, updatedAt: at }).returning();
          planId = created!.id;
        }
        // Milestones keep their ids by position, so the statuses reported against them stay attached.
        const current = await listMilestones(tx, [planId]);
        for (const [i, m] of input.milestones.entries()) {
          const values = { title: m.title, dueOn: m.dueOn, evidenceExpected: m.evidenceExpected ?? '', weight: String(m.weight) };
          const same = current.find((c) => c.ordinal === i + 1);
          if (same) await tx.update(supervisionMilestones).set(values).where(eq(supervisionMilestones.id, same.id));
          else await tx.insert(supervisionMilestones).values({ workPlanId: planId, ordinal: i + 1, ...values });
        }
        for (const extra of current.filter((c) => c.ordinal > input.milestones.length)) await tx.delete(supervisionMilestones).where(eq(supervisionMilestones.id, extra.id));
        if (input.cycle && input.cycle !== item.cycle) {
          await tx.update(supervisionItems).set({ cycle: input.cycle, updatedAt: at, version: sql`${supervisionItems.version} + 1` }).where(sql`${supervisionItems.id} = ${itemId} OR ${supervisionItems.parentId} = ${itemId}`);
        }
        await audit(deps, tx, caller, 'supervision.plan-set', 'supervision-item', itemId, before, { year: input.year, cycle: input.cycle ?? item.cycle, confirmed: isCommission, milestones: input.milestones });
        return detail(tx, caller, itemId, input.year);
      }),

    confirmWorkPlan: (caller: Caller, itemId: string, year: number, version: number) =>
      inTransaction(deps, async (tx) => {
        const item = await findItemInScope(tx, itemScopeSql(caller.actor), itemId);
        if (!item) throw notFoundItem();
        const plan = await findWorkPlan(tx, itemId, year);
        if (!plan) throw errors.notFound('年度节点计划', 'work plan');
        const at = now();
        const [row] = await tx
          .update(supervisionWorkPlans)
          .set({ confirmedAt: at, confirmedBy: caller.audit.userId, updatedAt: at, version: sql`${supervisionWorkPlans.version} + 1` })
          .where(and(eq(supervisionWorkPlans.id, plan.id), eq(supervisionWorkPlans.version, version)))
          .returning();
        if (!row) throw staleVersion(plan.version);
        await audit(deps, tx, caller, 'supervision.plan-confirm', 'supervision-item', itemId, { confirmed: plan.confirmedAt !== null }, { confirmed: true, year });
        return detail(tx, caller, itemId, year);
      }),

    submitReport: (caller: Caller, itemId: string, input: ReportInput) =>
      inTransaction(deps, async (tx) => {
        const item = await findItemInScope(tx, itemScopeSql(caller.actor), itemId);
        if (!item) throw notFoundItem();
        if (!isItemUnit(caller.actor, item)) throw new AppError(403, 'SUPERVISION_NOT_YOUR_ITEM', '只有责任单位可以报送本事项的进展', 'Only the responsible unit reports on this item');
        if (cycleOfPeriod(input.period) !== item.cycle) {
          throw errors.validation([{ path: 'body.period', rule: 'cycle', message: `本事项按${item.cycle === 'monthly' ? '月' : '季度'}报送`, messageEn: `This item reports ${item.cycle}` }]);
        }
        const year = Number(input.period.slice(0, 4));
        const plan = await findWorkPlan(tx, item.parentId ?? item.id, year);
        if (!plan) throw new AppError(409, 'SUPERVISION_NO_WORK_PLAN', `${year} 年度节点计划尚未制定,暂不能报送`, `No work plan for ${year} yet; reports start once milestones are set`);
        const milestoneIds = new Set((await listMilestones(tx, [plan.id])).map((m) => m.id));
        const unknown = input.milestones.findIndex((m) => !milestoneIds.has(m.milestoneId));
        if (unknown >= 0) throw errors.validation([{ path: `body.milestones.${unknown}.milestoneId`, rule: 'milestone', message: '不是本事项的节点', messageEn: 'not a milestone of this item' }]);
        const at = now();
        const values = { percent: String(input.percent), milestones: input.milestones, doneText: input.doneText, problems: input.problems, nextSteps: input.nextSteps, helpNeeded: input.helpNeeded };
        const existing = await findReportOfPeriod(tx, itemId, input.period);
        let row: ReportRow;
        if (!existing) {
          // Deadlines are Shanghai calendar days whatever the server's zone; a late report is kept and marked.
          const dueOn = reportDueOn(input.period, await dueDaysOf(tx));
          const [created] = await tx
            .insert(supervisionReports)
            .values({ itemId, period: input.period, status: 'submitted', ...values, dueOn, isLate: shanghaiDay(at) > dueOn, firstSubmittedAt: at, submittedAt: at, submittedBy: caller.audit.userId })
            .returning();
          row = created!;
          await addRevision(tx, caller, row, 'submitted', null, at);
        } else {
          if (existing.status === 'accepted') throw new AppError(409, 'SUPERVISION_REPORT_ACCEPTED', '该期报告已审核通过,不能再修改', 'This period’s report was accepted and can no longer change');
          if (input.version === undefined || input.version !== existing.version) throw staleVersion(existing.version);
          const [updated] = await tx
            .update(supervisionReports)
            .set({ ...values, status: 'submitted', revision: existing.status === 'returned' ? existing.revision + 1 : existing.revision, submittedAt: at, submittedBy: caller.audit.userId, consolidatedAt: null, version: sql`${supervisionReports.version} + 1` })
            .where(and(eq(supervisionReports.id, existing.id), eq(supervisionReports.version, input.version)))
            .returning();
          if (!updated) throw staleVersion(existing.version);
          row = updated;
          await addRevision(tx, caller, row, 'resubmitted', null, at);
        }
        await audit(deps, tx, caller, 'supervision.report-submit', 'supervision-report', row.id, existing ? reportSnapshot(existing) : null, reportSnapshot(row));
        return presentReport(row, item, await listRevisions(tx, [row.id]));
      }),

    consolidate: (caller: Caller, reportId: string, version: number) =>
      inTransaction(deps, async (tx) => {
        const { report, item } = await reportInScope(tx, caller, reportId);
        const parent = item.parentId ? await unsafeFindItem(tx, item.parentId) : null;
        if (!parent || !isItemUnit(caller.actor, parent)) throw new AppError(403, 'SUPERVISION_NOT_LEAD_UNIT', '只有牵头单位可以汇总配合单位的报告', 'Only the lead unit consolidates its co-units’ reports');
        if (report.status !== 'submitted') throw errors.conflict('只能汇总已报送、未审核的报告', 'Only a submitted, unreviewed report can be consolidated');
        const at = now();
        const [row] = await tx
          .update(supervisionReports)
          .set({ status: 'consolidated', consolidatedAt: at, version: sql`${supervisionReports.version} + 1` })
          .where(and(eq(supervisionReports.id, reportId), eq(supervisionReports.version, version)))
          .returning();
        if (!row) throw staleVersion(report.version);
        await addRevision(tx, caller, row, 'consolidated', null, at);
        await audit(deps, tx, caller, 'supervision.report-consolidate', 'supervision-report', reportId, { status: report.status }, { status: 'consolidated' });
        return presentReport(row, item, await listRevisions(tx, [row.id]));
      }),

    review: (caller: Caller, reportId: string, input: { decision: 'accept' | 'return'; reason?: string; version: number }) =>
      inTransaction(deps, async (tx) => {
        if (!managesItems(caller.actor)) throw errors.forbidden();
        const { report, item } = await reportInScope(tx, caller, reportId);
        if (report.status !== 'submitted' && report.status !== 'consolidated') throw errors.conflict('该报告不在待审核状态', 'This report is not awaiting review');
        const at = now();
        const status = input.decision === 'accept' ? 'accepted' : 'returned';
        const reason = input.decision === 'return' ? input.reason!.trim() : null;
        const [row] = await tx
          .update(supervisionReports)
          .set({ status, returnReason: reason, reviewedAt: at, reviewedBy: caller.audit.userId, version: sql`${supervisionReports.version} + 1` })
          .where(and(eq(supervisionReports.id, reportId), eq(supervisionReports.version, input.version)))
          .returning();
        if (!row) throw staleVersion(report.version);
        await addRevision(tx, caller, row, status, reason, at);
        await audit(deps, tx, caller, status === 'accepted' ? 'supervision.report-accept' : 'supervision.report-return', 'supervision-report', reportId, { status: report.status }, { status, reason });
        return presentReport(row, item, await listRevisions(tx, [row.id]));
      }),
  };
}

async function dueDaysOf(tx: Db): Promise<number> {
  const rows = (await tx.execute(sql`SELECT params FROM supervision_status_rules WHERE code = 'report-missing'`)) as unknown as { rows?: { params: { dueDays?: number } }[] };
  const list = rows.rows ?? (rows as unknown as { params: { dueDays?: number } }[]);
  return Number(list[0]?.params?.dueDays ?? 10);
}

export type SupervisionService = ReturnType<typeof createSupervisionService>;
