import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../contracts/auth.ts';
import { isApiRequestError, localizedDetail } from '../../app/api-error.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { changePassword, fetchPasswordPolicy } from './auth.api.ts';
import type { PasswordPolicy } from './auth.api.ts';
import { PasswordPolicyHint } from './password-policy-hint.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

/** Forced (temporary or expired password) or voluntary password change; the server enforces the policy. */
export function PasswordChangeForm({ forced, onChanged }: { forced: boolean; onChanged: (session: SessionView) => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form) ?? '';
  const [policy, setPolicy] = useState<PasswordPolicy>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    // Without the policy the form still works: the server reports every violation.
    fetchPasswordPolicy().then(setPolicy, () => undefined);
  }, []);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const session = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      onChanged(session);
    } catch (cause) {
      setError(cause);
    } finally {
      setSubmitting(false);
    }
  };

  const violations = isApiRequestError(error) ? error.details : [];

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
      {forced && <Alert className="form-alert" type="warning" showIcon message={t('password.forcedHint')} />}
      {error !== null && (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="alert"
          message={errorText(error)}
          description={
            violations.length > 0 ? (
              <ul className="violations" data-testid="password-violations">
                {violations.map((detail, index) => (
                  <li key={`${detail.rule ?? 'rule'}-${index}`}>{localizedDetail(detail, i18n.language)}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form.Item
        name="currentPassword"
        label={forced ? t('password.currentOrTemporary') : t('password.current')}
        rules={[{ required: true, message: t('password.currentRequired') }]}
      >
        <Input.Password autoComplete="current-password" maxLength={256} autoFocus />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('password.newRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: unknown) =>
              value && value === getFieldValue('currentPassword')
                ? Promise.reject(new Error(t('password.sameAsCurrent')))
                : Promise.resolve(),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      {policy && <PasswordPolicyHint policy={policy} password={newPassword} />}
      <Form.Item
        name="confirmPassword"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('password.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_, value: unknown) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={256} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
