import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CarrierLadderFigures } from '../../../../contracts/carrier-ladder.ts';
import { api, saveBlob } from '../../app/api.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { loadReferenceData, localName, referenceName } from '../registries/shared/reference.ts';
import { getLadder } from './carrier-ladder.api.ts';
import { LadderSankey } from './ladder-sankey.tsx';

const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/** 孵化梯度: the flows up the ladder and the per-carrier figures, filtered by zone and period, with the export. */
export function LadderPanel() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const [zone, setZone] = useState<string>('');
  const [range, setRange] = useState<[string, string] | null>(null);
  const query = { zone: zone || undefined, from: range?.[0], to: range?.[1] };
  const { data, error, loading, reload } = useAsync((signal) => getLadder(query, signal), [zone, range?.[0], range?.[1]]);
  const { data: ref } = useAsync(() => loadReferenceData(), []);
  const exportLadder = async () => {
    try {
      const { blob, filename } = await api.download('/api/carrier-ladder/export', query);
      saveBlob(blob, filename ?? 'carrier-ladder.xlsx');
    } catch (e) {
      notifyError(e);
    }
  };
  if (error) return <LoadError error={error} onRetry={reload} />;
  const columns: TableColumnsType<CarrierLadderFigures> = [
    // The ladder's own figures first (graduation, where tenants went, moves), so they fit a 1440 px screen;
    // areas and the zone after them.
    { title: t('carrierLadder.figures.carrier'), key: 'name', fixed: 'left', width: 200, render: (_, c) => <Link to={`/carriers/${c.id}`}>{c.name}</Link> },
    { title: t('carrierLadder.figures.type'), key: 'type', width: 100, render: (_, c) => <Tag>{t(`registries.options.carrierType.${c.type}`)}</Tag> },
    {
      title: (
        <Tooltip title={t('carrierLadder.definition')}>
          {t('carrierLadder.figures.graduationRate')} <InfoCircleOutlined />
        </Tooltip>
      ),
      key: 'graduation',
      width: 120,
      align: 'right',
      render: (_, c) => pct(c.graduationRate),
    },
    { title: t('carrierLadder.figures.leftDistrictRate'), key: 'left', width: 120, align: 'right', render: (_, c) => pct(c.leftDistrictRate) },
    { title: t('carrierLadder.figures.tenants'), key: 'tenants', width: 90, align: 'right', render: (_, c) => fmt.number(c.tenants) },
    { title: t('carrierLadder.figures.entries'), key: 'entries', width: 90, align: 'right', render: (_, c) => fmt.number(c.entries) },
    { title: t('carrierLadder.figures.exits'), key: 'exits', width: 90, align: 'right', render: (_, c) => fmt.number(c.exits) },
    { title: t('carrierLadder.figures.vacancy'), key: 'vacancy', width: 110, align: 'right', render: (_, c) => <span style={{ color: c.vacancyRate !== null && c.vacancyRate > 0.4 ? '#cf1322' : undefined }}>{pct(c.vacancyRate)}</span> },
    { title: t('carrierLadder.figures.leasesExpiring'), key: 'expiring', width: 130, align: 'right', render: (_, c) => (c.leasesExpiring ? <Tag color="orange">{c.leasesExpiring}</Tag> : 0) },
    { title: t('carrierLadder.figures.medianStay'), key: 'stay', width: 130, align: 'right', render: (_, c) => fmt.number(c.medianStayMonths, 1) },
    { title: t('carrierLadder.zone'), key: 'zone', width: 120, render: (_, c) => referenceName(ref?.zones, c.zone, english) },
    { title: t('carrierLadder.figures.leasableArea'), key: 'leasable', width: 130, align: 'right', render: (_, c) => fmt.number(c.leasableArea) },
  ];
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="registry-toolbar">
        <Select
          style={{ minWidth: 160 }}
          value={zone}
          onChange={setZone}
          aria-label={t('carrierLadder.zone')}
          options={[{ value: '', label: t('carrierLadder.allZones') }, ...(ref?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))]}
        />
        <DatePicker.RangePicker
          picker="month"
          aria-label={t('carrierLadder.period')}
          value={data ? [dayjs(`${data.from}-01`), dayjs(`${data.to}-01`)] : null}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0].format('YYYY-MM'), v[1].format('YYYY-MM')] : null)}
        />
        <span className="registry-toolbar__spacer" />
        <Button icon={<DownloadOutlined />} onClick={() => void exportLadder()}>
          {t('carrierLadder.export')}
        </Button>
      </div>
      <Card size="small" title={t('carrierLadder.sankeyTitle')} loading={loading && !data}>
        {data && <LadderSankey flows={data.flows} />}
        {data && (
          <Typography.Text type="secondary">{t('carrierLadder.omitted', { lateral: data.flows.omitted.lateral, down: data.flows.omitted.down, unknown: data.flows.omitted.unknown })}</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('carrierLadder.figures.title')}>
        <Alert type="info" showIcon message={t('carrierLadder.definition')} style={{ marginBottom: 12 }} />
        <Table<CarrierLadderFigures> rowKey="id" size="small" columns={columns} dataSource={data?.carriers} loading={loading} pagination={false} scroll={{ x: 1600 }} />
      </Card>
    </Space>
  );
}
