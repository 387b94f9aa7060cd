import { App, Button, Card, DatePicker, Segmented, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { INDICATOR_CODES } from '../../../../contracts/indicators.ts';
import { REPORT_STATUSES, type ReportStatus, type ReportView } from '../../../../contracts/monthly-reports.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { FilterTags } from '../../app/pages/filter-tags.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { BureauImportDialog } from './bureau-import-dialog.tsx';
import { EnterpriseStatsCard } from './enterprise-stats-card.tsx';
import { ReportDrawer, STATUS_COLOR, STATUS_KEY } from './report-drawer.tsx';
import { exportReports, listReports } from './statistics.api.ts';
import { fmtAmount } from './stat-format.ts';
import { BatchResultDialog, type BatchResult } from '../report-chasing/batch-result-dialog.tsx';
import { ChaseDrawer } from '../report-chasing/chase-drawer.tsx';
import { batchReview, getStatusCounts } from '../report-chasing/report-chasing.api.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';

/** The queue each role works from: the park's reports to review, the commission's to approve. */
const DEFAULT_STATUS: Partial<Record<string, ReportStatus>> = { park: 'submitted', commission: 'park-reviewed' };

/** 月报: the enterprise's reports, the park's review queue, the commission's approval queue, read-only for leaders. */
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const notifyError = useNotifyError();
  const { session } = useSession();
  const role = session?.user.role;
  // The workbench links here with ?status=… (a filtered list), ?chase=1 (the 催报 list) or ?new=1 (the form).
  const [search, setSearch] = useSearchParams();
  const linkedStatus = search.get('status');
  const [status, setStatus] = useState<ReportStatus | 'all'>(
    linkedStatus && (REPORT_STATUSES as readonly string[]).includes(linkedStatus) ? (linkedStatus as ReportStatus) : (DEFAULT_STATUS[role ?? ''] ?? 'all'),
  );
  const [period, setPeriod] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(search.get('new') === '1' && role === 'enterprise');
  const [tick, setTick] = useState(0);
  const [importing, setImporting] = useState(false);
  const { modal } = App.useApp();
  const [zone, setZone] = useState<string | undefined>();
  const [chasing, setChasing] = useState(search.get('chase') === '1' && (role === 'commission' || role === 'park'));
  const [selected, setSelected] = useState<ReportView[]>([]);
  const [batchResult, setBatchResult] = useState<BatchResult | null>(null);
  const [batching, setBatching] = useState(false);
  const showZones = role === 'commission' || role === 'leader';
  const { data: ref } = useAsync(() => (showZones ? loadReferenceData() : Promise.resolve(null)), [showZones]);
  const { data: counts } = useAsync((signal) => getStatusCounts({ ...(period ? { period } : {}), ...(zone ? { zone } : {}) }, signal), [period, zone, tick]);
  // The park passes submitted reports, the commission approves park-reviewed ones, several at a time.
  const batchStatus: ReportStatus | null = role === 'park' ? 'submitted' : role === 'commission' ? 'park-reviewed' : null;
  const runBatch = () =>
    modal.confirm({
      title: t(role === 'park' ? 'statistics.chasing.batchPass' : 'statistics.chasing.batchApprove', { count: selected.length }),
      content: t('statistics.chasing.batchConfirm', { count: selected.length }),
      onOk: async () => {
        setBatching(true);
        try {
          setBatchResult(await batchReview(role === 'park' ? 'park' : 'commission', selected.map((r) => ({ id: r.id, version: r.version }))));
          setSelected([]);
          setTick((n) => n + 1);
        } catch (e) {
          notifyError(e);
        } finally {
          setBatching(false);
        }
      },
    });
  const { data, error, loading, reload } = useAsync(
    (signal) => listReports({ page, pageSize: 20, ...(status !== 'all' ? { status } : {}), ...(period ? { period } : {}), ...(zone ? { zone } : {}) }, signal),
    [page, status, period, zone, tick],
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
            {(role === 'park' || role === 'commission') && (
              <Button onClick={() => setChasing(true)} data-testid="open-chasing">
                {t('statistics.chasing.open')}
              </Button>
            )}
            {batchStatus && (
              <Button type="primary" disabled={selected.length === 0} loading={batching} onClick={runBatch} data-testid="batch-review">
                {t(role === 'park' ? 'statistics.chasing.batchPass' : 'statistics.chasing.batchApprove', { count: selected.length })}
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
            onChange={(v) => { setStatus(v as ReportStatus | 'all'); setPage(1); setSelected([]); }}
            options={[
              { value: 'all', label: `${t('statistics.reports.all')}${counts ? ` (${counts.total})` : ''}` },
              ...REPORT_STATUSES.map((s) => ({ value: s, label: `${t(`statistics.reports.statuses.${STATUS_KEY[s]}`)}${counts ? ` (${counts.counts[s] ?? 0})` : ''}` })),
            ]}
          />
          <DatePicker picker="month" value={period ? dayjs(`${period}-01`) : null} onChange={(d) => { setPeriod(d ? d.format('YYYY-MM') : undefined); setPage(1); }} />
          <FilterTags
            filters={status !== 'all' ? [{ key: 'status', label: t('statistics.reports.status'), value: t(`statistics.reports.statuses.${STATUS_KEY[status]}`), onClear: () => {
              setStatus('all');
              setPage(1);
              setSelected([]);
              if (search.has('status')) {
                const next = new URLSearchParams(search);
                next.delete('status');
                setSearch(next);
              }
            } }] : []}
          />
          {showZones && (
            <Select
              allowClear
              style={{ minWidth: 180 }}
              placeholder={t('statistics.chasing.allZones')}
              value={zone}
              onChange={(v) => { setZone(v); setPage(1); }}
              options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, lang.startsWith('en')) }))}
              data-testid="zone-filter"
            />
          )}
        </Space>
      </Card>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<ReportView>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        {...(batchStatus
          ? {
              rowSelection: {
                selectedRowKeys: selected.map((r) => r.id),
                onChange: (_keys: Key[], rows: ReportView[]) => setSelected(rows),
                getCheckboxProps: (r: ReportView) => ({ disabled: r.status !== batchStatus }),
              },
            }
          : {})}
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
      {(role === 'park' || role === 'commission') && <ChaseDrawer open={chasing} onClose={() => { setChasing(false); setTick((n) => n + 1); }} showZoneFilter={role === 'commission'} />}
      <BatchResultDialog result={batchResult} onClose={() => setBatchResult(null)} />
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
