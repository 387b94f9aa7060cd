import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Input, Popconfirm, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/layout/page-header.tsx';
import type { Query } from '../../app/api.ts';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { RegistryTable } from '../registries/shared/registry-table.tsx';
import { useColumnSettings } from '../registries/shared/column-settings.tsx';
import { ExportButton } from '../registries/shared/export-button.tsx';
import { HistoryTab } from '../registries/shared/history-tab.tsx';
import { ImportDialog } from '../registries/shared/import-dialog.tsx';
import type { RegistryEntityName } from '../registries/shared/registry-api.ts';
import { useUndoableDelete } from '../registries/shared/undo-delete.tsx';
import '../registries/shared/registries.css';

interface Row {
  id: string;
  name: string;
}

/**
 * The list page shared by the catalogue registries (platforms, experts): search + extra filters, server-side
 * pages, column choice, import/export, create/edit in a form, soft delete with undo, a detail drawer with the
 * record's change history.
 */
export function CatalogueList<T extends Row>(props: {
  entity: Extract<RegistryEntityName, 'platforms' | 'experts'>;
  title: string;
  subtitle: string;
  searchPlaceholder: string;
  filterKeys: readonly string[];
  extraFilters: (filters: Record<string, string>, set: (changes: Record<string, string | undefined>) => void) => ReactNode;
  load: (query: Query, signal: AbortSignal) => Promise<{ items: T[]; total: number }>;
  columns: TableColumnsType<T>;
  /** Columns shown only on request (列设置), so what matters fits a 1440 px screen beside the fixed actions. */
  defaultHidden?: readonly string[];
  details: (row: T) => ReactNode;
  canWrite: boolean;
  canExport: boolean;
  createLabel: string;
  renderForm: (state: { open: boolean; row: T | null; close: () => void; saved: () => void }) => ReactNode;
}) {
  const { t } = useTranslation();
  const keys = ['q', 'sort', 'order', ...props.filterKeys];
  const list = useListParams(keys);
  const { page, pageSize, filters, setFilters } = list;
  const filterKey = JSON.stringify(filters);
  const { data, error, loading, reload } = useAsync((signal) => props.load({ page, pageSize, ...filters }, signal), [page, pageSize, filterKey]);
  const [editing, setEditing] = useState<{ row: T | null } | null>(null);
  const [showing, setShowing] = useState<T | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const deleteWithUndo = useUndoableDelete();
  const columns: TableColumnsType<T> = [
    ...props.columns,
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: props.canWrite ? 190 : 80,
      render: (_, row) => (
        <Space size={0}>
          <Button size="small" type="link" onClick={() => setShowing(row)}>
            {t('registries.actions.detail')}
          </Button>
          {props.canWrite && (
            <Button size="small" type="link" onClick={() => setEditing({ row })}>
              {t('registries.actions.edit')}
            </Button>
          )}
          {props.canWrite && (
            <Popconfirm title={t('registries.actions.confirmDelete', { name: row.name })} onConfirm={() => deleteWithUndo(`/api/${props.entity}/${row.id}`, row.name, reload)}>
              <Button size="small" type="link" danger>
                {t('registries.actions.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  const { visibleColumns, button: columnButton } = useColumnSettings(props.entity, columns, props.defaultHidden);
  return (
    <>
      <PageHeader
        title={props.title}
        subtitle={props.subtitle}
        extra={
          <Space wrap>
            {props.canWrite && (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
                {t('registries.actions.import')}
              </Button>
            )}
            {props.canExport && <ExportButton entity={props.entity} filters={filters} />}
            {props.canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ row: null })}>
                {props.createLabel}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <div className="registry-toolbar">
          <Input.Search key={filters.q} allowClear defaultValue={filters.q} placeholder={props.searchPlaceholder} enterButton={t('common.search')} className="toolbar__search" onSearch={(v) => setFilters({ q: v.trim() })} />
          {props.extraFilters(filters, setFilters)}
          <span className="registry-toolbar__spacer" />
          {columnButton}
        </div>
        <RegistryTable<T> list={list} columns={visibleColumns} data={data} loading={loading} error={error} reload={reload} />
      </Card>
      {props.renderForm({ open: editing !== null, row: editing?.row ?? null, close: () => setEditing(null), saved: () => { setEditing(null); reload(); } })}
      <Drawer open={showing !== null} width={640} title={showing?.name} onClose={() => setShowing(null)} destroyOnClose>
        {showing && (
          <>
            {props.details(showing)}
            <h3 className="form-actions">{t('registries.history.title')}</h3>
            <HistoryTab path={`/api/${props.entity}/${showing.id}/history`} />
          </>
        )}
      </Drawer>
      <ImportDialog entity={props.entity} label={props.title} open={importOpen} onClose={() => setImportOpen(false)} onImported={reload} />
    </>
  );
}
