import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  ENTERPRISE_STAGES,
  ENTERPRISE_STATUSES,
  ENTERPRISE_TAGS,
  enterpriseInputSchema,
  enterpriseUpdateSchema,
  type EnterpriseDetail,
} from '../../../../contracts/enterprises.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';
import { createEnterprise, similarEnterprises, updateEnterprise } from './enterprises.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

type Similar = { id: string; name: string; uscc: string; score: number }[];

/** Initial form values from a stored enterprise (or an empty form). */
function initialValues(e: EnterpriseDetail | null) {
  if (!e) return { stage: 'incubating', status: 'active', isAboveScale: false, isManufacturing: true, tags: [], chainNodes: [], contacts: [] };
  return {
    uscc: e.uscc,
    name: e.name,
    domain: e.domain?.code ?? null,
    subfield: e.subfield,
    zone: e.zone?.code ?? null,
    carrier: e.carrier?.code ?? null,
    stage: e.stage,
    isAboveScale: e.isAboveScale,
    isManufacturing: e.isManufacturing,
    tags: e.tags,
    chainNodes: e.chainNodes.map((n) => n.code),
    foundedOn: e.foundedOn,
    status: e.status,
    exitedOn: e.exitedOn,
    contacts: e.contacts,
    address: e.address,
    note: e.note,
  };
}

/**
 * Register or edit an enterprise. Validated with the API's zod contract (the check character of the credit
 * code included) before sending; near-duplicate names are flagged while typing the name.
 */
export function EnterpriseForm({ open, enterprise, onClose, onSaved }: { open: boolean; enterprise: EnterpriseDetail | null; onClose: () => void; onSaved: (e: EnterpriseDetail) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [similar, setSimilar] = useState<Similar>([]);
  const [saving, setSaving] = useState(false);
  const zone = Form.useWatch('zone', form) as string | null | undefined;
  const domain = Form.useWatch('domain', form) as string | null | undefined;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues(enterprise));
      setSimilar([]);
    }
  }, [open, enterprise, form]);

  const checkSimilar = async () => {
    const name = String(form.getFieldValue('name') ?? '').trim();
    if (name.length < 2) return setSimilar([]);
    try {
      setSimilar((await similarEnterprises(name, enterprise?.id)).items);
    } catch {
      setSimilar([]);
    }
  };

  const submit = async () => {
    const values = form.getFieldsValue(true);
    const body = validate(form, enterprise ? enterpriseUpdateSchema : enterpriseInputSchema, enterprise ? { ...values, version: enterprise.version } : values);
    if (!body) return;
    setSaving(true);
    try {
      const saved = enterprise ? await updateEnterprise(enterprise.id, body as never) : await createEnterprise(body as never);
      void message.success(t('registries.actions.saved'));
      onSaved(saved);
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION') && error.status === 409) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const domains = ref?.domains ?? [];
  const subfields = domains.find((d) => d.code === domain)?.subfields ?? domains.flatMap((d) => d.subfields);
  const carriers = (ref?.zones ?? []).filter((z) => !zone || z.code === zone).flatMap((z) => z.carriers);
  const nodeOptions = (ref?.chains ?? []).map((c) => ({
    label: localName(c, english),
    options: c.nodes.map((n) => ({ value: n.code, label: `${localName(n, english)} · ${t(`registries.options.chainStage.${n.stage}`)}` })),
  }));

  return (
    <Modal
      open={open}
      width={880}
      title={enterprise ? t('registries.enterprises.editTitle') : t('registries.enterprises.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('registries.actions.save')}
      cancelText={t('registries.actions.cancel')}
      confirmLoading={saving}
      destroyOnClose
    >
      <Form form={form} layout="vertical" data-testid="enterprise-form">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="uscc" label={t('registries.fields.uscc')} required>
              <Input maxLength={18} className="mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('registries.fields.name')} required>
              <Input maxLength={100} onBlur={() => void checkSimilar()} />
            </Form.Item>
          </Col>
        </Row>
        {similar.length > 0 && (
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            data-testid="similar-warning"
            message={t('registries.enterprises.similar')}
            description={similar.map((s) => (
              <div key={s.id}>
                <Link to={`/enterprises/${s.id}`} target="_blank">
                  {s.name}
                </Link>{' '}
                <span className="mono muted">{s.uscc}</span>
              </div>
            ))}
          />
        )}
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="domain" label={t('registries.fields.domain')}>
              <Select allowClear options={domains.map((d) => ({ value: d.code, label: localName(d, english) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="subfield" label={t('registries.fields.subfield')}>
              <Select allowClear showSearch options={subfields.map((s) => ({ value: s.nameZh, label: english && s.nameEn ? s.nameEn : s.nameZh }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="stage" label={t('registries.fields.stage')}>
              <Select options={ENTERPRISE_STAGES.map((s) => ({ value: s, label: t(`registries.options.enterpriseStage.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="zone" label={t('registries.fields.zone')}>
              <Select allowClear options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} onChange={() => form.setFieldValue('carrier', null)} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="carrier" label={t('registries.fields.carrier')}>
              <Select allowClear options={carriers.map((c) => ({ value: c.code, label: c.nameZh }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="foundedOn" label={t('registries.fields.foundedOn')}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={t('registries.fields.tags')}>
              <Select mode="multiple" options={ENTERPRISE_TAGS.map((tag) => ({ value: tag, label: t(`registries.options.tags.${tag}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="chainNodes" label={t('registries.fields.chainNodes')}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={nodeOptions} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isAboveScale" label={t('registries.fields.isAboveScale')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="isManufacturing" label={t('registries.fields.isManufacturing')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="status" label={t('registries.fields.status')}>
              <Select options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: t(`registries.options.enterpriseStatus.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="exitedOn" label={t('registries.fields.exitedOn')}>
              <DateInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="contacts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'name']} label={t('registries.fields.contactName')}>
                    <Input maxLength={32} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'title']} label={t('registries.fields.contactTitle')}>
                    <Input maxLength={32} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} label={t('registries.fields.contactPhone')}>
                    <Input maxLength={20} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'email']} label={t('registries.fields.contactEmail')}>
                    <Input maxLength={128} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })} className="form-alert">
                {t('registries.enterprises.addContact')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="address" label={t('registries.fields.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('registries.fields.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
