import { MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { jinshanMap } from '../../app/charts/jinshan-map.ts';
import { useTranslation } from 'react-i18next';
import type { PlanZone } from '../../../../contracts/plan.ts';

echarts.use([MapChart, ScatterChart, GeoComponent, TooltipComponent, CanvasRenderer]);
const JINSHAN_MAP = jinshanMap();

/** Longitude west of which a marker's label is put on its left (the district spans about 121.0–121.45 °E). */
const WEST_OF = 121.25;

/**
 * The district outline ships with the bundle (app/charts/jinshan-map.ts): no tiles, no requests. Only Jinshan
 * is registered, so the map frames the district itself.
 */
export function ZonesMap({ zones, selectedKey, onSelect }: { zones: readonly PlanZone[]; selectedKey?: string | null; onSelect?: (key: string) => void }) {
  const { t } = useTranslation();
  const placed = zones.filter((z) => z.lon !== null && z.lat !== null);
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (p: { data?: { zone?: PlanZone } }) => {
        const z = p.data?.zone;
        if (!z) return '';
        const carriers = z.carriers.length ? z.carriers.join('、') : t('plan.zones.noCarriers');
        return `<b>${escapeHtml(z.name)}</b><br/>${escapeHtml(t('plan.zones.base'))}: ${escapeHtml(z.base || '—')}<br/>${escapeHtml(t('plan.zones.carriers'))}: ${escapeHtml(carriers)}`;
      },
    },
    geo: {
      map: JINSHAN_MAP,
      roam: false,
      layoutCenter: ['50%', '50%'],
      layoutSize: '95%',
      itemStyle: { areaColor: '#e6f0ea', borderColor: '#4f7a63', borderWidth: 1.5 },
      emphasis: { disabled: true },
      label: { show: false },
      silent: true,
    },
    series: [
      {
        type: 'scatter',
        coordinateSystem: 'geo',
        symbolSize: (_v: unknown, p: { data: { zone: PlanZone } }) => (p.data.zone.key === selectedKey ? 22 : 15),
        itemStyle: { color: '#1f7a4d', borderColor: '#fff', borderWidth: 2 },
        label: {
          show: true,
          position: 'right',
          formatter: (p: { data: { zone: PlanZone } }) => `${p.data.zone.name}${p.data.zone.alias ? `(${p.data.zone.alias})` : ''}`,
          fontSize: 13,
          fontWeight: 600,
          color: '#1b3a2b',
          backgroundColor: 'rgba(255,255,255,0.85)',
          padding: [2, 4],
          borderRadius: 3,
        },
        // Labels of the western zones go left so that neighbouring markers' labels do not overlap.
        data: placed.map((z) => ({ name: z.name, value: [z.lon, z.lat], zone: z, label: { position: (z.lon ?? 0) < WEST_OF ? 'left' : 'right' } })),
      },
    ],
  };
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height: 460, width: '100%' }}
      onEvents={{ click: (p: { data?: { zone?: PlanZone } }) => p.data?.zone && onSelect?.(p.data.zone.key) }}
      opts={{ renderer: 'canvas' }}
    />
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
