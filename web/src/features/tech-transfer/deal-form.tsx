import { App, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_STATUSES, PARTNERSHIPS } from '../../../../contracts/tech-transfer.ts';
import { DateInput, shanghaiToday } from '../../app/forms/date-input.tsx';
import { useNotifyError } from '../../app/use-error-text.ts';
import { createDeal, updateDeal, type Deal } from './tech-transfer.api.ts';
import { useServerFieldErrors } from './server-field-errors.ts';

type Values = {
  enterpriseUscc?: string;
  kind: Deal['kind'];
  status: Deal['status'];
  amount?: string;
  financingAmount?: string;
  financingSource?: string;
  signedOn?: string;
  projectCode?: string;
  note?: string;
};

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const FIELDS = ['enterpriseUscc', 'kind', 'status', 'amount', 'financingAmount', 'financingSource', 'signedOn', 'projectCode', 'note'];

/**
 * Record a deal on a listing (`listingId`), or change one (`deal`). `linksProjects`: the caller reads the projects
 * registry (the commission) and may link the investment project the deal created; a platform account cannot, and
 * its edits leave the commission's link alone (the field is not sent).
 */
export function DealFormModal({ listingId, deal, linksProjects, onClose }: { listingId: string; deal?: Deal; linksProjects: boolean; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const showFieldErrors = useServerFieldErrors(form, FIELDS);
  const [saving, setSaving] = useState(false);
  const status = Form.useWatch('status', form);
  const initial: Partial<Values> = deal
    ? { kind: deal.kind, status: deal.status, amount: deal.amount ?? '', financingAmount: deal.financingAmount ?? '', financingSource: deal.financingSource ?? '', signedOn: deal.signedOn ?? '', projectCode: deal.project?.code ?? '', note: deal.note ?? '' }
    : { kind: 'licence', status: 'negotiating' };
  const blankToNull = (v: string | undefined) => (v?.trim() ? v.trim() : null);
  const submit = async (v: Values) => {
    const fields = {
      kind: v.kind,
      status: v.status,
      amount: blankToNull(v.amount),
      financingAmount: blankToNull(v.financingAmount),
      financingSource: blankToNull(v.financingSource),
      signedOn: blankToNull(v.signedOn),
      note: blankToNull(v.note),
      ...(linksProjects ? { projectCode: blankToNull(v.projectCode) } : {}),
    };
    setSaving(true);
    try {
      if (deal) await updateDeal(deal.id, { ...fields, version: deal.version });
      else await createDeal({ ...fields, listingId, enterpriseUscc: (v.enterpriseUscc ?? '').trim().toUpperCase() });
      void message.success(t('techTransfer.dealSaved'));
      onClose(true);
    } catch (e) {
      if (!showFieldErrors(e)) notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  const amountRule = { pattern: AMOUNT, message: t('techTransfer.v_amount') };
  return (
    <Modal open title={t(deal ? 'techTransfer.editDealTitle' : 'techTransfer.newDealTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initial} data-testid="deal-form">
        {deal ? (
          <Form.Item label={t('techTransfer.enterprise')}>{`${deal.enterprise.name}（${deal.enterprise.uscc}）`}</Form.Item>
        ) : (
          <Form.Item name="enterpriseUscc" label={t('techTransfer.enterpriseUscc')} rules={[{ required: true, message: t('techTransfer.v_uscc') }, { pattern: /^[0-9A-Za-z]{18}$/, message: t('techTransfer.v_uscc') }]}>
            <Input maxLength={18} className="mono" />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="kind" label={t('techTransfer.dealKind')} rules={[{ required: true }]}>
            <Select style={{ width: 150 }} options={PARTNERSHIPS.map((k) => ({ value: k, label: t(`techTransfer.partnership_${k}`) }))} />
          </Form.Item>
          <Form.Item name="status" label={t('techTransfer.status')} rules={[{ required: true }]}>
            <Select style={{ width: 130 }} options={DEAL_STATUSES.map((k) => ({ value: k, label: t(`techTransfer.dealStatus_${k}`) }))} />
          </Form.Item>
          <Form.Item name="signedOn" label={t('techTransfer.signedOn')} rules={[{ required: status === 'signed', message: t('techTransfer.v_signedOn') }]}>
            <DateInput max={shanghaiToday()} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="amount" label={t('techTransfer.amountWan')} rules={[amountRule]}><Input style={{ width: 160 }} inputMode="decimal" /></Form.Item>
          <Form.Item name="financingAmount" label={t('techTransfer.financingWan')} rules={[amountRule]}><Input style={{ width: 160 }} inputMode="decimal" /></Form.Item>
          <Form.Item name="financingSource" label={t('techTransfer.financingSource')}><Input style={{ width: 220 }} maxLength={80} /></Form.Item>
        </Space>
        {linksProjects && (
          <Form.Item name="projectCode" label={t('techTransfer.projectCode')} extra={t('techTransfer.projectCodeHint')}>
            <Input maxLength={40} className="mono" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('techTransfer.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      </Form>
    </Modal>
  );
}
