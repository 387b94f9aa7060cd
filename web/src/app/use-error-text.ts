import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiRequestError } from './api-error.ts';

/** Turns any thrown value into a user-safe message in the current language. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error: unknown) => (isApiRequestError(error) ? error.localized(i18n.language) : t('errors.unexpected'));
}

/**
 * For failed actions (buttons, forms): shows a toast unless the API client already reacted globally
 * (401 → login page, 403 → forbidden page).
 */
export function useNotifyError(): (error: unknown) => void {
  const errorText = useErrorText();
  const { message } = App.useApp();
  return (error: unknown) => {
    if (isApiRequestError(error) && error.handledGlobally) return;
    void message.error(errorText(error));
  };
}
