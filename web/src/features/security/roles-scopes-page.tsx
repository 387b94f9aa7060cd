import { App, Button, Card, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminUserView } from '../../../../contracts/admin.ts';
import { roleSchema } from '../../../../contracts/roles.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useListParams } from '../../app/use-list-params.ts';
import { UserStatusTags } from '../../app/user-status.tsx';
import { AssignRoleModal } from './assign-role-modal.tsx';
import { CredentialResetsTab } from './credential-resets-tab.tsx';
import { RolesTable } from './roles-table.tsx';
import { listSecurityUsers } from './security.api.ts';
import { RoleFilter, UserSearch, UsersTable } from '../../app/user-list.tsx';

const FILTERS = ['q', 'role'] as const;

/** 角色与权限 (secadmin): who holds which role and scope; what each role may do. */
export function RolesScopesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const { page, pageSize, filters, setPage, setFilters } = useListParams(FILTERS);
  const role = roleSchema.safeParse(filters.role).data ?? '';
  const [editing, setEditing] = useState<AdminUserView | null>(null);
  const { data, error, loading, reload } = useAsync(
    (signal) => listSecurityUsers({ page, pageSize, q: filters.q, role }, signal),
    [page, pageSize, filters.q, role],
  );

  const columns: TableColumnsType<AdminUserView> = [
    { title: t('users.username'), dataIndex: 'username', render: (_, row) => <span className="mono nowrap">{row.username}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.role'), dataIndex: 'role', render: (_, row) => fmt.role(row.role) },
    {
      title: t('users.scope'),
      dataIndex: ['scope', 'name'],
      render: (_, row) => (row.scope ? `${t(`home.scopeKind.${row.scope.kind}`)} · ${row.scope.name}` : '—'),
    },
    { title: t('users.statusLabel'), key: 'status', render: (_, row) => <UserStatusTags user={row} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      // 三员分立: another security administrator's role is not changed from here (the server refuses too).
      render: (_, row) =>
        row.role === 'secadmin' ? null : (
          <Button type="link" size="small" onClick={() => setEditing(row)}>
            {t('security.assign')}
          </Button>
        ),
    },
  ];

  const usersTab = (
    <>
      <div className="toolbar">
        <UserSearch q={filters.q} onSearch={(q) => setFilters({ q })} />
        <RoleFilter role={role} onChange={(value) => setFilters({ role: value })} />
      </div>
      <UsersTable columns={columns} data={data} loading={loading} error={error} reload={reload} page={page} pageSize={pageSize} setPage={setPage} scrollX={960} />
    </>
  );

  return (
    <>
      <PageHeader title={t('nav.roles')} subtitle={t('security.rolesSubtitle')} />
      <Card>
        <Tabs
          items={[
            { key: 'users', label: t('security.tabUsers'), children: usersTab },
            { key: 'roles', label: t('security.tabRoles'), children: <RolesTable /> },
            { key: 'resets', label: t('security.tabResets'), children: <CredentialResetsTab /> },
          ]}
        />
      </Card>
      <AssignRoleModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void message.success(t('security.assigned'));
          reload();
        }}
      />
    </>
  );
}
