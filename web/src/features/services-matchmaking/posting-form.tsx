import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ChainTemplateView } from '../../../../contracts/chains.ts';
import { useFormat } from '../../app/i18n/format.ts';

export interface PostingFormValues {
  kind: 'need' | 'offer';
  subject: 'product' | 'service';
  nodeId?: string;
  title: string;
  description: string;
  specification?: string;
  quantity?: string;
  period?: [Dayjs, Dayjs];
  validUntil: Dayjs;
  currentSource?: 'local' | 'outside' | 'none';
  contactName: string;
  contactPhone: string;
}

/** The form an enterprise posts a need or an offer with. */
export function PostingForm({ open, chains, onCancel, onSubmit }: { open: boolean; chains: ChainTemplateView[]; onCancel: () => void; onSubmit: (values: PostingFormValues) => Promise<void> }) {
  const { t } = useTranslation();
  const { isEnglish } = useFormat();
  const [form] = Form.useForm<PostingFormValues>();
  const kind = Form.useWatch('kind', form);
  const nodeOptions = chains.map((c) => ({
    label: isEnglish ? c.nameEn : c.nameZh,
    options: c.nodes.map((n) => ({ value: n.id, label: isEnglish ? n.nameEn : n.nameZh })),
  }));
  return (
    <Modal
      open={open}
      title={t('matchmaking.newPosting')}
      okText={t('matchmaking.save')}
      cancelText={t('matchmaking.cancel')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'need', subject: 'product' }}
        onFinish={async (values) => {
          await onSubmit(values);
          form.resetFields();
        }}
      >
        <Form.Item name="kind" label={t('matchmaking.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={(['need', 'offer'] as const).map((k) => ({ value: k, label: t(`matchmaking.kind_${k}` as never) }))} />
        </Form.Item>
        <Form.Item name="subject" label={t('matchmaking.subject')} rules={[{ required: true }]}>
          <Radio.Group options={(['product', 'service'] as const).map((k) => ({ value: k, label: t(`matchmaking.subject_${k}` as never) }))} />
        </Form.Item>
        <Form.Item name="nodeId" label={t('matchmaking.node')}>
          <Select allowClear showSearch optionFilterProp="label" options={nodeOptions} />
        </Form.Item>
        <Form.Item name="title" label={t('matchmaking.title')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="description" label={t('matchmaking.description')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="specification" label={t('matchmaking.specification')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="quantity" label={t('matchmaking.quantity')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="period" label={t('matchmaking.period')}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item name="validUntil" label={t('matchmaking.validUntil')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        {kind === 'need' && (
          <Form.Item name="currentSource" label={t('matchmaking.currentSource')}>
            <Radio.Group options={(['local', 'outside', 'none'] as const).map((k) => ({ value: k, label: t(`matchmaking.source_${k}` as never) }))} />
          </Form.Item>
        )}
        <Form.Item name="contactName" label={t('matchmaking.contactName')} rules={[{ required: true }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('matchmaking.contactPhone')} rules={[{ required: true }]}>
          <Input maxLength={20} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
