import { App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminUserView } from '../../../../contracts/admin.ts';
import { isAdminRole } from '../../../../contracts/roles.ts';
import { isLocked } from '../../app/user-status.tsx';
import { useNotifyError } from '../../app/use-error-text.ts';
import { resetUserMfa, resetUserPassword, setUserEnabled, unlockUser } from './admin-users.api.ts';
import type { SecretToShow } from './secret-modal.tsx';

interface Props {
  user: AdminUserView;
  /** The administrator's own account: it cannot be disabled from here (the server refuses too). */
  isSelf: boolean;
  onChanged: () => void;
  onSecret: (secret: SecretToShow) => void;
}

/** Row actions of the user list. Destructive ones ask first; every one is audited by the server. */
export function UserActions({ user, isSelf, onChanged, onSecret }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const name = `${user.displayName}（${user.username}）`;
  // 三员分立 (docs/decisions/0013): another system administrator's account is not reset or disabled from
  // here (the server refuses too); another administrator role's credentials are reset only with the
  // security administrator's approval.
  const sameRole = user.role === 'sysadmin';
  const needsApproval = isAdminRole(user.role);

  const run = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (error) {
      notifyError(error);
    }
  };

  const confirm = (title: string, content: string, okText: string, onOk: () => Promise<void>) =>
    modal.confirm({ title, content, okText, okButtonProps: { danger: true }, cancelText: t('common.cancel'), onOk });

  return (
    <Space size={0} wrap>
      {isSelf || sameRole ? null : user.status === 'active' ? (
        <Button
          type="link"
          size="small"
          danger
          onClick={() =>
            confirm(t('users.disableTitle'), t('users.disableText', { name }), t('users.disable'), () =>
              run(() => setUserEnabled(user.id, false), t('users.disabledDone')),
            )
          }
        >
          {t('users.disable')}
        </Button>
      ) : (
        <Button type="link" size="small" onClick={() => void run(() => setUserEnabled(user.id, true), t('users.enabledDone'))}>
          {t('users.enable')}
        </Button>
      )}
      {!sameRole && (
        <Button
          type="link"
          size="small"
          onClick={() =>
            confirm(
              t('users.resetPasswordTitle'),
              needsApproval ? t('users.resetNeedsApprovalText', { name }) : t('users.resetPasswordText', { name }),
              t('users.resetPassword'),
              async () => {
                try {
                  const temporaryPassword = await resetUserPassword(user.id);
                  if (temporaryPassword === null) void message.info(t('users.resetPending'));
                  else onSecret({ title: t('users.resetPasswordDone'), username: user.username, temporaryPassword });
                  onChanged();
                } catch (error) {
                  notifyError(error);
                }
              },
            )
          }
        >
          {t('users.resetPassword')}
        </Button>
      )}
      {isLocked(user) && (
        <Button type="link" size="small" onClick={() => void run(() => unlockUser(user.id), t('users.unlockedDone'))}>
          {t('users.unlock')}
        </Button>
      )}
      {user.mfaEnabled && !sameRole && (
        <Button
          type="link"
          size="small"
          danger
          onClick={() =>
            confirm(
              t('users.resetMfaTitle'),
              needsApproval ? t('users.resetNeedsApprovalText', { name }) : t('users.resetMfaText', { name }),
              t('users.resetMfa'),
              async () => {
                try {
                  const outcome = await resetUserMfa(user.id);
                  void message.success(outcome === 'pending' ? t('users.resetPending') : t('users.resetMfaDone'));
                  onChanged();
                } catch (error) {
                  notifyError(error);
                }
              },
            )
          }
        >
          {t('users.resetMfa')}
        </Button>
      )}
    </Space>
  );
}
