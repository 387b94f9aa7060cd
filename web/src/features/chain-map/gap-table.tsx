import { Progress, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChainMapNode, ChainMapView } from '../../../../contracts/chain-map.ts';
import { strengthColour } from './chain-colours.ts';
import { fmtPct, fmtYi } from './chain-format.ts';

/** The nodes of the shown domains, largest gap first (缺链补链排名). */
export function GapTable({ view, onOpen }: { view: ChainMapView; onOpen: (node: ChainMapNode) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const domainName = new Map(view.domains.map((d) => [d.code, english ? d.nameEn : d.nameZh]));
  return (
    <Table<ChainMapNode>
      rowKey="id"
      size="small"
      dataSource={view.gaps}
      pagination={{ pageSize: 15, showSizeChanger: false }}
      columns={[
        { title: t('chainMap.rank'), width: 60, render: (_v, _n, i) => i + 1 },
        { title: t('chainMap.domain'), dataIndex: 'domain', width: 170, render: (c: string) => domainName.get(c) ?? c },
        { title: t('chainMap.node'), width: 300, render: (_v, n) => <Typography.Link onClick={() => onOpen(n)}>{english ? n.nameEn : n.nameZh}</Typography.Link> },
        { title: t('chainMap.stage'), dataIndex: 'stage', width: 90, render: (s: string) => <Tag>{t(`chainMap.stages.${s}` as 'chainMap.stages.upstream')}</Tag> },
        { title: t('chainMap.strength'), dataIndex: 'strength', width: 150, render: (s: number) => <Progress percent={Math.round(s * 100)} size="small" strokeColor={strengthColour(s)} format={() => s.toFixed(2)} /> },
        { title: t('chainMap.importance'), dataIndex: 'importance', width: 100, render: (w: number) => w.toFixed(2) },
        { title: t('chainMap.gap'), dataIndex: 'gap', width: 80, render: (g: number, n) => <b data-red={n.red ? 'true' : undefined} style={{ color: n.red ? '#cf1322' : undefined }}>{g.toFixed(2)}</b> },
        { title: t('chainMap.enterprises'), dataIndex: 'enterprises', width: 90 },
        { title: t('chainMap.projects'), dataIndex: 'projects', width: 100 },
        ...(view.figuresVisible
          ? [
              { title: `${t('chainMap.output')} (${t('chainMap.unitYi')})`, dataIndex: 'outputYtd', width: 120, render: (v: number | null) => fmtYi(v, i18n.language) },
              { title: t('chainMap.growth'), dataIndex: 'growth', width: 100, render: (v: number | null) => fmtPct(v) },
            ]
          : []),
      ]}
    />
  );
}
