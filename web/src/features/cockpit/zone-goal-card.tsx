import { Card, Col, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { GoalProgressView } from '../../../../contracts/statistics.ts';
import { fmtPct, growthColor, toYi } from '../statistics/stat-format.ts';
import { goalMetricLabel } from './goal-metric-label.ts';

const yi = (v: number | null | undefined) => (v === null || v === undefined ? '—' : (toYi(v) ?? 0).toFixed(2));
/** A share as a percentage with one decimal, for the progress bars (never past 100: the bar is a share). */
const sharePercent = (value: number | null, target: number) => (value === null || target <= 0 ? 0 : Math.min(100, Math.round((value / target) * 1000) / 10));
const shareText = (value: number | null, target: number) => (value === null || target <= 0 ? '—' : `${((value / target) * 100).toFixed(1)}%`);

/**
 * A goal seen from a zone (park): the goals are the district's, so the card sets the zone's own values beside
 * the district's targets as shares — its first goal year's value, its latest complete year against the last
 * goal year, and this year's YTD with comparable growth and estimate — without milestones or a verdict.
 */
export function ZoneGoalCard({ goal }: { goal: GoalProgressView }) {
  const { t, i18n } = useTranslation();
  const first = goal.targets[0]!;
  const last = goal.targets[goal.targets.length - 1]!;
  const firstActual = goal.actuals.find((a) => a.year === first.year)?.value ?? null;
  const latest = goal.actuals[goal.actuals.length - 1] ?? null;
  const c = goal.current;
  return (
    <Card title={goalMetricLabel(goal.metric, i18n.language)} size="small" extra={<Tag color="blue">{t('statistics.cockpit.zoneGoals.districtTarget')}</Tag>} data-testid="zone-goal-card">
      <Row gutter={16}>
        <Col span={8}>
          <Typography.Text type="secondary">{t('statistics.cockpit.zoneGoals.valueIn', { year: first.year })}</Typography.Text>
          <Statistic value={yi(firstActual)} suffix={t('statistics.unitYi')} valueStyle={{ fontSize: 22 }} />
          <Typography.Text type="secondary">
            {t('statistics.cockpit.zoneGoals.shareOf', { year: first.year, value: yi(first.value) })} <b>{shareText(firstActual, first.value)}</b>
          </Typography.Text>
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">
            {latest ? t('statistics.cockpit.zoneGoals.latestIn', { year: latest.year }) : '—'} · {t('statistics.cockpit.zoneGoals.shareOf', { year: last.year, value: yi(last.value) })}
          </Typography.Text>
          <Progress percent={sharePercent(latest?.value ?? null, last.value)} format={() => shareText(latest?.value ?? null, last.value)} size="small" />
          <div>
            {t('statistics.cockpit.zoneGoals.actualCagr', { from: goal.baseline.year, to: latest?.year ?? '—' })}: <b style={{ color: growthColor(goal.actualCagr) }}>{fmtPct(goal.actualCagr)}</b>
          </div>
        </Col>
        <Col span={8}>
          <Typography.Text type="secondary">{t('statistics.cockpit.zoneGoals.ytd', { period: c.period })}</Typography.Text>
          <div>
            <b>{yi(c.ytd)}</b> {t('statistics.unitYi')}
          </div>
          <div>
            {t('statistics.cockpit.zoneGoals.growth')}: <b style={{ color: growthColor(c.growth) }}>{fmtPct(c.growth)}</b>
          </div>
          <div>{t('statistics.cockpit.estimate')}: {yi(c.yearEndEstimate)}</div>
        </Col>
      </Row>
    </Card>
  );
}
