import { App, Button, Drawer, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WARNING_LEVELS, type WarningRuleView } from '../../../../contracts/warnings.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { dryRunRule, listWarningRules, loadRuleVersions, updateRule } from './warnings.api.ts';
import { LEVEL_COLOR } from './warning-style.ts';

const INDICATORS = ['output', 'revenue'] as const;

/** One input per parameter, by the kind of its current value (the server validates ranges and answers with the path). */
function ParamField({ name, value }: { name: string; value: unknown }) {
  const { t } = useTranslation();
  const label = t(`warnings.param.${name}`, { defaultValue: name });
  if (Array.isArray(value))
    return (
      <Form.Item name={['params', name]} label={label}>
        <Select mode="multiple" options={INDICATORS.map((i) => ({ value: i, label: t(`warnings.indicator.${i}`) }))} />
      </Form.Item>
    );
  if (typeof value === 'string')
    return (
      <Form.Item name={['params', name]} label={label}>
        <Select options={INDICATORS.map((i) => ({ value: i, label: t(`warnings.indicator.${i}`) }))} />
      </Form.Item>
    );
  return (
    <Form.Item name={['params', name]} label={label}>
      <InputNumber style={{ width: 200 }} />
    </Form.Item>
  );
}

function RuleEditor({ rule, onClose, onSaved }: { rule: WarningRuleView; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [preview, setPreview] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (values: { enabled: boolean; level: WarningRuleView['level']; escalateAfterDays: number; note?: string; params: Record<string, unknown> }) => {
    setSaving(true);
    try {
      const dry = await dryRunRule(rule.code, { params: values.params, enabled: values.enabled });
      setPreview(t('warnings.rules.preview', { open: dry.wouldOpen, close: dry.wouldClose, stay: dry.wouldStay }));
      const send = async (confirmed: boolean) => {
        const saved = await updateRule(rule.code, { version: rule.version, enabled: values.enabled, level: values.level, escalateAfterDays: values.escalateAfterDays, params: values.params, ...(values.note ? { note: values.note } : {}), confirmed });
        void message.success(t('warnings.rules.saved', { version: saved.version }));
        onSaved();
      };
      if (dry.needsConfirmation) {
        modal.confirm({ title: t('warnings.rules.confirmTitle'), content: t('warnings.rules.confirmText', { count: dry.wouldOpen, threshold: dry.threshold }), onOk: () => send(true).catch(notifyError) });
      } else await send(false);
    } catch (e) {
      notifyError(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ enabled: rule.enabled, level: rule.level, escalateAfterDays: rule.escalateAfterDays, params: rule.params }} onFinish={save}>
      <Form.Item name="enabled" label={t('warnings.rules.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="level" label={t('warnings.rules.level')}>
        <Select options={WARNING_LEVELS.map((l) => ({ value: l, label: t(`warnings.level.${l}`) }))} />
      </Form.Item>
      {Object.entries(rule.params).map(([name, value]) => (
        <ParamField key={name} name={name} value={value} />
      ))}
      <Form.Item name="escalateAfterDays" label={t('warnings.rules.escalate')}>
        <InputNumber min={1} max={365} />
      </Form.Item>
      <Form.Item name="note" label={t('warnings.rules.note')}>
        <Input maxLength={500} />
      </Form.Item>
      {preview && <Typography.Paragraph type="secondary">{preview}</Typography.Paragraph>}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('warnings.rules.save')}
      </Button>
      <Button style={{ marginLeft: 8 }} onClick={onClose}>
        {t('common.cancel')}
      </Button>
    </Form>
  );
}

function RuleHistory({ code }: { code: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, loading } = useAsync((signal) => loadRuleVersions(code, signal), [code]);
  return (
    <Table size="small" rowKey="version" pagination={false} loading={loading} dataSource={data}
      columns={[
        { title: t('warnings.rules.version'), dataIndex: 'version', width: 70 },
        { title: t('warnings.rules.enabled'), dataIndex: 'enabled', width: 60, render: (v: boolean) => (v ? '✓' : '—') },
        { title: t('warnings.rules.params'), dataIndex: 'params', render: (p: Record<string, unknown>) => <code>{JSON.stringify(p)}</code> },
        { title: t('warnings.rules.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
        { title: t('warnings.rules.changedBy'), key: 'by', render: (_, v) => `${v.changedBy ?? '—'} · ${fmt.dateTime(v.changedAt)}` },
      ]} />
  );
}

/** The rules: parameters, on/off and versions. Only the commission edits; the leaders read. */
export function WarningRulesTab({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, loading, reload } = useAsync((signal) => listWarningRules(signal), []);
  const [editing, setEditing] = useState<WarningRuleView | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <>
      <Table<WarningRuleView> rowKey="code" size="small" loading={loading} pagination={false} dataSource={data}
        columns={[
          { title: t('warnings.rules.code'), key: 'name', render: (_, r) => (<><b>{fmt.isEnglish ? r.nameEn : r.nameZh}</b><br /><Typography.Text type="secondary">{fmt.isEnglish ? r.descriptionEn : r.descriptionZh}</Typography.Text></>) },
          { title: t('warnings.rules.subject'), dataIndex: 'subjectKind', width: 100, render: (k: WarningRuleView['subjectKind']) => t(`warnings.subjectKind.${k}`) },
          { title: t('warnings.rules.level'), dataIndex: 'level', width: 80, render: (l: WarningRuleView['level']) => <Tag color={LEVEL_COLOR[l]}>{t(`warnings.level.${l}`)}</Tag> },
          { title: t('warnings.rules.owner'), dataIndex: 'ownerRole', width: 120, render: (o: WarningRuleView['ownerRole']) => t(`warnings.owner.${o}`) },
          { title: t('warnings.rules.enabled'), dataIndex: 'enabled', width: 60, render: (v: boolean) => (v ? '✓' : '—') },
          { title: t('warnings.rules.live'), dataIndex: 'liveWarnings', width: 90 },
          { title: t('warnings.rules.version'), dataIndex: 'version', width: 60 },
          {
            key: 'actions', width: 150,
            render: (_, r) => (
              <>
                {editable && r.evaluatedBy === 'warnings' && <Button size="small" type="link" onClick={() => setEditing(r)}>{t('warnings.rules.edit')}</Button>}
                {r.evaluatedBy === 'hook' && <Typography.Text type="secondary">{t('warnings.rules.hook')}</Typography.Text>}
                <Button size="small" type="link" onClick={() => setHistory(r.code)}>{t('warnings.rules.history')}</Button>
              </>
            ),
          },
        ]} />
      <Modal open={editing !== null} title={editing ? (fmt.isEnglish ? editing.nameEn : editing.nameZh) : ''} footer={null} onCancel={() => setEditing(null)} destroyOnClose>
        {editing && <RuleEditor rule={editing} onClose={() => setEditing(null)} onSaved={() => { setEditing(null); reload(); }} />}
      </Modal>
      <Drawer open={history !== null} width={720} title={t('warnings.rules.history')} onClose={() => setHistory(null)} destroyOnClose>
        {history && <RuleHistory code={history} />}
      </Drawer>
    </>
  );
}
