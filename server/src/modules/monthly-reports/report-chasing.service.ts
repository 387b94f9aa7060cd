import { parsePeriod } from '../../../../contracts/indicators.ts';
import type { ChaseItem, ChaseStatus } from '../../../../contracts/report-chasing.ts';
import type { AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { buildXlsx } from '../../lib/spreadsheet.ts';
import { contactsOf, enterpriseScope } from '../enterprises/index.ts';
import { maskPersonal } from '../../domain/security/personal-info.ts';
import { notify } from '../notifications/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { defaultDeadline } from './monthly-report.service.ts';
import { listOwingEnterprises, reminderObjectId, type OwingRow } from './report-chasing.repository.ts';

/**
 * Chasing reports (催报): who has not reported, or not been approved, for a month, and a reminder to them.
 * Enterprises are those of the caller's enterprise scope (a park: its zone); the permission registry lets
 * only the commission and the parks in. Reminders go through notify() under the daily job's kind and object,
 * so an enterprise gets at most one reminder of a month per day whoever sends it.
 */

const STATUS_ZH: Record<ChaseStatus, string> = { none: '未填报', draft: '草稿', submitted: '待园区审核', 'park-reviewed': '待经委审定', returned: '已退回' };

function present(row: OwingRow, today: string, year: number, month: number): ChaseItem {
  const contact = contactsOf(row)[0];
  const deadline = row.reportDeadline ? row.reportDeadline.slice(0, 10) : defaultDeadline(year, month);
  return {
    enterpriseId: row.id,
    uscc: row.uscc.trim(),
    name: row.name,
    zoneId: row.zoneId,
    zoneCode: row.zoneCode,
    zoneNameZh: row.zoneNameZh,
    zoneNameEn: row.zoneNameEn,
    status: (row.reportStatus ?? 'none') as ChaseStatus,
    reportId: row.reportId,
    deadline,
    overdue: today > deadline,
    // Masked, as everywhere (the drawer's 显示 reveals them through the enterprise's audited reveal route).
    contactName: maskPersonal('name', contact?.name ?? null),
    contactPhone: maskPersonal('mobile', contact?.phone ?? null),
    lastRemindedAt: row.lastRemindedAt ? new Date(row.lastRemindedAt).toISOString() : null,
  };
}

export function createReportChasingService(deps: AppDeps) {
  const db = () => deps.database.db;

  async function owing(caller: Caller, period: string, filter: { zone?: string | undefined; enterpriseIds?: readonly string[] | undefined }) {
    const ym = parsePeriod(period);
    if (!ym) throw errors.validation([{ path: 'period', rule: 'period', message: '期间格式应为 YYYY-MM', messageEn: 'The period must be YYYY-MM' }]);
    const rows = await listOwingEnterprises(db(), enterpriseScope(caller.actor), ym, {
      ...(filter.zone ? { zone: filter.zone } : {}),
      ...(filter.enterpriseIds ? { enterpriseIds: filter.enterpriseIds } : {}),
    });
    return { ym, rows };
  }

  async function list(caller: Caller, query: { period: string; zone?: string | undefined; status?: ChaseStatus | undefined }) {
    const { ym, rows } = await owing(caller, query.period, { zone: query.zone });
    const today = shanghaiDay(deps.clock());
    const items = rows.map((r) => present(r, today, ym.year, ym.month)).filter((i) => !query.status || i.status === query.status);
    return { period: query.period, items };
  }

  return {
    list,

    async exportXlsx(caller: Caller, query: { period: string; zone?: string | undefined; status?: ChaseStatus | undefined }): Promise<Buffer> {
      const { items } = await list(caller, query);
      await deps.audit.standalone(caller.audit, caller.origin, { action: 'monthly-report.chase-export', details: { period: query.period, zone: query.zone ?? null, status: query.status ?? null, rows: items.length } });
      return buildXlsx(
        `催报-${query.period}`,
        [
          { header: '统一社会信用代码', width: 22, value: (i: ChaseItem) => i.uscc },
          { header: '企业名称', width: 32, value: (i) => i.name },
          { header: '功能区', width: 16, value: (i) => i.zoneNameZh },
          { header: '状态', width: 12, value: (i) => STATUS_ZH[i.status] },
          { header: '截止日期', width: 12, value: (i) => i.deadline },
          { header: '是否逾期', width: 10, value: (i) => (i.overdue ? '是' : '否') },
          { header: '联系人', width: 12, value: (i) => i.contactName },
          { header: '联系电话', width: 16, value: (i) => i.contactPhone },
          { header: '最近提醒', width: 20, value: (i) => (i.lastRemindedAt ? i.lastRemindedAt.replace('T', ' ').slice(0, 16) + ' UTC' : null) },
        ],
        items,
      );
    },

    /**
     * Reminds the listed enterprises (or the named ones among them) in their accounts' inboxes. Each reminded
     * enterprise is one audit record; names outside the caller's scope or no longer owing are silently not in
     * the list, so they are never reminded.
     */
    async remind(caller: Caller, input: { period: string; enterpriseIds?: string[] | undefined; zone?: string | undefined }) {
      const { ym, rows } = await owing(caller, input.period, { zone: input.zone, enterpriseIds: input.enterpriseIds });
      const today = shanghaiDay(deps.clock());
      let reminded = 0;
      let alreadyToday = 0;
      let noAccount = 0;
      let awaitingReview = 0;
      let notices = 0;
      for (const row of rows) {
        const item = present(row, today, ym.year, ym.month);
        // A submitted report waits on the reviewers, not on the enterprise: nothing to remind it of.
        if (item.status === 'submitted' || item.status === 'park-reviewed') {
          awaitingReview++;
          continue;
        }
        if (!row.hasAccount) {
          noAccount++;
          continue;
        }
        const late = item.overdue ? `已逾期（截止 ${item.deadline}）` : `请于 ${item.deadline} 前报送`;
        const lateEn = item.overdue ? `overdue (it was due on ${item.deadline})` : `due on ${item.deadline}`;
        const result = await notify({ database: deps.database, config: deps.config, now: deps.clock }, {
          kind: 'report.deadline-reminder',
          object: { kind: 'monthly-report', id: reminderObjectId(row.id, input.period) },
          recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: row.id } },
          titleZh: `催报：${input.period} 月报${late}`,
          titleEn: `Reminder: the monthly report ${input.period} is ${lateEn}`,
          bodyZh: `${row.name}：${input.period} 的月度统计报表尚未提交（当前：${STATUS_ZH[item.status]}），截止日期 ${item.deadline}。请登录平台处理。`,
          bodyEn: `${row.name}: the monthly statistics report for ${input.period} is not submitted yet (now: ${item.status}); it is due on ${item.deadline}. Please sign in to deal with it.`,
          link: '/reports',
        });
        notices += result.created;
        if (result.created > 0) {
          reminded++;
          await deps.audit.standalone(caller.audit, caller.origin, {
            action: 'monthly-report.remind',
            objectType: 'enterprise',
            objectId: row.id,
            details: { period: input.period, status: item.status, deadline: item.deadline, recipients: result.recipients, created: result.created },
          });
        } else alreadyToday++;
      }
      return { enterprises: rows.length, reminded, alreadyToday, noAccount, awaitingReview, notices };
    },
  };
}
