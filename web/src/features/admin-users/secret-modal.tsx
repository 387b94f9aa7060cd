import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface SecretToShow {
  title: string;
  username: string;
  temporaryPassword: string;
}

/**
 * Shows a temporary password exactly once. It is not stored anywhere in the app; closing the dialog drops it.
 * Copy uses antd's copyable, which falls back to execCommand on plain-http intranet hosts.
 */
export function SecretModal({ secret, onClose }: { secret: SecretToShow | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={secret !== null}
      title={secret?.title}
      onOk={onClose}
      onCancel={onClose}
      okText={t('users.secretDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      {secret && (
        <>
          <p>{t('users.secretFor', { username: secret.username })}</p>
          <Typography.Paragraph copyable={{ text: secret.temporaryPassword }} className="secret" data-testid="temporary-password">
            {secret.temporaryPassword}
          </Typography.Paragraph>
          <Alert type="warning" showIcon message={t('users.secretOnce')} />
        </>
      )}
    </Modal>
  );
}
