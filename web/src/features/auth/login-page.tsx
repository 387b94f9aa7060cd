import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import type { SessionView } from '../../../../contracts/auth.ts';
import { ServerUnreachable } from '../../app/guards.tsx';
import type { LoginRedirectState } from '../../app/guards.tsx';
import { landingPath } from '../../app/navigation.ts';
import { PageLoading } from '../../app/pages/loading.tsx';
import { AuthFrame } from './auth-frame.tsx';
import { CredentialsStep } from './credentials-step.tsx';
import { MfaEnrolment } from './mfa-enrolment.tsx';
import { MfaVerifyStep } from './mfa-verify-step.tsx';
import { PasswordChangeForm } from './password-change-form.tsx';
import { useSession } from './session.tsx';

function targetAfterLogin(session: SessionView, state: unknown): string {
  const from = (state as LoginRedirectState | null)?.from;
  return from && from !== '/' && from.startsWith('/') && !from.startsWith('/login') ? from : landingPath(session.user.role);
}

/**
 * `/login`: the whole sign-in flow. Which step shows is decided by the server's session stage, so a reload in
 * the middle of a step comes back to the same step, and no step can be skipped by editing the URL.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const { state, applySession, reload, logout } = useSession();

  if (state.status === 'loading') return <PageLoading fullScreen />;
  if (state.status === 'unreachable') return <ServerUnreachable onRetry={reload} />;

  const { session } = state;
  const cancel = () => void logout();
  const cancelLink = (
    <Button type="link" block onClick={cancel} className="auth__cancel">
      {t('auth.useOtherAccount')}
    </Button>
  );

  if (!session) {
    const notice = state.endedBy ? t('auth.sessionEnded') : undefined;
    return (
      <AuthFrame title={t('auth.loginTitle')}>
        <CredentialsStep onSession={applySession} notice={notice} />
      </AuthFrame>
    );
  }
  switch (session.stage) {
    case 'active':
      return <Navigate to={targetAfterLogin(session, location.state)} replace />;
    case 'mfa':
      return (
        <AuthFrame title={t('mfa.verifyTitle')}>
          <MfaVerifyStep onSession={applySession} onCancel={cancel} />
        </AuthFrame>
      );
    case 'mfa-enrol':
      return (
        <AuthFrame title={t('mfa.enrolTitle')} wide>
          <p className="muted">{t('mfa.enrolRequired')}</p>
          <MfaEnrolment username={session.user.username} onDone={applySession} />
          {cancelLink}
        </AuthFrame>
      );
    case 'password-change':
      return (
        <AuthFrame title={t('password.forcedTitle')}>
          <PasswordChangeForm forced onChanged={applySession} />
          {cancelLink}
        </AuthFrame>
      );
  }
}
