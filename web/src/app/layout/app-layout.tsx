import { Suspense, useState } from 'react';
import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router-dom';
import { IdleWarning } from '../../features/auth/idle-warning.tsx';
import { useSession } from '../../features/auth/session.tsx';
import { NotificationBell } from '../../features/notifications/notification-bell.tsx';
import { ForbiddenGate } from '../forbidden.tsx';
import { PageLoading } from '../pages/loading.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { ProductMark } from './product-mark.tsx';
import { SideMenu } from './side-menu.tsx';
import { UserMenu } from './user-menu.tsx';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { t } = useTranslation();
  const { session } = useSession();
  const [collapsed, setCollapsed] = useState(false);
  if (!session) return null;

  return (
    <Layout className="shell">
      <Header className="shell__header">
        <Link to="/" className="shell__brand" title={t('app.productName')}>
          <ProductMark />
          <span className="shell__title">{t('app.productName')}</span>
        </Link>
        <div className="shell__actions">
          {session.stage === 'active' && <NotificationBell />}
          <LanguageSwitch />
          <UserMenu session={session} />
        </div>
      </Header>
      <Layout>
        <Sider
          width={208}
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          className="shell__sider"
        >
          <SideMenu role={session.user.role} />
        </Sider>
        <Content className="shell__content">
          <ForbiddenGate>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </ForbiddenGate>
        </Content>
      </Layout>
      <IdleWarning idleTimeoutSeconds={session.idleTimeoutSeconds} />
    </Layout>
  );
}
