import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../contracts/auth.ts';
import { useErrorText } from '../../app/use-error-text.ts';
import { login } from './auth.api.ts';

interface Values {
  username: string;
  password: string;
}

export function CredentialsStep({ onSession, notice }: { onSession: (s: SessionView) => void; notice?: string | undefined }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      onSession(await login({ username: values.username.trim(), password: values.password }));
    } catch (cause) {
      setError(cause);
      setSubmitting(false);
    }
  };

  return (
    <Form<Values> layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting} size="large">
      {notice && !error && <Alert className="form-alert" type="info" showIcon message={notice} />}
      {error !== null && <Alert className="form-alert" type="error" showIcon message={errorText(error)} role="alert" />}
      <Form.Item
        name="username"
        label={t('auth.username')}
        rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
      </Form.Item>
      <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.passwordRequired') }]}>
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={256} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        {t('auth.login')}
      </Button>
    </Form>
  );
}
