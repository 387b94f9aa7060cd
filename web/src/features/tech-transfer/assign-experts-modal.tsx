import { Alert, App, Checkbox, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { exclusionText } from './labels.ts';
import { assignExperts, evaluationCandidates } from './tech-transfer.api.ts';

/**
 * The commission assigns experts by field. Experts who declared a conflict with a party of the listing (or
 * work at its owner) are not offered: they are listed apart with the reason, so the page says why (回避).
 */
export function AssignExpertsModal({ listingId, onClose }: { listingId: string; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, error, loading, reload } = useAsync((signal) => evaluationCandidates(listingId, signal), [listingId]);
  const [picked, setPicked] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    try {
      const r = await assignExperts(listingId, picked);
      void message.success(t('techTransfer.assigned', { count: r.items.length }));
      onClose(true);
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('techTransfer.assignTitle')} width={760} onCancel={() => onClose(false)} onOk={submit} okButtonProps={{ disabled: picked.length === 0, loading: saving }} destroyOnHidden>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text strong>{t('techTransfer.offered')}</Typography.Text>
          <Checkbox.Group value={picked} onChange={(v) => setPicked(v as string[])} style={{ width: '100%' }}>
            <List
              className="tt-offered"
              size="small"
              bordered
              loading={loading}
              locale={{ emptyText: t('techTransfer.noneOffered') }}
              dataSource={data?.offered}
              style={{ width: '100%', maxHeight: 280, overflowY: 'auto' }}
              renderItem={(e) => (
                <List.Item data-expert={e.code}>
                  <Checkbox value={e.id}>
                    <Space wrap>
                      <span>{e.name}</span>
                      <Typography.Text type="secondary">{[e.title, e.affiliation].filter(Boolean).join(' · ')}</Typography.Text>
                      {e.fieldMatch ? <Tag color="green">{t('techTransfer.fieldMatch')}</Tag> : <Tag>{t('techTransfer.otherField')}</Tag>}
                      {e.fields.slice(0, 3).map((f) => <Tag key={f}>{f}</Tag>)}
                    </Space>
                  </Checkbox>
                </List.Item>
              )}
            />
          </Checkbox.Group>
          {data && data.excluded.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('techTransfer.excluded')}
              description={
                <ul className="tt-excluded" style={{ margin: 0, paddingInlineStart: 18 }}>
                  {data.excluded.map((e) => (
                    <li key={e.id} data-expert={e.code}>
                      <strong>{e.name}</strong>:{e.reasons.map((r) => exclusionText(t, r)).join('；')}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
