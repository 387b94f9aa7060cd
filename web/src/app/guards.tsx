import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useSession } from '../features/auth/session.tsx';
import { canOpen } from './navigation.ts';
import type { NavKey } from './navigation.ts';
import { ForbiddenPage } from './pages/forbidden-page.tsx';
import { PageLoading } from './pages/loading.tsx';
import { StatusScreen } from './pages/status-screen.tsx';

export interface LoginRedirectState {
  from?: string;
}

/** Shown when the session probe itself failed (server down, network cut): retry instead of a login loop. */
export function ServerUnreachable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <StatusScreen
      status="warning"
      title={t('errors.unreachableTitle')}
      subTitle={t('errors.unreachableText')}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}

/** Everything but the login flow needs a fully established (`active`) session. */
export function RequireActiveSession() {
  const { state, reload } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageLoading fullScreen />;
  if (state.status === 'unreachable') return <ServerUnreachable onRetry={reload} />;
  if (!state.session || state.session.stage !== 'active') {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from } satisfies LoginRedirectState} />;
  }
  return <Outlet />;
}

/** A page of the menu table: users outside its audience get the 403 page (the server refuses anyway). */
export function RequireNav({ navKey, children }: { navKey: NavKey; children: ReactNode }) {
  const { session } = useSession();
  if (!canOpen(navKey, session?.user.role)) return <ForbiddenPage />;
  return <>{children}</>;
}
