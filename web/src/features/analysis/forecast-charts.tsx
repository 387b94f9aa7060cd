import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import type { Forecast } from './analysis.api.ts';
import { unitText } from './unit-text.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Actual values, then the 10–90 % band and the median, against the milestone line (the goal's unit). */
export function FanChart({ metric }: { metric: Forecast['metrics'][number] }) {
  const { t } = useTranslation();
  const years = metric.years;
  const last = years.filter((y) => y.actual).at(-1);
  const future = (y: (typeof years)[number]) => !y.actual || y === last;
  const r = (v: number) => Math.round(v * 100) / 100;
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [t('analysis.forecast.actual'), t('analysis.forecast.median'), t('analysis.forecast.band'), t('analysis.forecast.milestone')] },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
    yAxis: { type: 'value', name: unitText(metric.unit, t) },
    series: [
      { name: 'p10', type: 'line', stack: 'band', data: years.map((y) => (future(y) ? r(y.p10) : null)), lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false } },
      { name: t('analysis.forecast.band'), type: 'line', stack: 'band', data: years.map((y) => (future(y) ? r(y.p90 - y.p10) : null)), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: 'rgba(22,119,255,0.25)' }, itemStyle: { color: 'rgba(22,119,255,0.4)' } },
      { name: t('analysis.forecast.actual'), type: 'line', data: years.map((y) => (y.actual ? r(y.p50) : null)), itemStyle: { color: '#262626' } },
      { name: t('analysis.forecast.median'), type: 'line', data: years.map((y) => (future(y) ? r(y.p50) : null)), lineStyle: { type: 'dashed' }, itemStyle: { color: '#1677ff' } },
      { name: t('analysis.forecast.milestone'), type: 'line', data: years.map((y) => metric.milestones.find((m) => m.year === y.year)?.value ?? null).map((v) => (v === null ? null : r(v))), lineStyle: { type: 'dotted', width: 2 }, itemStyle: { color: '#cf1322' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 320 }} />;
}

/** Tornado: P(goal met) with each part at its 10 % (left) and 90 % (right) outcome around the overall P. */
export function TornadoChart({ goal, lang }: { goal: Forecast['goals'][number]; lang: string }) {
  const { t } = useTranslation();
  const rows = [...goal.sensitivity].slice(0, 12).reverse();
  const label = (r: (typeof rows)[number]) => `${t(`analysis.forecast.kinds.${r.kind}`)}·${lang.startsWith('en') ? r.name.en : r.name.zh}`;
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 220, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: rows.map(label), axisLabel: { width: 200, overflow: 'truncate' } },
    series: [
      { name: t('analysis.forecast.low'), type: 'bar', data: rows.map((r) => r.low), itemStyle: { color: '#ff7875' } },
      { name: t('analysis.forecast.high'), type: 'bar', data: rows.map((r) => r.high), itemStyle: { color: '#69b1ff' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: Math.max(240, rows.length * 28 + 70) }} />;
}
