import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Drawer, Input, Popconfirm, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentView } from '../../../../contracts/departments.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { useSession } from '../auth/session.tsx';
import { RegistryTable } from '../registries/shared/registry-table.tsx';
import { useColumnSettings } from '../registries/shared/column-settings.tsx';
import { HistoryTab } from '../registries/shared/history-tab.tsx';
import { invalidateReferenceData } from '../registries/shared/reference.ts';
import { useUndoableDelete } from '../registries/shared/undo-delete.tsx';
import '../registries/shared/registries.css';
import { DepartmentForm } from './department-form.tsx';
import { listDepartments, loadDepartment } from './departments.api.ts';
import { RevealableContact } from '../registries/shared/reveal-button.tsx';
import { can } from '../../../../contracts/permissions.ts';

/** One department: its fields, what refers to it (the reason a delete may be refused) and its change history. */
function DepartmentDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { data, error, reload } = useAsync((signal) => loadDepartment(id, signal), [id]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const refs = data.references;
  const inUse = refs !== null && refs.planTasks + refs.projects + refs.users > 0;
  return (
    <>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('departments.fullName')}>{data.nameZh}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.shortNameZh')}>{data.shortNameZh ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.nameEn')}>{data.nameEn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.code')}>
          <span className="mono">{data.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.contactName')}>
          <RevealableContact path={`/api/departments/${data.id}/contacts/reveal`} contactName={data.contactName} contactPhone={data.contactPhone} />
        </Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.sortOrder')}>{fmt.number(data.sortOrder)}</Descriptions.Item>
        <Descriptions.Item label={t('registries.fields.note')}>{data.note ?? '—'}</Descriptions.Item>
        {refs && (
          <Descriptions.Item label={t('departments.references')}>
            {t('departments.referenceCounts', { planTasks: fmt.number(refs.planTasks), projects: fmt.number(refs.projects), users: fmt.number(refs.users) })}
          </Descriptions.Item>
        )}
      </Descriptions>
      {inUse && <Alert className="form-actions" type="info" showIcon message={t('departments.inUseHint')} />}
      <h3 className="form-actions">{t('registries.history.title')}</h3>
      <HistoryTab key={`${data.version}-${i18n.language}`} path={`/api/departments/${id}/history`} />
    </>
  );
}

/** 部门 / 责任单位: the commission keeps the list; leaders and parks read it, a department its own record. */
export function DepartmentsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const role = useSession().session?.user.role;
  const canWrite = can(role, 'department.write');
  const list = useListParams(['q', 'sort', 'order']);
  const { page, pageSize, filters, setFilters } = list;
  const filterKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useAsync((signal) => listDepartments({ page, pageSize, ...filters }, signal), [page, pageSize, filterKey]);
  const [editing, setEditing] = useState<{ row: DepartmentView | null } | null>(null);
  const [showing, setShowing] = useState<DepartmentView | null>(null);
  const deleteWithUndo = useUndoableDelete();
  const afterChange = () => {
    invalidateReferenceData();
    reload();
  };
  const columns: TableColumnsType<DepartmentView> = [
    { title: t('departments.fullName'), key: 'name', dataIndex: 'nameZh', fixed: 'left', width: 300, sorter: true },
    { title: t('registries.fields.shortNameZh'), key: 'shortNameZh', dataIndex: 'shortNameZh', width: 160, render: (v: string | null) => v ?? '—' },
    { title: t('registries.fields.code'), key: 'code', dataIndex: 'code', width: 140, sorter: true, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('registries.fields.contactName'), key: 'contactName', width: 120, render: (_, d) => d.contactName ?? '—' },
    { title: t('registries.fields.contactPhone'), key: 'contactPhone', width: 150, render: (_, d) => d.contactPhone ?? '—' },
    { title: t('registries.fields.sortOrder'), key: 'sortOrder', dataIndex: 'sortOrder', width: 90, sorter: true, align: 'right', render: (v: number) => fmt.number(v) },
    { title: t('registries.fields.updatedAt'), key: 'updatedAt', dataIndex: 'updatedAt', width: 170, sorter: true, render: (v: string) => fmt.dateTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 190 : 80,
      render: (_, row) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setShowing(row)}>
            {t('registries.actions.detail')}
          </Button>
          {canWrite && (
            <Button size="small" type="link" onClick={() => setEditing({ row })}>
              {t('registries.actions.edit')}
            </Button>
          )}
          {canWrite && (
            <Popconfirm title={t('registries.actions.confirmDelete', { name: row.shortNameZh ?? row.nameZh })} onConfirm={() => deleteWithUndo(`/api/departments/${row.id}`, row.shortNameZh ?? row.nameZh, afterChange)}>
              <Button size="small" type="link" danger>
                {t('registries.actions.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  const { visibleColumns, button: columnButton } = useColumnSettings('departments', columns, ['shortNameZh', 'sortOrder']);
  return (
    <>
      <PageHeader
        title={t('nav.departments')}
        subtitle={t('departments.subtitle')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })}>
              {t('departments.create')}
            </Button>
          )
        }
      />
      <Card>
        {role === 'department' && <Alert className="registry-toolbar" type="info" showIcon message={t('departments.ownOnly')} />}
        <div className="registry-toolbar">
          <Input.Search key={filters.q} allowClear defaultValue={filters.q} placeholder={t('departments.searchPlaceholder')} enterButton={t('common.search')} className="toolbar__search" onSearch={(v) => setFilters({ q: v.trim() })} />
          <span className="registry-toolbar__spacer" />
          {columnButton}
        </div>
        <RegistryTable<DepartmentView> list={list} columns={visibleColumns} data={data} loading={loading} error={error} reload={reload} />
      </Card>
      <DepartmentForm
        open={editing !== null}
        row={editing?.row ?? null}
        close={() => setEditing(null)}
        saved={() => {
          setEditing(null);
          afterChange();
        }}
      />
      <Drawer open={showing !== null} width={640} title={showing?.nameZh} onClose={() => setShowing(null)} destroyOnClose>
        {showing && <DepartmentDetail id={showing.id} />}
      </Drawer>
    </>
  );
}
