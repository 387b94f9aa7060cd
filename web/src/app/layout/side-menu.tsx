import { Menu } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { Role } from '../../../../contracts/roles.ts';
import { navItemsFor } from '../navigation.ts';
import { NAV_ICONS } from './nav-icons.tsx';

export function SideMenu({ role }: { role: Role | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = navItemsFor(role);
  // The longest matching path wins, so `/` (Home) is selected only on the home page itself.
  const selected = items
    .filter((item) => (item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];

  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={selected ? [selected.key] : []}
      onClick={({ key }) => {
        const item = items.find((candidate) => candidate.key === key);
        if (item) navigate(item.path);
      }}
      items={items.map((item) => ({ key: item.key, icon: NAV_ICONS[item.icon], label: t(item.labelKey) }))}
    />
  );
}
