import { Alert, App, Button, Empty, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CredentialResetView } from '../../../../contracts/admin.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { SecretModal, type SecretToShow } from '../admin-users/secret-modal.tsx';
import { approveCredentialReset, listCredentialResets, rejectCredentialReset } from './security.api.ts';

/**
 * Pending resets of administrator accounts' credentials (三员分立, docs/decisions/0013-three-admin-reset.md):
 * the system administrator requested them; the security administrator approves (and receives the temporary
 * password to hand over) or rejects.
 */
export function CredentialResetsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const [secret, setSecret] = useState<SecretToShow | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => listCredentialResets(signal), []);

  const approve = (row: CredentialResetView) =>
    modal.confirm({
      title: t('security.approveTitle'),
      content: t('security.approveText', { name: `${row.user.displayName}（${row.user.username}）`, kind: t(`security.resetKind.${row.kind}`) }),
      okText: t('security.approve'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const temporaryPassword = await approveCredentialReset(row.id);
          if (temporaryPassword) setSecret({ title: t('users.resetPasswordDone'), username: row.user.username, temporaryPassword });
          else void message.success(t('security.approvedDone'));
          reload();
        } catch (failure) {
          notifyError(failure);
        }
      },
    });

  const reject = async (row: CredentialResetView) => {
    try {
      await rejectCredentialReset(row.id);
      void message.success(t('security.rejectedDone'));
      reload();
    } catch (failure) {
      notifyError(failure);
    }
  };

  const columns: TableColumnsType<CredentialResetView> = [
    { title: t('security.resetAccount'), key: 'user', render: (_, row) => <span className="mono nowrap">{row.user.username}</span> },
    { title: t('users.displayName'), key: 'name', render: (_, row) => row.user.displayName },
    { title: t('users.role'), key: 'role', render: (_, row) => fmt.role(row.user.role) },
    { title: t('security.scopeKindLabel'), key: 'kind', render: (_, row) => t(`security.resetKind.${row.kind}`) },
    { title: t('security.resetRequestedBy'), dataIndex: 'requestedBy' },
    { title: t('security.resetRequestedAt'), dataIndex: 'requestedAt', render: (value: string) => fmt.dateTime(value) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" danger onClick={() => approve(row)}>
            {t('security.approve')}
          </Button>
          <Button type="link" size="small" onClick={() => void reject(row)}>
            {t('security.reject')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Alert type="info" showIcon message={t('security.resetsHint')} style={{ marginBottom: 12 }} />
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<CredentialResetView>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={data}
          pagination={false}
          locale={{ emptyText: <Empty description={t('security.resetsEmpty')} /> }}
        />
      )}
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
