import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Card, DatePicker, Select, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { INDICATOR_BY_CODE, INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, StatDimension } from '../../../../contracts/statistics.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { DrillModal, type DrillTarget } from './drill-modal.tsx';
import { exportBreakdown, getBreakdown } from './statistics.api.ts';
import { DIMENSIONS, fmtAmount, fmtPct, fmtPp, groupName, growthColor, lastCompletePeriod } from './stat-format.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 运行监测: free analysis of any indicator × period × dimension, as a table and a chart, exportable. */
export function MonitoringPage() {
  const { t, i18n } = useTranslation();
  const notifyError = useNotifyError();
  const lang = i18n.language;
  const fmt = useFormat();
  // Full-width parentheses are Chinese punctuation: English gets plain ones.
  const inParens = (u: string) => (lang.startsWith('en') ? ` (${u})` : `（${u}）`);
  const [indicator, setIndicator] = useState<IndicatorCode>('revenue');
  const [period, setPeriod] = useState(lastCompletePeriod());
  const [by, setBy] = useState<(typeof DIMENSIONS)[number]>('domain');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const { data, error, loading, reload } = useAsync((signal) => getBreakdown({ indicator, period, by }, signal), [indicator, period, by]);
  const unit = fmt.unit(INDICATOR_BY_CODE[indicator].unit);
  const rows = data?.rows ?? [];
  const top = rows.slice(0, 20);
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 50, top: 40, bottom: 90 },
    xAxis: { type: 'category', data: top.map((r) => groupName(r, lang)), axisLabel: { rotate: 30, interval: 0 } },
    yAxis: [{ type: 'value', name: unit }, { type: 'value', name: '%', splitLine: { show: false } }],
    series: [
      { name: t('statistics.columns.ytd'), type: 'bar', data: top.map((r) => r.ytd), itemStyle: { color: '#1f7a4d' } },
      { name: t('statistics.columns.base'), type: 'bar', data: top.map((r) => r.base), itemStyle: { color: '#b7d3c2' } },
      { name: t('statistics.columns.yoy'), type: 'line', yAxisIndex: 1, data: top.map((r) => (r.yoy === null ? null : Math.round(r.yoy * 1000) / 10)) },
    ],
  };
  const amount = (v: number) => fmtAmount(v, lang);
  // Contribution and pull are relative to the scope's total: the district, or a park's own zone.
  const scopeWord = t(data?.scope.kind === 'zone' ? 'statistics.cockpit.relative.scopeZone' : 'statistics.cockpit.relative.scopeDistrict');
  return (
    <>
      <PageHeader
        title={t('statistics.monitoring.title')}
        subtitle={t('statistics.monitoring.subtitle')}
        extra={
          <Button onClick={() => exportBreakdown({ indicator, period, by }).catch(notifyError)}>{t('statistics.monitoring.export')}</Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>{t('statistics.indicator')}</span>
          <Select<IndicatorCode> value={indicator} onChange={setIndicator} style={{ width: 180 }} options={INDICATOR_CODES.map((c) => ({ value: c, label: t(`statistics.indicators.${c}`) }))} />
          <span>{t('statistics.period')}</span>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${period}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} />
          <span>{t('statistics.dimension')}</span>
          <Select<(typeof DIMENSIONS)[number]> value={by} onChange={setBy} style={{ width: 160 }} options={DIMENSIONS.map((d) => ({ value: d, label: t(`statistics.dims.${d}`) }))} />
        </Space>
      </Card>
      {error && <LoadError error={error} onRetry={reload} />}
      <Card size="small" title={t('statistics.monitoring.chart')} style={{ marginBottom: 16 }}>
        {/* data-chart: the chart's labels are data (group names), as the table rows are. */}
        <div data-chart="monitoring">
          <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 340 }} />
        </div>
      </Card>
      <Table<BreakdownRowView>
        size="small"
        rowKey="code"
        loading={loading}
        dataSource={data?.rows}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(r) => ({ onClick: () => setDrill({ by, key: r.code, name: groupName(r, lang) }), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('statistics.columns.group'), dataIndex: 'key', render: (_: string, r: BreakdownRowView) => groupName(r, lang) },
          { title: `${t('statistics.columns.month')}${inParens(unit)}`, dataIndex: 'month', align: 'right', render: amount },
          { title: `${t('statistics.columns.ytd')}${inParens(unit)}`, dataIndex: 'ytd', align: 'right', render: amount },
          { title: `${t('statistics.columns.base')}${inParens(unit)}`, dataIndex: 'base', align: 'right', render: amount },
          { title: t('statistics.columns.yoy'), dataIndex: 'yoy', align: 'right', render: (v: number | null) => <span style={{ color: growthColor(v) }}>{fmtPct(v)}</span> },
          { title: t('statistics.columns.nominalYoy'), dataIndex: 'nominalYoy', align: 'right', render: (v: number | null) => fmtPct(v) },
          { title: t('statistics.cockpit.relative.contributionOfScope', { scope: scopeWord }), dataIndex: 'contribution', align: 'right', render: (v: number | null) => fmtPct(v) },
          { title: t('statistics.cockpit.relative.pullOfScope', { scope: scopeWord }), dataIndex: 'pull', align: 'right', render: (v: number | null) => fmtPp(v) },
          { title: t('statistics.columns.enterprises'), dataIndex: 'enterprises', align: 'right' },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{amount(data.total.month)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{amount(data.total.ytd)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{amount(data.total.base)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{fmtPct(data.total.yoy)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{fmtPct(data.total.nominalYoy)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{fmtPct(data.total.contribution)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{fmtPp(data.total.pull)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">{data.total.enterprises}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <DrillModal target={drill} period={period} indicator={indicator} onClose={() => setDrill(null)} />
    </>
  );
}
