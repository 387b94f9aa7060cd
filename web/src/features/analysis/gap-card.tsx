import { Card, Col, Row, Spin, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GapAnalysisView } from '../../../../contracts/forecast.ts';
import { useAsync } from '../../app/use-async.ts';
import { getGapAnalysis } from './analysis.api.ts';
import { unitText } from './unit-text.ts';

type Part = GapAnalysisView['byGroup'][number];

/** 事后分析 of a missed goal year: the gap by enterprise group and by zone (each adds up to the gap). */
export function GapCard({ metric, year }: { metric: string; year: number }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const gap = useAsync((signal) => getGapAnalysis(metric, `${year}-12`, signal), [metric, year]);
  const d = gap.data;
  const columns = (title: string) => [
    { title, key: 'name', render: (_: unknown, p: Part) => (english ? p.name.en : p.name.zh) },
    { title: t('analysis.gap.gap', { unit: d ? unitText(d.unit, t) : '' }), dataIndex: 'gap', align: 'right' as const, render: (v: number) => v.toFixed(2) },
  ];
  return (
    <Card size="small" title={t('analysis.gap.title', { metric, year })} data-testid={`gap-${year}-${metric}`}>
      {!d ? (
        <Spin />
      ) : (
        <>
          <Typography.Paragraph>
            {t('analysis.gap.summary', { target: d.target.toFixed(2), actual: d.actual.toFixed(2), gap: d.gap.toFixed(2), unit: unitText(d.unit, t), required: d.requiredChange.toFixed(2), change: d.actualChange.toFixed(2) })}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}>
              <Table<Part> size="small" rowKey="key" pagination={false} dataSource={d.byGroup} columns={columns(t('analysis.gap.byGroup'))} />
            </Col>
            <Col span={12}>
              <Table<Part> size="small" rowKey="key" pagination={false} dataSource={d.byZone} columns={columns(t('analysis.gap.byZone'))} />
            </Col>
          </Row>
          {d.slippedProjects.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }}>
              {t('analysis.gap.slipped', { list: d.slippedProjects.map((p) => `${p.name} (${p.plannedOn})`).join('; ') })}
            </Typography.Paragraph>
          )}
        </>
      )}
    </Card>
  );
}
