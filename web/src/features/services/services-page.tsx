import { Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { can, type Permission } from '../../../../contracts/permissions.ts';
import { useSession } from '../auth/session.tsx';
import { InstrumentsTab } from './instruments-tab.tsx';
import { PoliciesTab } from './policies-tab.tsx';
import { RequestsTab } from './requests-tab.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { ApplicationsTab, FundsTab } from './funds-tab.tsx';
import { GapsTab, ThemesTab } from './gaps-tab.tsx';
import { OperationsTab } from './operations-tab.tsx';
import { MatchmakingTab } from '../services-matchmaking/matchmaking-tab.tsx';

/**
 * 企业服务 (issue 14): requests, shared instruments, policies — each tab shown to whoever holds the permission of
 * its API (contracts/permissions.ts), so the tabs and the server cannot disagree.
 */
export function ServicesPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role ?? '';
  const [params, setParams] = useSearchParams();
  const tabs = ([
    { key: 'requests', label: t('services.tabRequests'), children: <RequestsTab role={role} />, access: 'service-request.read' },
    { key: 'instruments', label: t('services.tabInstruments'), children: <InstrumentsTab role={role} />, access: 'instrument.read' },
    { key: 'policies', label: t('services.tabPolicies'), children: <PoliciesTab role={role} />, access: 'policy-match.read' },
    // second round (docs/decisions/0029)
    { key: 'operations', label: t('servicesOps.tabOperations'), children: <OperationsTab role={role} />, access: 'booking.read' },
    { key: 'catalogue', label: t('servicesOps.tabCatalogue'), children: <CatalogueTab />, access: 'instrument.manage' },
    { key: 'gaps', label: t('servicesOps.tabGaps'), children: <GapsTab />, access: 'platform-gap.read' },
    { key: 'applications', label: t('servicesOps.applications'), children: <ApplicationsTab role={role} />, access: 'policy-application.read' },
    { key: 'funds', label: t('servicesOps.tabFunds'), children: <FundsTab role={role} />, access: 'policy-funds.read' },
    { key: 'themes', label: t('servicesOps.tabThemes'), children: <ThemesTab />, access: 'service-request.themes' },
    { key: 'matchmaking', label: t('matchmaking.tab'), children: <MatchmakingTab role={role} />, access: 'matchmaking.read' },
  ] satisfies { key: string; label: string; children: ReactNode; access: Permission }[]).filter((tab) => can(session?.user.role, tab.access));
  const active = tabs.find((tab) => tab.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <>
      <PageHeader title={t('services.title')} />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs.map(({ key, label, children }) => ({ key, label, children }))} destroyOnHidden />
    </>
  );
}
