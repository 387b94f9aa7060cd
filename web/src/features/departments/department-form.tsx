import { App, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentInputSchema, departmentUpdateSchema, type DepartmentView } from '../../../../contracts/departments.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { invalidateReferenceData } from '../registries/shared/reference.ts';
import { saveDepartment } from './departments.api.ts';

/** Create or edit one department; an edit names the version it read, so a concurrent save answers 409. */
export function DepartmentForm({ open, row, close, saved }: { open: boolean; row: DepartmentView | null; close: () => void; saved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      row
        ? { code: row.code, nameZh: row.nameZh, shortNameZh: row.shortNameZh, nameEn: row.nameEn, contactName: row.contactName, contactPhone: row.contactPhone, sortOrder: row.sortOrder, note: row.note }
        : { sortOrder: 0 },
    );
  }, [open, row, form]);
  const submit = async () => {
    const values = form.getFieldsValue(true);
    const body = validate(form, row ? departmentUpdateSchema : departmentInputSchema, row ? { ...values, version: row.version } : values);
    if (!body) return;
    try {
      await saveDepartment(row?.id ?? null, body as never);
      // The forms' department pickers read the reference list: show the change there too.
      invalidateReferenceData();
      void message.success(t('registries.actions.saved'));
      saved();
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    }
  };
  return (
    <Modal
      open={open}
      width={720}
      title={row ? t('departments.editTitle') : t('departments.createTitle')}
      onCancel={close}
      onOk={() => void submit()}
      okText={t('registries.actions.save')}
      cancelText={t('registries.actions.cancel')}
      destroyOnClose
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="nameZh" label={t('departments.fullName')} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="shortNameZh" label={t('registries.fields.shortNameZh')} required>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label={t('registries.fields.code')} required extra={t('departments.codeHint')}>
              <Input maxLength={64} className="mono" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="nameEn" label={t('registries.fields.nameEn')}>
              <Input maxLength={160} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactName" label={t('registries.fields.contactName')}>
              <Input maxLength={32} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contactPhone" label={t('registries.fields.contactPhone')}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="sortOrder" label={t('registries.fields.sortOrder')} extra={t('departments.sortOrderHint')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label={t('registries.fields.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
