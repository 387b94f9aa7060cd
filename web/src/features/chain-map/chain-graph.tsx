import { GraphChart } from 'echarts/charts';
import { TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { CHAIN_STAGES } from '../../../../contracts/chains.ts';
import type { ChainMapNode, ChainMapView } from '../../../../contracts/chain-map.ts';
import { strengthColour } from './chain-colours.ts';
import { fmtPct, fmtYi } from './chain-format.ts';

echarts.use([GraphChart, TooltipComponent, TitleComponent, CanvasRenderer]);

const COLUMN_WIDTH = 360;
const ROW_HEIGHT = 40;
const BAND_GAP = 70;

/**
 * The chains as one graph: a band per domain, upstream → midstream → downstream columns, each node coloured by
 * strength and sized by output (by enterprise count when the caller sees no figures). Links run through a small
 * hub between two columns, so 60+ nodes stay readable instead of a full bipartite web.
 */
export function ChainGraph({ view, onOpen }: { view: ChainMapView; onOpen: (node: ChainMapNode) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const all = view.domains.flatMap((d) => d.nodes);
  const sizeOf = (n: ChainMapNode) => {
    const max = Math.max(1, ...all.map((x) => (view.figuresVisible ? (x.outputYtd ?? 0) : x.enterprises)));
    const v = view.figuresVisible ? (n.outputYtd ?? 0) : n.enterprises;
    return 14 + 36 * Math.sqrt(v / max);
  };
  const data: Record<string, unknown>[] = [];
  const links: { source: string; target: string }[] = [];
  let top = 0;
  for (const domain of view.domains) {
    const columns = CHAIN_STAGES.map((stage) => domain.nodes.filter((n) => n.stage === stage));
    const rows = Math.max(1, ...columns.map((c) => c.length));
    data.push({ id: `title-${domain.code}`, name: english ? domain.nameEn : domain.nameZh, x: -60, y: top, symbolSize: 0, label: { show: true, position: 'right', fontWeight: 'bold', fontSize: 15, color: '#1f1f1f' }, tooltip: { show: false } });
    columns.forEach((column, ci) => {
      data.push({ id: `stage-${domain.code}-${ci}`, name: t(`chainMap.stages.${CHAIN_STAGES[ci]!}`), x: ci * COLUMN_WIDTH - 6, y: top + 14, symbolSize: 0, label: { show: true, position: 'right', color: '#8c8c8c', fontSize: 12 }, tooltip: { show: false } });
      const offset = ((rows - column.length) * ROW_HEIGHT) / 2;
      column.forEach((n, ri) => {
        data.push({
          id: n.id,
          name: english ? n.nameEn : n.nameZh,
          x: ci * COLUMN_WIDTH,
          y: top + 44 + offset + ri * ROW_HEIGHT,
          symbolSize: sizeOf(n),
          value: n.gap,
          itemStyle: { color: strengthColour(n.strength), borderColor: n.red ? '#a8071a' : '#ffffff', borderWidth: n.red ? 2 : 1 },
          label: { show: true, position: 'right', fontSize: 12, width: COLUMN_WIDTH - 140, overflow: 'truncate' },
          node: n,
        });
      });
      if (ci < columns.length - 1) {
        const hub = `hub-${domain.code}-${ci}`;
        data.push({ id: hub, name: '', x: ci * COLUMN_WIDTH + COLUMN_WIDTH * 0.72, y: top + 40 + ((rows - 1) * ROW_HEIGHT) / 2, symbolSize: 4, itemStyle: { color: '#bfbfbf' }, tooltip: { show: false }, label: { show: false } });
        for (const n of column) links.push({ source: n.id, target: hub });
        for (const n of columns[ci + 1]!) links.push({ source: hub, target: n.id });
      }
    });
    top += 40 + rows * ROW_HEIGHT + BAND_GAP;
  }
  const tooltip = (n: ChainMapNode) =>
    [
      `<b>${english ? n.nameEn : n.nameZh}</b> · ${t(`chainMap.stages.${n.stage}`)}`,
      `${t('chainMap.strength')}: ${n.strength.toFixed(2)} · ${t('chainMap.gap')}: ${n.gap.toFixed(2)} (${t('chainMap.importance')} ${n.importance.toFixed(2)})`,
      `${t('chainMap.enterprises')}: ${n.enterprises} · ${t('chainMap.leaders')}: ${n.leaders} · ${t('chainMap.aboveScale')}: ${n.aboveScale}`,
      ...(view.figuresVisible ? [`${t('chainMap.output')}: ${fmtYi(n.outputYtd, i18n.language)} ${t('chainMap.unitYi')} · ${t('chainMap.share')}: ${fmtPct(n.share)} · ${t('chainMap.growth')}: ${fmtPct(n.growth)}`] : []),
      `${t('chainMap.projects')}: ${n.projects} (${t('chainMap.signed')} ${n.signedProjects})`,
      `${t('chainMap.platforms')}: ${n.platforms} · ${t('chainMap.experts')}: ${n.experts} · ${t('chainMap.openWarnings')}: ${n.openWarnings}`,
      ...(n.platformGaps > 0 ? [`<span style="color:#cf1322">${t('chainMap.platformGapsOnNode', { count: n.platformGaps })}</span>`] : []),
    ].join('<br/>');
  const option = {
    tooltip: { trigger: 'item', formatter: (p: { data?: { node?: ChainMapNode } }) => (p.data?.node ? tooltip(p.data.node) : '') },
    series: [
      {
        type: 'graph',
        layout: 'none',
        roam: true,
        data,
        links,
        lineStyle: { color: '#d9d9d9', width: 1, curveness: 0.15 },
        emphasis: { focus: 'adjacency', lineStyle: { width: 2 } },
        left: 40,
        right: 280,
        top: 20,
        bottom: 20,
      },
    ],
  };
  const height = Math.max(420, Math.min(1400, top));
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height }}
      onEvents={{ click: (p: { data?: { node?: ChainMapNode } }) => p.data?.node && onOpen(p.data.node) }}
    />
  );
}
