import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARRIER_TYPES, carrierInputSchema, carrierUpdateSchema, type CarrierDetail } from '../../../../contracts/carriers.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';
import { createCarrier, updateCarrier } from './carriers.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

export function CarrierForm({ open, carrier, onClose, onSaved }: { open: boolean; carrier: CarrierDetail | null; onClose: () => void; onSaved: (c: CarrierDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (carrier)
      form.setFieldsValue({ code: carrier.code, name: carrier.name, type: carrier.type, zone: carrier.zone?.code ?? null, totalArea: carrier.totalArea, leasableArea: carrier.leasableArea, address: carrier.address, operatorName: carrier.operatorName, openedOn: carrier.openedOn, note: carrier.note });
    else form.setFieldsValue({ type: 'incubator' });
  }, [open, carrier, form]);
  const submit = async () => {
    const values = form.getFieldsValue(true);
    const body = validate(form, carrier ? carrierUpdateSchema : carrierInputSchema, carrier ? { ...values, version: carrier.version } : values);
    if (!body) return;
    setSaving(true);
    try {
      const saved = carrier ? await updateCarrier(carrier.id, body as never) : await createCarrier(body as never);
      void message.success(t('registries.actions.saved'));
      onSaved(saved);
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} width={760} title={carrier ? t('registries.carriers.editTitle') : t('registries.carriers.createTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('registries.actions.save')} cancelText={t('registries.actions.cancel')} destroyOnClose>
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('registries.fields.name')} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="type" label={t('registries.fields.type')} required>
              <Select options={CARRIER_TYPES.map((c) => ({ value: c, label: t(`registries.options.carrierType.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="zone" label={t('registries.fields.zone')}>
              <Select allowClear options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, i18n.language.startsWith('en')) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="totalArea" label={t('registries.fields.totalArea')}>
              <InputNumber min={0} className="full-width" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leasableArea" label={t('registries.fields.leasableArea')}>
              <InputNumber min={0} className="full-width" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label={t('registries.fields.code')}>
              <Input className="mono" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="operatorName" label={t('registries.fields.operatorName')}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="openedOn" label={t('registries.fields.openedOn')}>
              <DateInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('registries.fields.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('registries.fields.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
