import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select } from 'antd';
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
import { useSession } from '../auth/session.tsx';
import { listUsers } from './admin-users.api.ts';
import { CreateUserModal } from './create-user-modal.tsx';
import { SecretModal } from './secret-modal.tsx';
import type { SecretToShow } from './secret-modal.tsx';
import { UserActions } from './user-actions.tsx';
import { RoleFilter, UserSearch, UsersTable } from '../../app/user-list.tsx';

const FILTERS = ['q', 'status', 'role'] as const;

/** 用户管理 (sysadmin): accounts only — roles and scopes belong to the security administrator. */
export function UsersPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useSession();
  const { page, pageSize, filters, setPage, setFilters } = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<SecretToShow | null>(null);
  const status = filters.status === 'active' || filters.status === 'disabled' ? filters.status : '';
  const role = roleSchema.safeParse(filters.role).data ?? '';
  const { data, error, loading, reload } = useAsync(
    (signal) => listUsers({ page, pageSize, q: filters.q, status, role }, signal),
    [page, pageSize, filters.q, status, role],
  );

  const columns: TableColumnsType<AdminUserView> = [
    { title: t('users.username'), dataIndex: 'username', width: 150, render: (_, row) => <span className="mono nowrap">{row.username}</span> },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 150 },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (_, row) => fmt.role(row.role) },
    { title: t('users.scope'), dataIndex: ['scope', 'name'], width: 150, render: (_, row) => row.scope?.name ?? '—' },
    { title: t('users.statusLabel'), key: 'status', width: 190, render: (_, row) => <UserStatusTags user={row} /> },
    { title: t('users.lastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (_, row) => fmt.dateTime(row.lastLoginAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 220,
      render: (_, row) => (
        <UserActions user={row} isSelf={row.id === session?.user.id} onChanged={reload} onSecret={setSecret} />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <div className="toolbar">
          <UserSearch q={filters.q} onSearch={(q) => setFilters({ q })} />
          <Select
            allowClear
            value={status || undefined}
            placeholder={t('users.statusLabel')}
            className="toolbar__select"
            onChange={(value?: string) => setFilters({ status: value })}
            options={[
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
          />
          <RoleFilter role={role} onChange={(value) => setFilters({ role: value })} />
        </div>
        <UsersTable columns={columns} data={data} loading={loading} error={error} reload={reload} page={page} pageSize={pageSize} setPage={setPage} scrollX={1140} />
      </Card>
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setSecret({ title: t('users.createdDone'), username: result.user.username, temporaryPassword: result.temporaryPassword });
          reload();
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
