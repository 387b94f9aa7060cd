import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { AssignExpertsModal } from './assign-experts-modal.tsx';
import { EvaluationTable } from './evaluations-tab.tsx';
import { refName, stageKey } from './labels.ts';
import { DealFormModal } from './deal-form.tsx';
import { ListingFormModal } from './listing-form.tsx';
import { getListing, requestIntroduction, type Deal, type ListingDetail } from './tech-transfer.api.ts';

/** One listing: its summary, the contact when shared, its path to output (introductions → deals → projects), evaluations for the district. */
export function ListingDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useSession();
  const role = session?.user.role ?? '';
  const { data, error, reload } = useAsync((signal) => getListing(id, signal), [id]);
  const [assigning, setAssigning] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [editing, setEditing] = useState(false);
  // a deal being recorded (null) or changed; undefined: no form open
  const [dealForm, setDealForm] = useState<Deal | null | undefined>(undefined);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <PageLoading />;
  return (
    <>
      <PageHeader
        title={data.title}
        subtitle={<Link to="/tech-transfer">{t('techTransfer.back')}</Link>}
        extra={
          <Space>
            {role === 'enterprise' && !data.myIntroduction && data.status === 'active' && (
              <Button type="primary" onClick={() => setRequesting(true)}>{t('techTransfer.requestIntro')}</Button>
            )}
            {data.canManage && <Button onClick={() => setEditing(true)} data-testid="edit-listing">{t('techTransfer.edit')}</Button>}
            {data.canManage && <Button onClick={() => setDealForm(null)} data-testid="record-deal">{t('techTransfer.recordDeal')}</Button>}
            {role === 'commission' && (
              <Button type="primary" onClick={() => setAssigning(true)}>{t('techTransfer.assign')}</Button>
            )}
          </Space>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('techTransfer.summaryTitle')}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('techTransfer.code')}>{data.code}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.kind')}>{t(`techTransfer.kind_${data.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.owner')}>{data.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.domain')}>{`${refName(data.domain, fmt.isEnglish)}${data.node ? ` / ${refName(data.node, fmt.isEnglish)}` : ''}`}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.trl')}><Tag color="blue">{t('techTransfer.trlValue', { value: data.trl })}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.ipStatus')}>{t(`techTransfer.ip_${data.ipStatus}`)}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.partnership')}>{data.partnerships.map((p) => <Tag key={p}>{t(`techTransfer.partnership_${p}`)}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.keywords')}>{data.keywords.map((k) => <Tag key={k}>{k}</Tag>)}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.status')}>{t(`techTransfer.status_${data.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.summary')} span={3}>{data.summary}</Descriptions.Item>
            <Descriptions.Item label={t('techTransfer.contact')} span={3}>
              {data.contact ? `${data.contact.name ?? '—'} ${data.contact.phone ?? ''}` : <Typography.Text type="secondary">{t('techTransfer.contactHidden')}</Typography.Text>}
              {data.myIntroduction && <Tag style={{ marginLeft: 8 }} color={data.myIntroduction === 'accepted' ? 'green' : 'default'}>{t(`techTransfer.myIntro_${data.myIntroduction}`)}</Tag>}
            </Descriptions.Item>
          </Descriptions>
        </Card>
        <PathToOutput data={data} {...(data.canManage ? { onEditDeal: setDealForm } : {})} />
        {data.evaluation && (
          <Card size="small" title={t('techTransfer.evaluationTitle')}>
            {data.evaluation.summary.submitted > 0 || data.evaluation.summary.pending > 0 ? (
              <Typography.Paragraph>
                {t('techTransfer.evaluationSummary', {
                  submitted: data.evaluation.summary.submitted,
                  pending: data.evaluation.summary.pending,
                  mean: data.evaluation.summary.mean ?? '—',
                  min: data.evaluation.summary.min ?? '—',
                  max: data.evaluation.summary.max ?? '—',
                })}
              </Typography.Paragraph>
            ) : null}
            <EvaluationTable items={data.evaluation.items} showListing={false} />
          </Card>
        )}
      </Space>
      {assigning && <AssignExpertsModal listingId={data.id} onClose={(done) => { setAssigning(false); if (done) reload(); }} />}
      {editing && <ListingFormModal listing={data} askOwner={role === 'commission'} onClose={(done) => { setEditing(false); if (done) reload(); }} />}
      {dealForm !== undefined && (
        <DealFormModal listingId={data.id} {...(dealForm ? { deal: dealForm } : {})} linksProjects={role === 'commission'} onClose={(done) => { setDealForm(undefined); if (done) reload(); }} />
      )}
      {requesting && <IntroductionModal listingId={data.id} onClose={(done) => { setRequesting(false); if (done) reload(); }} />}
    </>
  );
}

function PathToOutput({ data, onEditDeal }: { data: ListingDetail; onEditDeal?: (deal: Deal) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const projects = data.dealList.filter((d) => d.project);
  return (
    <Card size="small" title={t('techTransfer.path')}>
      <Steps
        size="small"
        current={projects.length ? 3 : data.dealList.length ? 2 : data.introductions ? 1 : 0}
        items={[
          { title: t('techTransfer.pathListed') },
          { title: data.introductions ? t('techTransfer.pathIntroductions', { count: data.introductions }) : `${t('techTransfer.tabIntroductions')}: ${t('techTransfer.pathNone')}` },
          { title: data.dealList.length ? t('techTransfer.pathDeals', { count: data.dealList.length }) : `${t('techTransfer.tabDeals')}: ${t('techTransfer.pathNone')}` },
          { title: projects.length ? t('techTransfer.pathProjects', { count: projects.length }) : `${t('techTransfer.project')}: ${t('techTransfer.pathNone')}` },
        ]}
      />
      {data.dealList.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.dealList}
          scroll={{ x: 900 }}
          columns={[
            { title: t('techTransfer.enterprise'), render: (_, d) => d.enterprise.name },
            { title: t('techTransfer.dealKind'), width: 110, render: (_, d) => t(`techTransfer.partnership_${d.kind}`) },
            { title: t('techTransfer.status'), width: 90, render: (_, d) => <Tag color={d.status === 'signed' ? 'green' : 'default'}>{t(`techTransfer.dealStatus_${d.status}`)}</Tag> },
            { title: t('techTransfer.amountWan'), width: 120, align: 'right', render: (_, d) => d.amount ?? '—' },
            { title: t('techTransfer.financingWan'), width: 130, align: 'right', render: (_, d) => (d.financingAmount ? `${d.financingAmount}${d.financingSource ? ` (${d.financingSource})` : ''}` : '—') },
            {
              title: t('techTransfer.project'),
              render: (_, d) =>
                d.project ? (
                  <Link to={`/projects/${d.project.id}`}>{`${d.project.code} ${d.project.name} · ${t(stageKey(d.project.stage))} · ${t('techTransfer.expectedOutput')} ${d.project.expectedAnnualOutput ? fmt.number(Number(d.project.expectedAnnualOutput), 0) : '—'}`}</Link>
                ) : (
                  '—'
                ),
            },
            ...(onEditDeal
              ? [{ title: t('techTransfer.actions'), key: 'actions', width: 90, fixed: 'right' as const, render: (_: unknown, d: Deal) => <Button size="small" onClick={() => onEditDeal(d)}>{t('techTransfer.edit')}</Button> }]
              : []),
          ]}
        />
      )}
    </Card>
  );
}

function IntroductionModal({ listingId, onClose }: { listingId: string; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const submit = async (v: { message: string; contactName?: string; contactPhone?: string }) => {
    try {
      await requestIntroduction(listingId, v);
      void message.success(t('techTransfer.requested'));
      onClose(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal open title={t('techTransfer.requestIntroTitle')} onCancel={() => onClose(false)} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="message" label={t('techTransfer.message')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
        <Form.Item name="contactName" label={t('techTransfer.contactName')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="contactPhone" label={t('techTransfer.contactPhone')}><Input maxLength={40} /></Form.Item>
      </Form>
    </Modal>
  );
}
