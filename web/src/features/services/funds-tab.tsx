import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../../contracts/services-policy-operations.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { listPolicies } from './services.api.ts';
import { decideApplication, disburseAward, listApplications, loadEffect, loadFunds, reviewApplication, submitApplication } from './services-ops.api.ts';

/** Funds by policy, domain and zone with disbursements, and the policy-effect view (leader, commission). */
export function FundsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { data, error, reload } = useAsync((signal) => loadFunds(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  type Row = NonNullable<typeof data>['byDomain'][number];
  const table = (title: string, rows: Row[]) => (
    <Card size="small" title={title}>
      <Table<Row>
        rowKey="key"
        size="small"
        loading={!data}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '', key: 'label', render: (_, r) => (fmt.isEnglish ? r.labelEn : r.label) },
          { title: t('servicesOps.awards'), dataIndex: 'awards', align: 'right' },
          { title: t('servicesOps.awarded'), dataIndex: 'awarded', align: 'right' },
          { title: t('servicesOps.disbursed'), dataIndex: 'disbursed', align: 'right' },
        ]}
      />
    </Card>
  );
  const pay = async (id: string, amount: string | null) => {
    try {
      await disburseAward(id, amount ?? '0');
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={16}>
        <Col span={8}><Card size="small"><Statistic title={t('servicesOps.awards')} value={data?.total.awards ?? 0} /></Card></Col>
        <Col span={8}><Card size="small"><Statistic title={t('servicesOps.awarded')} value={data?.total.awarded ?? '0.00'} /></Card></Col>
        <Col span={8}><Card size="small"><Statistic title={t('servicesOps.disbursed')} value={data?.total.disbursed ?? '0.00'} /></Card></Col>
      </Row>
      {table(t('servicesOps.fundsByPolicy'), data?.byPolicy ?? [])}
      <Row gutter={16}>
        <Col span={12}>{table(t('servicesOps.fundsByDomain'), data?.byDomain ?? [])}</Col>
        <Col span={12}>{table(t('servicesOps.fundsByZone'), data?.byZone ?? [])}</Col>
      </Row>
      <EffectCard codes={(data?.byPolicy ?? []).map((p) => ({ code: p.key, title: p.label }))} />
      <Card size="small" title={t('servicesOps.recentAwards')}>
        <Table
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.awards}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          columns={[
            { title: t('servicesOps.effectPolicy'), dataIndex: 'policyCode' },
            { title: t('services.enterprise'), dataIndex: 'enterpriseName' },
            { title: t('servicesOps.awarded'), dataIndex: 'amount', align: 'right' },
            { title: t('servicesOps.disbursed'), dataIndex: 'disbursedAmount', align: 'right' },
            {
              title: '',
              render: (_, a) => (role === 'commission' && !a.disbursedAt ? <Button size="small" onClick={() => void pay(a.id, a.amount)}>{t('servicesOps.disburse')}</Button> : null),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

function EffectCard({ codes }: { codes: { code: string; title: string }[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [code, setCode] = useState<string | null>(null);
  const current = code ?? codes[0]?.code ?? null;
  const { data, error, reload } = useAsync((signal) => (current ? loadEffect(current, signal) : Promise.resolve(null)), [current]);
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${fmt.number(v * 100, 1)}%`);
  const pts = (v: number | null | undefined) => (v === null || v === undefined ? '—' : fmt.number(v * 100, 1));
  // undefined until the first answer: the table shows its spinner, not an empty table
  const rows = data ? (['output', 'rd'] as const).map((k) => ({ key: k, ...data[k] })) : undefined;
  return (
    <Card
      size="small"
      title={t('servicesOps.effect')}
      extra={<Select size="small" style={{ width: 320 }} value={current} onChange={setCode} options={codes.map((c) => ({ value: c.code, label: `${c.code} ${c.title}` }))} />}
    >
      {error && <LoadError error={error} onRetry={reload} />}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('servicesOps.effectMethod')} description={t('servicesOps.effectLimits')} />
      {data && (
        <Typography.Paragraph>
          {t('servicesOps.recipients')}: {data.recipients} · {t('servicesOps.laterYear')}: {data.laterYear}
        </Typography.Paragraph>
      )}
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        loading={!data && !error && current !== null}
        dataSource={rows}
        columns={[
          { title: '', render: (_, r) => t(`servicesOps.${r.key}`) },
          { title: t('servicesOps.measured'), dataIndex: 'measured', align: 'right' },
          { title: t('servicesOps.matched'), dataIndex: 'matched', align: 'right' },
          { title: t('servicesOps.comparisons'), dataIndex: 'comparisons', align: 'right' },
          { title: t('servicesOps.recipientGrowth'), align: 'right', render: (_, r) => pct(r.recipientGrowth) },
          { title: t('servicesOps.comparisonGrowth'), align: 'right', render: (_, r) => pct(r.comparisonGrowth) },
          { title: t('servicesOps.difference'), align: 'right', render: (_, r) => pts(r.difference) },
        ]}
      />
    </Card>
  );
}

const AP_COLOR: Record<string, string> = { submitted: 'gold', reviewed: 'blue', approved: 'green', rejected: 'red', disbursed: 'cyan' };

/** 快申快享: an enterprise applies with materials; the commission reviews, decides; everyone in scope follows the state. */
export function ApplicationsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const { data, error, reload } = useAsync((signal) => listApplications(signal), []);
  const policies = useAsync((signal) => (role === 'enterprise' ? listPolicies(signal) : Promise.resolve(null)), [role]);
  const [deciding, setDeciding] = useState<ApplicationView | null>(null);
  const [form] = Form.useForm();
  const [decideForm] = Form.useForm();
  if (error) return <LoadError error={error} onRetry={reload} />;
  const apply = async (v: { code: string; statement: string; amountRequested?: number }) => {
    try {
      await submitApplication(v.code, { statement: v.statement, ...(v.amountRequested !== undefined ? { amountRequested: String(v.amountRequested) } : {}) });
      void message.success(t('servicesOps.submitted'));
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const review = (a: ApplicationView) => void reviewApplication(a.id, a.version).then(reload, notifyError);
  const decide = async (v: { approve: boolean; amountApproved?: number; note?: string }) => {
    try {
      await decideApplication(deciding!.id, { approve: v.approve, version: deciding!.version, ...(v.amountApproved !== undefined ? { amountApproved: String(v.amountApproved) } : {}), ...(v.note ? { note: v.note } : {}) });
      setDeciding(null);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {role === 'enterprise' && (
        <Card size="small" title={t('servicesOps.apply')}>
          <Form form={form} layout="inline" onFinish={apply}>
            <Form.Item name="code" rules={[{ required: true }]}>
              <Select style={{ width: 300 }} placeholder={t('servicesOps.effectPolicy')} options={(policies.data?.items ?? []).filter((p) => p.mode === 'apply').map((p) => ({ value: p.code, label: `${p.code} ${p.title}` }))} />
            </Form.Item>
            <Form.Item name="statement" rules={[{ required: true, max: 4000 }]}><Input style={{ width: 320 }} placeholder={t('servicesOps.statementText')} /></Form.Item>
            <Form.Item name="amountRequested"><InputNumber min={0} precision={2} placeholder={t('servicesOps.amountRequested')} style={{ width: 180 }} /></Form.Item>
            <Form.Item><Button type="primary" htmlType="submit">{t('servicesOps.submit')}</Button></Form.Item>
          </Form>
        </Card>
      )}
      <Card size="small" title={t('servicesOps.applications')}>
        <Table<ApplicationView>
          rowKey="id"
          size="small"
          loading={!data}
          dataSource={data?.items}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          expandable={{ expandedRowRender: (a) => <AttachmentsPanel ownerKind="policy-application" ownerId={a.id} /> }}
          columns={[
            { title: t('servicesOps.effectPolicy'), render: (_, a) => `${a.policyCode} ${a.policyTitle}` },
            ...(role === 'enterprise' ? [] : [{ title: t('services.enterprise'), dataIndex: 'enterpriseName' }]),
            { title: t('servicesOps.amountRequested'), dataIndex: 'amountRequested', align: 'right' as const },
            { title: t('servicesOps.amountApproved'), dataIndex: 'amountApproved', align: 'right' as const },
            { title: t('services.status'), render: (_: unknown, a: ApplicationView) => <Tag color={AP_COLOR[a.status]}>{t(`servicesOps.ap_${a.status}`)}</Tag> },
            {
              title: '',
              render: (_: unknown, a: ApplicationView) =>
                role === 'commission' ? (
                  <Space>
                    {a.status === 'submitted' && <Button size="small" onClick={() => review(a)}>{t('servicesOps.review')}</Button>}
                    {a.status === 'reviewed' && <Button size="small" type="primary" onClick={() => setDeciding(a)}>{t('servicesOps.approve')} / {t('servicesOps.reject')}</Button>}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      {deciding && (
        <Modal open title={`${deciding.enterpriseName} · ${deciding.policyTitle}`} onCancel={() => setDeciding(null)} onOk={() => decideForm.submit()} destroyOnHidden>
          <Form form={decideForm} layout="vertical" onFinish={decide} initialValues={{ approve: true, amountApproved: deciding.amountRequested ? Number(deciding.amountRequested) : undefined }}>
            <Form.Item name="approve" rules={[{ required: true }]}>
              <Select options={[{ value: true, label: t('servicesOps.approve') }, { value: false, label: t('servicesOps.reject') }]} />
            </Form.Item>
            <Form.Item name="amountApproved" label={t('servicesOps.amountApproved')}><InputNumber min={0} precision={2} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="note" label={t('servicesOps.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
