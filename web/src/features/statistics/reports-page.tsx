import { Button, Card, DatePicker, Segmented, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { REPORT_STATUSES, type ReportStatus, type ReportView } from '../../../../contracts/monthly-reports.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { can } from '../registries/shared/permissions.ts';
import { BureauImportDialog } from './bureau-import-dialog.tsx';
import { EnterpriseStatsCard } from './enterprise-stats-card.tsx';
import { ReportDrawer, STATUS_COLOR, STATUS_KEY } from './report-drawer.tsx';
import { exportReports, listReports } from './statistics.api.ts';
import { fmtAmount } from './stat-format.ts';

/** The queue each role works from: the park's reports to review, the commission's to approve. */
const DEFAULT_STATUS: Partial<Record<string, ReportStatus>> = { park: 'submitted', commission: 'park-reviewed' };

/** 月报: the enterprise's reports, the park's review queue, the commission's approval queue, read-only for leaders. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const notifyError = useNotifyError();
  const { session } = useSession();
  const role = session?.user.role;
  const [status, setStatus] = useState<ReportStatus | 'all'>(DEFAULT_STATUS[role ?? ''] ?? 'all');
  const [period, setPeriod] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const [importing, setImporting] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => listReports({ page, pageSize: 20, ...(status !== 'all' ? { status } : {}), ...(period ? { period } : {}) }, signal),
    [page, status, period, tick],
  );
  const lang = i18n.language;
  return (
    <>
      <PageHeader
        title={t('statistics.reports.title')}
        subtitle={t('statistics.reports.subtitle')}
        extra={
          <Space>
            {role === 'enterprise' && (
              <Button type="primary" onClick={() => { setOpenId(null); setCreating(true); }}>
                {t('statistics.reports.new')}
              </Button>
            )}
            {can(role, 'report.import') && (
              <Button onClick={() => setImporting(true)} data-testid="bureau-import">
                {t('statistics.bureauImport.open')}
              </Button>
            )}
            <Button onClick={() => exportReports().catch(notifyError)}>{t('statistics.reports.export')}</Button>
          </Space>
        }
      />
      {role === 'enterprise' && session?.user.scope?.id && <EnterpriseStatsCard enterpriseId={session.user.scope.id} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => { setStatus(v as ReportStatus | 'all'); setPage(1); }}
            options={[{ value: 'all', label: t('statistics.reports.all') }, ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`statistics.reports.statuses.${STATUS_KEY[s]}`) }))]}
          />
          <DatePicker picker="month" value={period ? dayjs(`${period}-01`) : null} onChange={(d) => { setPeriod(d ? d.format('YYYY-MM') : undefined); setPage(1); }} />
        </Space>
      </Card>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<ReportView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => { setCreating(false); setOpenId(r.id); }, style: { cursor: 'pointer' } })}
        columns={[
          { title: t('statistics.period'), dataIndex: 'period', width: 90 },
          { title: t('statistics.reports.enterprise'), dataIndex: 'enterpriseName', ellipsis: true },
          {
            title: t('statistics.reports.status'),
            dataIndex: 'status',
            width: 170,
            render: (s: ReportStatus, r) => (
              <>
                <Tag color={STATUS_COLOR[s]}>{t(`statistics.reports.statuses.${STATUS_KEY[s]}`)}</Tag>
                {r.isLate && <Tag color="red">{t('statistics.reports.late')}</Tag>}
              </>
            ),
          },
          ...(['output', 'revenue'] as const).filter((c) => INDICATOR_CODES.includes(c)).map((c) => ({
            title: lang.startsWith('en') ? `${t(`statistics.indicators.${c}`)} (${t('statistics.unitWan')})` : `${t(`statistics.indicators.${c}`)}（${t('statistics.unitWan')}）`,
            key: c,
            align: 'right' as const,
            render: (_: unknown, r: ReportView) => fmtAmount(r.values[c], lang),
          })),
          { title: t('statistics.reports.deadline'), dataIndex: 'deadline', width: 110 },
        ]}
      />
      {can(role, 'report.import') && <BureauImportDialog open={importing} onClose={() => setImporting(false)} onImported={() => setTick((n) => n + 1)} />}
      <ReportDrawer
        reportId={openId}
        creating={creating}
        role={role}
        onClose={() => { setOpenId(null); setCreating(false); }}
        onChanged={(id) => { setCreating(false); setOpenId(id); setTick((n) => n + 1); }}
      />
    </>
  );
}
