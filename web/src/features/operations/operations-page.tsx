import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobRunView, JobView } from '../../../../contracts/jobs.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { listJobRuns, listJobs, runJobNow } from './jobs.api.ts';

const STATUS_COLOR: Record<JobRunView['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };

function RunStatus({ run }: { run: JobRunView | null }) {
  const { t } = useTranslation();
  if (!run) return <Typography.Text type="secondary">{t('operations.never')}</Typography.Text>;
  const tag = <Tag color={STATUS_COLOR[run.status]}>{t(`operations.status.${run.status}`)}</Tag>;
  return run.error ? <Tooltip title={run.error}>{tag}</Tooltip> : tag;
}

/**
 * Every time on this page in Shanghai time, as the schedules are written (croner runs them in Asia/Shanghai),
 * whatever the browser's time zone: a next run shown in another zone than its schedule reads as wrong.
 */
const SHANGHAI = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const shanghaiTime = (value: string | null | undefined) => (value ? SHANGHAI.format(new Date(value)) : '');

/** 运行维护: the platform's scheduled jobs, their last and next runs, the run history; run one now. */
export function OperationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [job, setJob] = useState<string>();
  const jobs = useAsync((signal) => listJobs(signal), []);
  const runs = useAsync((signal) => listJobRuns(job, signal), [job]);
  const title = (j: { titleZh: string; titleEn: string }) => (fmt.isEnglish ? j.titleEn : j.titleZh);
  const reloadAll = () => {
    jobs.reload();
    runs.reload();
  };
  const runNow = async (name: string) => {
    try {
      await runJobNow(name);
      void message.success(t('operations.started'));
      setTimeout(reloadAll, 1500);
    } catch (e) {
      notifyError(e);
    }
  };
  const jobColumns: TableColumnsType<JobView> = [
    { title: t('operations.job'), key: 'title', render: (_, j) => (<><div>{title(j)}</div><Typography.Text type="secondary" className="mono">{j.name}</Typography.Text></>) },
    { title: t('operations.schedule'), dataIndex: 'schedule', render: (s: string | null) => (s ? <span className="mono">{s}</span> : t('operations.onRequest')) },
    { title: t('operations.nextRun'), dataIndex: 'nextRunAt', render: (v: string | null) => shanghaiTime(v) || '—' },
    { title: t('operations.lastRun'), key: 'last', render: (_, j) => (<Space><RunStatus run={j.lastRun} />{j.lastRun && shanghaiTime(j.lastRun.startedAt)}</Space>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, j) => (
        <Popconfirm title={t('operations.runConfirm', { job: title(j) })} onConfirm={() => runNow(j.name)}>
          <Button size="small">{t('operations.runNow')}</Button>
        </Popconfirm>
      ),
    },
  ];
  const titleOf = new Map((jobs.data?.items ?? []).map((j) => [j.name, title(j)]));
  const runColumns: TableColumnsType<JobRunView> = [
    { title: t('operations.job'), dataIndex: 'job', render: (name: string) => titleOf.get(name) ?? name },
    { title: t('operations.trigger'), dataIndex: 'trigger', render: (v: JobRunView['trigger']) => t(`operations.triggers.${v}`) },
    { title: t('operations.attempt'), dataIndex: 'attempt' },
    { title: t('operations.startedAt'), dataIndex: 'startedAt', render: (v: string) => shanghaiTime(v) },
    { title: t('operations.duration'), dataIndex: 'durationMs', render: (v: number | null) => (v === null ? '—' : t('operations.ms', { ms: fmt.number(v) })) },
    { title: t('operations.outcome'), key: 'status', render: (_, r) => <RunStatus run={r} /> },
    // The run's summary (counts), e.g. the e-mail retry job's sent / refused / still waiting / failed for good.
    { title: t('operations.result'), dataIndex: 'result', ellipsis: true, render: (v: unknown) => summaryText(v) },
    { title: t('operations.error'), dataIndex: 'error', ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('operations.retryAt'), dataIndex: 'retryAt', render: (v: string | null) => shanghaiTime(v) || '—' },
  ];
  return (
    <>
      <PageHeader title={t('nav.operations')} subtitle={t('operations.subtitle')} extra={<Button icon={<ReloadOutlined />} onClick={reloadAll}>{t('operations.refresh')}</Button>} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('operations.jobs')} size="small">
          {jobs.error ? <LoadError error={jobs.error} onRetry={jobs.reload} /> : <Table rowKey="name" size="small" loading={jobs.loading} dataSource={jobs.data?.items} columns={jobColumns} pagination={false} />}
        </Card>
        <Card
          title={t('operations.runs')}
          size="small"
          extra={
            <Select
              allowClear
              placeholder={t('operations.allJobs')}
              style={{ minWidth: 240 }}
              value={job}
              onChange={setJob}
              options={(jobs.data?.items ?? []).map((j) => ({ value: j.name, label: title(j) }))}
            />
          }
        >
          {runs.error ? <LoadError error={runs.error} onRetry={runs.reload} /> : <Table rowKey="id" size="small" loading={runs.loading} dataSource={runs.data?.items} columns={runColumns} pagination={{ pageSize: 20, hideOnSinglePage: true }} />}
        </Card>
      </Space>
    </>
  );
}

/** A run's JSON summary as `key value · key value` (objects of counts; anything else as JSON). */
function summaryText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(' · ') : '—';
}
