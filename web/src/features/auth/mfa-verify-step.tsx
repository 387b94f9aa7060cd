import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../contracts/auth.ts';
import { mfaVerifyBodySchema } from '../../../../contracts/auth.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { verifyMfa } from './auth.api.ts';

export function MfaVerifyStep({ onSession, onCancel }: { onSession: (s: SessionView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      onSession(await verifyMfa(code));
    } catch (cause) {
      setError(cause);
      setSubmitting(false);
      form.setFieldValue('code', '');
    }
  };

  return (
    <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting} size="large">
      <p className="muted">{t('mfa.verifyHint')}</p>
      {error !== null && <Alert className="form-alert" type="error" showIcon message={errorText(error)} role="alert" />}
      <Form.Item
        name="code"
        label={t('mfa.code')}
        rules={[
          {
            validator: (_, value: unknown) =>
              mfaVerifyBodySchema.safeParse({ code: value ?? '' }).success
                ? Promise.resolve()
                : Promise.reject(new Error(t('mfa.codeInvalid'))),
          },
        ]}
      >
        <Input autoComplete="one-time-code" autoFocus maxLength={32} placeholder="123456 / k7mq-2vxp" className="code-input" />
      </Form.Item>
      <Space direction="vertical" className="full-width">
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('mfa.verify')}
        </Button>
        <Button type="link" block onClick={onCancel}>
          {t('auth.useOtherAccount')}
        </Button>
      </Space>
    </Form>
  );
}
