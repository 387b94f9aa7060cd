import { Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../../contracts/registry-common.ts';
import { useFormat } from '../../../app/i18n/format.ts';
import { LoadError } from '../../../app/pages/load-error.tsx';
import { useAsync } from '../../../app/use-async.ts';
import { loadHistory } from './registry-api.ts';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(show).join('、') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  return String(value);
}

/**
 * A record's 变更记录: one row per change with its fields before → after. The server returns only this
 * record's fields, and only those the user may read (e.g. no expert phone numbers for a park committee).
 */
export function HistoryTab({ path }: { path: string }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => loadHistory(path, signal), [path]);
  const fieldLabel = (field: string) => (i18n.exists(`registries.fields.${field}`) ? t(`registries.fields.${field}` as 'registries.fields.name') : field);
  const actionLabel = (action: string) => {
    const key = action.split('.').pop() ?? action;
    return i18n.exists(`registries.history.actions.${key}`) ? t(`registries.history.actions.${key}` as 'registries.history.actions.create') : action;
  };
  if (error) return <LoadError error={error} onRetry={reload} />;
  // Undefined until the first answer: the table shows its spinner, not "no history", meanwhile.
  const rows = data ? [...data.items].reverse() : undefined;
  return (
    <Table<HistoryEntry>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('registries.history.empty')} /> }}
      columns={[
        { title: t('registries.history.at'), dataIndex: 'at', width: 180, render: (_, r) => fmt.dateTime(r.at) },
        { title: t('registries.history.actor'), dataIndex: 'actor', width: 140, render: (_, r) => r.actor ?? '—' },
        {
          title: t('registries.history.action'),
          dataIndex: 'action',
          width: 150,
          render: (_, r) => (
            <>
              {actionLabel(r.action)} {r.source !== 'api' && <Tag>{t(`registries.history.source.${r.source}`)}</Tag>}
            </>
          ),
        },
        {
          title: `${t('registries.history.field')} · ${t('registries.history.before')} → ${t('registries.history.after')}`,
          key: 'changes',
          render: (_, r) => (
            <ul className="history-changes">
              {r.changes.map((c) => (
                <li key={c.field}>
                  <strong>{fieldLabel(c.field)}</strong>: <span className="history-before">{show(c.before)}</span> → <span>{show(c.after)}</span>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
