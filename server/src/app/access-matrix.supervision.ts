import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Role } from '../../../contracts/roles.ts';
import type { TestApp } from '../../../test/test-app.ts';
import { supervisionItems, supervisionMilestones, supervisionReports, supervisionStatusRules, supervisionWorkPlans } from '../db/schema/index.ts';
import { syncItemsFromPlan } from '../modules/supervision/index.ts';
import { generateBulletin } from '../modules/supervision/supervision-bulletin.ts';
import { seedPlanForTest } from '../modules/plan/plan-test-helpers.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';
import type { MatrixFixtures, MatrixRow } from './access-matrix.data.ts';
import { eq } from 'drizzle-orm';

/**
 * Matrix rows of 督办 (issue 12). The matrix's department is 区科委; the foreign item is 六(十)'s first measure
 * (区发改委 leads, 区生态环境局 and 区农业农村委 co-operate: no 区科委), whose rows nobody but the commission and
 * the leader may see; the matrix's park (生物医药港) is no unit of the plan, so it sees no item at all.
 */
export interface SupervisionMatrixFixtures {
  foreignItemId: string;
  foreignReportId: string;
  bulletinId: string;
  workPlanVersion: () => Promise<number>;
  reportVersion: () => Promise<number>;
  ruleVersion: () => Promise<number>;
  workbook: Buffer;
}

export async function buildSupervisionMatrixFixtures(t: TestApp): Promise<SupervisionMatrixFixtures> {
  await seedPlanForTest(t);
  const db = t.deps.database.db;
  return db.transaction(async (tx) => {
    const now = new Date();
    await syncItemsFromPlan(tx as never, now);
    const items = await tx.select().from(supervisionItems).where(eq(supervisionItems.clauseKey, 'task-10-m1'));
    const lead = items.find((r) => r.role === 'lead')!;
    const co = items.find((r) => r.role === 'co')!;
    const [plan] = await tx.insert(supervisionWorkPlans).values({ itemId: lead.id, year: 2026, createdAt: now, updatedAt: now }).returning();
    const [milestone] = await tx.insert(supervisionMilestones).values({ workPlanId: plan!.id, ordinal: 1, title: '矩阵测试节点', dueOn: '2026-12-31', weight: '1' }).returning();
    const [report] = await tx
      .insert(supervisionReports)
      .values({ itemId: co.id, period: '2026-Q1', status: 'submitted', percent: '10', milestones: [{ milestoneId: milestone!.id, status: 'in-progress' }], doneText: '矩阵测试丙', dueOn: '2026-04-10', firstSubmittedAt: now, submittedAt: now })
      .returning();
    const bulletin = await generateBulletin(tx as never, '2026-03', now, 'matrix');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('督办节点计划');
    sheet.addRow(['措施键', '任务', '措施', '牵头单位', '年度', '报送周期', '序号', '节点内容', '完成时限', '佐证材料', '权重']);
    sheet.addRow(['task-10-m2', '六(十)', '', '区发改委', 2026, '季度', 1, '矩阵导入节点', '2026-10-31', '', 1]);
    return {
      foreignItemId: lead.id,
      foreignReportId: report!.id,
      bulletinId: bulletin.id,
      workbook: Buffer.from(await workbook.xlsx.writeBuffer()),
      workPlanVersion: async () => (await db.select().from(supervisionWorkPlans).where(eq(supervisionWorkPlans.id, plan!.id)))[0]!.version,
      reportVersion: async () => (await db.select().from(supervisionReports).where(eq(supervisionReports.id, report!.id)))[0]!.version,
      ruleVersion: async () => (await db.select().from(supervisionStatusRules).where(eq(supervisionStatusRules.code, 'deadline-near')))[0]!.version,
    };
  });
}

const READERS = ['leader', 'commission', 'department', 'park'] as const;
const SEES_FOREIGN: readonly Role[] = ['leader', 'commission'];

/** 200 for the commission and the leader; 404 (never the foreign unit's name) for everyone else allowed in. */
function foreignObject(okStatus = 200) {
  return (_fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => {
    if (SEES_FOREIGN.includes(role)) expect(response.statusCode, response.body).toBe(okStatus);
    else {
      expect(response.statusCode, response.body).toBe(404);
      expect(response.body).not.toContain('区发改委');
      expect(response.body).not.toContain('矩阵测试');
    }
  };
}

/** A list: the foreign item appears for the commission and the leader only. */
function foreignListed(extract: (response: LightMyRequestResponse) => string[]) {
  return async (fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => {
    expect(response.statusCode, response.body).toBe(200);
    const { foreignItemId } = await fx.supervision();
    const ids = extract(response);
    if (SEES_FOREIGN.includes(role)) expect(ids).toContain(foreignItemId);
    else {
      expect(ids).not.toContain(foreignItemId);
      expect(response.body).not.toContain('矩阵测试');
    }
    if (role === 'park') expect(ids).toEqual([]);
  };
}

const url = (f: (s: SupervisionMatrixFixtures) => string) => async (fx: MatrixFixtures) => ({ url: f(await fx.supervision()) });

export const SUPERVISION_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/supervision/items', allowed: READERS, request: async (fx) => (await fx.supervision(), { url: '/api/supervision/items?year=2026' }), check: foreignListed((r) => r.json().items.map((i: { id: string }) => i.id)) },
  { route: 'GET /api/supervision/items/:id', allowed: READERS, request: url((s) => `/api/supervision/items/${s.foreignItemId}?year=2026`), check: foreignObject() },
  {
    route: 'PUT /api/supervision/items/:id/work-plan',
    allowed: ['commission', 'department', 'park'],
    request: async (fx) => {
      const s = await fx.supervision();
      return { url: `/api/supervision/items/${s.foreignItemId}/work-plan`, payload: { year: 2026, milestones: [{ title: '矩阵测试节点', dueOn: '2026-12-31', weight: 1 }], version: await s.workPlanVersion() } };
    },
    check: foreignObject(),
  },
  {
    route: 'POST /api/supervision/items/:id/work-plan/confirm',
    allowed: ['commission'],
    request: async (fx) => {
      const s = await fx.supervision();
      return { url: `/api/supervision/items/${s.foreignItemId}/work-plan/confirm`, payload: { year: 2026, version: await s.workPlanVersion() } };
    },
  },
  {
    route: 'POST /api/supervision/items/:id/reports',
    allowed: ['department', 'park'],
    request: async (fx) => ({ url: `/api/supervision/items/${(await fx.supervision()).foreignItemId}/reports`, payload: { period: '2026-Q2', percent: 10 } }),
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  {
    route: 'POST /api/supervision/reports/:id/consolidate',
    allowed: ['department', 'park'],
    request: async (fx) => {
      const s = await fx.supervision();
      return { url: `/api/supervision/reports/${s.foreignReportId}/consolidate`, payload: { version: await s.reportVersion() } };
    },
    check: (_fx, _role, response) => expect(response.statusCode, response.body).toBe(404),
  },
  {
    route: 'POST /api/supervision/reports/:id/review',
    allowed: ['commission'],
    request: async (fx) => {
      const s = await fx.supervision();
      return { url: `/api/supervision/reports/${s.foreignReportId}/review`, payload: { decision: 'return', reason: '矩阵测试', version: await s.reportVersion() } };
    },
  },
  {
    route: 'GET /api/supervision/board',
    allowed: READERS,
    request: async (fx) => (await fx.supervision(), { url: '/api/supervision/board?year=2026' }),
    check: async (fx, role, response) => {
      await foreignListed((r) => r.json().items.map((i: { id: string }) => i.id))(fx, role, response);
      const units = response.json().units.map((u: { name: string }) => u.name);
      if (role === 'department') expect(units).toEqual(['区科委']);
      if (role === 'park') expect(units).toEqual([]);
      if (SEES_FOREIGN.includes(role)) expect(units).toContain('区发改委');
    },
  },
  {
    route: 'GET /api/supervision/dual-track',
    allowed: READERS,
    request: async (fx) => (await fx.supervision(), { url: '/api/supervision/dual-track?year=2026' }),
    check: (_fx, role, response) => {
      expect(response.statusCode, response.body).toBe(200);
      const keys = response.json().tasks.map((t: { key: string }) => t.key);
      if (SEES_FOREIGN.includes(role)) expect(keys).toContain('task-10');
      else expect(keys).not.toContain('task-10');
    },
  },
  { route: 'PUT /api/supervision/outcome-links/:taskKey', allowed: ['commission'], request: () => ({ url: '/api/supervision/outcome-links/task-01', payload: { year: 2026, links: [{ metric: 'projects-signed', baseline: 10, target: 20 }] } }) },
  { route: 'GET /api/supervision/rules', allowed: READERS },
  {
    route: 'PUT /api/supervision/rules/:code',
    allowed: ['commission'],
    request: async (fx) => ({ url: '/api/supervision/rules/deadline-near', payload: { enabled: true, params: { days: 15 }, version: await (await fx.supervision()).ruleVersion() } }),
  },
  { route: 'POST /api/supervision/sync', allowed: ['commission'] },
  {
    route: 'GET /api/supervision/work-plan/export',
    allowed: READERS,
    request: async (fx) => (await fx.supervision(), { url: '/api/supervision/work-plan/export?year=2026' }),
    check: async (_fx, role, response) => {
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as never);
      const keys: string[] = [];
      workbook.worksheets[0]!.eachRow((row, i) => {
        if (i > 1) keys.push(String(row.getCell(1).value));
      });
      if (SEES_FOREIGN.includes(role)) expect(keys).toContain('task-10-m1');
      else expect(keys.some((k) => k.startsWith('task-10-'))).toBe(false);
      if (role === 'park') expect(keys).toEqual([]);
    },
  },
  {
    route: 'POST /api/supervision/work-plan/import',
    allowed: ['commission'],
    request: async (fx) => ({ payload: (await fx.supervision()).workbook, headers: { 'content-type': XLSX_MIME } }),
  },
  { route: 'GET /api/supervision/bulletins', allowed: ['leader', 'commission'] },
  { route: 'POST /api/supervision/bulletins', allowed: ['commission'], request: () => ({ payload: { period: '2026-04' } }) },
  { route: 'GET /api/supervision/bulletins/:id/file', allowed: ['leader', 'commission'], request: url((s) => `/api/supervision/bulletins/${s.bulletinId}/file`) },
];
