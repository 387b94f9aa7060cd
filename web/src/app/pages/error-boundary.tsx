import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router-dom';
import { StatusScreen } from './status-screen.tsx';

/** The friendly crash screen: no stack trace for the user, just what happened and a way out. */
export function CrashScreen() {
  const { t } = useTranslation();
  return (
    <StatusScreen
      status="error"
      title={t('pages.crash.title')}
      subTitle={t('pages.crash.text')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('pages.crash.reload')}
        </Button>
      }
    />
  );
}

/** Router-level error element (render errors inside routes). */
export function RouteErrorScreen() {
  const error = useRouteError();
  console.error(error);
  return <CrashScreen />;
}

interface Props {
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { hasError: boolean }> {
  override state = { hasError: false };

  static getDerivedStateFromError(): { hasError: boolean } {
    return { hasError: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    return this.state.hasError ? <CrashScreen /> : this.props.children;
  }
}
