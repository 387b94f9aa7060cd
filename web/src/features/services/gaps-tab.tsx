import { Button, Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { downloadGapLeads, listPlatformGaps, loadThemes } from './services-ops.api.ts';
import { shanghaiDay } from './week-grid.ts';

/** Platform-gap items (refused, wait-listed and missing-instrument demand) with chain nodes, and the CRO/CDMO lead list. */
export function GapsTab() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { data, error, reload } = useAsync((signal) => listPlatformGaps(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  type Item = NonNullable<typeof data>['items'][number];
  const en = i18n.language.startsWith('en');
  return (
    <Card
      size="small"
      title={`${t('servicesOps.tabGaps')} · ${data ? t('servicesOps.gapsSince', { date: fmt.date(shanghaiDay(new Date(data.since))) }) : ''}`}
      extra={<Button size="small" onClick={() => void downloadGapLeads().catch(notifyError)}>{t('servicesOps.leads')}</Button>}
    >
      <Table<Item>
        rowKey={(r) => `${r.gapKind}:${r.label}:${r.platformName ?? ''}`}
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        columns={[
          { title: t('servicesOps.gapKind'), render: (_, r) => <Tag color={r.gapKind === 'missing' ? 'volcano' : 'gold'}>{t(`servicesOps.gap_${r.gapKind}`)}</Tag> },
          { title: t('servicesOps.label'), dataIndex: 'label' },
          { title: t('servicesOps.platform'), render: (_, r) => r.platformName ?? '—' },
          { title: t('servicesOps.refused'), dataIndex: 'refused', align: 'right' },
          { title: t('servicesOps.waitlisted'), dataIndex: 'waitlisted', align: 'right' },
          { title: t('servicesOps.requested'), dataIndex: 'requested', align: 'right' },
          { title: t('servicesOps.hoursPerMonth'), dataIndex: 'hoursPerMonth', align: 'right' },
          { title: t('servicesOps.enterprises'), dataIndex: 'enterprises', align: 'right' },
          { title: t('servicesOps.nodes'), render: (_, r) => <Space wrap size={2}>{r.nodes.slice(0, 4).map((n) => <Tag key={n.id}>{en ? n.nameEn : n.nameZh}</Tag>)}{r.nodes.length > 4 ? `+${r.nodes.length - 4}` : ''}</Space> },
        ]}
      />
    </Card>
  );
}

/** Recurring request themes per chain node, as proposals for task or policy revision. */
export function ThemesTab() {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const { data, error, reload } = useAsync((signal) => loadThemes(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  type Item = NonNullable<typeof data>['items'][number];
  const en = i18n.language.startsWith('en');
  return (
    <Card size="small" title={t('servicesOps.themes')}>
      <Table<Item>
        rowKey={(r) => `${r.nodeId}:${r.category}`}
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: t('servicesOps.chain'), render: (_, r) => (en ? r.chainNameEn : r.chainNameZh) },
          { title: t('servicesOps.node'), render: (_, r) => (en ? r.nodeNameEn : r.nodeNameZh) },
          { title: t('servicesOps.category'), render: (_, r) => (en ? r.categoryNameEn : r.categoryNameZh) },
          { title: t('servicesOps.requests'), dataIndex: 'requests', align: 'right' },
          { title: t('servicesOps.enterprises'), dataIndex: 'enterprises', align: 'right' },
          { title: t('servicesOps.open'), dataIndex: 'open', align: 'right' },
          { title: t('servicesOps.unsatisfied'), dataIndex: 'unsatisfied', align: 'right' },
          { title: t('servicesOps.lastAt'), render: (_, r) => fmt.date(shanghaiDay(new Date(r.lastAt))) },
          { title: t('servicesOps.proposal'), width: 420, render: (_, r) => (en ? r.proposalEn : r.proposalZh) },
        ]}
      />
    </Card>
  );
}
