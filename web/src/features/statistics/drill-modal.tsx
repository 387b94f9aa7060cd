import { Modal, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import type { DrillRowView, StatDimension } from '../../../../contracts/statistics.ts';
import type { cockpitExtrasZhCN } from '../cockpit/cockpit.i18n.zh-CN.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { drillColumnsShown } from './drill-columns.ts';
import { getDrill } from './statistics.api.ts';
import { fmtAmount, fmtPct, fmtPp, growthColor } from './stat-format.ts';

export interface DrillTarget {
  by: StatDimension;
  key: string;
  name: string;
}

/** The enterprises behind one figure; amounts in 万元 (enterprise level), each name a link to its 一企一档. */
export function DrillModal({ target, period, indicator, onClose }: { target: DrillTarget | null; period: string; indicator: IndicatorCode; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { data, error, loading, reload } = useAsync(
    (signal) => (target ? getDrill({ period, indicator, by: target.by, key: target.key }, signal) : Promise.resolve(null)),
    [target?.by, target?.key, period, indicator],
  );
  const lang = i18n.language;
  const inParens = (u: string) => (lang.startsWith('en') ? ` (${u})` : `（${u}）`);
  const r = (key: keyof typeof cockpitExtrasZhCN.relative, options?: Record<string, unknown>) => t(`statistics.cockpit.relative.${key}`, options ?? {});
  const scope = r(data?.scope.kind === 'zone' ? 'scopeZone' : 'scopeDistrict');
  const shown = data ? drillColumnsShown(data) : { cell: false };
  const note = !data
    ? null
    : shown.cell
      ? r('drillNote', { name: target?.name ?? '', scope })
      : data.by === 'total'
        ? r('drillNoteScope', { scope })
        : r('drillNoteSingle', { scope });
  const columns: ColumnsType<DrillRowView> = [
    {
      title: t('statistics.columns.enterprise'),
      dataIndex: 'key',
      // Whole names, wrapped: they are what the official is looking for.
      render: (name: string, row) => (
        <Link to={`/enterprises/${row.code}`} title={r('profile')} data-testid="drill-profile-link" style={{ whiteSpace: 'normal', wordBreak: 'break-word' }}>
          {name}
        </Link>
      ),
    },
    { title: `${t('statistics.columns.ytd')}${inParens(t('statistics.unitWan'))}`, dataIndex: 'ytd', align: 'right', width: 130, render: (v: number) => fmtAmount(v, lang) },
    { title: `${t('statistics.columns.base')}${inParens(t('statistics.unitWan'))}`, dataIndex: 'base', align: 'right', width: 130, render: (v: number) => fmtAmount(v, lang) },
    { title: r('change'), key: 'change', align: 'right', width: 120, render: (_: unknown, row) => <span style={{ color: growthColor(row.ytd - row.base) }}>{fmtAmount(row.ytd - row.base, lang)}</span> },
    { title: t('statistics.columns.yoy'), dataIndex: 'yoy', align: 'right', width: 100, render: (v: number | null) => <span style={{ color: growthColor(v) }}>{fmtPct(v)}</span> },
    ...(shown.cell
      ? ([
          { title: r('contributionOfCell'), dataIndex: 'contribution', align: 'right', width: 110, render: (v: number | null) => fmtPct(v) },
          { title: r('pullOfCell'), dataIndex: 'pull', align: 'right', width: 100, render: (v: number | null) => fmtPp(v) },
        ] satisfies ColumnsType<DrillRowView>)
      : []),
    ...(data?.by === 'total' ? ([{ title: r('contributionOfScope', { scope }), dataIndex: 'scopeContribution', align: 'right', width: 110, render: (v: number | null) => fmtPct(v) }] satisfies ColumnsType<DrillRowView>) : []),
    { title: r('pullOfScope', { scope }), dataIndex: 'scopePull', align: 'right', width: 110, render: (v: number | null) => fmtPp(v) },
  ];
  return (
    <Modal open={target !== null} onCancel={onClose} footer={null} width={1100} title={target ? t('statistics.drill.title', { name: target.name }) : ''} destroyOnHidden>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <>
          {note && (
            <Typography.Paragraph type="secondary" data-testid="drill-note" style={{ marginBottom: 8 }}>
              {note}
            </Typography.Paragraph>
          )}
          <Table<DrillRowView>
            size="small"
            rowKey="code"
            loading={loading}
            dataSource={data?.rows}
            pagination={{ pageSize: 15, showSizeChanger: false }}
            columns={columns}
            summary={() =>
              data ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{fmtAmount(data.total.ytd, lang)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{fmtAmount(data.total.base, lang)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{fmtAmount(data.total.ytd - data.total.base, lang)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{fmtPct(data.total.yoy)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} colSpan={columns.length - 5} />
                </Table.Summary.Row>
              ) : null
            }
          />
        </>
      )}
      {data && data.omitted > 0 && <Typography.Text type="secondary">{t('statistics.drill.omitted', { count: data.omitted })}</Typography.Text>}
    </Modal>
  );
}
