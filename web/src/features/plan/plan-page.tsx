import { Alert, Button, Card, Empty, Select, Space, Tabs, Tag } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { PlanVersionDetail } from '../../../../contracts/plan.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useSession } from '../auth/session.tsx';
import { planApi } from './plan.api.ts';
import { PlanGoalsTab } from './plan-goals-tab.tsx';
import { PlanDomainsTab, PlanZonesTab } from './plan-layout-tabs.tsx';
import { PlanTasksTab } from './plan-tasks-tab.tsx';
import { PlanVersionsTab, STATUS_COLOR } from './plan-versions-tab.tsx';
import './plan.css';
import { can } from '../../../../contracts/permissions.ts';

const TABS = ['goals', 'domains', 'zones', 'tasks', 'safeguards', 'versions'] as const;
type TabKey = (typeof TABS)[number];

/** 规划: the plan as data — goals with formulas, domains, zones on the map, tasks and safeguards, versions. */
export function PlanPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useSession();
  const role = session?.user.role;
  const canManage = can(role, 'plan.manage');
  const [params, setParams] = useSearchParams();
  const planId = params.get('plan') ?? undefined;
  const versionId = params.get('version') ?? undefined;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TabKey) : 'goals';
  const plans = useAsync((signal) => planApi.listPlans(signal), []);
  const detail = useAsync<PlanVersionDetail>((signal) => (versionId ? planApi.version(versionId, signal) : planApi.active(planId, signal)), [planId, versionId]);
  const reload = () => {
    plans.reload();
    detail.reload();
  };
  const setParam = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === null) next.delete(k); else next.set(k, v);
    setParams(next, { replace: true });
  };

  const importButton = canManage && (
    <Link to={`/plan/import${detail.data ? `?plan=${detail.data.planId}` : ''}`}>
      <Button type="primary" icon={<ImportOutlined />}>
        {t('plan.importButton')}
      </Button>
    </Link>
  );

  if (detail.loading && !detail.data) return <PageLoading />;
  if (detail.error) {
    const noActive = detail.error.status === 404 && !versionId;
    return (
      <>
        <PageHeader title={t('nav.plan')} extra={importButton} />
        {noActive ? <Card><Empty description={t('plan.noActive')} /></Card> : <LoadError error={detail.error} onRetry={reload} />}
      </>
    );
  }
  const d = detail.data!;
  const plan = plans.data?.items.find((p) => p.id === d.planId);
  const tasks = d.tasks.filter((x) => x.kind === 'task');
  const safeguards = d.tasks.filter((x) => x.kind === 'safeguard');
  const subtitle = [d.issuer, d.issuedOn && fmt.date(d.issuedOn), d.docNumber].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        title={d.title ?? d.planTitle}
        subtitle={
          <Space size="small" wrap>
            <Tag color={STATUS_COLOR[d.status]}>{t('plan.versionTag', { version: d.version, status: t(`plan.status.${d.status}`) })}</Tag>
            <span>{subtitle}</span>
          </Space>
        }
        extra={
          <Space>
            {(plans.data?.items.length ?? 0) > 1 && (
              <Select
                className="plan-select"
                value={d.planId}
                onChange={(id) => setParam({ plan: id, version: null })}
                options={plans.data!.items.map((p) => ({ value: p.id, label: p.title }))}
              />
            )}
            {importButton}
          </Space>
        }
      />
      {d.status !== 'active' && (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          message={t('plan.notActiveVersion', { version: d.version, status: t(`plan.status.${d.status}`) })}
          action={plan?.activeVersionId ? <Link to={`/plan?plan=${d.planId}`}>{t('plan.showActive')}</Link> : undefined}
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam({ tab: key })}
          items={[
            { key: 'goals', label: `${t('plan.tabs.goals')} (${d.goals.length})`, children: <PlanGoalsTab goals={d.goals} canEdit={canManage} onChanged={reload} /> },
            { key: 'domains', label: `${t('plan.tabs.domains')} (${d.domains.length})`, children: <PlanDomainsTab domains={d.domains} /> },
            { key: 'zones', label: `${t('plan.tabs.zones')} (${d.zones.length})`, children: <PlanZonesTab zones={d.zones} /> },
            { key: 'tasks', label: `${t('plan.tabs.tasks')} (${tasks.length})`, children: <PlanTasksTab tasks={tasks} isDepartment={role === 'department'} /> },
            { key: 'safeguards', label: `${t('plan.tabs.safeguards')} (${safeguards.length})`, children: <PlanTasksTab tasks={safeguards} isDepartment={role === 'department'} /> },
            {
              key: 'versions',
              label: `${t('plan.tabs.versions')} (${plan?.versions.length ?? '…'})`,
              children: plan ? <PlanVersionsTab plan={plan} canManage={canManage} onChanged={reload} /> : plans.error ? <LoadError error={plans.error} onRetry={plans.reload} /> : <PageLoading />,
            },
          ]}
        />
      </Card>
    </>
  );
}
