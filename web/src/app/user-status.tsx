import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AdminUserView } from '../../../contracts/admin.ts';

export function isLocked(user: Pick<AdminUserView, 'lockedUntil'>, now = Date.now()): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil).getTime() > now;
}

/** Account status as tags: enabled/disabled, locked, must change password, 2FA. */
export function UserStatusTags({ user }: { user: AdminUserView }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {user.status === 'active' ? (
        <Tag color="green">{t('users.status.active')}</Tag>
      ) : (
        <Tag color="default">{t('users.status.disabled')}</Tag>
      )}
      {isLocked(user) && <Tag color="red">{t('users.locked')}</Tag>}
      {user.mustChangePassword && <Tag color="orange">{t('users.mustChangePassword')}</Tag>}
      {user.mfaEnabled && <Tag color="blue">{t('users.mfaOn')}</Tag>}
    </Space>
  );
}
