import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { useSession } from '../auth/session.tsx';
import { ChallengesTab } from './challenges-tab.tsx';
import { DealsTab } from './deals-tab.tsx';
import { EvaluationsTab } from './evaluations-tab.tsx';
import { IntroductionsTab } from './introductions-tab.tsx';
import { ListingsTab } from './listings-tab.tsx';

const READERS = ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'];

/** 成果转化 (issue 14 §3): each tab shown to the roles the server serves it to; an expert sees its own evaluations only. */
export function TechTransferPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.user.role ?? '';
  const [params, setParams] = useSearchParams();
  const tabs = [
    { key: 'listings', label: t('techTransfer.tabListings'), children: <ListingsTab role={role} />, roles: READERS },
    { key: 'challenges', label: t('techTransfer.tabChallenges'), children: <ChallengesTab role={role} />, roles: READERS },
    { key: 'introductions', label: t('techTransfer.tabIntroductions'), children: <IntroductionsTab />, roles: ['leader', 'commission', 'enterprise', 'platform'] },
    { key: 'evaluations', label: t(role === 'expert' ? 'techTransfer.tabMyEvaluations' : 'techTransfer.tabEvaluations'), children: <EvaluationsTab role={role} />, roles: ['leader', 'commission', 'expert'] },
    { key: 'deals', label: t('techTransfer.tabDeals'), children: <DealsTab role={role} />, roles: ['leader', 'commission', 'enterprise', 'platform'] },
  ].filter((tab) => tab.roles.includes(role));
  const active = tabs.find((tab) => tab.key === params.get('tab'))?.key ?? tabs[0]?.key;
  return (
    <>
      <PageHeader title={t('techTransfer.title')} subtitle={t('techTransfer.intro')} />
      <Tabs activeKey={active} onChange={(key) => setParams({ tab: key })} items={tabs.map(({ key, label, children }) => ({ key, label, children }))} destroyOnHidden />
    </>
  );
}
