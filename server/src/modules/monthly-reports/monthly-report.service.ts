import { evaluateAfterReportChange } from '../warnings/index.ts';
import { sql, type SQL } from 'drizzle-orm';
import { INDICATOR_CODES, parsePeriod, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { ReportDetailView, ReportValues } from '../../../../contracts/monthly-reports.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { checkCompleteness, checkSubmission, toStorageWan, validateReport, type ReportIssue } from '../../domain/statistics/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { isUniqueViolation, staleVersion } from '../registry-common/index.ts';
import { refreshRollups, scheduleStatsViewRefresh } from '../statistics/index.ts';
import { rowsOf } from '../../db/rows.ts';
import { reportActionScope, reportScope, type ReportAction } from './monthly-report.policy.ts';
import { presentReport, revisionValues, valuesOf } from './monthly-report.presenter.ts';
import { findReport, listReports, loadValidationHistory, type ReportRow } from './monthly-report.repository.ts';

/**
 * The monthly-report workflow (SPEC §4): draft → submitted → park-reviewed → approved, or returned with a
 * reason. Every write names the version it read; the check is the UPDATE's own WHERE clause inside the
 * transaction, so of two concurrent writes exactly one wins and the other gets 409 — never a silent overwrite.
 * Each write appends an immutable revision and an audit record in the same transaction; an approval updates
 * the statistics rollups before it commits.
 */

export const notFoundReport = () => errors.notFound('月报', 'monthly report');

/** The 10th of the following month (SPEC §5), as YYYY-MM-DD. */
export function defaultDeadline(year: number, month: number): string {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-10`;
}

/** Values at storage resolution (1 元 for money) as exact decimal text for NUMERIC columns. */
function storageValues(values: ReportValues): Record<IndicatorCode, string | number | null> {
  return Object.fromEntries(
    INDICATOR_CODES.map((c) => {
      const v = values[c];
      if (v === null || v === undefined) return [c, null];
      return [c, c === 'employees' ? v : toStorageWan(v, '万元')!.text];
    }),
  ) as Record<IndicatorCode, string | number | null>;
}

export async function validateStored(db: Db, row: ReportRow): Promise<ReportIssue[]> {
  const h = await loadValidationHistory(db, row.enterprise_id, Number(row.year), Number(row.month));
  return validateReport({
    year: Number(row.year),
    month: Number(row.month),
    values: valuesOf(row),
    previousYtd: h.previousYtd,
    lastYear: { month: h.lastYearMonth, ytd: h.lastYearYtd },
    history: h.history,
  });
}

/**
 * The value rules plus what an enterprise's own submission needs (month over, required indicators filled).
 * Only for reports the enterprise can still submit: an imported or approved report is not judged by the form's rules.
 */
export async function validateForSubmission(db: Db, row: ReportRow, now: Date): Promise<ReportIssue[]> {
  const [enterprise] = await rowsOf<{ is_above_scale: boolean; is_manufacturing: boolean }>(
    db,
    sql`SELECT is_above_scale, is_manufacturing FROM enterprises WHERE id = ${row.enterprise_id}`,
  );
  const completeness = checkCompleteness({
    year: Number(row.year),
    month: Number(row.month),
    values: valuesOf(row),
    enterprise: { aboveScale: Boolean(enterprise?.is_above_scale), manufacturing: Boolean(enterprise?.is_manufacturing) },
    now,
  });
  return [...completeness, ...(await validateStored(db, row))];
}

const EDITABLE = new Set(['draft', 'returned']);

const validationFailed = (issues: ReportIssue[], missingExplanation: boolean) =>
  new AppError(
    400,
    'REPORT_INVALID',
    missingExplanation && !issues.some((i) => i.severity === 'error') ? '数据波动较大，请先填写说明再提交' : '月报未通过校验，请修改后再提交',
    missingExplanation && !issues.some((i) => i.severity === 'error') ? 'Unusual values: write an explanation before submitting' : 'The report failed validation; correct it and submit again',
    issues.map((i) => ({ path: i.indicator ? `values.${i.indicator}` : 'report', rule: i.code, message: i.messageZh, messageEn: i.messageEn })),
  );

/**
 * SPEC §4 at every step, not only at submission: a report whose figures need a 说明 (a change beyond ±50 %, a
 * month beyond 3× the median …) and have none cannot be passed by the park nor approved by the commission —
 * whatever brought it into the queue (an import, a seeded report, an older version). Returning it is allowed.
 */
async function requireExplanation(tx: Db, row: ReportRow): Promise<void> {
  const issues = await validateStored(tx, row);
  if (!checkSubmission(issues, row.explanation).missingExplanation) return;
  throw new AppError(
    400,
    'REPORT_EXPLANATION_MISSING',
    '数据波动较大（如同比变动超过 ±50%），但企业没有填写说明，不能通过；请退回企业补充说明',
    'Unusual changes (such as beyond ±50 % year on year) have no explanation, so the report cannot be passed; return it for the enterprise to explain them',
    issues.filter((i) => i.severity === 'needs-explanation').map((i) => ({ path: i.indicator ? `values.${i.indicator}` : 'report', rule: i.code, message: i.messageZh, messageEn: i.messageEn })),
  );
}

/** `deferViewRefresh`: the caller approves several reports and refreshes the statistics views once, after the last. */
export function createMonthlyReportService(deps: AppDeps, options: { deferViewRefresh?: boolean } = {}) {
  const db = () => deps.database.db;

  async function detail(dbx: Db, row: ReportRow): Promise<ReportDetailView> {
    const issues = EDITABLE.has(row.status) ? await validateForSubmission(dbx, row, deps.clock()) : await validateStored(dbx, row);
    const check = checkSubmission(issues, row.explanation);
    return { ...presentReport(row, deps.clock()), issues, canSubmit: check.canSubmit, needsExplanation: check.needsExplanation > 0 };
  }

  async function revision(tx: Db, caller: Caller, row: ReportRow, action: string) {
    await tx.execute(sql`INSERT INTO monthly_report_revisions (report_id, version, action, status, values, explanation, return_reason, actor_user_id, actor_username, at)
      VALUES (${row.id}, ${row.version}, ${action}, ${row.status}, ${JSON.stringify(revisionValues(valuesOf(row)))}::jsonb, ${row.explanation},
              ${row.return_reason}, ${caller.audit.userId}, ${caller.audit.username}, ${deps.clock()})`);
  }

  /**
   * Applies one versioned change to a report the actor may act on; 404 outside the action's scope, 409 when the
   * version is stale. `set` is the column assignments of the change.
   */
  async function transition(caller: Caller, id: string, version: number, action: ReportAction, revisionAction: string, set: SQL, after?: (tx: Db, row: ReportRow) => Promise<void>) {
    return inTransaction(deps, async (tx) => {
      const visible = await findReport(tx, reportScope(caller.actor), id);
      if (!visible) throw notFoundReport();
      const before = await findReport(tx, reportActionScope(caller.actor, action), id);
      if (!before) {
        throw new AppError(409, 'REPORT_STATE', `月报当前状态（${visible.status}）不允许此操作`, `The report's current status (${visible.status}) does not allow this`);
      }
      const updated = await rowsOf<{ id: string }>(
        tx,
        sql`UPDATE monthly_reports r SET ${set}, version = r.version + 1, updated_at = ${deps.clock()}
             FROM enterprises e WHERE e.id = r.enterprise_id AND r.id = ${id} AND r.version = ${version} AND ${reportActionScope(caller.actor, action)}
             RETURNING r.id`,
      );
      if (updated.length === 0) throw staleVersion(Number(visible.version));
      const row = (await findReport(tx, reportScope(caller.actor), id))!;
      if (after) await after(tx, row);
      await revision(tx, caller, row, revisionAction);
      await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
        action: `monthly-report.${revisionAction}`,
        objectType: 'monthly-report',
        objectId: id,
        before: { status: before.status, version: Number(before.version), values: valuesOf(before) },
        after: { status: row.status, version: Number(row.version), values: valuesOf(row), returnReason: row.return_reason },
      });
      return detail(tx, row);
    });
  }

  const assignments = (values: ReportValues, explanation: string | null | undefined): SQL => {
    const v = storageValues(values);
    return sql.join(
      [...INDICATOR_CODES.map((c) => sql`${sql.raw(c)} = ${v[c]}${sql.raw(c === 'employees' ? '::integer' : '::numeric')}`), sql`explanation = ${explanation ?? null}`],
      sql`, `,
    );
  };

  return {
    async list(caller: Caller, query: { period?: string; status?: string; enterpriseId?: string; zone?: string; page: number; pageSize: number }) {
      const period = query.period ? parsePeriod(query.period)! : undefined;
      const { items, total } = await listReports(db(), reportScope(caller.actor), { ...(period ? { period } : {}), ...(query.status ? { status: query.status } : {}), ...(query.enterpriseId ? { enterpriseId: query.enterpriseId } : {}), ...(query.zone ? { zone: query.zone } : {}) }, query.page, query.pageSize);
      const now = deps.clock();
      return { items: items.map((r) => presentReport(r, now)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(caller: Caller, id: string) {
      const row = await findReport(db(), reportScope(caller.actor), id);
      if (!row) throw notFoundReport();
      return detail(db(), row);
    },

    async revisions(caller: Caller, id: string) {
      const row = await findReport(db(), reportScope(caller.actor), id);
      if (!row) throw notFoundReport();
      const items = await rowsOf<{ version: number; action: string; status: string; values: Record<string, string | number | null>; explanation: string | null; return_reason: string | null; actor_username: string | null; at: Date | string }>(
        db(),
        sql`SELECT version, action, status, values, explanation, return_reason, actor_username, at FROM monthly_report_revisions WHERE report_id = ${id} ORDER BY version`,
      );
      return {
        items: items.map((r) => ({
          version: Number(r.version),
          action: r.action,
          status: r.status as ReportDetailView['status'],
          values: r.values,
          explanation: r.explanation,
          returnReason: r.return_reason,
          actor: r.actor_username,
          at: new Date(r.at).toISOString(),
        })),
      };
    },

    /** A draft for the enterprise's own month; one report per enterprise × month (409 when it exists). */
    async create(caller: Caller, input: { period: string; values: ReportValues; explanation?: string | null | undefined }) {
      const actor = caller.actor;
      if (actor.role !== 'enterprise' || actor.scope?.kind !== 'enterprise') throw errors.forbidden();
      const { year, month } = parsePeriod(input.period)!;
      const v = storageValues(input.values);
      try {
        return await inTransaction(deps, async (tx) => {
          const now = deps.clock();
          const [created] = await rowsOf<{ id: string }>(
            tx,
            sql`INSERT INTO monthly_reports (enterprise_id, year, month, status, source, ${sql.raw(INDICATOR_CODES.join(', '))}, explanation, deadline, created_at, updated_at)
                VALUES (${actor.scope!.id}, ${year}, ${month}, 'draft', 'enterprise', ${sql.join(INDICATOR_CODES.map((c) => sql`${v[c]}${sql.raw(c === 'employees' ? '::integer' : '::numeric')}`), sql`, `)},
                        ${input.explanation ?? null}, ${defaultDeadline(year, month)}, ${now}, ${now})
                RETURNING id`,
          );
          const row = (await findReport(tx, reportScope(actor), created!.id))!;
          await revision(tx, caller, row, 'create');
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'monthly-report.create', objectType: 'monthly-report', objectId: row.id, before: null, after: { period: input.period, values: valuesOf(row) } });
          return detail(tx, row);
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError(409, 'REPORT_EXISTS', `${input.period} 的月报已存在，请打开后修改`, `A report for ${input.period} exists already; open it to edit`);
        throw error;
      }
    },

    async update(caller: Caller, id: string, input: { version: number; values: ReportValues; explanation?: string | null | undefined }) {
      return transition(caller, id, input.version, 'edit', 'save', assignments(input.values, input.explanation));
    },

    /** Submission runs the SPEC §4 validation on the stored values inside the transaction: errors and a missing 说明 block it. */
    async submit(caller: Caller, id: string, version: number) {
      return transition(caller, id, version, 'submit', 'submit', sql`status = 'submitted', submitted_at = ${deps.clock()}, submitted_by = ${caller.audit.userId}, return_reason = NULL`, async (tx, row) => {
        const issues = await validateForSubmission(tx, row, deps.clock());
        const check = checkSubmission(issues, row.explanation);
        if (!check.canSubmit) throw validationFailed(issues.filter((i) => i.severity === 'error' || check.missingExplanation), check.missingExplanation);
      });
    },

    async review(caller: Caller, id: string, input: { version: number; decision: 'pass' | 'return'; reason?: string | undefined }) {
      const set =
        input.decision === 'pass'
          ? sql`status = 'park-reviewed', reviewed_at = ${deps.clock()}, reviewed_by = ${caller.audit.userId}`
          : sql`status = 'returned', return_reason = ${input.reason ?? ''}, reviewed_at = ${deps.clock()}, reviewed_by = ${caller.audit.userId}`;
      return transition(caller, id, input.version, 'review', input.decision === 'pass' ? 'review' : 'return', set, input.decision === 'pass' ? requireExplanation : undefined);
    },

    async approve(caller: Caller, id: string, input: { version: number; decision: 'approve' | 'return'; reason?: string | undefined }) {
      if (input.decision === 'return') {
        return transition(caller, id, input.version, 'approve', 'return', sql`status = 'returned', return_reason = ${input.reason ?? ''}`);
      }
      const approved = await transition(
        caller,
        id,
        input.version,
        'approve',
        'approve',
        // The park's review comes first: a submitted report cannot skip it (the WHERE makes it a 409).
        sql`status = CASE WHEN r.status = 'park-reviewed' THEN 'approved' ELSE r.status END, approved_at = ${deps.clock()}, approved_by = ${caller.audit.userId}`,
        async (tx, row) => {
          if (row.status !== 'approved') throw new AppError(409, 'REPORT_STATE', '月报尚未经园区审核', 'The park has not reviewed this report yet');
          await requireExplanation(tx, row);
          await refreshRollups(tx, [{ enterpriseId: row.enterprise_id, year: Number(row.year), fromMonth: Number(row.month) }]);
        },
      );
      // The warnings of this enterprise follow its approved figures (after the commit; never fails the approval).
      await evaluateAfterReportChange(deps, [approved.enterpriseId]);
      // The recently read cockpits computed again under the new figures, in the background: readers after it are
      // served at once, and the approver does not wait for it.
      if (!options.deferViewRefresh) scheduleStatsViewRefresh(deps.database.db);
      return approved;
    },
  };
}
export type MonthlyReportService = ReturnType<typeof createMonthlyReportService>;
