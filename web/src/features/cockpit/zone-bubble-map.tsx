import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { jinshanMap } from '../../app/charts/jinshan-map.ts';
import type { CockpitView } from '../../../../contracts/statistics.ts';
import { fmtPct, groupName, toYi } from '../statistics/stat-format.ts';

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);
const JINSHAN_MAP = jinshanMap();

type Zone = CockpitView['zones'][number];

/** A bubble per zone: area ∝ YTD, green when growing, red when falling; a click drills down. */
export function ZoneBubbleMap({ zones, onSelect, language }: { zones: Zone[]; onSelect: (zone: Zone) => void; language: string }) {
  const placed = zones.filter((z) => z.lon !== null && z.lat !== null);
  const max = Math.max(1, ...placed.map((z) => z.ytd));
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: { zone?: Zone } }) => {
        const z = p.data?.zone;
        return z ? `${escapeHtml(groupName(z, language))}<br/>${(toYi(z.ytd) ?? 0).toFixed(2)} · ${fmtPct(z.yoy)}` : '';
      },
    },
    geo: { map: JINSHAN_MAP, roam: false, layoutCenter: ['50%', '50%'], layoutSize: '95%', silent: true, itemStyle: { areaColor: '#eef4f0', borderColor: '#4f7a63' } },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: (_v: unknown, p: { data: { zone: Zone } }) => 14 + 46 * Math.sqrt(Math.max(0, p.data.zone.ytd) / max),
        itemStyle: { opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
        label: { show: true, position: 'right', formatter: (p: { data: { zone: Zone } }) => groupName(p.data.zone, language), fontSize: 12, color: '#1b3a2b' },
        data: placed.map((z) => ({ value: [z.lon, z.lat], zone: z, itemStyle: { color: (z.yoy ?? 0) < 0 ? '#cf1322' : '#1f7a4d' } })),
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 340, width: '100%' }}
      onEvents={{ click: (p: { data?: { zone?: Zone } }) => p.data?.zone && onSelect(p.data.zone) }}
    />
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
