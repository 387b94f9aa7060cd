import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { useAsync } from '../../app/use-async.ts';
import { getCryptoStatus } from './security.api.ts';

/** The installation's cryptographic suite and the state of its keys (read-only; changes are commands). */
export function CryptoStatusCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data } = useAsync((signal) => getCryptoStatus(signal), []);
  if (!data) return null;
  return (
    <Card title={t('settings.crypto.title')} className="form-alert">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('settings.crypto.suite')}>
          <Tag color={data.suite === 'gm' ? 'red' : 'blue'}>{data.suite}</Tag> {t(`settings.crypto.suites.${data.suite}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('settings.crypto.hash')}>{data.algorithms.hash}</Descriptions.Item>
        <Descriptions.Item label={t('settings.crypto.mac')}>{data.algorithms.mac}</Descriptions.Item>
        <Descriptions.Item label={t('settings.crypto.cipher')}>{data.algorithms.cipher}</Descriptions.Item>
        <Descriptions.Item label={t('settings.crypto.recordedAt')}>{fmt.dateTime(data.recordedAt)}</Descriptions.Item>
        {data.migratedAt && <Descriptions.Item label={t('settings.crypto.migratedAt')}>{fmt.dateTime(data.migratedAt)}</Descriptions.Item>}
        <Descriptions.Item label={t('settings.crypto.keys')}>
          {data.keys.map((key) => (
            <div key={key.purpose}>
              {t(`settings.crypto.purposes.${key.purpose}`)}:{' '}
              {key.keyId === null ? <Tag color="error">{t('settings.crypto.missing')}</Tag> : <Typography.Text code>{key.keyId}</Typography.Text>}
              {key.count > 1 && <Tag color="warning">{t('settings.crypto.rotating', { count: key.count })}</Tag>}
            </div>
          ))}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('settings.crypto.hint')}</Typography.Paragraph>
    </Card>
  );
}
