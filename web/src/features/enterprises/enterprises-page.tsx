import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Popconfirm, Select, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ENTERPRISE_STAGES, ENTERPRISE_TAGS, type EnterpriseListItem } from '../../../../contracts/enterprises.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { useSession } from '../auth/session.tsx';
import { useColumnSettings } from '../registries/shared/column-settings.tsx';
import { ExportButton } from '../registries/shared/export-button.tsx';
import { ImportDialog } from '../registries/shared/import-dialog.tsx';
import { can } from '../../../../contracts/permissions.ts';
import { loadReferenceData, localName, referenceName } from '../registries/shared/reference.ts';
import { useUndoableDelete } from '../registries/shared/undo-delete.tsx';
import '../registries/shared/registries.css';
import { EnterpriseForm } from './enterprise-form.tsx';
import { listEnterprises } from './enterprises.api.ts';
import { useTagLabel } from './enterprise-tags.ts';
import { RegistryTable } from '../registries/shared/registry-table.tsx';

const FILTERS = ['q', 'domain', 'zone', 'stage', 'tag', 'aboveScale', 'sort', 'order'] as const;

/** Shown on request (列设置), so that the name, code, domain, zone and stage fit a 1440 px screen. */
const ENTERPRISES_DEFAULT_HIDDEN = ['carrier', 'tags', 'foundedOn', 'updatedAt'];

/** 企业库: the enterprises the server lets this user see (its scope), searchable, filterable, paged on the server. */
export function EnterprisesPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const fmt = useFormat();
  const navigate = useNavigate();
  const tagLabel = useTagLabel();
  const role = useSession().session?.user.role;
  const list = useListParams(FILTERS);
  const { page, pageSize, filters, setFilters } = list;
  const filterKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useAsync((signal) => listEnterprises({ page, pageSize, ...filters }, signal), [page, pageSize, filterKey]);
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const deleteWithUndo = useUndoableDelete();
  const sortOrder = (key: string) => (filters.sort === key ? (filters.order === 'desc' ? 'descend' : 'ascend') : null);

  const columns: TableColumnsType<EnterpriseListItem> = [
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 280,
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, row) => (
        <span className="cell-name">
          <Link to={`/enterprises/${row.id}`}>{row.name}</Link>
          {row.isDemo && (
            <Tag color="gold" className="demo-tag">
              {t('common.demo')}
            </Tag>
          )}
        </span>
      ),
    },
    { title: t('enterprises.uscc'), dataIndex: 'uscc', key: 'uscc', width: 200, sorter: true, sortOrder: sortOrder('uscc'), render: (_, row) => <span className="mono">{row.uscc}</span> },
    { title: t('enterprises.domain'), dataIndex: ['domain', 'name'], key: 'domain', width: 150, render: (_, row) => referenceName(ref?.domains, row.domain, english) },
    { title: t('enterprises.zone'), dataIndex: ['zone', 'name'], key: 'zone', width: 130, render: (_, row) => referenceName(ref?.zones, row.zone, english) },
    { title: t('registries.fields.carrier'), key: 'carrier', width: 170, render: (_, row) => row.carrier?.name ?? '—' },
    { title: t('enterprises.stage'), dataIndex: 'stage', key: 'stage', width: 110, sorter: true, sortOrder: sortOrder('stage'), render: (_, row) => t(`enterprises.stages.${row.stage}`) },
    {
      title: t('enterprises.aboveScale'),
      dataIndex: 'isAboveScale',
      key: 'aboveScale',
      width: 110,
      render: (_, row) => (row.isAboveScale ? <Tag color="green">{t('enterprises.aboveScaleYes')}</Tag> : t('enterprises.aboveScaleNo')),
    },
    {
      title: t('enterprises.tags'),
      dataIndex: 'tags',
      key: 'tags',
      width: 200,
      render: (_, row) => (row.tags.length ? row.tags.map((tag) => <Tag key={tag}>{tagLabel(tag)}</Tag>) : '—'),
    },
    { title: t('registries.fields.foundedOn'), key: 'foundedOn', width: 120, sorter: true, sortOrder: sortOrder('foundedOn'), render: (_, row) => fmt.date(row.foundedOn ?? null) },
    { title: t('registries.fields.updatedAt'), key: 'updatedAt', width: 170, sorter: true, sortOrder: sortOrder('updatedAt'), render: (_, row) => fmt.dateTime(row.updatedAt ?? null) },
  ];
  if (can(role, 'enterprise.delete')) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 90,
      render: (_, row) => (
        <Popconfirm title={t('registries.actions.confirmDelete', { name: row.name })} onConfirm={() => deleteWithUndo(`/api/enterprises/${row.id}`, row.name, reload)}>
          <Button size="small" type="link" danger>
            {t('registries.actions.delete')}
          </Button>
        </Popconfirm>
      ),
    });
  }
  const { visibleColumns, button: columnButton } = useColumnSettings('enterprises', columns, ENTERPRISES_DEFAULT_HIDDEN);

  const exportFilters = { q: filters.q, domain: filters.domain, zone: filters.zone, stage: filters.stage, tag: filters.tag, aboveScale: filters.aboveScale, sort: filters.sort, order: filters.order };
  const anyFilter = FILTERS.some((k) => k !== 'sort' && k !== 'order' && filters[k]);

  return (
    <>
      <PageHeader
        title={t('nav.enterprises')}
        subtitle={t('registries.enterprises.subtitle')}
        extra={
          <Space wrap>
            {can(role, 'enterprise.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="import-enterprises">
                {t('registries.actions.import')}
              </Button>
            )}
            <ExportButton entity="enterprises" filters={exportFilters} />
            {can(role, 'enterprise.write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="create-enterprise">
                {t('registries.enterprises.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <div className="registry-toolbar">
          <Input.Search
            key={filters.q}
            allowClear
            defaultValue={filters.q}
            placeholder={t('enterprises.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={64}
            className="toolbar__search"
            onSearch={(value) => setFilters({ q: value.trim() })}
          />
          <Select allowClear placeholder={t('enterprises.domain')} value={filters.domain || undefined} onChange={(v) => setFilters({ domain: v })} options={(ref?.domains ?? []).map((d) => ({ value: d.code, label: localName(d, english) }))} />
          <Select allowClear placeholder={t('enterprises.zone')} value={filters.zone || undefined} onChange={(v) => setFilters({ zone: v })} options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} />
          <Select allowClear placeholder={t('enterprises.stage')} value={filters.stage || undefined} onChange={(v) => setFilters({ stage: v })} options={ENTERPRISE_STAGES.map((s) => ({ value: s, label: t(`enterprises.stages.${s}`) }))} />
          <Select allowClear placeholder={t('enterprises.tags')} value={filters.tag || undefined} onChange={(v) => setFilters({ tag: v })} options={ENTERPRISE_TAGS.map((s) => ({ value: s, label: t(`registries.options.tags.${s}`) }))} />
          <Select
            allowClear
            placeholder={t('registries.enterprises.filterAboveScale')}
            value={filters.aboveScale || undefined}
            onChange={(v) => setFilters({ aboveScale: v })}
            options={[
              { value: 'true', label: t('registries.actions.yes') },
              { value: 'false', label: t('registries.actions.no') },
            ]}
          />
          {anyFilter && <Button onClick={() => setFilters({ q: '', domain: '', zone: '', stage: '', tag: '', aboveScale: '' })}>{t('registries.actions.resetFilters')}</Button>}
          <span className="registry-toolbar__spacer" />
          {columnButton}
        </div>
        <RegistryTable<EnterpriseListItem> list={list} columns={visibleColumns} data={data} loading={loading} error={error} reload={reload} emptyText={filters.q ? t('enterprises.emptySearch', { q: filters.q }) : t('enterprises.empty')} />
      </Card>
      <EnterpriseForm
        open={formOpen}
        enterprise={null}
        onClose={() => setFormOpen(false)}
        onSaved={(e) => {
          setFormOpen(false);
          navigate(`/enterprises/${e.id}`);
        }}
      />
      <ImportDialog entity="enterprises" label={t('nav.enterprises')} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </>
  );
}
