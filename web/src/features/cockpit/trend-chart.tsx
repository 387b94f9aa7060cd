import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { CockpitView } from '../../../../contracts/statistics.ts';
import { toYi } from '../statistics/stat-format.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const round = (v: number | null) => (v === null ? null : Math.round((toYi(v) ?? 0) * 100) / 100);

/** Month values (bars) and YTD (lines) of this year and last year, with the milestone pace line (亿元). */
export function TrendChart({ trend }: { trend: CockpitView['trend'] }) {
  const { t } = useTranslation();
  const names = {
    thisYear: t('statistics.cockpit.thisYear'),
    lastYear: t('statistics.cockpit.lastYear'),
    ytd: t('statistics.cockpit.ytd'),
    lastYearYtd: t('statistics.cockpit.lastYearYtd'),
    milestone: t('statistics.cockpit.milestoneLine'),
  };
  const option = {
    tooltip: { trigger: 'axis' },
    // The legend gets a row of its own above the axis names (in English it is wide enough to run into them).
    legend: { top: 0, left: 'center', width: '80%' },
    grid: { left: 50, right: 50, top: 64, bottom: 30 },
    xAxis: { type: 'category', data: trend.map((p) => `${p.month}`) },
    yAxis: [{ type: 'value', name: t('statistics.unitYi') }, { type: 'value', name: t('statistics.unitYi'), splitLine: { show: false } }],
    series: [
      { name: names.thisYear, type: 'bar', data: trend.map((p) => round(p.value)), itemStyle: { color: '#1f7a4d' } },
      { name: names.lastYear, type: 'bar', data: trend.map((p) => round(p.lastYear)), itemStyle: { color: '#b7d3c2' } },
      { name: names.ytd, type: 'line', yAxisIndex: 1, data: trend.map((p) => round(p.ytd)), itemStyle: { color: '#0b5394' } },
      { name: names.lastYearYtd, type: 'line', yAxisIndex: 1, data: trend.map((p) => round(p.lastYearYtd)), lineStyle: { type: 'dotted' }, itemStyle: { color: '#7f9cc0' } },
      ...(trend.some((p) => p.milestoneYtd !== null)
        ? [{ name: names.milestone, type: 'line', yAxisIndex: 1, data: trend.map((p) => round(p.milestoneYtd)), lineStyle: { type: 'dashed' }, itemStyle: { color: '#cf1322' }, symbol: 'none' }]
        : []),
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />;
}
