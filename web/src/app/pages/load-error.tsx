import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiRequestError } from '../api-error.ts';

/** The error state of a list or a form that could not be loaded; 401/403 are shown elsewhere. */
export function LoadError({ error, onRetry }: { error: ApiRequestError; onRetry: () => void }) {
  const { t, i18n } = useTranslation();
  if (error.handledGlobally) return null;
  return (
    <Alert
      type="error"
      showIcon
      message={t('common.loadFailed')}
      description={error.localized(i18n.language)}
      action={
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
