import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_STAGES, stageChangeSchema, type ProjectDetail } from '../../../../contracts/projects.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { changeStage } from './projects.api.ts';
import { ZoneFitAlert } from '../attraction/zone-fit-alert.tsx';
import { DateInput } from '../../app/forms/date-input.tsx';

const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 变更阶段: the new stage, its date and a note; skipping stages or moving back asks for a reason. */
export function StageDialog({ open, project, onClose, onChanged }: { open: boolean; project: ProjectDetail; onClose: () => void; onChanged: (p: ProjectDetail) => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const [saving, setSaving] = useState(false);
  const current = PROJECT_STAGES.indexOf(project.stage);
  const toStage = Form.useWatch('toStage', form) as (typeof PROJECT_STAGES)[number] | undefined;
  const target = toStage ? PROJECT_STAGES.indexOf(toStage) : current + 1;
  const skipped = target > current + 1 ? PROJECT_STAGES.slice(current + 1, target) : [];
  const back = target < current;
  const needsReason = skipped.length > 0 || back;

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ toStage: PROJECT_STAGES[Math.min(current + 1, PROJECT_STAGES.length - 1)], occurredOn: todayIso() });
    }
  }, [open, form, current]);

  const submit = async () => {
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    if (needsReason && !String(values.reason ?? '').trim()) {
      form.setFields([{ name: 'reason', errors: [t('registries.projects.reasonRequired')] }]);
      return;
    }
    const body = validate(form, stageChangeSchema, { ...values, version: project.version });
    if (!body) return;
    setSaving(true);
    try {
      const changed = await changeStage(project.id, body);
      void message.success(t('registries.projects.stageChanged'));
      onChanged(changed);
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (hasErrorCode(error, 'STAGE_CHANGE_REJECTED')) form.setFields([{ name: 'occurredOn', errors: [error.localized(i18n.language)] }]);
      else if (!showServerErrors(form, error)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} title={t('registries.projects.changeStageTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('registries.actions.save')} cancelText={t('registries.actions.cancel')} destroyOnClose>
      <Form form={form} layout="vertical" data-testid="stage-form">
        <Form.Item name="toStage" label={t('registries.projects.toStage')} required>
          <Select options={PROJECT_STAGES.filter((s) => s !== project.stage).map((s) => ({ value: s, label: t(`registries.options.projectStage.${s}`) }))} />
        </Form.Item>
        {skipped.length > 0 && <Alert type="warning" showIcon className="form-alert" message={t('registries.projects.skipWarning', { stages: skipped.map((s) => t(`registries.options.projectStage.${s}`)).join('、') })} />}
        {back && <Alert type="warning" showIcon className="form-alert" message={t('registries.projects.backWarning')} />}
        {/* Zone fit and carrier capacity are flagged before signing (issue 13 §3); a warning, never a block. */}
        {open && toStage === 'signed' && <ZoneFitAlert projectId={project.id} />}
        <Form.Item name="occurredOn" label={t('registries.projects.occurredOn')} required>
          <DateInput max={todayIso()} />
        </Form.Item>
        <Form.Item name="note" label={t('registries.projects.stageNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {needsReason && (
          <Form.Item name="reason" label={t('registries.projects.reason')} required>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
