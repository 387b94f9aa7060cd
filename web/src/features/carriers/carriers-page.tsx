import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Progress, Select, Space, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CARRIER_TYPES, type CarrierListItem } from '../../../../contracts/carriers.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { useSession } from '../auth/session.tsx';
import { useColumnSettings } from '../registries/shared/column-settings.tsx';
import { ExportButton } from '../registries/shared/export-button.tsx';
import { ImportDialog } from '../registries/shared/import-dialog.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { loadReferenceData, localName, referenceName } from '../registries/shared/reference.ts';
import '../registries/shared/registries.css';
import { CarrierForm } from './carrier-form.tsx';
import { listCarriers } from './carriers.api.ts';
import { RegistryTable } from '../registries/shared/registry-table.tsx';
import { LadderPanel } from '../carrier-ladder/ladder-panel.tsx';

const FILTERS = ['q', 'zone', 'type', 'sort', 'order'] as const;
const LOW = 0.6;

export function OccupancyBar({ rate }: { rate: number | null }) {
  if (rate === null) return <>—</>;
  const percent = Math.round(rate * 1000) / 10;
  return <Progress percent={percent} size="small" status={rate < LOW ? 'exception' : 'normal'} format={(p) => `${p}%`} />;
}

/** Shown on request (列设置), so the areas and the occupancy fit a 1440 px screen. */
const CARRIERS_DEFAULT_HIDDEN = ['code', 'leasableArea'];

/** 载体: carriers in the user's scope with their occupancy (below 60% shown in red, SPEC §5). */
export function CarriersPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const fmt = useFormat();
  const navigate = useNavigate();
  const role = useSession().session?.user.role;
  const list = useListParams(FILTERS);
  const { page, pageSize, filters, setFilters } = list;
  const filterKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useAsync((signal) => listCarriers({ page, pageSize, ...filters }, signal), [page, pageSize, filterKey]);
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  // The ladder view is kept in the address (?view=ladder), so it can be linked and survives a reload.
  const [searchParams, setSearchParams] = useSearchParams();
  const view = searchParams.get('view') === 'ladder' && role !== 'enterprise' ? 'ladder' : 'list';
  const setView = (next: 'list' | 'ladder') => setSearchParams((p) => { const q = new URLSearchParams(p); if (next === 'ladder') q.set('view', 'ladder'); else q.delete('view'); return q; });
  const sortOrder = (key: string) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);
  const columns: TableColumnsType<CarrierListItem> = [
    { title: t('registries.fields.name'), key: 'name', fixed: 'left', width: 240, sorter: true, sortOrder: sortOrder('name'), render: (_, c) => <Link to={`/carriers/${c.id}`}>{c.name}</Link> },
    { title: t('registries.fields.type'), key: 'type', width: 110, render: (_, c) => <Tag>{t(`registries.options.carrierType.${c.type}`)}</Tag> },
    { title: t('registries.fields.zone'), key: 'zone', width: 120, render: (_, c) => referenceName(ref?.zones, c.zone, english) },
    { title: t('registries.fields.totalArea'), key: 'totalArea', width: 130, align: 'right', render: (_, c) => fmt.number(c.totalArea) },
    { title: t('registries.fields.leasableArea'), key: 'leasableArea', width: 130, align: 'right', render: (_, c) => fmt.number(c.leasableArea) },
    { title: t('registries.fields.leasedArea'), key: 'leasedArea', width: 130, align: 'right', render: (_, c) => fmt.number(c.leasedArea) },
    { title: t('registries.fields.occupantCount'), key: 'occupantCount', width: 100, align: 'right', render: (_, c) => fmt.number(c.occupantCount) },
    { title: t('registries.fields.occupancyRate'), key: 'occupancyRate', width: 180, sorter: true, sortOrder: sortOrder('occupancyRate'), render: (_, c) => <OccupancyBar rate={c.occupancyRate} /> },
    { title: t('registries.fields.code'), key: 'code', width: 200, render: (_, c) => <span className="mono">{c.code}</span> },
  ];
  const { visibleColumns, button: columnButton } = useColumnSettings('carriers', columns, CARRIERS_DEFAULT_HIDDEN);
  return (
    <>
      <PageHeader
        title={t('nav.carriers')}
        subtitle={t('registries.carriers.subtitle')}
        extra={
          <Space wrap>
            {can(role, 'carrier.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('registries.actions.import')}
              </Button>
            )}
            <ExportButton entity="carriers" filters={filters} />
            {can(role, 'carrier.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)}>
                {t('registries.carriers.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={view}
          onChange={(key) => setView(key as 'list' | 'ladder')}
          items={[
            { key: 'list', label: t('carrierLadder.tabList') },
            { key: 'ladder', label: t('carrierLadder.tabLadder') },
          ]}
        />
        {view === 'ladder' ? (
          <LadderPanel />
        ) : (
          <>
            <div className="registry-toolbar">
              <Input.Search key={filters.q} allowClear defaultValue={filters.q} placeholder={t('registries.carriers.searchPlaceholder')} enterButton={t('common.search')} className="toolbar__search" onSearch={(v) => setFilters({ q: v.trim() })} />
              <Select allowClear placeholder={t('registries.fields.zone')} value={filters.zone || undefined} onChange={(v) => setFilters({ zone: v })} options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} />
              <Select allowClear placeholder={t('registries.fields.type')} value={filters.type || undefined} onChange={(v) => setFilters({ type: v })} options={CARRIER_TYPES.map((c) => ({ value: c, label: t(`registries.options.carrierType.${c}`) }))} />
              <span className="registry-toolbar__spacer" />
              {columnButton}
            </div>
            <RegistryTable<CarrierListItem> list={list} columns={visibleColumns} data={data} loading={loading} error={error} reload={reload} />
          </>
        )}
      </Card>
      <CarrierForm open={formOpen} carrier={null} onClose={() => setFormOpen(false)} onSaved={(c) => navigate(`/carriers/${c.id}`)} />
      <ImportDialog entity="carriers" label={t('nav.carriers')} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </>
  );
}
