import { Button, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { DOMAINS, refName } from './labels.ts';
import { ListingFormModal } from './listing-form.tsx';
import { listListings, type Listing } from './tech-transfer.api.ts';

/** The listings: search and filter; the commission and a platform account publish. */
export function ListingsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [domain, setDomain] = useState<string>();
  const [minTrl, setMinTrl] = useState<number>();
  const [publishing, setPublishing] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => listListings({ ...(q ? { q } : {}), ...(domain ? { domain } : {}), ...(minTrl ? { minTrl } : {}) }, signal), [q, domain, minTrl]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('techTransfer.search')} onSearch={setQ} style={{ width: 300 }} />
        <Select allowClear placeholder={t('techTransfer.allDomains')} style={{ width: 200 }} value={domain} onChange={setDomain} options={DOMAINS.map((d) => ({ value: d, label: t(`techTransfer.domainName_${d}`) }))} />
        <Select allowClear placeholder={t('techTransfer.minTrl')} style={{ width: 160 }} value={minTrl} onChange={setMinTrl} options={[3, 5, 7].map((v) => ({ value: v, label: `${t('techTransfer.minTrl')} ${v}` }))} />
        {(role === 'commission' || role === 'platform') && (
          <Button type="primary" onClick={() => setPublishing(true)}>
            {t('techTransfer.publish')}
          </Button>
        )}
      </Space>
      <Table<Listing>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        // fits the 1440-wide screen's content area (about 1190) without a sideways scroll
        scroll={{ x: 1200 }}
        columns={[
          { title: t('techTransfer.code'), dataIndex: 'code', width: 110 },
          { title: t('techTransfer.listing'), width: 250, render: (_, r) => <Link to={`/tech-transfer/listings/${r.id}`}>{r.title}</Link> },
          { title: t('techTransfer.owner'), dataIndex: 'ownerName', width: 170 },
          { title: t('techTransfer.domain'), width: 190, render: (_, r) => `${refName(r.domain, fmt.isEnglish)}${r.node ? ` / ${refName(r.node, fmt.isEnglish)}` : ''}` },
          { title: t('techTransfer.trl'), width: 80, render: (_, r) => <Tag color={r.trl >= 7 ? 'green' : r.trl >= 4 ? 'blue' : 'default'}>{t('techTransfer.trlValue', { value: r.trl })}</Tag> },
          { title: t('techTransfer.partnership'), width: 130, render: (_, r) => r.partnerships.map((p) => <Tag key={p}>{t(`techTransfer.partnership_${p}`)}</Tag>) },
          { title: t('techTransfer.ipStatus'), width: 90, render: (_, r) => t(`techTransfer.ip_${r.ipStatus}`) },
          { title: t('techTransfer.interest'), width: 90, render: (_, r) => <Tooltip title={t('techTransfer.interestValue', { intros: r.introductions, deals: r.deals })}>{`${r.introductions} / ${r.deals}`}</Tooltip> },
          { title: t('techTransfer.status'), width: 90, render: (_, r) => <Tag color={r.status === 'transferred' ? 'gold' : r.status === 'active' ? 'green' : 'default'}>{t(`techTransfer.status_${r.status}`)}</Tag> },
        ]}
      />
      {publishing && <ListingFormModal onClose={(done) => { setPublishing(false); if (done) reload(); }} askOwner={role === 'commission'} />}
    </Space>
  );
}
