import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { verifyAuditChain } from './audit.api.ts';
import type { AuditVerifyResult } from './audit.api.ts';

export function VerifyChainButton({ onResult }: { onResult: (result: AuditVerifyResult) => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [running, setRunning] = useState(false);
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={running}
      onClick={async () => {
        setRunning(true);
        try {
          onResult(await verifyAuditChain());
        } catch (error) {
          notifyError(error);
        } finally {
          setRunning(false);
        }
      }}
    >
      {t('audit.verify')}
    </Button>
  );
}

/** The outcome of the chain check, naming the first broken record if any. */
export function VerifyChainResult({ result, onClose }: { result: AuditVerifyResult; onClose: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const broken = result.firstBroken;
  return (
    <Alert
      className="form-alert"
      closable
      onClose={onClose}
      showIcon
      type={result.ok ? 'success' : 'error'}
      data-testid="verify-result"
      message={result.ok ? t('audit.verifyOk', { checked: fmt.number(result.checked) }) : t('audit.verifyBroken')}
      description={
        broken
          ? t('audit.verifyBrokenAt', {
              seq: fmt.number(broken.seq),
              at: fmt.dateTime(broken.at),
              reason: broken.reason,
              checked: fmt.number(result.checked),
            })
          : undefined
      }
    />
  );
}
