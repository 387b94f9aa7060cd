import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { loadUnreadCount, onUnreadChanged } from './notifications.api.ts';

/** How often the header asks for the unread count (a notice is never urgent to the minute). */
const POLL_MS = 60_000;

/** The header's bell: the unread count of the signed-in user's inbox; opens the inbox. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let controller = new AbortController();
    const refresh = () => {
      controller.abort();
      controller = new AbortController();
      loadUnreadCount(controller.signal)
        .then((r) => setUnread(r.unread))
        .catch(() => {});
    };
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    const off = onUnreadChanged(refresh);
    return () => {
      controller.abort();
      clearInterval(timer);
      off();
    };
  }, []);
  const label = unread ? t('notifications.unreadCount', { count: unread }) : t('notifications.title');
  return (
    <Tooltip title={label}>
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button type="text" className="shell__bell" icon={<BellOutlined />} aria-label={label} data-testid="notification-bell" onClick={() => navigate('/notifications')} />
      </Badge>
    </Tooltip>
  );
}
