import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../contracts/audit.ts';
import { roleSchema } from '../../../../contracts/roles.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { PAGE_SIZES, useListParams } from '../../app/use-list-params.ts';
import { auditActionLabel } from './action-labels.ts';
import { AUDIT_FILTER_KEYS, auditFilterFromParams } from './audit-filter-params.ts';
import { AuditEventDetail } from './audit-event-detail.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { exportAuditEvents, listAuditEvents } from './audit.api.ts';
import type { AuditVerifyResult } from './audit.api.ts';
import { VerifyChainButton, VerifyChainResult } from './verify-chain.tsx';

/** Roles are stored as codes in the log; unknown values (e.g. a console operator) are shown as stored. */
function useActorRoleLabel() {
  const fmt = useFormat();
  return (role: string) => {
    const parsed = roleSchema.safeParse(role);
    return parsed.success ? fmt.role(parsed.data) : role;
  };
}

const OUTCOME_COLORS = { success: 'green', failure: 'orange', denied: 'red' } as const;

/** 审计日志 (auditor): the append-only, hash-chained record of every write and sign-in. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const actorRoleLabel = useActorRoleLabel();
  const notifyError = useNotifyError();
  const { page, pageSize, filters, setPage, setFilters } = useListParams(AUDIT_FILTER_KEYS, 50);
  const filter = auditFilterFromParams(filters);
  const filterKey = JSON.stringify(filter);
  const [verifyResult, setVerifyResult] = useState<AuditVerifyResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const { data, error, loading, reload } = useAsync(
    (signal) => listAuditEvents({ ...filter, page, pageSize }, signal),
    [page, pageSize, filterKey],
  );

  const columns: TableColumnsType<AuditEventView> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80, render: (_, row) => fmt.number(row.seq) },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (_, row) => fmt.dateTime(row.at) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorUsername',
      width: 150,
      render: (_, row) => (
        <>
          <div>{row.actorUsername ?? '—'}</div>
          {row.actorRole && <div className="muted">{actorRoleLabel(row.actorRole)}</div>}
        </>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (_, row) => <span className="mono">{row.ip ?? '—'}</span> },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      // The label for reading, the code beneath it for filtering and for matching the export.
      render: (_, row) => (
        <>
          <div>{auditActionLabel(row.action, i18n.language)}</div>
          <div className="mono muted">{row.action}</div>
        </>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_, row) => (row.objectType ? `${row.objectType}${row.objectId ? ` · ${row.objectId}` : ''}` : '—'),
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 100,
      render: (_, row) => <Tag color={OUTCOME_COLORS[row.outcome]}>{t(`audit.outcomes.${row.outcome}`)}</Tag>,
    },
  ];

  const exportNow = async () => {
    setExporting(true);
    try {
      await exportAuditEvents(filter);
    } catch (cause) {
      notifyError(cause);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        subtitle={t('audit.subtitle')}
        extra={
          <Space wrap>
            <VerifyChainButton onResult={setVerifyResult} />
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportNow()}>
              {t('audit.export')}
            </Button>
          </Space>
        }
      />
      {verifyResult && <VerifyChainResult result={verifyResult} onClose={() => setVerifyResult(null)} />}
      <Card>
        <AuditFilters value={filters} onChange={setFilters} />
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<AuditEventView>
            rowKey="seq"
            size="middle"
            loading={loading}
            columns={columns}
            dataSource={data?.items}
            scroll={{ x: 960 }}
            expandable={{ expandedRowRender: (row) => <AuditEventDetail event={row} /> }}
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            pagination={{
              current: page,
              pageSize,
              total: data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: (total) => t('common.total', { total: fmt.number(total) }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
    </>
  );
}
