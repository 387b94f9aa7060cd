import { App, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { MfaEnrolment } from './mfa-enrolment.tsx';
import { useSession } from './session.tsx';

export function AccountMfaPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { session, applySession } = useSession();
  if (!session) return null;
  return (
    <>
      <PageHeader title={t('mfa.enrolTitle')} />
      <Card className="narrow-card">
        {session.user.mfaEnabled ? (
          <Result status="success" title={t('mfa.alreadyEnabled')} />
        ) : (
          <MfaEnrolment
            username={session.user.username}
            onDone={(next) => {
              applySession(next);
              void message.success(t('mfa.enabled'));
              navigate('/', { replace: true });
            }}
          />
        )}
      </Card>
    </>
  );
}
