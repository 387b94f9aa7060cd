import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiRequestError } from '../../app/api-error.ts';

/**
 * Puts a 400's field messages (`body.<field>`) under the fields of the form, in the interface language.
 * Returns false when the error names no field of the form (the caller then shows it as a toast).
 */
export function useServerFieldErrors(form: FormInstance, names: readonly string[]): (error: unknown) => boolean {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (error) => {
    if (!isApiRequestError(error) || error.status !== 400) return false;
    const fields = error.details
      .map((d) => ({ name: (d.path ?? '').replace(/^body\./, '').split('.')[0] ?? '', text: english ? (d.messageEn ?? d.message) : d.message }))
      .filter((f) => names.includes(f.name));
    if (!fields.length) return false;
    form.setFields(fields.map((f) => ({ name: f.name, errors: [f.text] })));
    return true;
  };
}
