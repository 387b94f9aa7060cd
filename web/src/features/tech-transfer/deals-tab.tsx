import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { stageKey } from './labels.ts';
import { DealFormModal } from './deal-form.tsx';
import { listDeals, type Deal } from './tech-transfer.api.ts';

/** Deals and financing, each to the enterprise taking the achievement up and the investment project it created. */
export function DealsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => listDeals(signal), []);
  const [editing, setEditing] = useState<Deal | null>(null);
  // the server lets the commission change any deal and a platform account those on its listings (all it sees)
  const edits = role === 'commission' || role === 'platform';
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={false}
        scroll={{ x: edits ? 1460 : 1370 }}
        columns={[
          { title: t('techTransfer.listing'), width: 260, render: (_, d) => <Link to={`/tech-transfer/listings/${d.listingId}`}>{d.listingTitle}</Link> },
          { title: t('techTransfer.enterprise'), width: 220, render: (_, d) => d.enterprise.name },
          { title: t('techTransfer.dealKind'), width: 110, render: (_, d) => t(`techTransfer.partnership_${d.kind}`) },
          { title: t('techTransfer.status'), width: 90, render: (_, d) => <Tag color={d.status === 'signed' ? 'green' : 'default'}>{t(`techTransfer.dealStatus_${d.status}`)}</Tag> },
          { title: t('techTransfer.amountWan'), width: 120, align: 'right', render: (_, d) => d.amount ?? '—' },
          { title: t('techTransfer.financingWan'), width: 120, align: 'right', render: (_, d) => d.financingAmount ?? '—' },
          { title: t('techTransfer.financingSource'), width: 150, render: (_, d) => d.financingSource ?? '—' },
          { title: t('techTransfer.project'), width: 260, render: (_, d) => (d.project ? `${d.project.code} · ${t(stageKey(d.project.stage))} · ${fmt.number(Number(d.project.expectedAnnualOutput ?? 0), 0)}` : '—') },
          ...(edits ? [{ title: t('techTransfer.actions'), key: 'actions', width: 90, fixed: 'right' as const, render: (_: unknown, d: Deal) => <Button size="small" onClick={() => setEditing(d)}>{t('techTransfer.edit')}</Button> }] : []),
        ]}
      />
      {editing && <DealFormModal listingId={editing.listingId} deal={editing} linksProjects={role === 'commission'} onClose={(done) => { setEditing(null); if (done) reload(); }} />}
    </>
  );
}
