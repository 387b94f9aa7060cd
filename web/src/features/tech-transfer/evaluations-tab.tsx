import { App, Button, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { listEvaluations, loadRubric, submitScores, type Evaluation } from './tech-transfer.api.ts';

/** The district sees every evaluation with its total; an expert only those assigned to it ("my evaluations") and scores them. */
export function EvaluationsTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync((signal) => listEvaluations({}, signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {role === 'expert' && <Typography.Paragraph type="secondary">{t('techTransfer.myEvaluationsIntro')}</Typography.Paragraph>}
      <EvaluationTable items={data?.items ?? []} loading={loading} showListing linkListing={role !== 'expert'} onScored={reload} />
    </Space>
  );
}

export function EvaluationTable({ items, loading = false, showListing, linkListing = false, onScored }: { items: Evaluation[]; loading?: boolean; showListing: boolean; linkListing?: boolean; onScored?: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [scoring, setScoring] = useState<Evaluation | null>(null);
  return (
    <>
      <Table<Evaluation>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('techTransfer.empty') }}
        pagination={{ pageSize: 15, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: (r) => r.scores.length > 0,
          expandedRowRender: (r) => (
            <Space wrap>
              {r.scores.map((s) => <Tag key={s.criterion}>{`${fmt.isEnglish ? s.nameEn : s.nameZh} ×${s.weight}%: ${s.score}`}</Tag>)}
              {r.comment && <Typography.Text type="secondary">{r.comment}</Typography.Text>}
            </Space>
          ),
        }}
        columns={[
          ...(showListing
            ? [{ title: t('techTransfer.listing'), key: 'listing', width: 280, render: (_: unknown, r: Evaluation) => (linkListing ? <Link to={`/tech-transfer/listings/${r.listing.id}`}>{r.listing.title}</Link> : <span title={r.listing.summary}>{r.listing.title}</span>) }]
            : []),
          ...(showListing ? [{ title: t('techTransfer.owner'), key: 'owner', width: 200, render: (_: unknown, r: Evaluation) => r.listing.ownerName }] : []),
          { title: t('techTransfer.expert'), width: 110, render: (_, r) => r.expert.name },
          { title: t('techTransfer.assignedAt'), width: 120, render: (_, r) => fmt.date(r.assignedAt) },
          { title: t('techTransfer.status'), width: 100, render: (_, r) => <Tag color={r.status === 'submitted' ? 'green' : 'orange'}>{t(`techTransfer.evalStatus_${r.status}`)}</Tag> },
          { title: t('techTransfer.total'), width: 90, align: 'right', render: (_, r) => (r.total === null ? '—' : fmt.number(r.total, 2)) },
          {
            title: '',
            width: 100,
            render: (_, r) => r.canScore && <Button size="small" type="primary" onClick={() => setScoring(r)}>{t('techTransfer.score')}</Button>,
          },
        ]}
      />
      {scoring && <ScoreModal evaluation={scoring} onClose={(done) => { setScoring(null); if (done) onScored?.(); }} />}
    </>
  );
}

function ScoreModal({ evaluation, onClose }: { evaluation: Evaluation; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const rubric = useAsync((signal) => loadRubric(signal), []);
  const [form] = Form.useForm();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const criteria = rubric.data?.items ?? [];
  const filled = criteria.every((c) => typeof scores[c.code] === 'number');
  // the preview uses the same arithmetic as the server (weighted mean × 10); the server's total is the one stored
  const weights = criteria.reduce((a, c) => a + c.weight, 0);
  const preview = filled && weights ? Math.round((criteria.reduce((a, c) => a + c.weight * (scores[c.code] ?? 0), 0) * 1000) / weights) / 100 : null;
  const submit = async (v: { comment?: string }) => {
    try {
      const r = await submitScores(evaluation.id, { scores: criteria.map((c) => ({ criterion: c.code, score: scores[c.code]! })), ...(v.comment ? { comment: v.comment } : {}), version: evaluation.version });
      void message.success(t('techTransfer.scored', { total: r.total }));
      onClose(true);
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Modal open title={t('techTransfer.scoreTitle', { title: evaluation.listing.title })} width={680} onCancel={() => onClose(false)} onOk={() => form.submit()} okText={t('techTransfer.submitScores')} okButtonProps={{ disabled: !filled }} destroyOnHidden>
      <Typography.Paragraph type="secondary">{evaluation.listing.summary}</Typography.Paragraph>
      {rubric.error && <LoadError error={rubric.error} onRetry={rubric.reload} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          loading={!rubric.data && !rubric.error}
          dataSource={criteria}
          columns={[
            { title: t('techTransfer.criterion'), render: (_, c) => (fmt.isEnglish ? c.nameEn : c.nameZh) },
            { title: t('techTransfer.weight'), width: 80, render: (_, c) => `${c.weight}%` },
            {
              title: t('techTransfer.scoreField'),
              width: 140,
              render: (_, c) => <InputNumber aria-label={c.code} data-criterion={c.code} min={0} max={10} precision={0} value={scores[c.code] ?? null} onChange={(v) => setScores((s) => ({ ...s, [c.code]: v }))} />,
            },
          ]}
        />
        <Typography.Paragraph style={{ marginTop: 12 }} strong>{preview === null ? '' : t('techTransfer.totalPreview', { total: fmt.number(preview, 2) })}</Typography.Paragraph>
        <Form.Item name="comment" label={t('techTransfer.comment')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
