import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { PasswordChangeForm } from './password-change-form.tsx';
import { useSession } from './session.tsx';

export function AccountPasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { applySession } = useSession();
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card className="narrow-card">
        <PasswordChangeForm
          forced={false}
          onChanged={(session) => {
            applySession(session);
            void message.success(t('password.changed'));
          }}
        />
      </Card>
    </>
  );
}
