import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { stageKey } from './labels.ts';
import { listDeals } from './tech-transfer.api.ts';

/** Deals and financing, each to the enterprise taking the achievement up and the investment project it created. */
export function DealsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => listDeals(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Table
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t('techTransfer.empty') }}
      pagination={false}
      scroll={{ x: 1370 }}
      columns={[
        { title: t('techTransfer.listing'), width: 260, render: (_, d) => <Link to={`/tech-transfer/listings/${d.listingId}`}>{d.listingTitle}</Link> },
        { title: t('techTransfer.enterprise'), width: 220, render: (_, d) => d.enterprise.name },
        { title: t('techTransfer.dealKind'), width: 110, render: (_, d) => t(`techTransfer.partnership_${d.kind}`) },
        { title: t('techTransfer.status'), width: 90, render: (_, d) => <Tag color={d.status === 'signed' ? 'green' : 'default'}>{t(`techTransfer.dealStatus_${d.status}`)}</Tag> },
        { title: t('techTransfer.amountWan'), width: 120, align: 'right', render: (_, d) => d.amount ?? '—' },
        { title: t('techTransfer.financingWan'), width: 120, align: 'right', render: (_, d) => d.financingAmount ?? '—' },
        { title: t('techTransfer.financingSource'), width: 150, render: (_, d) => d.financingSource ?? '—' },
        { title: t('techTransfer.project'), width: 260, render: (_, d) => (d.project ? `${d.project.code} · ${t(stageKey(d.project.stage))} · ${fmt.number(Number(d.project.expectedAnnualOutput ?? 0), 0)}` : '—') },
      ]}
    />
  );
}
