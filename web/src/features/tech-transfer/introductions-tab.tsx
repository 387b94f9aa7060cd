import { App, Button, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { decideIntroduction, listIntroductions } from './tech-transfer.api.ts';

/** Introduction requests: an enterprise its own, a platform those on its listings (to accept or decline), the district all. */
export function IntroductionsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, error, loading, reload } = useAsync((signal) => listIntroductions(signal), []);
  const [declining, setDeclining] = useState<{ id: string; version: number } | null>(null);
  const [note, setNote] = useState('');
  if (error) return <LoadError error={error} onRetry={reload} />;
  const decide = async (id: string, verb: 'accept' | 'decline', version: number, text?: string) => {
    try {
      await decideIntroduction(id, verb, { version, ...(text ? { note: text } : {}) });
      void message.success(t(verb === 'accept' ? 'techTransfer.intro_accepted' : 'techTransfer.intro_declined'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1300 }}
        columns={[
          { title: t('techTransfer.listing'), width: 260, render: (_, r) => <Link to={`/tech-transfer/listings/${r.listingId}`}>{r.listingTitle}</Link> },
          { title: t('techTransfer.enterprise'), width: 220, dataIndex: 'enterpriseName' },
          { title: t('techTransfer.message_col'), width: 260, dataIndex: 'message' },
          { title: t('techTransfer.requesterContact'), width: 170, render: (_, r) => (r.contact ? `${r.contact.name ?? ''} ${r.contact.phone ?? ''}` : '—') },
          { title: t('techTransfer.requestedAt'), width: 110, render: (_, r) => fmt.date(r.createdAt) },
          { title: t('techTransfer.status'), width: 90, render: (_, r) => <Tag color={r.status === 'accepted' ? 'green' : r.status === 'declined' ? 'default' : 'orange'}>{t(`techTransfer.intro_${r.status}`)}</Tag> },
          {
            title: '',
            width: 170,
            render: (_, r) =>
              r.canDecide && (
                <Space>
                  <Button size="small" type="primary" onClick={() => void decide(r.id, 'accept', r.version)}>{t('techTransfer.accept')}</Button>
                  <Button size="small" onClick={() => { setNote(''); setDeclining({ id: r.id, version: r.version }); }}>{t('techTransfer.decline')}</Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={declining !== null} title={t('techTransfer.declineNote')} onCancel={() => setDeclining(null)} onOk={() => { if (declining) void decide(declining.id, 'decline', declining.version, note); setDeclining(null); }} destroyOnHidden>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </>
  );
}
