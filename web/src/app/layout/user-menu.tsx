import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyOutlined, UserOutlined, UsergroupDeleteOutlined } from '@ant-design/icons';
import { App, Dropdown } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { SessionView } from '../../../../contracts/auth.ts';
import { logoutOtherSessions } from '../../features/auth/auth.api.ts';
import { useSession } from '../../features/auth/session.tsx';
import { useFormat } from '../i18n/format.ts';
import { useNotifyError } from '../use-error-text.ts';

export function UserMenu({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const { logout } = useSession();
  const { modal, message } = App.useApp();
  const notifyError = useNotifyError();
  const { user } = session;

  const confirmLogoutOthers = () =>
    modal.confirm({
      title: t('shell.logoutOthersTitle'),
      content: t('shell.logoutOthersText'),
      okText: t('shell.logoutOthers'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const ended = await logoutOtherSessions();
          void message.success(t('shell.logoutOthersDone', { count: ended }));
        } catch (error) {
          notifyError(error);
        }
      },
    });

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      className: 'user-menu__who',
      label: (
        <div>
          <div className="user-menu__name">{user.displayName}</div>
          <div className="muted">
            {user.username} · {fmt.role(user.role)}
            {user.scope ? ` · ${user.scope.name}` : ''}
          </div>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('shell.changePassword'), onClick: () => navigate('/account/password') },
    ...(user.mfaEnabled
      ? []
      : [{ key: 'mfa', icon: <SafetyOutlined />, label: t('shell.enableMfa'), onClick: () => navigate('/account/mfa') }]),
    { key: 'others', icon: <UsergroupDeleteOutlined />, label: t('shell.logoutOthers'), onClick: confirmLogoutOthers },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: t('shell.logout'),
      onClick: () => {
        void logout().finally(() => navigate('/login', { replace: true }));
      },
    },
  ];

  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <button type="button" className="user-menu__trigger" data-testid="user-menu">
        <span className="user-menu__avatar" aria-hidden>
          <UserOutlined />
        </span>
        <span className="user-menu__label">
          <span className="user-menu__display">{user.displayName}</span>
          <span className="user-menu__role">{fmt.role(user.role)}</span>
        </span>
        <DownOutlined className="user-menu__caret" />
      </button>
    </Dropdown>
  );
}
