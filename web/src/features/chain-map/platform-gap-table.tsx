import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlatformGapItem } from '../../../../contracts/chain-map.ts';

/**
 * 平台缺口清单 (issue 14 §1 on the map): refused or wait-listed demand for an instrument the district offers, and
 * instruments it lacks, with the chain nodes of the enterprises behind them. Counts and labels only.
 */
export function PlatformGapTable({ items, onOpenNode, showNodes = true }: { items: PlatformGapItem[]; onOpenNode?: (nodeId: string) => void; showNodes?: boolean }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  return (
    <Table<PlatformGapItem>
      rowKey={(g) => `${g.gapKind}:${g.label}:${g.platformName ?? ''}`}
      size="small"
      data-testid="platform-gaps"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: t('chainMap.kind'), dataIndex: 'gapKind', width: 110, render: (k: PlatformGapItem['gapKind']) => <Tag color={k === 'missing' ? 'red' : 'orange'}>{t(`chainMap.gapKinds.${k}`)}</Tag> },
        { title: t('chainMap.instrument'), dataIndex: 'label', width: 220 },
        { title: t('chainMap.platform'), dataIndex: 'platformName', width: 200, render: (v: string | null) => v ?? '—' },
        { title: t('chainMap.demand'), dataIndex: 'demand', width: 90 },
        { title: t('chainMap.hoursPerMonth'), dataIndex: 'hoursPerMonth', width: 110, render: (v: number | null) => (v ? v : '—') },
        { title: t('chainMap.demandEnterprises'), dataIndex: 'enterprises', width: 100 },
        ...(showNodes
          ? [
              {
                title: t('chainMap.nodes'),
                render: (_v: unknown, g: PlatformGapItem) =>
                  g.nodes.map((n) => (
                    <Tag key={n.id} style={{ cursor: onOpenNode ? 'pointer' : undefined }} onClick={() => onOpenNode?.(n.id)}>
                      {english ? n.nameEn : n.nameZh}
                    </Tag>
                  )),
              },
            ]
          : []),
      ]}
    />
  );
}
