import { Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { listRoles } from './security.api.ts';
import type { RoleDescription } from './security.api.ts';

/** Read-only: which permissions each role carries (declared on the server). */
export function RolesTable() {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => listRoles(signal), []);
  const isEnglish = i18n.language.startsWith('en');

  const columns: TableColumnsType<RoleDescription> = [
    {
      title: t('users.role'),
      dataIndex: 'role',
      width: 220,
      render: (_, row) => (
        <>
          <div>{isEnglish ? row.nameEn : row.nameZh}</div>
          <div className="muted mono">{row.role}</div>
        </>
      ),
    },
    {
      title: t('security.scopeKindLabel'),
      dataIndex: 'scopeKind',
      width: 140,
      render: (_, row) => (row.scopeKind ? t(`home.scopeKind.${row.scopeKind}`) : t('security.noScope')),
    },
    {
      title: t('security.permissions'),
      dataIndex: 'permissions',
      render: (_, row) =>
        row.permissions.length ? row.permissions.map((p) => <Tag key={p} className="mono">{p}</Tag>) : '—',
    },
  ];

  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Table<RoleDescription>
      rowKey="role"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data}
      pagination={false}
      scroll={{ x: 800 }}
    />
  );
}
