import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { PlanSummary, PlanVersionSummary } from '../../../../contracts/plan.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { planApi } from './plan.api.ts';

export const STATUS_COLOR = { active: 'green', draft: 'gold', archived: 'default' } as const;

/** The plan's versions: view, activate (commission), compare any two or one with the active version. */
export function PlanVersionsTab({ plan, canManage, onChanged }: { plan: PlanSummary; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const versions = [...plan.versions].reverse();
  const activate = async (v: PlanVersionSummary) => {
    setBusy(v.id);
    try {
      await planApi.activate(v.id);
      onChanged();
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const compareUrl = (from: string, to: string) => `/plan/compare?from=${from}&to=${to}`;
  const columns: TableColumnsType<PlanVersionSummary> = [
    { title: t('plan.versions.version'), dataIndex: 'version', width: 64, render: (_, v) => <b>v{v.version}</b> },
    { title: t('plan.versions.status'), dataIndex: 'status', width: 84, render: (_, v) => <Tag color={STATUS_COLOR[v.status]}>{t(`plan.status.${v.status}`)}</Tag> },
    {
      title: t('plan.versions.file'),
      dataIndex: 'sourceFileName',
      width: 220,
      ellipsis: true,
      render: (_, v) => (
        <>
          <div className="plan-ellipsis">{v.sourceFileName ?? t('plan.versions.pasted')}</div>
          {v.note && <div className="muted plan-ellipsis" title={v.note}>{v.note}</div>}
        </>
      ),
    },
    { title: t('plan.versions.counts'), key: 'counts', width: 190, className: 'nowrap', render: (_, v) => t('plan.versions.countsText', { goals: v.counts.goals, tasks: v.counts.tasks, safeguards: v.counts.safeguards }) },
    { title: t('plan.versions.createdBy'), dataIndex: 'createdBy', width: 110, render: (_, v) => v.createdBy ?? '—' },
    { title: t('plan.versions.createdAt'), dataIndex: 'createdAt', width: 170, render: (_, v) => fmt.dateTime(v.createdAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, v) => (
        <Space size="small" wrap>
          <Link to={`/plan?version=${v.id}`}>{t('plan.versions.view')}</Link>
          {plan.activeVersionId && plan.activeVersionId !== v.id && <Link to={compareUrl(plan.activeVersionId, v.id)}>{t('plan.versions.compareWithActive')}</Link>}
          {canManage && v.status !== 'active' && (
            <Popconfirm title={t('plan.versions.activateConfirm', { version: v.version })} onConfirm={() => void activate(v)}>
              <Button size="small" type="link" loading={busy === v.id} data-testid={`activate-${v.version}`}>
                {t('plan.versions.activate')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <div className="toolbar">
        <Button disabled={selected.length !== 2} onClick={() => {
          const [a, b] = versions.filter((v) => selected.includes(v.id)).sort((x, y) => x.version - y.version);
          navigate(compareUrl(a!.id, b!.id));
        }}>
          {t('plan.versions.compareSelected')}
        </Button>
        <span className="muted">{t('plan.versions.selectTwo')}</span>
      </div>
      <Table<PlanVersionSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={versions}
        pagination={false}
        scroll={{ x: 1100 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected((keys as string[]).slice(-2)) }}
      />
    </>
  );
}
