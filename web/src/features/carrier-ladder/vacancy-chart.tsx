import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { getVacancy } from './carrier-ladder.api.ts';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** A carrier's vacancy (line, %) and leased area (bars, m²) at each month end over the last 36 months. */
export function VacancyChart({ carrierId }: { carrierId: string }) {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync((signal) => getVacancy(carrierId, {}, signal), [carrierId]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!data) return null;
  const vacancy = t('carrierLadder.vacancyRate');
  const leased = t('carrierLadder.leasedArea');
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [leased, vacancy], top: 0 },
    grid: { left: 60, right: 60, top: 56, bottom: 30 },
    xAxis: { type: 'category', data: data.points.map((p) => p.month) },
    yAxis: [
      { type: 'value', name: 'm²' },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: leased, type: 'bar', data: data.points.map((p) => p.leasedArea), itemStyle: { color: '#91caff' } },
      { name: vacancy, type: 'line', yAxisIndex: 1, data: data.points.map((p) => (p.vacancyRate === null ? null : Math.round(p.vacancyRate * 1000) / 10)), itemStyle: { color: '#fa8c16' } },
    ],
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 300 }} />;
}
