import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IP_STATUSES, LISTING_KINDS, LISTING_STATUSES, PARTNERSHIPS } from '../../../../contracts/tech-transfer.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { DOMAINS } from './labels.ts';
import { createListing, updateListing, type Listing } from './tech-transfer.api.ts';
import { useServerFieldErrors } from './server-field-errors.ts';

type Values = {
  kind: Listing['kind'];
  title: string;
  summary: string;
  ownerName?: string;
  domainCode?: string | null;
  trl: number;
  partnerships: Listing['partnerships'];
  ipStatus: Listing['ipStatus'];
  keywords?: string[];
  contactName?: string;
  contactPhone?: string;
  status?: Listing['status'];
};

/**
 * Publish a listing, or change one (`listing` given: its owner platform or the commission, with the version read).
 * The commission names the owning institution; a platform account always lists for its own platform.
 */
export function ListingFormModal({ listing, askOwner, onClose }: { listing?: Listing; askOwner: boolean; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const showFieldErrors = useServerFieldErrors(form, ['title', 'summary', 'ownerName', 'domainCode', 'trl', 'partnerships', 'keywords', 'contactName', 'contactPhone']);
  const [saving, setSaving] = useState(false);
  const initial: Partial<Values> = listing
    ? { kind: listing.kind, title: listing.title, summary: listing.summary, ownerName: listing.ownerName, domainCode: listing.domain?.code ?? null, trl: listing.trl, partnerships: listing.partnerships, ipStatus: listing.ipStatus, keywords: listing.keywords, contactName: listing.contact?.name ?? '', contactPhone: listing.contact?.phone ?? '', status: listing.status }
    : { kind: 'technology', trl: 5, partnerships: ['licence'], ipStatus: 'granted' };
  // A platform's own listing keeps its platform as owner; the commission may rename an institution's.
  const ownerEditable = askOwner && (!listing || listing.ownerPlatformId === null);
  const submit = async (v: Values) => {
    const body = {
      kind: v.kind,
      title: v.title,
      summary: v.summary,
      trl: v.trl,
      partnerships: v.partnerships,
      ipStatus: v.ipStatus,
      keywords: v.keywords ?? [],
      domainCode: v.domainCode ?? null,
      // the chain node stays while the domain does; a new domain drops it (the node belongs to a domain)
      nodeCode: listing && (listing.domain?.code ?? null) === (v.domainCode ?? null) ? (listing.node?.code ?? null) : null,
      contactName: v.contactName?.trim() || null,
      contactPhone: v.contactPhone?.trim() || null,
      ...(ownerEditable && v.ownerName ? { ownerName: v.ownerName } : {}),
      ...(v.status ? { status: v.status } : {}),
    };
    setSaving(true);
    try {
      if (listing) await updateListing(listing.id, { ...body, version: listing.version });
      else await createListing(body);
      void message.success(t(listing ? 'techTransfer.saved' : 'techTransfer.published'));
      onClose(true);
    } catch (e) {
      if (!showFieldErrors(e)) notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t(listing ? 'techTransfer.editTitle' : 'techTransfer.publishTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={680}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial} data-testid="listing-form">
        <Form.Item name="title" label={t('techTransfer.titleField')} rules={[{ required: true, whitespace: true, message: t('techTransfer.v_title') }, { min: 2, message: t('techTransfer.v_title') }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="summary" label={t('techTransfer.summary')} extra={t('techTransfer.summaryHint')} rules={[{ required: true, whitespace: true, message: t('techTransfer.v_summary') }, { min: 10, message: t('techTransfer.v_summary') }]}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        {ownerEditable && (
          <Form.Item name="ownerName" label={t('techTransfer.ownerName')} rules={[{ required: true, whitespace: true, message: t('techTransfer.v_owner') }]}>
            <Input maxLength={120} />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="kind" label={t('techTransfer.kind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={LISTING_KINDS.map((k) => ({ value: k, label: t(`techTransfer.kind_${k}`) }))} />
          </Form.Item>
          <Form.Item name="domainCode" label={t('techTransfer.domainField')}>
            <Select allowClear style={{ width: 220 }} options={DOMAINS.map((d) => ({ value: d, label: t(`techTransfer.domainName_${d}`) }))} />
          </Form.Item>
          <Form.Item name="trl" label={t('techTransfer.trl')} rules={[{ required: true, type: 'integer', min: 1, max: 9, message: t('techTransfer.v_trl') }]}>
            <InputNumber min={1} max={9} precision={0} />
          </Form.Item>
          <Form.Item name="ipStatus" label={t('techTransfer.ipStatus')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={IP_STATUSES.map((k) => ({ value: k, label: t(`techTransfer.ip_${k}`) }))} />
          </Form.Item>
          {listing && (
            <Form.Item name="status" label={t('techTransfer.status')}>
              <Select style={{ width: 120 }} options={LISTING_STATUSES.map((k) => ({ value: k, label: t(`techTransfer.status_${k}`) }))} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="partnerships" label={t('techTransfer.partnership')} rules={[{ required: true, type: 'array', min: 1, message: t('techTransfer.v_partnership') }]}>
          <Select mode="multiple" options={PARTNERSHIPS.map((k) => ({ value: k, label: t(`techTransfer.partnership_${k}`) }))} />
        </Form.Item>
        <Form.Item name="keywords" label={t('techTransfer.keywords')} extra={t('techTransfer.keywordsHint')} rules={[{ type: 'array', max: 12, message: t('techTransfer.v_keywords') }]}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('techTransfer.contactName')}><Input maxLength={40} /></Form.Item>
          <Form.Item name="contactPhone" label={t('techTransfer.contactPhone')}><Input maxLength={40} /></Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
