import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, InputNumber, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { Board, ItemSummary, StatusColour } from '../../../../contracts/supervision.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { FilterTags } from '../../app/pages/filter-tags.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { downloadBulletin, downloadWorkPlan, generateBulletin, getBoard, getDualTrack, listBulletins, syncItems } from './supervision.api.ts';
import { StatusTag } from './status-tag.tsx';
import { can } from '../../../../contracts/permissions.ts';

const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** 督办: items with their colours, the department board, the dual track and the bulletins. */
export function SupervisionPage() {
  const { t } = useTranslation();
  const role = useSession().session?.user.role;
  const [year, setYear] = useState(() => new Date().getFullYear());
  const board = useAsync((signal) => getBoard(year, signal), [year]);
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const sync = async () => {
    try {
      const r = await syncItems();
      void message.success(t('supervision.synced', r));
      board.reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const extra = (
    <Space>
      <span>{t('supervision.year')}</span>
      <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      <Button icon={<DownloadOutlined />} onClick={() => downloadWorkPlan(year).catch(notifyError)}>{t('supervision.exportPlan')}</Button>
      {can(role, 'supervision.manage') && <Button icon={<SyncOutlined />} onClick={sync}>{t('supervision.sync')}</Button>}
    </Space>
  );
  const tabs = [
    { key: 'items', label: t('supervision.tabs.items'), children: board.error ? <LoadError error={board.error} onRetry={board.reload} /> : <ItemsTable items={board.data?.items} loading={board.loading} /> },
    { key: 'board', label: t('supervision.tabs.board'), children: board.data ? <BoardView board={board.data} /> : null },
    { key: 'dual', label: t('supervision.tabs.dual'), children: <DualTrackView year={year} /> },
    ...(can(role, 'supervision.bulletin') ? [{ key: 'bulletins', label: t('supervision.tabs.bulletins'), children: <BulletinsView canGenerate={can(role, 'supervision.manage')} /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('nav.supervision')} subtitle={t('supervision.subtitle')} extra={extra} />
      <Tabs items={tabs} />
    </>
  );
}

const STATUS_COLOURS: readonly StatusColour[] = ['red', 'yellow', 'blue', 'green'];

/** `items` is undefined until the first answer: the table shows its spinner, never "no data", meanwhile. */
function ItemsTable({ items, loading }: { items: ItemSummary[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  // ?status=red: the workbench's link to the red items.
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('status');
  const [task, setTask] = useState<string>();
  const [status, setStatus] = useState<StatusColour | undefined>(STATUS_COLOURS.find((c) => c === fromUrl));
  const tasks = useMemo(() => [...new Map((items ?? []).map((i) => [i.taskKey, `${i.task} ${i.taskTitle}`])).entries()], [items]);
  const rows = items?.filter((i) => (!task || i.taskKey === task) && (!status || i.status === status));
  const columns: TableColumnsType<ItemSummary> = [
    { title: t('supervision.columns.task'), dataIndex: 'task', width: 80 },
    { title: t('supervision.columns.measure'), key: 'measure', render: (_, i) => <Link to={`/supervision/items/${i.id}`}>{i.measureTitle}</Link> },
    { title: t('supervision.columns.unit'), dataIndex: 'unit', width: 150 },
    { title: t('supervision.columns.role'), dataIndex: 'role', width: 80, render: (r: ItemSummary['role']) => <Tag>{t(`supervision.role.${r}`)}</Tag> },
    { title: t('supervision.columns.status'), dataIndex: 'status', width: 90, render: (s: StatusColour, i) => <Tooltip title={i.reasons.map((r) => r.zh).join(';')}><span><StatusTag status={s} /></span></Tooltip> },
    { title: t('supervision.columns.percent'), key: 'percent', width: 120, render: (_, i) => `${i.percent.toFixed(0)}% / ${i.expectedPercent.toFixed(0)}%` },
    { title: t('supervision.columns.due'), dataIndex: 'due', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: t('supervision.columns.lastReport'), key: 'last', width: 160,
      render: (_, i) => (i.lastReport ? <Space size={4}>{i.lastReport.period}<Tag>{t(`supervision.reportStatus.${i.lastReport.status}`)}</Tag>{i.lastReport.isLate && <Tag color="orange">{t('supervision.late')}</Tag>}</Space> : '—'),
    },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select allowClear placeholder={t('supervision.filterTask')} style={{ width: 280 }} value={task} onChange={setTask} options={tasks.map(([value, label]) => ({ value, label }))} />
        <Select allowClear placeholder={t('supervision.filterStatus')} style={{ width: 140 }} value={status} onChange={setStatus} options={STATUS_COLOURS.map((s) => ({ value: s, label: t(`supervision.status.${s}`) }))} />
      </Space>
      <FilterTags
        filters={status ? [{ key: 'status', label: t('supervision.columns.status'), value: t(`supervision.status.${status}`), onClear: () => { setStatus(undefined); if (fromUrl) { const next = new URLSearchParams(params); next.delete('status'); setParams(next); } } }] : []}
      />
      <Table rowKey="id" size="small" loading={loading} dataSource={rows} columns={columns} pagination={{ pageSize: 20 }} />
    </Space>
  );
}

function BoardView({ board }: { board: Board }) {
  const { t } = useTranslation();
  const units = [...new Set(board.tasks.flatMap((task) => task.cells.map((c) => c.unit)))];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('supervision.units.title')} extra={<Typography.Text type="secondary">{t('supervision.units.weights')}</Typography.Text>}>
        <Table
          rowKey="name" size="small" pagination={false} dataSource={board.units}
          columns={[
            { title: t('supervision.units.rank'), dataIndex: 'rank', width: 60 },
            { title: t('supervision.columns.unit'), dataIndex: 'name' },
            { title: t('supervision.units.items'), dataIndex: 'items' },
            { title: t('supervision.columns.status'), key: 'colours', render: (_, u) => <Space size={2}>{(['red', 'yellow', 'blue', 'green'] as const).filter((c) => u.colours[c]).map((c) => <Tag key={c} color={{ red: 'error', yellow: 'warning', blue: 'processing', green: 'success' }[c]}>{u.colours[c]}</Tag>)}</Space> },
            { title: t('supervision.units.onTime'), dataIndex: 'onTimeRate', render: pct },
            { title: t('supervision.units.milestones'), dataIndex: 'milestoneRate', render: pct },
            { title: t('supervision.units.accept'), dataIndex: 'acceptRate', render: pct },
            { title: t('supervision.units.overdue'), dataIndex: 'overdue' },
            { title: t('supervision.units.score'), dataIndex: 'score', render: (v: number) => <b>{v.toFixed(1)}</b> },
          ]}
        />
      </Card>
      <Card size="small" title={t('supervision.matrix')}>
        <Table
          // An explicit scroll width: with `x: true` the fixed layout squeezed the task column to one character.
          rowKey="key" size="small" pagination={false} scroll={{ x: 220 + units.length * 96 }} dataSource={board.tasks}
          columns={[
            { title: t('supervision.columns.task'), key: 'task', fixed: 'left', width: 220, render: (_, task) => `${task.label} ${task.title}` },
            ...units.map((unit) => ({
              title: unit, key: unit, width: 96,
              render: (_: unknown, task: Board['tasks'][number]) => {
                const cell = task.cells.find((c) => c.unit === unit);
                return cell ? <StatusTag status={cell.status} /> : null;
              },
            })),
          ]}
        />
      </Card>
    </Space>
  );
}

function DualTrackView({ year }: { year: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const data = useAsync((signal) => getDualTrack(year, signal), [year]);
  if (data.error) return <LoadError error={data.error} onRetry={data.reload} />;
  return (
    <Table
      rowKey="key" size="small" loading={data.loading} pagination={false} dataSource={data.data?.tasks}
      columns={[
        { title: t('supervision.dual.task'), key: 'task', width: 240, render: (_, task) => `${task.label} ${task.title}` },
        { title: t('supervision.dual.taskTrack'), dataIndex: 'taskTrack', width: 110, render: (v: 'green' | 'red') => <Tag color={v === 'green' ? 'success' : 'error'}>{t(v === 'green' ? 'supervision.dual.onSchedule' : 'supervision.dual.behind')}</Tag> },
        {
          title: t('supervision.dual.outcome'), key: 'outcomes',
          render: (_, task) => (
            <Space direction="vertical" size={2}>
              {task.outcomes.map((o) => (
                <span key={o.metric}>
                  <Tag color={o.status === 'green' ? 'success' : 'error'}>{t(`supervision.metrics.${o.metric}`)}</Tag>
                  {t('supervision.dual.baseline')} {fmt.number(o.baseline)} → {t('supervision.dual.actual')} {fmt.number(o.actual)} / {t('supervision.dual.target')} {fmt.number(o.target)} · {t('supervision.dual.completion')} {pct(o.completion)}
                </span>
              ))}
            </Space>
          ),
        },
        { title: t('supervision.dual.flag'), dataIndex: 'flag', width: 160, render: (f: string | null) => (f ? <Tag color="magenta">{t(f === 'green-task-red-outcome' ? 'supervision.dual.greenRed' : 'supervision.dual.redGreen')}</Tag> : t('supervision.dual.none')) },
      ]}
    />
  );
}

function BulletinsView({ canGenerate }: { canGenerate: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const list = useAsync((signal) => listBulletins(signal), []);
  const now = new Date();
  const [period, setPeriod] = useState(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
  const generate = async () => {
    try {
      await generateBulletin(period);
      void message.success(t('supervision.bulletin.generated'));
      list.reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {canGenerate && (
        <Space>
          <span>{t('supervision.bulletin.period')}</span>
          <Input style={{ width: 120 }} value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="YYYY-MM" />
          <Button type="primary" onClick={generate}>{t('supervision.bulletin.generate')}</Button>
        </Space>
      )}
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : (
        <Table
          rowKey="id" size="small" loading={list.loading} dataSource={list.data?.items}
          columns={[
            { title: t('supervision.bulletin.period'), dataIndex: 'period' },
            { title: t('supervision.columns.status'), key: 'summary', render: (_, b) => { const s = b.summary as { red?: unknown[]; yellow?: unknown[]; items?: number }; return t('supervision.bulletin.counts', { red: s.red?.length ?? 0, yellow: s.yellow?.length ?? 0, items: s.items ?? 0 }); } },
            { title: t('supervision.bulletin.generatedBy'), dataIndex: 'generatedBy' },
            { title: t('supervision.bulletin.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmt.dateTime(v) },
            { title: t('common.actions'), key: 'a', render: (_, b) => <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadBulletin(b.id, b.fileName).catch(notifyError)}>{t('supervision.bulletin.download')}</Button> },
          ]}
        />
      )}
    </Space>
  );
}
