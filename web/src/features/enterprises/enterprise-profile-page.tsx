import { EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { PageLoading } from '../../app/pages/loading.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useSession } from '../auth/session.tsx';
import { can } from '../../../../contracts/permissions.ts';
import '../registries/shared/registries.css';
import { EnterpriseForm } from './enterprise-form.tsx';
import { ENTERPRISE_PROFILE_TABS } from './enterprise-profile-tabs.tsx';
import { getEnterprise } from './enterprises.api.ts';
import { MergeDialog } from './merge-dialog.tsx';

/** 一企一档: one enterprise's profile; its tabs come from ENTERPRISE_PROFILE_TABS (later issues add theirs). */
export function EnterpriseProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const role = useSession().session?.user.role;
  const { data, error, loading, reload } = useAsync((signal) => getEnterprise(id, signal), [id]);
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;
  if (!data) return null;
  const tabs = ENTERPRISE_PROFILE_TABS.filter((tab) => !tab.audience || (role && tab.audience.includes(role)));
  const active = params.get('tab') ?? tabs[0]?.key;
  return (
    <>
      <PageHeader
        title={data.name}
        subtitle={
          <span className="profile-header">
            <span>{t('registries.enterprises.profile')}</span>
            <span className="mono">{data.uscc}</span>
            {data.isDemo && <Tag color="gold">{t('registries.enterprises.demo')}</Tag>}
          </span>
        }
        extra={
          <Space>
            <Button onClick={() => navigate('/enterprises')}>{t('registries.actions.back')}</Button>
            {can(role, 'enterprise.delete') && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)}>
                {t('registries.enterprises.merge')}
              </Button>
            )}
            {can(role, 'enterprise.write') && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-enterprise">
                {t('registries.actions.edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams({ tab: key }, { replace: true })}
          items={tabs.map((tab) => ({ key: tab.key, label: t(tab.labelKey as 'registries.enterprises.tabs.basic'), children: tab.render(data) }))}
        />
      </Card>
      <EnterpriseForm
        open={editing}
        enterprise={data}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
      <MergeDialog open={merging} target={data} onClose={() => setMerging(false)} onMerged={() => {
        setMerging(false);
        reload();
      }} />
    </>
  );
}
