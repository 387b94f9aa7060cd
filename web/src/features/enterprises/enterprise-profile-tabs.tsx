import { Descriptions, Empty, List, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { revealedContactsSchema, type EnterpriseDetail } from '../../../../contracts/enterprises.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { useReferenceNames } from '../registries/shared/reference.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { useAsync } from '../../app/use-async.ts';
import { HistoryTab } from '../registries/shared/history-tab.tsx';
import { RevealButton } from '../registries/shared/reveal-button.tsx';
import { listProjects } from '../projects/projects.api.ts';
import { useTagLabel } from './enterprise-tags.ts';
import { EnterpriseStatsCard } from '../statistics/enterprise-stats-card.tsx';
import { AttachmentsPanel } from '../attachments/attachments-panel.tsx';
import { MovesPanel } from '../carrier-ladder/moves-panel.tsx';

/**
 * The tabs of the 一企一档 profile page, in order. A later feature (statistics, warnings, services) adds its
 * tab as one row here; `audience` limits a tab to some roles (the server still scopes the data).
 */
export interface ProfileTab {
  key: string;
  /** i18n key of the tab title. */
  labelKey: string;
  audience?: readonly Role[];
  render: (enterprise: EnterpriseDetail) => ReactNode;
}

function BasicInfo({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const names = useReferenceNames();
  const fmt = useFormat();
  const tagLabel = useTagLabel();
  // Masked as the server sends them (138****5678) until 显示 asks the audited reveal route.
  const [revealed, setRevealed] = useState<EnterpriseDetail['contacts'] | null>(null);
  const contacts = revealed ?? e.contacts;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="enterprise-basic">
      <Descriptions.Item label={t('registries.fields.uscc')}>
        <span className="mono">{e.uscc}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.name')}>{e.name}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.domain')}>{names.domain(e.domain)}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.subfield')}>{e.subfield ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.zone')}>{names.zone(e.zone)}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.carrier')}>{e.carrier?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.stage')}>{t(`registries.options.enterpriseStage.${e.stage}`)}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.status')}>{t(`registries.options.enterpriseStatus.${e.status}`)}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.isAboveScale')}>{e.isAboveScale ? t('registries.actions.yes') : t('registries.actions.no')}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.isManufacturing')}>{e.isManufacturing ? t('registries.actions.yes') : t('registries.actions.no')}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.tags')}>{e.tags.length ? e.tags.map((tag) => <Tag key={tag}>{tagLabel(tag)}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.foundedOn')}>{fmt.date(e.foundedOn)}</Descriptions.Item>
      {e.exitedOn && <Descriptions.Item label={t('registries.fields.exitedOn')}>{fmt.date(e.exitedOn)}</Descriptions.Item>}
      <Descriptions.Item label={t('registries.fields.contacts')} span={2}>
        {contacts.length > 0 && <RevealButton path={`/api/enterprises/${e.id}/contacts/reveal`} schema={revealedContactsSchema} onRevealed={(r) => setRevealed(r.contacts)} />}
        {contacts.length
          ? contacts.map((c, i) => (
              <div key={i}>
                {c.name}
                {c.title ? ` · ${c.title}` : ''}
                {c.phone ? ` · ${c.phone}` : ''}
                {c.email ? ` · ${c.email}` : ''}
              </div>
            ))
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.address')} span={2}>
        {e.address ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('registries.fields.note')} span={2}>
        {e.note ?? '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function ChainNodes({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  if (e.chainNodes.length === 0) return <Empty description={t('registries.enterprises.noNodes')} />;
  return (
    <List
      dataSource={e.chainNodes}
      renderItem={(n) => (
        <List.Item>
          <span>
            {n.name} <Tag>{t(`registries.options.chainStage.${n.stage as 'upstream'}`)}</Tag>
            {n.isPrimary && <Tag color="green">{t('registries.enterprises.primaryNode')}</Tag>}
          </span>
        </List.Item>
      )}
    />
  );
}

function Projects({ e }: { e: EnterpriseDetail }) {
  const { t } = useTranslation();
  const { data, loading } = useAsync((signal) => listProjects({ investor: e.id, pageSize: 100 }, signal), [e.id]);
  return (
    <List
      loading={loading}
      locale={{ emptyText: <Empty description={t('registries.empty')} /> }}
      dataSource={data?.items}
      renderItem={(p) => (
        <List.Item>
          <Link to={`/projects/${p.id}`}>{p.name}</Link>
          <span>
            <Tag>{t(`registries.options.projectStage.${p.stage}`)}</Tag>
            {p.isOverdue && <Tag color="red">{t('registries.projects.overdue')}</Tag>}
          </span>
        </List.Item>
      )}
    />
  );
}

export const ENTERPRISE_PROFILE_TABS: ProfileTab[] = [
  { key: 'basic', labelKey: 'registries.enterprises.tabs.basic', render: (e) => <BasicInfo e={e} /> },
  { key: 'chain', labelKey: 'registries.enterprises.tabs.chain', render: (e) => <ChainNodes e={e} /> },
  { key: 'projects', labelKey: 'registries.enterprises.tabs.projects', audience: ['leader', 'commission', 'department', 'park', 'enterprise'], render: (e) => <Projects e={e} /> },
  { key: 'statistics', labelKey: 'statistics.enterpriseTab.tab', audience: ['leader', 'commission', 'park', 'enterprise'], render: (e) => <EnterpriseStatsCard enterpriseId={e.id} /> },
  { key: 'attachments', labelKey: 'attachments.tab', audience: ['leader', 'commission', 'department', 'park', 'enterprise'], render: (e) => <AttachmentsPanel ownerKind="enterprise" ownerId={e.id} /> },
  { key: 'carrier-moves', labelKey: 'carrierLadder.moves.title', audience: ['leader', 'commission', 'department', 'park', 'enterprise'], render: (e) => <MovesPanel enterpriseId={e.id} enterpriseUscc={e.uscc} canWrite={false} /> },
  { key: 'history', labelKey: 'registries.enterprises.tabs.history', render: (e) => <HistoryTab path={`/api/enterprises/${e.id}/history`} /> },
];
