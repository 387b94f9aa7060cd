import type { FastifyInstance } from 'fastify';
import {
  batchReviewResultSchema,
  batchReviewSchema,
  chaseExportQuerySchema,
  chaseListSchema,
  chaseQuerySchema,
  chaseRemindResultSchema,
  chaseRemindSchema,
  reportStatusCountsQuerySchema,
  reportStatusCountsSchema,
} from '../../../../contracts/report-chasing.ts';
import type { AppDeps } from '../../app/deps.ts';
import { defineRoute } from '../../app/route.ts';
import { attachmentDisposition, XLSX_MIME } from '../../lib/spreadsheet.ts';
import { parsePeriod } from '../../../../contracts/indicators.ts';
import { REPORT_STATUSES } from '../../../../contracts/monthly-reports.ts';
import { callerOf } from '../registry-common/index.ts';
import { reportScope } from './monthly-report.policy.ts';
import { countReportsByStatus } from './report-chasing.repository.ts';
import { createReportBatchReviewService } from './report-batch-review.service.ts';
import { createReportChasingService } from './report-chasing.service.ts';

/** Chasing reports (催报) and batch review of monthly reports (issue 17). */
export function registerReportChasingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const tags = ['monthly-reports'];
  const chasing = createReportChasingService(deps);
  const batch = createReportBatchReviewService(deps);

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/chasing',
    access: 'report.chase',
    summary: 'Enterprises in the caller’s scope whose report of the month is missing or not yet approved, with deadline, contact and the last reminder',
    tags,
    query: chaseQuerySchema,
    responses: { 200: chaseListSchema },
    handler: async ({ actor, origin, query }) => chasing.list(callerOf(actor!, origin), query),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/chasing/export',
    access: 'report.chase',
    summary: 'The chasing list as .xlsx (first column the USCC; text cells guarded against formulas)',
    tags,
    query: chaseExportQuerySchema,
    handler: async ({ actor, origin, query, reply }) => {
      const body = await chasing.exportXlsx(callerOf(actor!, origin), query);
      reply.header('content-type', XLSX_MIME).header('content-disposition', attachmentDisposition(`催报名单-${query.period}.xlsx`));
      return reply.send(body);
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/chasing/remind',
    access: 'report.chase',
    summary: 'Remind the named enterprises of the list (or all of it) in their inboxes; at most once a day per enterprise and month; each reminder audited',
    tags,
    body: chaseRemindSchema,
    responses: { 200: chaseRemindResultSchema },
    handler: async ({ actor, origin, body }) => chasing.remind(callerOf(actor!, origin), body),
  });

  defineRoute(app, deps, {
    method: 'GET',
    url: '/api/monthly-reports/status-counts',
    access: 'report.read',
    summary: 'How many reports in the caller’s scope are in each status (the list’s tabs), under the list’s other filters',
    tags,
    query: reportStatusCountsQuerySchema,
    responses: { 200: reportStatusCountsSchema },
    handler: async ({ actor, query }) => {
      const period = query.period ? parsePeriod(query.period)! : undefined;
      const rows = await countReportsByStatus(deps.database.db, reportScope(actor!), {
        ...(period ? { period } : {}),
        ...(query.zone ? { zone: query.zone } : {}),
        ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}),
      });
      const counts = Object.fromEntries(REPORT_STATUSES.map((st) => [st, Number(rows.find((r) => r.status === st)?.n ?? 0)]));
      return { total: rows.reduce((sum, r) => sum + Number(r.n), 0), counts };
    },
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/batch-review',
    access: 'report.review',
    summary: 'The park passes several submitted reports; each validated, versioned and audited on its own; the outcome of each',
    tags,
    body: batchReviewSchema,
    responses: { 200: batchReviewResultSchema },
    handler: async ({ actor, origin, body }) => batch.run(callerOf(actor!, origin), 'review', body.items),
  });

  defineRoute(app, deps, {
    method: 'POST',
    url: '/api/monthly-reports/batch-approve',
    access: 'report.approve',
    summary: 'The commission approves several park-reviewed reports; each validated, versioned and audited on its own; the outcome of each',
    tags,
    body: batchReviewSchema,
    responses: { 200: batchReviewResultSchema },
    handler: async ({ actor, origin, body }) => batch.run(callerOf(actor!, origin), 'approve', body.items),
  });
}
