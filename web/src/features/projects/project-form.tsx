import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZodType } from 'zod';
import { PROJECT_STAGES, projectInputSchema, projectUpdateSchema, type ProjectDetail } from '../../../../contracts/projects.ts';
import { hasErrorCode } from '../../app/api-error.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useContractForm } from '../registries/shared/contract-form.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';
import { createProject, updateProject } from './projects.api.ts';
import { DateInput } from '../../app/forms/date-input.tsx';

function initialValues(p: ProjectDetail | null) {
  const planned = Object.fromEntries(PROJECT_STAGES.map((s) => [s, p?.stages.find((x) => x.stage === s)?.plannedOn ?? null]));
  if (!p) return { stage: 'lead', chainNodes: [], planClauseKeys: [], planned };
  return {
    code: p.code,
    name: p.name,
    investorName: p.investorName,
    investorUscc: p.investorEnterprise?.uscc ?? null,
    domain: p.domain?.code ?? null,
    zone: p.zone?.code ?? null,
    chainNodes: p.chainNodes.map((n) => n.code),
    totalInvestment: p.totalInvestment,
    expectedAnnualOutput: p.expectedAnnualOutput,
    responsibleDepartment: p.department?.code ?? null,
    planClauseKeys: p.planClauseKeys,
    note: p.note,
    planned,
  };
}

/** Register or edit a project (planned dates per stage; the stage itself changes through a stage event). */
export function ProjectForm({ open, project, onClose, onSaved }: { open: boolean; project: ProjectDetail | null; onClose: () => void; onSaved: (p: ProjectDetail) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { validate, showServerErrors } = useContractForm();
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues(project));
    }
  }, [open, project, form]);

  const submit = async () => {
    const { planned, ...values } = form.getFieldsValue(true) as Record<string, unknown> & { planned: Record<string, string | null> };
    const stages = PROJECT_STAGES.map((stage) => ({ stage, plannedOn: planned?.[stage] || null, actualOn: project?.stages.find((s) => s.stage === stage)?.actualOn ?? null }));
    const candidate = { ...values, stages, ...(project ? { version: project.version } : {}) };
    const body = validate(form, (project ? projectUpdateSchema : projectInputSchema) as ZodType<unknown>, candidate);
    if (!body) return;
    setSaving(true);
    try {
      const saved = project ? await updateProject(project.id, body as never) : await createProject(body as never);
      void message.success(t('registries.actions.saved'));
      onSaved(saved);
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) void message.error(t('registries.conflict'));
      else if (!showServerErrors(form, error)) notifyError(error);
    } finally {
      setSaving(false);
    }
  };

  const nodeOptions = (ref?.chains ?? []).map((c) => ({ label: localName(c, english), options: c.nodes.map((n) => ({ value: n.code, label: localName(n, english) })) }));
  return (
    <Modal
      open={open}
      width={900}
      title={project ? t('registries.projects.editTitle') : t('registries.projects.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('registries.actions.save')}
      cancelText={t('registries.actions.cancel')}
      confirmLoading={saving}
      destroyOnClose
    >
      <Form form={form} layout="vertical" data-testid="project-form">
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item name="name" label={t('registries.fields.name')} required>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="code" label={t('registries.fields.code')}>
              <Input maxLength={40} className="mono" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="investorName" label={t('registries.fields.investorName')} required>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="investorUscc" label={t('registries.fields.investorUscc')} extra={t('registries.projects.investorEnterprise')}>
              <Input maxLength={18} className="mono" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="domain" label={t('registries.fields.domain')}>
              <Select allowClear options={(ref?.domains ?? []).map((d) => ({ value: d.code, label: localName(d, english) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="zone" label={t('registries.fields.zone')}>
              <Select allowClear options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="responsibleDepartment" label={t('registries.fields.responsibleDepartment')}>
              <Select allowClear showSearch optionFilterProp="label" options={(ref?.departments ?? []).map((d) => ({ value: d.code, label: localName(d, english) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="totalInvestment" label={t('registries.fields.totalInvestment')}>
              <InputNumber min={0} className="full-width" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="expectedAnnualOutput" label={t('registries.fields.expectedAnnualOutput')}>
              <InputNumber min={0} className="full-width" />
            </Form.Item>
          </Col>
          {!project && (
            <Col span={8}>
              <Form.Item name="stage" label={t('registries.projects.currentStage')}>
                <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: t(`registries.options.projectStage.${s}`) }))} />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="chainNodes" label={t('registries.fields.chainNodes')}>
              <Select mode="multiple" showSearch optionFilterProp="label" options={nodeOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="planClauseKeys" label={t('registries.fields.planClauseKeys')}>
              <Select mode="tags" tokenSeparators={[',', '、', ' ']} />
            </Form.Item>
          </Col>
        </Row>
        <div className="muted">{t('registries.projects.plannedDates')}</div>
        <Row gutter={8}>
          {PROJECT_STAGES.map((s) => (
            <Col span={6} key={s}>
              <Form.Item name={['planned', s]} label={t(`registries.options.projectStage.${s}`)}>
                <DateInput />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="note" label={t('registries.fields.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
