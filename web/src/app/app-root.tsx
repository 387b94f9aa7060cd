import { App as AntApp, ConfigProvider } from 'antd';
// The ES-module locale files: with the CommonJS ones (`antd/locale/…`) the bundle ended up with English
// pagination and date-picker texts in the Chinese UI.
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { SessionProvider } from '../features/auth/session.tsx';
import { ErrorBoundary } from './pages/error-boundary.tsx';
import { createAppRouter } from './router.tsx';
import { usePrefersReducedMotion } from './reduced-motion.ts';
import { theme } from './theme.ts';

export function AppRoot() {
  const { i18n, t } = useTranslation();
  const isEnglish = i18n.language.startsWith('en');
  const [router] = useState(createAppRouter);

  useEffect(() => {
    dayjs.locale(isEnglish ? 'en' : 'zh-cn');
    document.title = t('app.productName');
  }, [isEnglish, t]);

  const locale = useMemo(() => (isEnglish ? enUS : zhCN), [isEnglish]);
  const reducedMotion = usePrefersReducedMotion();
  const themeConfig = useMemo(() => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme), [reducedMotion]);

  return (
    <ConfigProvider locale={locale} theme={themeConfig}>
      <AntApp>
        <ErrorBoundary>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
