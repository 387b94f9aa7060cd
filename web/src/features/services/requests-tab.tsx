import { App, Button, Card, Checkbox, Form, Input, Modal, Rate, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { REQUEST_STATUSES, type RequestView } from '../../../../contracts/services.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { FilterTags } from '../../app/pages/filter-tags.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { acceptRequest, listRequestCategories, listRequests, rateRequest, replyRequest, submitRequest } from './services.api.ts';

const PHASE_COLOR: Record<string, string> = { 'on-time': 'green', 'due-soon': 'orange', overdue: 'red', met: 'default', missed: 'volcano' };

/** An enterprise files requests and rates answers; a handler (department, park, platform, commission) acknowledges and answers. */
export function RequestsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  // ?status=: the workbench's link to the requests awaiting this user's action.
  const [params, setParams] = useSearchParams();
  const status = REQUEST_STATUSES.find((s) => s === params.get('status'));
  const clearStatus = () => {
    const next = new URLSearchParams(params);
    next.delete('status');
    setParams(next);
    setPage(1);
  };
  const { data, error, reload } = useAsync((signal) => listRequests({ page, pageSize: 20, ...(status ? { status } : {}), ...(overdue ? { overdue: 'true' as const } : {}) }, signal), [page, overdue, status]);
  const categories = useAsync((signal) => listRequestCategories(signal), []);
  const [form] = Form.useForm();
  const [action, setAction] = useState<{ kind: 'accept' | 'reply' | 'rate'; request: RequestView } | null>(null);
  const [actionForm] = Form.useForm();
  // to the minute: seconds only lengthened every row
  const dueText = (iso: string) => new Intl.DateTimeFormat(fmt.isEnglish ? 'en-US' : 'zh-CN', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
  const isEnterprise = role === 'enterprise';
  const canHandle = ['commission', 'department', 'park', 'platform'].includes(role);

  const submit = async (values: { category: string; title: string; description: string }) => {
    try {
      const created = await submitRequest(values);
      void message.success(t('services.submitted', { target: fmt.isEnglish ? created.target.nameEn : created.target.name }));
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const runAction = async (values: { plan?: string; reply?: string; rating?: number; comment?: string }) => {
    if (!action) return;
    const { request } = action;
    try {
      if (action.kind === 'accept') await acceptRequest(request.id, { ...(values.plan ? { plan: values.plan } : {}), version: request.version });
      if (action.kind === 'reply') await replyRequest(request.id, { reply: values.reply ?? '', version: request.version });
      if (action.kind === 'rate') await rateRequest(request.id, { rating: values.rating ?? 5, ...(values.comment ? { comment: values.comment } : {}), version: request.version });
      setAction(null);
      actionForm.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {isEnterprise && (
        <Card title={t('services.newRequest')} size="small">
          <Form form={form} layout="inline" onFinish={submit} style={{ rowGap: 8 }}>
            <Form.Item name="category" label={t('services.category')} rules={[{ required: true }]}>
              <Select
                style={{ width: 200 }}
                options={(categories.data?.items ?? []).map((c) => ({ value: c.category, label: fmt.isEnglish ? `${c.nameEn} → ${c.targetNameEn}` : `${c.nameZh} → ${c.targetName}` }))}
              />
            </Form.Item>
            <Form.Item name="title" label={t('services.requestTitle')} rules={[{ required: true, max: 120 }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="description" label={t('services.description')} rules={[{ required: true, max: 4000 }]}>
              <Input.TextArea rows={1} style={{ width: 320 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('services.submit')}
            </Button>
          </Form>
        </Card>
      )}
      <Space wrap>
        <Checkbox checked={overdue} onChange={(e) => (setOverdue(e.target.checked), setPage(1))}>
          {t('services.onlyOverdue')}
        </Checkbox>
        <FilterTags filters={status ? [{ key: 'status', label: t('services.status'), value: t(`services.status_${status}`), onClear: clearStatus }] : []} />
      </Space>
      <Table<RequestView>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (r) => <RequestDetail request={r} /> }}
        // named widths and a sideways scroll: unbounded, the long English handler names squeezed every column
        scroll={{ x: isEnterprise ? 1270 : 1460 }}
        columns={[
          { title: t('services.code'), dataIndex: 'code', width: 150 },
          { title: t('services.requestTitle'), dataIndex: 'title', width: 180 },
          ...(isEnterprise ? [] : [{ title: t('services.enterprise'), dataIndex: 'enterpriseName', width: 190 }]),
          { title: t('services.handler'), width: 180, render: (_: unknown, r: RequestView) => (fmt.isEnglish ? r.target.nameEn : r.target.name) },
          { title: t('services.status'), width: 180, render: (_: unknown, r: RequestView) => <Tag>{t(`services.status_${r.status}`)}</Tag> },
          ...r2((r) => r.sla[0]!, t('services.ackDue')),
          ...r2((r) => r.sla[1]!, t('services.resolveDue')),
          {
            title: '',
            key: 'actions',
            width: 110,
            fixed: 'right' as const,
            render: (_: unknown, r: RequestView) => (
              <Space>
                {canHandle && r.status === 'submitted' && <Button size="small" onClick={() => setAction({ kind: 'accept', request: r })}>{t('services.accept')}</Button>}
                {canHandle && r.status === 'accepted' && <Button size="small" onClick={() => setAction({ kind: 'reply', request: r })}>{t('services.reply')}</Button>}
                {isEnterprise && r.status === 'replied' && <Button size="small" type="primary" onClick={() => setAction({ kind: 'rate', request: r })}>{t('services.rate')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={action !== null} title={action ? t(`services.${action.kind}`) : ''} onCancel={() => setAction(null)} onOk={() => actionForm.submit()} destroyOnHidden>
        <Form form={actionForm} layout="vertical" onFinish={runAction}>
          {action?.kind === 'accept' && (
            <Form.Item name="plan" label={t('services.plan')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {action?.kind === 'reply' && (
            <Form.Item name="reply" label={t('services.reply')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
          )}
          {action?.kind === 'rate' && (
            <>
              <Form.Item name="rating" label={t('services.rating')} extra={t('services.ratingHint')} rules={[{ required: true }]}>
                <Rate />
              </Form.Item>
              <Form.Item name="comment" label={t('services.comment')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Space>
  );

  function r2(pick: (r: RequestView) => RequestView['sla'][number], title: string) {
    return [
      {
        title,
        width: 210,
        render: (_: unknown, r: RequestView) => {
          const step = pick(r);
          return (
            <Space size={4}>
              <span>{dueText(step.dueAt)}</span>
              <Tag color={PHASE_COLOR[step.phase]}>{t(`services.phase_${step.phase}`)}</Tag>
            </Space>
          );
        },
      },
    ];
  }
}

function RequestDetail({ request }: { request: RequestView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Space direction="vertical" size={2}>
      <div>
        {t('services.submittedAt')}: {fmt.dateTime(request.submittedAt)} · {fmt.isEnglish ? request.categoryNameEn : request.categoryName}
        {request.reopenCount > 0 ? ` · ${t('services.reopened', { count: request.reopenCount })}` : ''}
      </div>
      <div style={{ whiteSpace: 'pre-wrap' }}>{request.description}</div>
      {request.plan && <div>{t('services.plan')}: {request.plan}</div>}
      {request.reply && <div>{t('services.reply')}: {request.reply}</div>}
      {request.rating !== null && <Rate disabled value={request.rating} />}
    </Space>
  );
}
