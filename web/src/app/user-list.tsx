import { Empty, Input, Select, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminUserView } from '../../../contracts/admin.ts';
import type { ApiRequestError } from './api-error.ts';
import { ROLES } from '../../../contracts/roles.ts';
import { useFormat } from './i18n/format.ts';
import { LoadError } from './pages/load-error.tsx';
import { PAGE_SIZES } from './use-list-params.ts';

/**
 * The account list's search box, role filter and paged table, shared by the system administrator's users page
 * and the security administrator's roles page (each adds its own columns and filters).
 */
export function UserSearch({ q, onSearch }: { q: string | undefined; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  return (
    <Input.Search
      key={q}
      allowClear
      defaultValue={q}
      placeholder={t('users.searchPlaceholder')}
      enterButton={t('common.search')}
      maxLength={64}
      className="toolbar__search"
      onSearch={(value) => onSearch(value.trim())}
    />
  );
}

export function RoleFilter({ role, onChange }: { role: string; onChange: (role?: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Select
      allowClear
      value={role || undefined}
      placeholder={t('users.role')}
      className="toolbar__select"
      onChange={(value?: string) => onChange(value)}
      options={ROLES.map((value) => ({ value, label: fmt.role(value) }))}
    />
  );
}

export interface UsersTableProps {
  columns: TableColumnsType<AdminUserView>;
  data: { items: AdminUserView[]; total: number } | undefined;
  loading: boolean;
  error: ApiRequestError | undefined;
  reload: () => void;
  page: number;
  pageSize: number;
  setPage: (page: number, pageSize: number) => void;
  scrollX: number;
}

export function UsersTable({ columns, data, loading, error, reload, page, pageSize, setPage, scrollX }: UsersTableProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Table<AdminUserView>
      rowKey="id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={data?.items}
      scroll={{ x: scrollX }}
      locale={{ emptyText: <Empty description={t('users.empty')} /> }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: (total) => t('common.total', { total: fmt.number(total) }),
        onChange: setPage,
      }}
    />
  );
}
