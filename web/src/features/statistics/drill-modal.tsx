import { Modal, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, StatDimension } from '../../../../contracts/statistics.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { getDrill } from './statistics.api.ts';
import { fmtAmount, fmtPct, fmtPp, growthColor } from './stat-format.ts';

export interface DrillTarget {
  by: StatDimension;
  key: string;
  name: string;
}

/** The enterprises behind one figure; amounts in 万元 (enterprise level), contribution/pull within the group. */
export function DrillModal({ target, period, indicator, onClose }: { target: DrillTarget | null; period: string; indicator: IndicatorCode; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useAsync(
    (signal) => (target ? getDrill({ period, indicator, by: target.by, key: target.key }, signal) : Promise.resolve(null)),
    [target?.by, target?.key, period, indicator],
  );
  const lang = i18n.language;
  return (
    <Modal open={target !== null} onCancel={onClose} footer={null} width={980} title={target ? t('statistics.drill.title', { name: target.name }) : ''} destroyOnHidden>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <Table<BreakdownRowView>
          size="small"
          rowKey="code"
          loading={loading}
          dataSource={data?.rows ?? []}
          pagination={{ pageSize: 15, showSizeChanger: false }}
          columns={[
            { title: t('statistics.columns.enterprise'), dataIndex: 'key', ellipsis: true },
            { title: `${t('statistics.columns.ytd')}（${t('statistics.unitWan')}）`, dataIndex: 'ytd', align: 'right', render: (v: number) => fmtAmount(v, lang) },
            { title: `${t('statistics.columns.base')}（${t('statistics.unitWan')}）`, dataIndex: 'base', align: 'right', render: (v: number) => fmtAmount(v, lang) },
            { title: t('statistics.columns.yoy'), dataIndex: 'yoy', align: 'right', render: (v: number | null) => <span style={{ color: growthColor(v) }}>{fmtPct(v)}</span> },
            { title: t('statistics.columns.contribution'), dataIndex: 'contribution', align: 'right', render: (v: number | null) => fmtPct(v) },
            { title: t('statistics.columns.pull'), dataIndex: 'pull', align: 'right', render: (v: number | null) => fmtPp(v) },
          ]}
          summary={() =>
            data ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{fmtAmount(data.total.ytd, lang)}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{fmtAmount(data.total.base, lang)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{fmtPct(data.total.yoy)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} colSpan={2} />
              </Table.Summary.Row>
            ) : null
          }
        />
      )}
      {data && data.omitted > 0 && <Typography.Text type="secondary">{t('statistics.drill.omitted', { count: data.omitted })}</Typography.Text>}
    </Modal>
  );
}
