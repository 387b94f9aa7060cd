import { App, Button, Drawer, Form, Input, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { DOMAINS, matchReasonText, refName } from './labels.ts';
import { getChallenge, listChallenges, postChallenge, respondChallenge } from './tech-transfer.api.ts';


/** Challenges (技术需求): public calls; an enterprise posts one, the rule pushes it to matching listings, owners respond. */
export function ChallengesTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => listChallenges(signal), []);
  const [open, setOpen] = useState<string | null>(null);
  const [posting, setPosting] = useState(false);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">{t('techTransfer.matchRule')}</Typography.Text>
        {role === 'enterprise' && <Button type="primary" onClick={() => setPosting(true)}>{t('techTransfer.postChallenge')}</Button>}
      </Space>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={false}
        scroll={{ x: 1300 }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('techTransfer.code'), dataIndex: 'code', width: 120 },
          { title: t('techTransfer.challengeTitle'), width: 260, dataIndex: 'title' },
          { title: t('techTransfer.challenger'), dataIndex: 'enterpriseName', width: 220 },
          { title: t('techTransfer.domain'), width: 200, render: (_, r) => `${refName(r.domain, fmt.isEnglish)}${r.node ? ` / ${refName(r.node, fmt.isEnglish)}` : ''}` },
          { title: t('techTransfer.keywords'), width: 200, render: (_, r) => r.keywords.map((k) => <Tag key={k}>{k}</Tag>) },
          { title: t('techTransfer.deadline'), width: 110, render: (_, r) => fmt.date(r.deadline) },
          { title: t('techTransfer.pushedTo'), width: 90, align: 'right', dataIndex: 'pushedTo' },
          { title: t('techTransfer.responses'), width: 80, align: 'right', dataIndex: 'responses' },
        ]}
      />
      {open && <ChallengeDrawer id={open} onClose={() => { setOpen(null); reload(); }} />}
      {posting && <PostChallengeModal onClose={(done) => { setPosting(false); if (done) reload(); }} />}
    </Space>
  );
}

function ChallengeDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, error, reload } = useAsync((signal) => getChallenge(id, signal), [id]);
  const respond = async (listingId: string) => {
    try {
      await respondChallenge(id, { listingId, note: t('techTransfer.respond') });
      void message.success(t('techTransfer.responded'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Drawer open width={640} title={data?.title ?? ''} onClose={onClose}>
      {error && <LoadError error={error} onRetry={reload} />}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>{data.description}</Typography.Paragraph>
          <Typography.Text strong>{t('techTransfer.matches')}</Typography.Text>
          <List
            size="small"
            bordered
            locale={{ emptyText: t('techTransfer.empty') }}
            dataSource={data.matches}
            renderItem={(m) => (
              <List.Item actions={m.canRespond ? [<Button key="r" size="small" onClick={() => void respond(m.listingId)}>{t('techTransfer.respond')}</Button>] : m.responded ? [<Tag key="d" color="green">{t('techTransfer.responded')}</Tag>] : []}>
                <Space direction="vertical" size={0}>
                  <Link to={`/tech-transfer/listings/${m.listingId}`}>{m.listingTitle}</Link>
                  <Typography.Text type="secondary">{`${m.ownerName} · ${t('techTransfer.scoreLabel', { score: m.score })} · ${m.reasons.map((r) => matchReasonText(t, r)).join('、')}`}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Text strong>{t('techTransfer.responseList')}</Typography.Text>
          <List size="small" bordered locale={{ emptyText: t('techTransfer.empty') }} dataSource={data.responseList} renderItem={(r) => <List.Item>{`${r.listingTitle}(${r.ownerName}):${r.note}`}</List.Item>} />
        </Space>
      )}
    </Drawer>
  );
}

function PostChallengeModal({ onClose }: { onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const submit = async (v: { title: string; description: string; domainCode?: string; keywords: string[]; deadline?: string }) => {
    try {
      const r = await postChallenge(v);
      void message.success(t('techTransfer.posted', { count: r.matches.length }));
      onClose(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal open title={t('techTransfer.postChallengeTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} destroyOnHidden width={600}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="title" label={t('techTransfer.challengeTitle')} rules={[{ required: true, min: 2 }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="description" label={t('techTransfer.description')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Form.Item name="domainCode" label={t('techTransfer.domain')}><Select allowClear options={DOMAINS.map((d) => ({ value: d, label: t(`techTransfer.domainName_${d}`) }))} /></Form.Item>
        <Form.Item name="keywords" label={t('techTransfer.keywords')} rules={[{ required: true }]}><Select mode="tags" tokenSeparators={[',', '，', ' ']} /></Form.Item>
      </Form>
    </Modal>
  );
}
