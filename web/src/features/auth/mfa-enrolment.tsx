import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../contracts/auth.ts';
import type { ApiRequestError } from '../../app/api-error.ts';
import { isApiRequestError, networkError } from '../../app/api-error.ts';
import { setCsrfToken } from '../../app/api.ts';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useErrorText } from '../../app/use-error-text.ts';
import { confirmMfaEnrolment, startMfaEnrolment } from './auth.api.ts';
import type { MfaEnrolment as Enrolment, MfaEnrolmentResult } from './auth.api.ts';
import { RecoveryCodes } from './recovery-codes.tsx';

export function qrImageSrc(qrSvg: string): string {
  return `data:image/svg+xml;utf8,${encodeURIComponent(qrSvg)}`;
}

/**
 * Authenticator enrolment: QR code (or the secret typed by hand) → first code → recovery codes shown once.
 * Used both as a login step (`mfa-enrol`) and from the user menu.
 */
export function MfaEnrolment({ username, onDone }: { username: string; onDone: (session: SessionView) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [loadError, setLoadError] = useState<ApiRequestError>();
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<MfaEnrolmentResult>();
  const [attempt, setAttempt] = useState(0);
  const started = useRef(-1);

  useEffect(() => {
    // Each POST creates a new pending secret: start once per attempt (React dev mode mounts effects twice).
    if (started.current === attempt) return;
    started.current = attempt;
    startMfaEnrolment()
      .then(setEnrolment)
      .catch((cause: unknown) => setLoadError(isApiRequestError(cause) ? cause : networkError()));
  }, [attempt]);

  if (result) {
    return <RecoveryCodes codes={result.recoveryCodes} username={username} onDone={() => onDone(result.session)} />;
  }
  if (loadError) {
    return (
      <Alert
        type="error"
        showIcon
        message={errorText(loadError)}
        action={
          <Button size="small" onClick={() => { setLoadError(undefined); setAttempt((n) => n + 1); }}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (!enrolment) return <PageLoading />;

  const confirm = async ({ code }: { code: string }) => {
    setSubmitting(true);
    setConfirmError(null);
    try {
      const confirmed = await confirmMfaEnrolment(code);
      // The session changed (stage, MFA flag): its CSRF token is needed at once, the rest after the codes.
      setCsrfToken(confirmed.session.csrfToken);
      setResult(confirmed);
    } catch (cause) {
      setConfirmError(cause);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <ol className="steps-list">
        <li>{t('mfa.enrolStep1')}</li>
        <li>{t('mfa.enrolStep2')}</li>
        <li>{t('mfa.enrolStep3')}</li>
      </ol>
      <div className="qr">
        <img src={qrImageSrc(enrolment.qrSvg)} alt={t('mfa.qrAlt')} width={200} height={200} />
      </div>
      <div>
        <div className="muted">{t('mfa.secretLabel')}</div>
        <Typography.Paragraph copyable={{ text: enrolment.secret }} className="secret" data-testid="mfa-secret">
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </Typography.Paragraph>
      </div>
      {confirmError !== null && <Alert type="error" showIcon message={errorText(confirmError)} role="alert" />}
      <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={confirm} disabled={submitting}>
        <Form.Item
          name="code"
          label={t('mfa.code')}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('mfa.sixDigits') }]}
        >
          <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} placeholder="123456" className="code-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting}>
          {t('mfa.confirmEnrol')}
        </Button>
      </Form>
    </Space>
  );
}
