import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OWNER_KINDS, TARGET_STATUSES, type TargetView } from '../../../../contracts/attraction.ts';
import { can } from '../../../../contracts/permissions.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useSession } from '../auth/session.tsx';
import { listTargets } from './attraction.api.ts';
import { STATUS_COLOUR, useOwnerName, useRefName } from './labels.ts';
import { TargetDrawer } from './target-drawer.tsx';

const PAGE_SIZE = 20;
/**
 * 招商目标 (issue 13 §3): the targets the server lets the caller see (commission and leader all, a park its zone's,
 * a department its own), open ones first by next date; a row opens the drawer with the history and the actions.
 */
export function AttractionPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const ownerName = useOwnerName();
  const refName = useRefName();
  const role = useSession().session?.user.role ?? null;
  const mayWrite = can(role, 'attraction.write');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<TargetView['status']>();
  const [owner, setOwner] = useState<TargetView['owner']['kind']>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(null);
  const { data, error, loading, reload } = useAsync(
    (signal) => listTargets({ ...(q ? { q } : {}), ...(status ? { status } : {}), ...(owner ? { owner } : {}), page, pageSize: PAGE_SIZE }, signal),
    [q, status, owner, page],
  );
  const nodeName = (n: TargetView['node']) => (fmt.isEnglish ? n.nameEn : n.name);
  return (
    <>
      <PageHeader title={t('attraction.page.title')} subtitle={t('attraction.page.subtitle')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('attraction.page.search')} style={{ width: 260 }} onSearch={(v) => { setQ(v.trim()); setPage(1); }} data-testid="targets-search" />
          <Select allowClear placeholder={t('attraction.page.allStatuses')} style={{ width: 180 }} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={TARGET_STATUSES.map((s) => ({ value: s, label: t(`attraction.statuses.${s}`) }))} />
          <Select allowClear placeholder={t('attraction.page.allOwners')} style={{ width: 180 }} value={owner} onChange={(v) => { setOwner(v); setPage(1); }} options={OWNER_KINDS.map((k) => ({ value: k, label: t(`attraction.owners.${k}`) }))} />
        </Space>
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <Table<TargetView>
            rowKey="id"
            size="small"
            data-testid="attraction-targets"
            loading={loading}
            dataSource={data?.items}
            locale={{ emptyText: t('attraction.page.empty') }}
            scroll={{ x: 1270 }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
            onRow={(r) => ({ onDoubleClick: () => setOpenId(r.id) })}
            columns={[
              { title: t('attraction.candidate'), width: 200, render: (_v, r) => <Typography.Link onClick={() => setOpenId(r.id)}>{r.candidate.name}</Typography.Link> },
              { title: t('attraction.page.node'), width: 130, render: (_v, r) => nodeName(r.node) },
              { title: t('attraction.page.zone'), width: 100, render: (_v, r) => refName.zone(r.zone) ?? '—' },
              { title: t('attraction.fit'), width: 80, render: (_v, r) => (r.fit === null || r.fit === undefined ? '—' : <span data-testid="target-fit">{r.fit.toFixed(2)}</span>) },
              { title: t('attraction.owner'), width: 120, render: (_v, r) => ownerName(r.owner) },
              { title: t('attraction.status'), width: 100, render: (_v, r) => <Tag color={STATUS_COLOUR[r.status]}>{t(`attraction.statuses.${r.status}`)}</Tag> },
              { title: t('attraction.nextStep'), width: 140, render: (_v, r) => r.nextStep ?? '—' },
              { title: t('attraction.page.nextOn'), width: 100, render: (_v, r) => fmt.date(r.nextOn) },
              { title: t('attraction.page.lastActivity'), width: 100, render: (_v, r) => fmt.date(r.lastActivityOn) },
              { title: t('attraction.page.project'), width: 140, render: (_v, r) => (r.project ? <Link to={`/projects/${r.project.id}`}>{r.project.name}</Link> : '—') },
              {
                title: '',
                width: 60,
                fixed: 'right',
                render: (_v, r) => (
                  <Button size="small" onClick={() => setOpenId(r.id)}>
                    {t('attraction.page.open')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Space>
      <TargetDrawer targetId={openId} mayWrite={mayWrite} onClose={() => setOpenId(null)} onChanged={reload} />
    </>
  );
}
