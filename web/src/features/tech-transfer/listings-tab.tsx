import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { IP_STATUSES, LISTING_KINDS, PARTNERSHIPS } from '../../../../contracts/tech-transfer.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { DOMAINS, refName } from './labels.ts';
import { createListing, listListings, type Listing } from './tech-transfer.api.ts';


/** The listings: search and filter; the commission and a platform account publish. */
export function ListingsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [domain, setDomain] = useState<string>();
  const [minTrl, setMinTrl] = useState<number>();
  const [publishing, setPublishing] = useState(false);
  const { data, error, loading, reload } = useAsync((signal) => listListings({ ...(q ? { q } : {}), ...(domain ? { domain } : {}), ...(minTrl ? { minTrl } : {}) }, signal), [q, domain, minTrl]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('techTransfer.search')} onSearch={setQ} style={{ width: 300 }} />
        <Select allowClear placeholder={t('techTransfer.allDomains')} style={{ width: 200 }} value={domain} onChange={setDomain} options={DOMAINS.map((d) => ({ value: d, label: t(`techTransfer.domainName_${d}`) }))} />
        <Select allowClear placeholder={t('techTransfer.minTrl')} style={{ width: 160 }} value={minTrl} onChange={setMinTrl} options={[3, 5, 7].map((v) => ({ value: v, label: `${t('techTransfer.minTrl')} ${v}` }))} />
        {(role === 'commission' || role === 'platform') && (
          <Button type="primary" onClick={() => setPublishing(true)}>
            {t('techTransfer.publish')}
          </Button>
        )}
      </Space>
      <Table<Listing>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={{ pageSize: 15, showSizeChanger: false }}
        scroll={{ x: 1420 }}
        columns={[
          { title: t('techTransfer.code'), dataIndex: 'code', width: 120 },
          { title: t('techTransfer.listing'), width: 300, render: (_, r) => <Link to={`/tech-transfer/listings/${r.id}`}>{r.title}</Link> },
          { title: t('techTransfer.owner'), dataIndex: 'ownerName', width: 200 },
          { title: t('techTransfer.domain'), width: 180, render: (_, r) => `${refName(r.domain, fmt.isEnglish)}${r.node ? ` / ${refName(r.node, fmt.isEnglish)}` : ''}` },
          { title: t('techTransfer.trl'), width: 90, render: (_, r) => <Tag color={r.trl >= 7 ? 'green' : r.trl >= 4 ? 'blue' : 'default'}>{t('techTransfer.trlValue', { value: r.trl })}</Tag> },
          { title: t('techTransfer.partnership'), width: 170, render: (_, r) => r.partnerships.map((p) => <Tag key={p}>{t(`techTransfer.partnership_${p}`)}</Tag>) },
          { title: t('techTransfer.ipStatus'), width: 100, render: (_, r) => t(`techTransfer.ip_${r.ipStatus}`) },
          { title: t('techTransfer.interest'), width: 150, render: (_, r) => t('techTransfer.interestValue', { intros: r.introductions, deals: r.deals }) },
          { title: t('techTransfer.status'), width: 90, render: (_, r) => <Tag color={r.status === 'transferred' ? 'gold' : r.status === 'active' ? 'green' : 'default'}>{t(`techTransfer.status_${r.status}`)}</Tag> },
        ]}
      />
      {publishing && <PublishModal onClose={(done) => { setPublishing(false); if (done) reload(); }} askOwner={role === 'commission'} />}
    </Space>
  );
}

function PublishModal({ onClose, askOwner }: { onClose: (done: boolean) => void; askOwner: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const submit = async (v: { kind: 'patent'; title: string; summary: string; ownerName?: string; domainCode?: string; trl: number; partnerships: ('licence')[]; ipStatus: 'granted'; keywords?: string[]; contactName?: string; contactPhone?: string }) => {
    try {
      await createListing({ ...v, keywords: v.keywords ?? [] });
      void message.success(t('techTransfer.published'));
      onClose(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal open title={t('techTransfer.publishTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'technology', trl: 5, partnerships: ['licence'], ipStatus: 'granted' }}>
        <Form.Item name="title" label={t('techTransfer.titleField')} rules={[{ required: true, min: 2 }]}><Input maxLength={120} /></Form.Item>
        <Form.Item name="summary" label={t('techTransfer.summary')} rules={[{ required: true, min: 10 }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        {askOwner && <Form.Item name="ownerName" label={t('techTransfer.ownerName')} rules={[{ required: true }]}><Input maxLength={120} /></Form.Item>}
        <Space wrap>
          <Form.Item name="kind" label={t('techTransfer.kind')}><Select style={{ width: 140 }} options={LISTING_KINDS.map((k) => ({ value: k, label: t(`techTransfer.kind_${k}`) }))} /></Form.Item>
          <Form.Item name="domainCode" label={t('techTransfer.domain')}><Select allowClear style={{ width: 180 }} options={DOMAINS.map((d) => ({ value: d, label: t(`techTransfer.domainName_${d}`) }))} /></Form.Item>
          <Form.Item name="trl" label={t('techTransfer.trl')}><InputNumber min={1} max={9} /></Form.Item>
          <Form.Item name="ipStatus" label={t('techTransfer.ipStatus')}><Select style={{ width: 140 }} options={IP_STATUSES.map((k) => ({ value: k, label: t(`techTransfer.ip_${k}`) }))} /></Form.Item>
        </Space>
        <Form.Item name="partnerships" label={t('techTransfer.partnership')} rules={[{ required: true }]}><Select mode="multiple" options={PARTNERSHIPS.map((k) => ({ value: k, label: t(`techTransfer.partnership_${k}`) }))} /></Form.Item>
        <Form.Item name="keywords" label={t('techTransfer.keywords')}><Select mode="tags" tokenSeparators={[',', '，', ' ']} /></Form.Item>
        <Space>
          <Form.Item name="contactName" label={t('techTransfer.contactName')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="contactPhone" label={t('techTransfer.contactPhone')}><Input maxLength={40} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
