import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { englishMessage } from '../../../../../contracts/registry-common.ts';
import { isApiRequestError, localizedDetail } from '../../../app/api-error.ts';

const LOCALES = { zh: z.locales.zhCN(), en: z.locales.en() };

/**
 * Forms validate with the same zod contract as the server and show its messages in the UI language: zod's
 * own messages through its locale, the contracts' custom (Chinese) ones through their declared English.
 */
export function useContractForm() {
  const { i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const text = (message: string) => (english ? englishMessage(message) : message);

  function validate<T>(form: FormInstance, schema: z.ZodType<T>, values: unknown): T | null {
    const result = schema.safeParse(values, { error: (english ? LOCALES.en : LOCALES.zh).localeError, reportInput: true });
    if (result.success) return result.data;
    const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
    for (const issue of result.error.issues) {
      const name = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const key = JSON.stringify(name);
      const entry = byField.get(key) ?? { name, errors: [] };
      // An empty required field: "required" rather than zod's "expected string, received undefined".
      const empty = issue.code === 'invalid_type' && (issue.input === undefined || issue.input === null || issue.input === '');
      entry.errors.push(empty ? (english ? 'Required' : '必填') : text(issue.message));
      byField.set(key, entry);
    }
    form.setFields([...byField.values()]);
    return null;
  }

  /** A 400 from the server: its details (paths like body.zone) onto the fields; returns false for other errors. */
  function showServerErrors(form: FormInstance, error: unknown): boolean {
    if (!isApiRequestError(error) || error.status !== 400 || error.details.length === 0) return false;
    const fields = error.details
      .filter((d) => d.path?.startsWith('body.'))
      .map((d) => ({ name: d.path!.slice(5).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [localizedDetail(d, i18n.language)] }));
    if (fields.length) form.setFields(fields);
    return fields.length > 0;
  }

  return { validate, showServerErrors, text };
}
