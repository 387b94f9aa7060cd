import { Button, Checkbox, Form, Modal, Radio, Select, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { INDICATORS } from '../../../../contracts/indicators.ts';
import type { GoalFormula, PlanGoal } from '../../../../contracts/plan.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { planApi } from './plan.api.ts';
import { describeFormula, targetText } from './plan-format.ts';

/** 发展目标: each target with its formula over indicators; the commission edits formulas (audited). */
export function PlanGoalsTab({ goals, canEdit, onChanged }: { goals: readonly PlanGoal[]; canEdit: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState<PlanGoal | null>(null);
  const columns: TableColumnsType<PlanGoal> = [
    { title: t('plan.goals.metric'), dataIndex: 'metric', render: (_, g) => <b>{g.metric}</b> },
    { title: t('plan.goals.year'), dataIndex: 'year', width: 110, render: (_, g) => (g.yearFrom ? `${g.yearFrom}—${g.year}` : g.year) },
    { title: t('plan.goals.comparator'), dataIndex: 'comparator', width: 110 },
    { title: t('plan.goals.target'), dataIndex: 'value', width: 150, className: 'plan-num', render: (_, g) => targetText(g, (n) => fmt.number(n)) },
    {
      title: t('plan.goals.formula'),
      dataIndex: 'formula',
      render: (_, g) => <span className={g.formula ? 'plan-formula' : 'muted'}>{describeFormula(g.formula, t, fmt.isEnglish)}</span>,
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, g: PlanGoal) => (
              <Tooltip title={t('plan.goals.editFormulaHint')}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(g)} data-testid={`edit-formula-${g.key}`}>
                  {t('plan.goals.editFormula')}
                </Button>
              </Tooltip>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<PlanGoal> rowKey="id" size="middle" columns={columns} dataSource={[...goals]} pagination={false} locale={{ emptyText: t('plan.goals.empty') }} />
      <p className="muted plan-note">{t('plan.goals.formulaNote')}</p>
      {editing && (
        <FormulaModal
          goal={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

interface FormulaForm {
  indicator: GoalFormula['indicator'];
  scope: 'plan-domains' | 'all';
  isManufacturing: boolean;
  isAboveScale: boolean;
}

function FormulaModal({ goal, onClose, onSaved }: { goal: PlanGoal; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<FormulaForm>();
  const [saving, setSaving] = useState(false);
  const f = goal.formula;
  const initial: FormulaForm = {
    indicator: f?.indicator ?? 'revenue',
    scope: f?.filter.scope ?? (f?.filter.isManufacturing ? 'all' : 'plan-domains'),
    isManufacturing: f?.filter.isManufacturing ?? false,
    isAboveScale: f?.filter.isAboveScale ?? false,
  };
  const save = async (formula: GoalFormula | null) => {
    setSaving(true);
    try {
      await planApi.setFormula(goal.id, formula);
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    const filter: GoalFormula['filter'] = {};
    if (v.scope === 'plan-domains') filter.scope = 'plan-domains';
    if (v.isManufacturing) filter.isManufacturing = true;
    if (v.isAboveScale) filter.isAboveScale = true;
    if (!filter.scope && !filter.isManufacturing && !filter.isAboveScale) filter.scope = 'all';
    await save({ indicator: v.indicator, filter });
  };
  return (
    <Modal
      open
      title={t('plan.goals.formulaTitle', { metric: goal.metric, year: goal.year })}
      onCancel={onClose}
      footer={[
        <Button key="clear" danger onClick={() => void save(null)} disabled={saving}>
          {t('plan.goals.clearFormula')}
        </Button>,
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={saving} onClick={() => void submit()} data-testid="formula-save">
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="indicator" label={t('plan.goals.indicator')} rules={[{ required: true }]}>
          <Select options={INDICATORS.map((i) => ({ value: i.code, label: fmt.isEnglish ? i.nameEn : i.nameZh }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('plan.goals.scope')}>
          <Radio.Group>
            <Radio value="plan-domains">{t('plan.formula.planDomains')}</Radio>
            <Radio value="all">{t('plan.formula.all')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="isManufacturing" valuePropName="checked" noStyle>
          <Checkbox>{t('plan.formula.manufacturing')}</Checkbox>
        </Form.Item>
        <Form.Item name="isAboveScale" valuePropName="checked" noStyle>
          <Checkbox>{t('plan.formula.aboveScale')}</Checkbox>
        </Form.Item>
      </Form>
      <p className="muted plan-note">{t('plan.goals.formulaYear')}</p>
    </Modal>
  );
}
