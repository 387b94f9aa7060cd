import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { XLSX_MIME } from '../lib/spreadsheet.ts';
import type { Session, TestApp } from '../../../test/test-app.ts';
import type { Role } from '../../../contracts/roles.ts';
import { rowsOf } from '../modules/statistics/sql-rows.ts';
import type { MatrixRow } from './access-matrix.data.ts';

/**
 * Matrix rows and fixtures of monthly reports and statistics. Reports are made directly in the database, one
 * fresh report per request for the workflow routes, so each allowed call meets the state its action needs:
 * the own enterprise (medicine-port) has drafts, submitted and park-reviewed reports; the foreign one
 * (innovation-city) has one approved report that only the leader and the commission may open.
 */
export interface ReportMatrixFixtures {
  foreignReportId: string;
  /** A fresh report of the own enterprise in the given status, with its version. */
  ownReport: (status: 'draft' | 'submitted' | 'park-reviewed') => Promise<{ id: string; version: number }>;
  /** The marked workbook of a bureau file with an error, imported by `role` (a random id for roles that cannot import). */
  importReport: (role: Role | null) => Promise<string>;
}

let period = 0;
const nextPeriod = () => {
  period++;
  return { year: 2001 + Math.floor(period / 12), month: (period % 12) + 1 };
};

async function insertReport(t: TestApp, enterpriseId: string, status: string): Promise<{ id: string; version: number }> {
  const { year, month } = nextPeriod();
  const [row] = await rowsOf<{ id: string; version: number }>(
    t.deps.database.db,
    sql`INSERT INTO monthly_reports (enterprise_id, year, month, status, output, sales, revenue, employees, deadline)
        VALUES (${enterpriseId}, ${year}, ${month}, ${status}, 10, 9, 12, 5, make_date(${year}, ${month}, 1) + interval '40 days')
        RETURNING id, version`,
  );
  return { id: row!.id, version: Number(row!.version) };
}

export async function buildReportMatrixFixtures(t: TestApp, sessions: Map<Role, Session>, own: { id: string }, foreign: { id: string }): Promise<ReportMatrixFixtures> {
  const foreignReport = await insertReport(t, foreign.id, 'approved');
  await insertReport(t, own.id, 'approved');
  return {
    foreignReportId: foreignReport.id,
    ownReport: (status) => insertReport(t, own.id, status),
    async importReport(role) {
      const session = role ? sessions.get(role) : undefined;
      if (!session) return crypto.randomUUID();
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('月报');
      sheet.addRow(['统一社会信用代码', '期间', '工业总产值']);
      sheet.addRow(['not-a-code', '2024-01', 1]);
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/monthly-reports/import',
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME },
      });
      return r.statusCode === 200 ? (r.json().reportId ?? crypto.randomUUID()) : crypto.randomUUID();
    },
  };
}

const REPORT_READERS = ['leader', 'commission', 'park', 'enterprise'] as const;
const STATS_READERS = ['leader', 'commission', 'park'] as const;

export const STATISTICS_MATRIX_ROWS: MatrixRow[] = [
  { route: 'GET /api/statistics/cockpit', allowed: STATS_READERS },
  { route: 'GET /api/statistics/goals', allowed: STATS_READERS },
  // The cockpit page's combined answer (issue 17, first load): the same readers as its parts.
  { route: 'GET /api/cockpit-page', allowed: STATS_READERS },
  { route: 'GET /api/statistics/breakdown', allowed: STATS_READERS, request: () => ({ url: '/api/statistics/breakdown?period=2024-01&by=zone' }) },
  { route: 'GET /api/statistics/breakdown/export', allowed: STATS_READERS, request: () => ({ url: '/api/statistics/breakdown/export?period=2024-01' }) },
  { route: 'GET /api/statistics/drill', allowed: STATS_READERS, request: () => ({ url: '/api/statistics/drill?period=2024-01&by=zone&key=medicine-port' }) },
  {
    route: 'GET /api/statistics/enterprises/:id',
    allowed: REPORT_READERS,
    objectInScope: true,
    request: (fx) => ({ url: `/api/statistics/enterprises/${fx.foreignEnterpriseId}` }),
  },
  { route: 'GET /api/monthly-reports', allowed: REPORT_READERS, scoped: 'enterprises', scopedMatch: 'subset' },
  { route: 'GET /api/monthly-reports/export', allowed: REPORT_READERS, scoped: 'enterprises', scopedMatch: 'subset' },
  { route: 'GET /api/monthly-reports/template', allowed: ['commission'] },
  // 催报 (issue 17): the chasing list and its export are enterprise lists in the caller's enterprise scope.
  { route: 'GET /api/monthly-reports/chasing', allowed: ['commission', 'park'], scoped: 'enterprises', scopedMatch: 'subset', request: () => ({ url: '/api/monthly-reports/chasing?period=2001-01' }) },
  { route: 'GET /api/monthly-reports/chasing/export', allowed: ['commission', 'park'], scoped: 'enterprises', scopedMatch: 'subset', request: () => ({ url: '/api/monthly-reports/chasing/export?period=2001-01' }) },
  { route: 'POST /api/monthly-reports/chasing/remind', allowed: ['commission', 'park'], request: () => ({ payload: { period: '2001-01' } }) },
  { route: 'GET /api/monthly-reports/status-counts', allowed: REPORT_READERS },
  {
    route: 'POST /api/monthly-reports/batch-review',
    allowed: ['park'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('submitted');
      return { payload: { items: [{ id: r.id, version: r.version }] } };
    },
  },
  {
    route: 'POST /api/monthly-reports/batch-approve',
    allowed: ['commission'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('park-reviewed');
      return { payload: { items: [{ id: r.id, version: r.version }] } };
    },
  },
  {
    route: 'POST /api/monthly-reports/import',
    allowed: ['commission'],
    request: async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('月报').addRow(['统一社会信用代码', '期间', '工业总产值']);
      return { payload: Buffer.from(await wb.xlsx.writeBuffer()), headers: { 'content-type': XLSX_MIME } };
    },
  },
  {
    route: 'GET /api/monthly-reports/import-reports/:id',
    allowed: ['commission'],
    request: async (fx, role) => ({ url: `/api/monthly-reports/import-reports/${await (await fx.reports()).importReport(role)}` }),
  },
  {
    route: 'GET /api/monthly-reports/:id',
    allowed: REPORT_READERS,
    objectInScope: true,
    request: async (fx) => ({ url: `/api/monthly-reports/${(await fx.reports()).foreignReportId}` }),
  },
  {
    route: 'GET /api/monthly-reports/:id/revisions',
    allowed: REPORT_READERS,
    objectInScope: true,
    request: async (fx) => ({ url: `/api/monthly-reports/${(await fx.reports()).foreignReportId}/revisions` }),
  },
  {
    route: 'POST /api/monthly-reports',
    allowed: ['enterprise'],
    request: () => {
      const { year, month } = nextPeriod();
      return { payload: { period: `${year}-${String(month).padStart(2, '0')}`, values: { revenue: 1 } } };
    },
  },
  {
    route: 'PUT /api/monthly-reports/:id',
    allowed: ['enterprise'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('draft');
      return { url: `/api/monthly-reports/${r.id}`, payload: { version: r.version, values: { revenue: 2 } } };
    },
  },
  {
    route: 'POST /api/monthly-reports/:id/submit',
    allowed: ['enterprise'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('draft');
      return { url: `/api/monthly-reports/${r.id}/submit`, payload: { version: r.version } };
    },
  },
  {
    route: 'POST /api/monthly-reports/:id/review',
    allowed: ['park'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('submitted');
      return { url: `/api/monthly-reports/${r.id}/review`, payload: { version: r.version, decision: 'pass' } };
    },
  },
  {
    route: 'POST /api/monthly-reports/:id/approve',
    allowed: ['commission'],
    request: async (fx) => {
      const r = await (await fx.reports()).ownReport('park-reviewed');
      return { url: `/api/monthly-reports/${r.id}/approve`, payload: { version: r.version, decision: 'approve' } };
    },
  },
];
