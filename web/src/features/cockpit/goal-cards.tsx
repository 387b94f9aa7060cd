import { Card, Col, Progress, Row, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalProgressView } from '../../../../contracts/statistics.ts';
import { fmtPct, toYi } from '../statistics/stat-format.ts';
import { ZoneGoalCard } from './zone-goal-card.tsx';
import { goalMetricLabel } from './goal-metric-label.ts';

const STATUS_COLOR = { 'on-track': 'green', yellow: 'gold', red: 'red' } as const;
const STATUS_KEY = { 'on-track': 'onTrack', yellow: 'yellow', red: 'red' } as const;
const yi = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (toYi(v) ?? 0).toFixed(2));

/**
 * One card per goal metric: the first goal year's result against its target with the gap, progress towards
 * the last goal year (required CAGR from the latest year against the actual CAGR so far), and this year's
 * milestone completion against time progress, coloured by status. A park (zone view) gets its own cards: the
 * goals are the district's, so a zone's values are set beside the targets as shares, without a verdict.
 */
export function GoalCards({ goals, zone, badge }: { goals: GoalProgressView[]; zone: boolean; badge?: (metric: string) => ReactNode }) {
  const { t, i18n } = useTranslation();
  if (zone)
    return (
      <>
        <Typography.Paragraph type="secondary">{t('statistics.cockpit.zoneGoals.note')}</Typography.Paragraph>
        <Row gutter={[16, 16]}>
          {goals.map((g) => (
            <Col xs={24} xl={12} key={g.key}>
              <ZoneGoalCard goal={g} />
            </Col>
          ))}
        </Row>
      </>
    );
  return (
    <Row gutter={[16, 16]}>
      {goals.map((g) => {
        const first = g.targets[0]!;
        const last = g.targets[g.targets.length - 1]!;
        const firstActual = g.actuals.find((a) => a.year === first.year)?.value ?? null;
        const latest = g.actuals[g.actuals.length - 1] ?? null;
        const requiredFromLatest = latest && latest.value > 0 && last.year > latest.year ? (last.value / latest.value) ** (1 / (last.year - latest.year)) - 1 : null;
        const c = g.current;
        const statusColor = c.status ? STATUS_COLOR[c.status] : undefined;
        return (
          <Col xs={24} xl={12} key={g.key}>
            <Card title={goalMetricLabel(g.metric, i18n.language)} size="small" extra={
                <>
                  {badge?.(g.metric)}
                  {c.status && <Tag color={statusColor}>{t(`statistics.cockpit.status.${STATUS_KEY[c.status]}`)}</Tag>}
                </>
              }
            >
              <Row gutter={16}>
                <Col span={8}>
                  {/* The unit beside the label, so "/ 500.00" stays on the value's line in either language. */}
                  <Typography.Text type="secondary">
                    {t('statistics.cockpit.goalYear', { year: first.year })} ({t('statistics.unitYi')})
                  </Typography.Text>
                  <Statistic value={yi(firstActual ?? c.ytd)} suffix={<span style={{ whiteSpace: 'nowrap' }}>/ {yi(first.value)}</span>} valueStyle={{ fontSize: 22, whiteSpace: 'nowrap' }} />
                  {firstActual !== null && (
                    <Tag color={firstActual >= first.value ? 'green' : 'red'}>
                      {firstActual >= first.value ? t('statistics.cockpit.achieved') : t('statistics.cockpit.missed')} · {t('statistics.cockpit.gap')} {yi(firstActual - first.value)}
                    </Tag>
                  )}
                </Col>
                <Col span={8}>
                  <Typography.Text type="secondary">{t('statistics.cockpit.progressTo', { year: last.year })}</Typography.Text>
                  <Progress percent={Math.round(((latest?.value ?? 0) / last.value) * 1000) / 10} size="small" status={(g.actualCagr ?? 0) < (requiredFromLatest ?? 0) ? 'exception' : 'normal'} />
                  <div>{t('statistics.cockpit.requiredCagr')}: <b>{fmtPct(requiredFromLatest)}</b></div>
                  <div>{t('statistics.cockpit.actualCagr')}: <b style={{ color: (g.actualCagr ?? 0) < (requiredFromLatest ?? 0) ? '#cf1322' : '#237804' }}>{fmtPct(g.actualCagr)}</b></div>
                </Col>
                <Col span={8}>
                  <Typography.Text type="secondary">{t('statistics.cockpit.milestone', { year: c.period.slice(0, 4), value: yi(c.milestone) })}</Typography.Text>
                  <div>{t('statistics.cockpit.completion')}: <b style={{ color: statusColor === 'green' ? '#237804' : statusColor === 'gold' ? '#d48806' : '#cf1322' }}>{fmtPct(c.completion).replace('+', '')}</b></div>
                  <div>{t('statistics.cockpit.timeProgress')}: {fmtPct(c.timeProgress).replace('+', '')}</div>
                  <div>{t('statistics.cockpit.estimate')}: {yi(c.yearEndEstimate)}</div>
                </Col>
              </Row>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
