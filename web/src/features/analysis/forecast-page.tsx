import { Alert, Card, Col, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { getForecast } from './analysis.api.ts';
import { FanChart, TornadoChart } from './forecast-charts.tsx';
import { GapCard } from './gap-card.tsx';
import { unitText } from './unit-text.ts';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/**
 * 目标实现概率: P(goal met) for each goal year, the fan chart against the milestone line, the tornado of what
 * moves P most, the pipeline's estimated chances and the backtest. The server computes every number.
 */
export function ForecastPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const forecast = useAsync((signal) => getForecast(signal), []);
  const view = forecast.data;
  if (forecast.error) return <LoadError error={forecast.error} onRetry={forecast.reload} />;
  // The first forecast of a data version takes seconds (it is then cached): say what is coming meanwhile.
  if (!view) {
    return (
      <>
        <PageHeader title={t('analysis.forecast.title')} />
        <Spin style={{ display: 'block', margin: 48 }} />
      </>
    );
  }
  const open = view.goals.filter((g) => !g.decided);
  return (
    <>
      <PageHeader title={t('analysis.forecast.title')} subtitle={t('analysis.forecast.subtitle', { asOf: view.asOf, runs: view.runs })} />
      {view.refused.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('analysis.forecast.refused', { keys: view.refused.map((r) => r.key).join(', ') })} />}
      <Row gutter={[16, 16]}>
        {view.goals.map((g) => (
          <Col key={g.key} xs={24} sm={12} lg={6}>
            <Card size="small" data-testid={`goal-${g.year}-${g.metric}`}>
              <Typography.Text type="secondary">
                {g.metric} · {g.year}
              </Typography.Text>
              {g.decided ? (
                <Statistic value={g.p50.toFixed(2)} suffix={unitText(g.unit, t)} title={<Tag color={g.p >= 1 ? 'green' : 'red'}>{g.p >= 1 ? t('analysis.forecast.decidedMet') : t('analysis.forecast.decidedMissed')}</Tag>} />
              ) : (
                <Statistic title={t('analysis.forecast.probability')} value={pct(g.p)} valueStyle={{ color: g.p < 0.5 ? '#cf1322' : '#1f7a4d' }} />
              )}
              <Typography.Text type="secondary">
                {t('analysis.forecast.target', { value: g.target, unit: unitText(g.unit, t) })}
                {!g.decided && ` · P10 ${g.p10.toFixed(1)} / P50 ${g.p50.toFixed(1)} / P90 ${g.p90.toFixed(1)}`}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {view.metrics.map((m) => (
          <Col key={m.metric} xs={24} lg={12}>
            <Card size="small" title={t('analysis.forecast.fan', { metric: m.metric })}>
              <FanChart metric={m} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {view.goals
          .filter((g) => g.decided && g.p < 1)
          .map((g) => (
            <Col key={`gap-${g.key}`} xs={24} lg={12}>
              <GapCard metric={g.metric} year={g.year} />
            </Col>
          ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {open
          .filter((g) => g.year === Math.max(...open.filter((o) => o.metric === g.metric).map((o) => o.year)))
          .map((g) => (
            <Col key={g.key} xs={24} lg={12}>
              <Card size="small" title={t('analysis.forecast.tornado', { metric: g.metric, year: g.year })}>
                <TornadoChart goal={g} lang={lang} />
              </Card>
            </Col>
          ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.forecast.pipeline')}>
            {view.pipeline.map((s) => (
              <div key={s.stage}>
                {t('analysis.forecast.stageRow', {
                  stage: t(`analysis.forecast.stage.${s.stage}`),
                  p: pct(s.p),
                  delay: s.meanDelayYears.toFixed(1),
                  s: s.successes,
                  f: s.failures,
                  o: s.open,
                  prior: s.priorDominates ? t('analysis.forecast.priorNote') : '',
                })}
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('analysis.forecast.backtest')} data-testid="backtest">
            <Typography.Paragraph>
              {t('analysis.forecast.backtestText', { error: pct(view.backtest.medianAbsError), coverage: pct(view.backtest.coverage), cells: view.backtest.cells })}
            </Typography.Paragraph>
            {view.backtest.rows.map((r) => (
              <div key={`${r.metric}-${r.year}`}>{t('analysis.forecast.backtestRow', { metric: r.metric, year: r.year, p50: r.p50.toFixed(2), actual: r.actual.toFixed(2), error: pct(r.error) })}</div>
            ))}
          </Card>
        </Col>
      </Row>
    </>
  );
}
