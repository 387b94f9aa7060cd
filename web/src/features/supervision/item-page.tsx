import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { ReportView } from '../../../../contracts/supervision.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { StatusTag } from './status-tag.tsx';
import { confirmWorkPlan, consolidateReport, getItem, reviewReport, saveWorkPlan, submitReport, type ItemDetail } from './supervision.api.ts';

const PROGRESS = ['not-started', 'in-progress', 'done', 'blocked'] as const;

function periodsOf(year: number, cycle: 'monthly' | 'quarterly') {
  return cycle === 'monthly' ? Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`) : [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** One supervision item: milestones, sub-items, the report form with evidence, reports with their history and review. */
export function SupervisionItemPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [year] = useState(() => new Date().getFullYear());
  const detail = useAsync((signal) => getItem(id, year, signal), [id, year]);
  if (detail.error) return <LoadError error={detail.error} onRetry={detail.reload} />;
  const d = detail.data;
  return (
    <>
      <PageHeader title={d ? `${d.item.task} ${d.item.measureTitle}` : t('common.loading')} subtitle={d ? `${d.item.unit} · ${t(`supervision.role.${d.item.role}`)} · ${t(`supervision.cycle.${d.item.cycle}`)}` : ''} extra={<Link to="/supervision"><ArrowLeftOutlined /> {t('supervision.detail.back')}</Link>} />
      {d && <ItemBody detail={d} year={year} reload={detail.reload} />}
    </>
  );
}

function ItemBody({ detail: d, year, reload }: { detail: ItemDetail; year: number; reload: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    try {
      await work();
      void message.success(t('supervision.detail.saved'));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const plan = d.workPlan;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('supervision.columns.status')}><StatusTag status={d.item.status} /></Descriptions.Item>
          <Descriptions.Item label={t('supervision.columns.percent')}>{d.item.percent.toFixed(0)}%</Descriptions.Item>
          <Descriptions.Item label={t('supervision.columns.expected')}>{d.item.expectedPercent.toFixed(0)}%</Descriptions.Item>
          <Descriptions.Item label={t('supervision.columns.reasons')} span={3}>{d.item.reasons.length ? d.item.reasons.map((r) => <Tag key={r.rule} color={r.colour === 'red' ? 'error' : r.colour === 'yellow' ? 'warning' : 'processing'}>{r.zh}</Tag>) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('supervision.detail.body')} span={3}><Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>{d.measureBody}</Typography.Paragraph></Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={<Space>{t('supervision.detail.plan', { year })}{plan && <Tag color={plan.confirmed ? 'success' : 'warning'}>{t(plan.confirmed ? 'supervision.detail.confirmed' : 'supervision.detail.proposed')}</Tag>}</Space>}
        extra={<Space>
          {d.canPlan && <Button size="small" onClick={() => setEditing(true)}>{t('supervision.detail.editPlan')}</Button>}
          {d.canReview && plan && !plan.confirmed && <Button size="small" type="primary" onClick={() => act(() => confirmWorkPlan(d.item.id, year, plan.version))}>{t('supervision.detail.confirm')}</Button>}
        </Space>}
      >
        {plan ? (
          <Table
            rowKey="id" size="small" pagination={false} dataSource={plan.milestones}
            columns={[
              { title: '#', dataIndex: 'ordinal', width: 40 },
              { title: t('supervision.detail.milestone'), dataIndex: 'title' },
              { title: t('supervision.detail.dueOn'), dataIndex: 'dueOn', width: 110 },
              { title: t('supervision.detail.evidence'), dataIndex: 'evidenceExpected' },
              { title: t('supervision.detail.weight'), dataIndex: 'weight', width: 70 },
              { title: t('supervision.detail.progress'), dataIndex: 'progress', width: 90, render: (p: (typeof PROGRESS)[number]) => t(`supervision.progress.${p}`) },
              { title: t('supervision.columns.status'), dataIndex: 'status', width: 80, render: (s) => <StatusTag status={s} /> },
            ]}
          />
        ) : <Typography.Text type="secondary">{t('supervision.detail.none')}</Typography.Text>}
      </Card>
      {d.subItems.length > 0 && (
        <Card size="small" title={t('supervision.detail.subItems')}>
          <Space wrap>{d.subItems.map((s) => <Link key={s.id} to={`/supervision/items/${s.id}`}><Space size={4}>{s.unit}<StatusTag status={s.status} /></Space></Link>)}</Space>
        </Card>
      )}
      {d.canReport && plan && <ReportForm detail={d} year={year} onDone={reload} />}
      <Card size="small" title={t('supervision.detail.reports')}>
        {d.reports.length === 0 ? <Typography.Text type="secondary">{t('supervision.detail.noReports')}</Typography.Text> : d.reports.map((r) => <ReportCard key={r.id} report={r} detail={d} act={act} />)}
      </Card>
      {editing && <PlanModal detail={d} year={year} onClose={() => setEditing(false)} onSaved={() => { setEditing(false); reload(); }} />}
    </Space>
  );
}

function ReportCard({ report: r, detail: d, act }: { report: ReportView; detail: ItemDetail; act: (w: () => Promise<unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { modal } = App.useApp();
  const names = new Map((d.workPlan?.milestones ?? []).map((m) => [m.id, m.title]));
  const returnIt = () => {
    let reason = '';
    modal.confirm({
      title: t('supervision.detail.returnReason'),
      content: <Input.TextArea rows={3} onChange={(e) => (reason = e.target.value)} />,
      onOk: () => act(() => reviewReport(r.id, { decision: 'return', reason, version: r.version })),
    });
  };
  const pending = r.status === 'submitted' || r.status === 'consolidated';
  return (
    <Card type="inner" size="small" style={{ marginBottom: 12 }}
      title={<Space>{r.period}<span>{r.unit}</span><Tag>{t(`supervision.reportStatus.${r.status}`)}</Tag><span>{t('supervision.detail.revision', { n: r.revision })}</span>{r.isLate && <Tag color="orange">{t('supervision.late')}</Tag>}<Typography.Text type="secondary">{t('supervision.detail.dueLine', { date: r.dueOn })}</Typography.Text></Space>}
      extra={<Space>
        {d.canConsolidate && r.role === 'co' && r.status === 'submitted' && <Button size="small" onClick={() => act(() => consolidateReport(r.id, r.version))}>{t('supervision.detail.consolidate')}</Button>}
        {d.canReview && pending && <Button size="small" type="primary" onClick={() => act(() => reviewReport(r.id, { decision: 'accept', version: r.version }))}>{t('supervision.detail.accept')}</Button>}
        {d.canReview && pending && <Button size="small" danger onClick={returnIt}>{t('supervision.detail.return')}</Button>}
      </Space>}
    >
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('supervision.detail.percent')}>{r.percent}%</Descriptions.Item>
        <Descriptions.Item label={t('supervision.detail.progress')}>{r.milestones.map((m) => `${names.get(m.milestoneId) ?? '—'}:${t(`supervision.progress.${m.status}`)}`).join(';') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.detail.doneText')} span={2}>{r.doneText || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.detail.problems')}>{r.problems || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.detail.nextSteps')}>{r.nextSteps || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('supervision.detail.helpNeeded')}>{r.helpNeeded || '—'}</Descriptions.Item>
        {r.returnReason && <Descriptions.Item label={t('supervision.detail.returnReason')}><Typography.Text type="danger">{r.returnReason}</Typography.Text></Descriptions.Item>}
      </Descriptions>
      <Typography.Text strong>{t('supervision.detail.history')}</Typography.Text>
      <Timeline style={{ marginTop: 8 }} items={r.history.map((h) => ({ color: h.event === 'returned' ? 'red' : h.event === 'accepted' ? 'green' : 'blue', children: `${fmt.dateTime(h.at)} · ${h.actor} · ${t(`supervision.events.${h.event}` as 'supervision.events.submitted')}${h.reason ? `:${h.reason}` : ''} (${t('supervision.detail.revision', { n: h.revision })})` }))} />
      <Typography.Text strong>{t('supervision.detail.evidenceFiles')}</Typography.Text>
      <AttachmentsPanel ownerKind="supervision-report" ownerId={r.id} />
    </Card>
  );
}

function ReportForm({ detail: d, year, onDone }: { detail: ItemDetail; year: number; onDone: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const own = d.reports.filter((r) => r.itemId === d.item.id);
  const submit = async (values: Record<string, unknown>) => {
    const period = String(values.period);
    const existing = own.find((r) => r.period === period);
    const milestones = (d.workPlan?.milestones ?? []).map((m) => ({ milestoneId: m.id, status: (values[`m_${m.id}`] as string) ?? 'not-started' }));
    try {
      await submitReport(d.item.id, { period, percent: values.percent ?? 0, milestones, doneText: values.doneText ?? '', problems: values.problems ?? '', nextSteps: values.nextSteps ?? '', helpNeeded: values.helpNeeded ?? '', ...(existing ? { version: existing.version } : {}) });
      void message.success(t('supervision.detail.saved'));
      form.resetFields();
      onDone();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card size="small" title={t('supervision.detail.report')}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ percent: d.item.percent }}>
        <Space wrap>
          <Form.Item name="period" label={t('supervision.detail.period')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={periodsOf(year, d.item.cycle).map((p) => ({ value: p, label: p }))} /></Form.Item>
          <Form.Item name="percent" label={t('supervision.detail.percent')} rules={[{ required: true }]}><InputNumber min={0} max={100} /></Form.Item>
          {(d.workPlan?.milestones ?? []).map((m) => (
            <Form.Item key={m.id} name={`m_${m.id}`} label={m.title} initialValue={m.progress}><Select style={{ width: 130 }} options={PROGRESS.map((p) => ({ value: p, label: t(`supervision.progress.${p}`) }))} /></Form.Item>
          ))}
        </Space>
        <Form.Item name="doneText" label={t('supervision.detail.doneText')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="problems" label={t('supervision.detail.problems')}><Input.TextArea rows={2} cols={40} maxLength={4000} /></Form.Item>
          <Form.Item name="nextSteps" label={t('supervision.detail.nextSteps')}><Input.TextArea rows={2} cols={40} maxLength={4000} /></Form.Item>
          <Form.Item name="helpNeeded" label={t('supervision.detail.helpNeeded')}><Input.TextArea rows={2} cols={30} maxLength={2000} /></Form.Item>
        </Space>
        <Button type="primary" htmlType="submit">{t('supervision.detail.submit')}</Button>
      </Form>
    </Card>
  );
}

function PlanModal({ detail: d, year, onClose, onSaved }: { detail: ItemDetail; year: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const plan = d.workPlan;
  const save = async () => {
    const values = await form.validateFields();
    try {
      await saveWorkPlan(d.item.id, { year, cycle: values.cycle, milestones: values.milestones, ...(plan ? { version: plan.version } : {}) });
      onSaved();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal open width={900} title={t('supervision.detail.editPlan')} onCancel={onClose} onOk={save}>
      <Form form={form} layout="vertical" initialValues={{ cycle: d.item.cycle, milestones: plan?.milestones.map(({ title, dueOn, evidenceExpected, weight }) => ({ title, dueOn, evidenceExpected, weight })) ?? [{ title: '', dueOn: `${year}-06-30`, evidenceExpected: '', weight: 1 }] }}>
        <Form.Item name="cycle" label={t('supervision.columns.status')} hidden><Select /></Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline">
                  <Form.Item name={[field.name, 'title']} rules={[{ required: true }]}><Input placeholder={t('supervision.detail.milestone')} style={{ width: 300 }} /></Form.Item>
                  <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="YYYY-MM-DD" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[field.name, 'evidenceExpected']}><Input placeholder={t('supervision.detail.evidence')} style={{ width: 220 }} /></Form.Item>
                  <Form.Item name={[field.name, 'weight']} rules={[{ required: true }]}><InputNumber min={0.01} placeholder={t('supervision.detail.weight')} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', dueOn: `${year}-12-31`, evidenceExpected: '', weight: 1 })}>{t('supervision.detail.addMilestone')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
