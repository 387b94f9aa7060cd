import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApiRequestError } from '../api-error.ts';
import { StatusScreen } from './status-screen.tsx';

export function ForbiddenPage({ error }: { error?: ApiRequestError | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <StatusScreen
      status="forbidden"
      title="403"
      subTitle={
        <>
          <div>{t('pages.forbidden.text')}</div>
          {error && <div className="muted">{error.localized(i18n.language)}</div>}
        </>
      }
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('pages.backHome')}
        </Button>
      }
    />
  );
}
