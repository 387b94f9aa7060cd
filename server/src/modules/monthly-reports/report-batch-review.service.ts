import { formatPeriod } from '../../../../contracts/indicators.ts';
import type { BatchOutcome } from '../../../../contracts/report-chasing.ts';
import type { AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import { checkSubmission } from '../../domain/statistics/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { scheduleStatsViewRefresh } from '../statistics/index.ts';
import { reportScope } from './monthly-report.policy.ts';
import { findReport } from './monthly-report.repository.ts';
import { createMonthlyReportService, validateStored } from './monthly-report.service.ts';

/**
 * Batch review (批量审核): the park passes, the commission approves, several reports in one request. Each
 * report goes through the single-report workflow on its own (its own transaction, version check, revision and
 * audit record), after the SPEC §4 validation of the version named: a report with an error or a missing 说明 is
 * refused, and so is one that changed since the list was read. One refusal never stops the others; the answer
 * lists the outcome of each, in the order asked.
 */
export function createReportBatchReviewService(deps: AppDeps) {
  const reports = createMonthlyReportService(deps, { deferViewRefresh: true });
  const db = () => deps.database.db;

  async function one(caller: Caller, action: 'review' | 'approve', item: { id: string; version: number }): Promise<BatchOutcome> {
    const row = await findReport(db(), reportScope(caller.actor), item.id);
    const base = { id: item.id, enterpriseName: row?.enterprise_name ?? null, period: row ? formatPeriod(Number(row.year), Number(row.month)) : null };
    try {
      if (row && Number(row.version) === item.version) {
        const issues = await validateStored(db(), row);
        const check = checkSubmission(issues, row.explanation);
        if (!check.canSubmit) {
          const first = issues.find((i) => i.severity === 'error') ?? issues.find((i) => i.severity === 'needs-explanation');
          throw new AppError(
            400,
            'REPORT_INVALID',
            check.missingExplanation && check.errors === 0 ? `数据波动较大但缺少说明${first ? `：${first.messageZh}` : ''}` : `未通过校验${first ? `：${first.messageZh}` : ''}`,
            check.missingExplanation && check.errors === 0 ? `Unusual values without an explanation${first ? `: ${first.messageEn}` : ''}` : `Failed validation${first ? `: ${first.messageEn}` : ''}`,
          );
        }
      }
      // Out of scope (404), a stale version (409) and a wrong state (409) are decided by the workflow itself.
      const done =
        action === 'review'
          ? await reports.review(caller, item.id, { version: item.version, decision: 'pass' })
          : await reports.approve(caller, item.id, { version: item.version, decision: 'approve' });
      return { ...base, ok: true, status: done.status, error: null };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      await deps.audit.standalone(caller.audit, caller.origin, {
        action: `monthly-report.${action}`,
        objectType: 'monthly-report',
        objectId: row ? item.id : null,
        outcome: 'failure',
        details: { batch: true, id: item.id, version: item.version, code: error.code, message: error.messageZh },
      });
      return { ...base, ok: false, status: (row?.status as BatchOutcome['status']) ?? null, error: { code: error.code, message: error.messageZh, messageEn: error.messageEn } };
    }
  }

  return {
    async run(caller: Caller, action: 'review' | 'approve', items: readonly { id: string; version: number }[]) {
      const outcomes: BatchOutcome[] = [];
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        outcomes.push(await one(caller, action, item));
      }
      const succeeded = outcomes.filter((o) => o.ok).length;
      // The statistics views computed again once for the whole batch (each approval deferred it).
      if (action === 'approve' && succeeded > 0) scheduleStatsViewRefresh(deps.database.db);
      return { succeeded, failed: outcomes.length - succeeded, items: outcomes };
    },
  };
}
