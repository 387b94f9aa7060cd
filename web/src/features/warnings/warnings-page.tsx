import { App, Button, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { WARNING_LEVELS, type WarningView } from '../../../../contracts/warnings.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { FilterTags } from '../../app/pages/filter-tags.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { evaluateNow, listWarnings } from './warnings.api.ts';
import { WarningDrawer } from './warning-drawer.tsx';
import { WarningRulesTab } from './warning-rules-tab.tsx';
import { LEVEL_COLOR, STATUS_COLOR } from './warning-style.ts';
import { can } from '../../../../contracts/permissions.ts';

const PAGE_SIZE = 20;
const STATUS_FILTERS = ['live', 'open', 'acknowledged', 'handling', 'resolved', 'dismissed', 'closed'] as const;

/** The warnings list with filters (the cockpit links here with ?zone= / ?domain= / ?chainNode= / ?rule=) and a detail drawer. */
function WarningList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const role = useSession().session?.user.role;
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const filter = (key: string) => params.get(key) ?? undefined;
  const query = { status: (filter('status') ?? 'live') as 'live', level: filter('level') as 'red' | undefined, rule: filter('rule'), zone: filter('zone'), domain: filter('domain'), chainNode: filter('chainNode'), subjectKind: undefined };
  const shownStatus = query.status as (typeof STATUS_FILTERS)[number];
  const { data, error, loading, reload } = useAsync((signal) => listWarnings({ ...query, page, pageSize: PAGE_SIZE }, signal), [params.toString(), page]);
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    // A filter change closes the drawer and starts from the first page; opening or closing the drawer keeps both.
    if (key !== 'id') {
      next.delete('id');
      setPage(1);
    }
    setParams(next);
  };
  const openId = params.get('id');
  const evaluate = async () => {
    try {
      const r = await evaluateNow();
      void message.success(t('warnings.evaluated', r));
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label={t('warnings.filters.status')} style={{ width: 140 }} value={query.status} onChange={(v) => set('status', v)}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`warnings.status.${s}`) }))} />
        <Select aria-label={t('warnings.filters.level')} style={{ width: 120 }} allowClear placeholder={t('warnings.filters.level')} value={query.level} onChange={(v) => set('level', v)}
          options={WARNING_LEVELS.map((l) => ({ value: l, label: t(`warnings.level.${l}`) }))} />
        <FilterTags
          filters={[
            // 'live' (every open warning) is the list's default, not a narrowing
            ...(shownStatus !== 'live' ? [{ key: 'status', label: t('warnings.filters.status'), value: t(`warnings.status.${shownStatus}`), onClear: () => set('status', undefined) }] : []),
            ...(query.level ? [{ key: 'level', label: t('warnings.filters.level'), value: t(`warnings.level.${query.level}`), onClear: () => set('level', undefined) }] : []),
          ]}
        />
        {(['zone', 'domain', 'chainNode', 'rule'] as const).filter((k) => params.get(k)).map((k) => (
          <Tag key={k} closable onClose={() => set(k, undefined)}>{params.get(k)}</Tag>
        ))}
        {can(role, 'warning.rules.manage') && <Button onClick={() => void evaluate()}>{t('warnings.evaluate')}</Button>}
      </Space>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<WarningView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        onRow={(w) => ({ onClick: () => set('id', w.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('warnings.columns.level'), dataIndex: 'level', width: 80, render: (l: WarningView['level']) => <Tag color={LEVEL_COLOR[l]}>{t(`warnings.level.${l}`)}</Tag> },
          { title: t('warnings.columns.rule'), key: 'rule', render: (_, w) => (fmt.isEnglish ? w.ruleNameEn : w.ruleNameZh) },
          { title: t('warnings.columns.subject'), key: 'subject', render: (_, w) => w.subjectLabel },
          { title: t('warnings.columns.zone'), dataIndex: 'zoneCode', width: 130, render: (z: string | null) => z ?? '—' },
          { title: t('warnings.columns.period'), dataIndex: 'period', width: 90, render: (p: string | null) => p ?? '—' },
          { title: t('warnings.columns.status'), dataIndex: 'status', width: 100, render: (s: WarningView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`warnings.status.${s}`)}</Tag> },
          { title: t('warnings.columns.opened'), dataIndex: 'openedAt', width: 170, render: (v: string) => fmt.dateTime(v) },
        ]}
      />
      <WarningDrawer id={openId} onClose={() => set('id', undefined)} onChanged={reload} />
    </>
  );
}

export function WarningsPage() {
  const { t } = useTranslation();
  const role = useSession().session?.user.role;
  const showRules = can(role, 'warning.rules.read');
  return (
    <>
      <PageHeader title={t('warnings.title')} />
      {showRules ? (
        <Tabs items={[{ key: 'list', label: t('warnings.tabs.list'), children: <WarningList /> }, { key: 'rules', label: t('warnings.tabs.rules'), children: <WarningRulesTab editable={can(role, 'warning.rules.manage')} /> }]} />
      ) : (
        <WarningList />
      )}
    </>
  );
}
