import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Alert, Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { enterpriseStatsSchema } from '../../../../contracts/statistics.ts';
import { api } from '../../app/api.ts';
import { useAsync } from '../../app/use-async.ts';
import { fmtAmount, fmtPct } from './stat-format.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The enterprise's own statistics: monthly series, YTD growth, rank among its domain's peers (anonymised). */
export function EnterpriseStatsCard({ enterpriseId }: { enterpriseId: string }) {
  const { t, i18n } = useTranslation();
  const { data } = useAsync((signal) => api.get(`/api/statistics/enterprises/${enterpriseId}`, enterpriseStatsSchema, { query: { indicator: 'revenue' }, signal }), [enterpriseId]);
  if (!data) return null;
  const series = {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 30, bottom: 30 },
    legend: { top: 0 },
    xAxis: { type: 'category', data: data.series.map((p) => p.period) },
    yAxis: { type: 'value', name: t('statistics.unitWan') },
    series: [{ name: t('statistics.indicators.revenue'), type: 'bar', data: data.series.map((p) => p.value), itemStyle: { color: '#1f7a4d' } }],
  };
  const peers = {
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: data.peerValues.map((p) => `#${p.rank}`) },
    yAxis: { type: 'value', name: t('statistics.unitWan') },
    // A small enterprise among large peers would be an invisible bar: every bar keeps a few pixels, and ours
    // carries its value.
    series: [
      {
        type: 'bar',
        barMinHeight: 3,
        data: data.peerValues.map((p) => ({
          value: p.ytd,
          itemStyle: { color: p.isSelf ? '#cf1322' : '#b7d3c2' },
          ...(p.isSelf ? { label: { show: true, position: 'top', color: '#cf1322', formatter: () => p.ytd.toLocaleString(undefined, { maximumFractionDigits: 2 }) } } : {}),
        })),
      },
    ],
  };
  return (
    <Card size="small" title={`${t('statistics.enterpriseTab.tab')} · ${data.name} · ${data.period}`} style={{ marginBottom: 16 }}>
      {data.pendingPeriod && (
        // The figures are the latest approved month's; the newer report counts once it is approved.
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('statistics.enterpriseTab.pending', { pending: data.pendingPeriod, period: data.period })} />
      )}
      <Row gutter={16}>
        <Col span={6}><Statistic title={`${t('statistics.columns.ytd')}（${t('statistics.unitWan')}）`} value={fmtAmount(data.ytd, i18n.language)} /></Col>
        <Col span={6}><Statistic title={t('statistics.columns.yoy')} value={fmtPct(data.yoy)} /></Col>
        <Col span={12}><Statistic title={t('statistics.enterpriseTab.rank')} value={data.rank ? `${data.rank} / ${data.peers}` : '—'} /></Col>
        <Col xs={24} xl={14}><ReactEChartsCore echarts={echarts} option={series} notMerge style={{ height: 220 }} /></Col>
        <Col xs={24} xl={10}>
          {data.peerValues.length > 0 ? (
            <>
              <div className="muted">{t('statistics.enterpriseTab.peersHint')}</div>
              <ReactEChartsCore echarts={echarts} option={peers} notMerge style={{ height: 200 }} />
            </>
          ) : (
            // Peers' figures are for the district-wide readers only: an enterprise sees its quarter.
            <Statistic title={t('statistics.enterpriseTab.band')} value={data.band ? t(`statistics.enterpriseTab.bands.${data.band}`) : t('statistics.enterpriseTab.bandHidden')} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
