import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveBlob } from '../../app/api.ts';

export function recoveryCodesText(codes: readonly string[], heading: readonly string[]): string {
  return [...heading, '', ...codes.map((code, index) => `${String(index + 1).padStart(2, ' ')}. ${code}`), ''].join('\r\n');
}

/** Shown once after enrolment: the user must keep the codes before going on. */
export function RecoveryCodes({ codes, username, onDone }: { codes: readonly string[]; username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);

  const download = () => {
    const text = recoveryCodesText(codes, [
      t('app.productName'),
      t('mfa.recoveryFileHeading', { username }),
      t('mfa.recoveryFileCreated', { at: new Date().toLocaleString() }),
      t('mfa.recoveryFileNote'),
    ]);
    saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), `recovery-codes-${username}.txt`);
  };

  return (
    <Space direction="vertical" size="middle" className="full-width">
      <Alert type="warning" showIcon message={t('mfa.recoveryTitle')} description={t('mfa.recoveryText')} />
      <ol className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Button icon={<DownloadOutlined />} onClick={download} block>
        {t('mfa.recoveryDownload')}
      </Button>
      <Checkbox checked={saved} onChange={(event) => setSaved(event.target.checked)}>
        {t('mfa.recoverySaved')}
      </Checkbox>
      <Button type="primary" block disabled={!saved} onClick={onDone}>
        {t('common.continue')}
      </Button>
    </Space>
  );
}
