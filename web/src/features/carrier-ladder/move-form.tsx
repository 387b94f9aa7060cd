import { App, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EXIT_KINDS, MOVE_KINDS, moveInputSchema, type MoveEvent } from '../../../../contracts/carrier-ladder.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { listCarriers } from '../carriers/carriers.api.ts';
import { recordMove } from './carrier-ladder.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 登记迁移: a move into, between or out of carriers; the server checks dates, overlaps and scope. */
export function MoveForm({ open, carrierId, enterpriseUscc, onClose, onSaved }: { open: boolean; carrierId?: string; enterpriseUscc?: string; onClose: () => void; onSaved: (moves: MoveEvent[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const { validate, showServerErrors } = useContractForm();
  const kind = Form.useWatch('kind', form) as (typeof MOVE_KINDS)[number] | undefined;
  const allowOverlap = Form.useWatch('allowOverlap', form) as boolean | undefined;
  const { data: carriers } = useAsync((signal) => (open ? listCarriers({ pageSize: 100 }, signal) : Promise.resolve(null)), [open]);
  const carrierOptions = (carriers?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${t(`registries.options.carrierType.${c.type}`)}` }));
  const submit = async () => {
    const body = validate(form, moveInputSchema, form.getFieldsValue(true));
    if (!body) return;
    try {
      onSaved((await recordMove(body)).items);
      form.resetFields();
      void message.success(t('registries.actions.saved'));
    } catch (e) {
      if (!showServerErrors(form, e)) notifyError(e);
    }
  };
  return (
    <Modal open={open} title={t('carrierLadder.moves.record')} onCancel={onClose} onOk={() => void submit()} okText={t('registries.actions.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'transfer', movedOn: todayIso(), fromCarrierId: carrierId, enterpriseUscc }}>
        <Form.Item name="kind" label={t('carrierLadder.form.kind')} required>
          <Select options={MOVE_KINDS.map((k) => ({ value: k, label: t(`carrierLadder.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="enterpriseUscc" label={t('carrierLadder.form.enterpriseUscc')} required>
          <Input maxLength={18} className="mono" />
        </Form.Item>
        {kind !== 'move-in' && (
          <Form.Item name="fromCarrierId" label={t('carrierLadder.form.fromCarrier')} required>
            <Select showSearch optionFilterProp="label" options={carrierOptions} />
          </Form.Item>
        )}
        {kind !== 'move-out' && (
          <Form.Item name="toCarrierId" label={t('carrierLadder.form.toCarrier')} required>
            <Select showSearch optionFilterProp="label" options={carrierOptions} />
          </Form.Item>
        )}
        <Form.Item name="movedOn" label={t('carrierLadder.form.movedOn')} required>
          <DateInput />
        </Form.Item>
        {kind === 'move-out' ? (
          <Form.Item name="exitKind" label={t('carrierLadder.form.exitKind')} required>
            <Select options={EXIT_KINDS.map((k) => ({ value: k, label: t(`carrierLadder.exitKinds.${k}`) }))} />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="leasedArea" label={t('carrierLadder.form.leasedArea')} required>
              <InputNumber min={0} className="full-width" />
            </Form.Item>
            <Form.Item name="leaseEndOn" label={t('carrierLadder.form.leaseEndOn')}>
              <DateInput />
            </Form.Item>
            <Form.Item name="allowOverlap" valuePropName="checked">
              <Checkbox>{t('carrierLadder.form.allowOverlap')}</Checkbox>
            </Form.Item>
            {allowOverlap && (
              <Form.Item name="overlapReason" label={t('carrierLadder.form.overlapReason')} required>
                <Input maxLength={200} />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="note" label={t('carrierLadder.form.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
