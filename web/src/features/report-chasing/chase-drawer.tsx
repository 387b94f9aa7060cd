import { App, Button, DatePicker, Drawer, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealedContactsSchema } from '../../../../contracts/enterprises.ts';
import type { ChaseItem, ChaseStatus } from '../../../../contracts/report-chasing.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { loadReferenceData, localName } from '../registries/shared/reference.ts';
import { RevealButton } from '../registries/shared/reveal-button.tsx';
import { exportChaseList, getChaseList, remind } from './report-chasing.api.ts';

const STATUS_COLOR: Record<ChaseStatus, string> = { none: 'red', draft: 'orange', returned: 'volcano', submitted: 'blue', 'park-reviewed': 'geekblue' };

/** The month reports are chased for by default: last month, the one due on the 10th. */
export const defaultChasePeriod = () => dayjs().subtract(1, 'month').format('YYYY-MM');

/** The enterprise's first contact, masked as listed; 显示 asks the enterprise's audited reveal route. */
function ChaseContact({ item }: { item: ChaseItem }) {
  const [clear, setClear] = useState<{ name: string; phone?: string | null | undefined } | null>(null);
  const shown = clear ? [clear.name, clear.phone] : [item.contactName, item.contactPhone];
  if (!shown.some(Boolean)) return <>—</>;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {shown.filter(Boolean).join(' ')}
      <RevealButton path={`/api/enterprises/${item.enterpriseId}/contacts/reveal`} schema={revealedContactsSchema} onRevealed={(r) => setClear(r.contacts[0] ?? null)} />
    </span>
  );
}

/** 催报: enterprises of the caller's scope that owe the month's report, with one-click reminders and an export. */
export function ChaseDrawer({ open, onClose, showZoneFilter }: { open: boolean; onClose: () => void; showZoneFilter: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const english = i18n.language.startsWith('en');
  const [period, setPeriod] = useState(defaultChasePeriod);
  const [zone, setZone] = useState<string | undefined>();
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const { data: ref } = useAsync(() => (showZoneFilter ? loadReferenceData() : Promise.resolve(null)), [showZoneFilter]);
  const { data, error, loading, reload } = useAsync(
    (signal) => (open ? getChaseList({ period, ...(zone ? { zone } : {}) }, signal) : Promise.resolve(null)),
    [open, period, zone, tick],
  );
  const send = async (key: string, enterpriseIds?: string[]) => {
    setBusy(key);
    try {
      const r = await remind({ period, ...(enterpriseIds ? { enterpriseIds } : {}), ...(zone ? { zone } : {}) });
      message.success(t('statistics.chasing.remindResult', { reminded: r.reminded, already: r.alreadyToday, noAccount: r.noAccount, awaiting: r.awaitingReview }));
      setTick((n) => n + 1);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };
  const items = data?.items ?? [];
  return (
    <Drawer open={open} onClose={onClose} width="min(1280px, 96vw)" title={t('statistics.chasing.title', { period })} destroyOnClose data-testid="chase-drawer">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${period}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} aria-label={t('statistics.chasing.period')} />
        {showZoneFilter && (
          <Select
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('statistics.chasing.allZones')}
            value={zone}
            onChange={(v) => setZone(v)}
            options={(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))}
          />
        )}
        <Button type="primary" disabled={items.length === 0} loading={busy === 'all'} onClick={() => send('all')} data-testid="remind-all">
          {t('statistics.chasing.remindAll')}
        </Button>
        <Button onClick={() => exportChaseList({ period, ...(zone ? { zone } : {}) }).catch(notifyError)}>{t('statistics.chasing.export')}</Button>
      </Space>
      {error && <LoadError error={error} onRetry={reload} />}
      <Table<ChaseItem>
        size="small"
        rowKey="enterpriseId"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: t('statistics.chasing.empty') }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={[
          // Names whole on one line (the table scrolls sideways on a narrow screen rather than wrapping them).
          { title: t('statistics.chasing.enterprise'), dataIndex: 'name', onCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { title: t('statistics.chasing.zone'), key: 'zone', width: 150, render: (_: unknown, r) => (r.zoneNameZh ? (english ? r.zoneNameEn : r.zoneNameZh) : '—') },
          { title: t('statistics.chasing.status'), dataIndex: 'status', width: 130, render: (s: ChaseStatus) => <Tag color={STATUS_COLOR[s]}>{t(`statistics.chasing.statuses.${s}`)}</Tag> },
          {
            title: t('statistics.chasing.deadline'),
            dataIndex: 'deadline',
            width: 150,
            render: (d: string, r) => (
              <>
                {d} {r.overdue && <Tag color="red">{t('statistics.chasing.overdue')}</Tag>}
              </>
            ),
          },
          { title: t('statistics.chasing.contact'), key: 'contact', width: 210, render: (_: unknown, r) => <ChaseContact item={r} /> },
          {
            title: t('statistics.chasing.lastReminded'),
            dataIndex: 'lastRemindedAt',
            width: 140,
            render: (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : t('statistics.chasing.never')),
          },
          {
            title: '',
            key: 'action',
            width: 80,
            render: (_: unknown, r) =>
              r.status === 'submitted' || r.status === 'park-reviewed' ? null : (
                <Button size="small" loading={busy === r.enterpriseId} onClick={() => send(r.enterpriseId, [r.enterpriseId])}>
                  {t('statistics.chasing.remind')}
                </Button>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
