import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { useSession } from '../auth/session.tsx';
import { InstrumentsTab } from './instruments-tab.tsx';
import { PoliciesTab } from './policies-tab.tsx';
import { RequestsTab } from './requests-tab.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { ApplicationsTab, FundsTab } from './funds-tab.tsx';
import { GapsTab, ThemesTab } from './gaps-tab.tsx';
import { OperationsTab } from './operations-tab.tsx';
import { MatchmakingTab } from '../services-matchmaking/matchmaking-tab.tsx';

/** 企业服务 (issue 14): requests, shared instruments, policies — each tab shown to the roles the server serves it to. */
export function ServicesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role ?? '';
  const [params, setParams] = useSearchParams();
  const tabs = [
    { key: 'requests', label: t('services.tabRequests'), children: <RequestsTab role={role} />, roles: ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'] },
    { key: 'instruments', label: t('services.tabInstruments'), children: <InstrumentsTab role={role} />, roles: ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'] },
    { key: 'policies', label: t('services.tabPolicies'), children: <PoliciesTab role={role} />, roles: ['leader', 'commission', 'department', 'park', 'enterprise'] },
    // second round (docs/decisions/0029)
    { key: 'operations', label: t('servicesOps.tabOperations'), children: <OperationsTab role={role} />, roles: ['leader', 'commission', 'enterprise', 'platform'] },
    { key: 'catalogue', label: t('servicesOps.tabCatalogue'), children: <CatalogueTab />, roles: ['commission', 'platform'] },
    { key: 'gaps', label: t('servicesOps.tabGaps'), children: <GapsTab />, roles: ['leader', 'commission'] },
    { key: 'applications', label: t('servicesOps.applications'), children: <ApplicationsTab role={role} />, roles: ['leader', 'commission', 'enterprise'] },
    { key: 'funds', label: t('servicesOps.tabFunds'), children: <FundsTab role={role} />, roles: ['leader', 'commission'] },
    { key: 'themes', label: t('servicesOps.tabThemes'), children: <ThemesTab />, roles: ['leader', 'commission', 'department', 'park'] },
    { key: 'matchmaking', label: t('matchmaking.tab'), children: <MatchmakingTab role={role} />, roles: ['leader', 'commission', 'park', 'enterprise'] },
  ].filter((tab) => tab.roles.includes(role));
  const active = tabs.find((tab) => tab.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <>
      <PageHeader title={t('services.title')} />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs.map(({ key, label, children }) => ({ key, label, children }))} destroyOnHidden />
    </>
  );
}
