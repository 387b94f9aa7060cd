import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ladder } from '../../../../contracts/carrier-ladder.ts';

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

/** Column of each node: entries, the three rungs, the ways out. */
const DEPTH: Record<string, number> = { entered: 0, incubator: 1, 'public-platform': 1, accelerator: 2, 'industrial-park': 3, 'own-premises': 4, 'left-district': 4, closed: 4 };
const COLOUR: Record<string, string> = {
  entered: '#8c8c8c',
  incubator: '#69b1ff',
  'public-platform': '#91caff',
  accelerator: '#1677ff',
  'industrial-park': '#003eb3',
  'own-premises': '#52c41a',
  'left-district': '#fa8c16',
  closed: '#bfbfbf',
};

/** The ladder's flows as a Sankey (acyclic by construction: only upward moves and ways out). */
export function LadderSankey({ flows }: { flows: Ladder['flows'] }) {
  const { t } = useTranslation();
  if (flows.links.length === 0) return <Empty description={t('carrierLadder.noFlows')} />;
  const used = [...new Set(flows.links.flatMap((l) => [l.source, l.target]))];
  const label = (n: string) => t(`carrierLadder.nodes.${n as 'entered'}`);
  const option = {
    tooltip: { trigger: 'item', triggerOn: 'mousemove' },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 150,
        top: 10,
        bottom: 10,
        nodeAlign: 'left',
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' },
        data: used.map((n) => ({ name: label(n), depth: DEPTH[n] ?? 4, itemStyle: { color: COLOUR[n] ?? '#999' } })),
        links: flows.links.map((l) => ({ source: label(l.source), target: label(l.target), value: l.value })),
        label: { formatter: (p: { name: string; value: number }) => `${p.name}  ${p.value}` },
        lineStyle: { color: 'gradient', opacity: 0.4 },
      },
    ],
  };
  return (
    <div data-testid="ladder-sankey">
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 360 }} />
    </div>
  );
}
