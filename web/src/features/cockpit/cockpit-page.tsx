import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, DatePicker, Empty, List, Row, Select, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { BreakdownRowView, CockpitView } from '../../../../contracts/statistics.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { DrillModal, type DrillTarget } from '../statistics/drill-modal.tsx';
import { fmtAmount, fmtPct, fmtPp, groupName, growthColor, toYi } from '../statistics/stat-format.ts';
import { WarningBadge, countOf, goalCount } from '../warnings/warning-badge.tsx';
import type { cockpitExtrasZhCN } from './cockpit.i18n.zh-CN.ts';
import { getCockpitPage } from './cockpit.api.ts';
import { GoalCards } from './goal-cards.tsx';
import { TrendChart } from './trend-chart.tsx';
import { ZoneBubbleMap } from './zone-bubble-map.tsx';

type RelativeKey = keyof typeof cockpitExtrasZhCN.relative;

/**
 * 驾驶舱: where the district (or, for a park, its zone) stands against the goals. Every figure opens the
 * enterprises behind it. Aggregates in 亿元; the server computes every number (SPEC §4).
 */
export function CockpitPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [period, setPeriod] = useState<string | undefined>();
  const [indicator, setIndicator] = useState<IndicatorCode>('revenue');
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  // One request for the page (cockpit, goals and the live warnings rolled up on the goals, zones and domains —
  // a badge links to the filtered warnings list): a full reload waits for one round trip, not three.
  const page = useAsync((signal) => getCockpitPage({ indicator, ...(period ? { period } : {}) }, signal), [indicator, period]);
  const cockpit = { ...page, data: page.data?.cockpit };
  const goals = { data: page.data?.goals };
  const warnings = { data: page.data?.warnings ?? undefined };
  const view = cockpit.data;
  const yi = (v: number) => fmtAmount(toYi(v), lang);
  const open = (by: DrillTarget['by'], key: string, name: string) => setDrill({ by, key, name });
  const clickable = (text: string, by: DrillTarget['by'], key: string, name: string) => (
    <a onClick={() => open(by, key, name)} role="button">
      {text}
    </a>
  );

  const zones = view?.zones ?? [];
  const domainRows = (view?.domains ?? []).map((d) => ({
    ...d,
    cells: Object.fromEntries((view?.domainZone ?? []).filter((c) => c.domain === d.code).map((c) => [c.zone, c])),
  }));
  const rel = (key: RelativeKey, options?: Record<string, unknown>) => t(`statistics.cockpit.relative.${key}`, options ?? {});
  const scopeWord = rel(view?.scope.kind === 'zone' ? 'scopeZone' : 'scopeDistrict');
  // Top movers: each amount is the enterprise's own change (labelled as an increase or decrease), its pull is on
  // the scope's base — the same base as the drill-down's last column, so the two show the same number.
  // An empty list in a month with approved figures means nobody rose (fell) on the comparable basis, not that
  // the month has no data.
  const monthHasFigures = (view ? (shownMonthOf(view).entry?.reporters ?? 0) : 0) > 0;
  const movers = (rows: BreakdownRowView[], title: string, rising: boolean) => (
    <Card size="small" title={title} data-testid={rising ? 'top-contributors' : 'top-decliners'}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {rel(rising ? 'moversLegend' : 'declinersLegend', { scope: scopeWord })}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={rows}
        locale={{ emptyText: monthHasFigures ? rel(rising ? 'noRisers' : 'noDecliners') : t('statistics.noData') }}
        renderItem={(r) => (
          <List.Item>
            <Link to={`/enterprises/${r.code}`} title={rel('profile')} style={{ whiteSpace: 'normal', wordBreak: 'break-word', marginRight: 12 }}>
              {r.key}
            </Link>
            <a onClick={() => open('enterprise', r.code, r.key)} role="button" style={{ whiteSpace: 'nowrap' }} data-testid="mover-figures">
              {rel(rising ? 'increase' : 'decrease')} <span style={{ color: growthColor(r.ytd - r.base) }}>{fmtAmount(r.ytd - r.base, lang)} {t('statistics.unitWan')}</span> · {rel('pullOn', { scope: scopeWord })} {fmtPp(r.pull)}
            </a>
          </List.Item>
        )}
      />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('statistics.cockpit.title')}
        subtitle={view ? t('statistics.cockpit.subtitle', { period: view.period }) : undefined}
        extra={
          <Space>
            {view?.scope.kind === 'zone' && <Tag color="blue">{t('statistics.cockpit.scopeZone')}</Tag>}
            <Select<IndicatorCode>
              value={indicator}
              onChange={setIndicator}
              style={{ width: 180 }}
              options={INDICATOR_CODES.filter((c) => c !== 'employees').map((c) => ({ value: c, label: t(`statistics.indicators.${c}`) }))}
            />
            {view && view.openPeriods.includes(view.period) && (
              <Tag color="orange" data-testid="period-in-progress">
                {t('statistics.cockpit.inProgress')}
              </Tag>
            )}
            <DatePicker
              picker="month"
              allowClear
              value={period ? dayjs(`${period}-01`) : view ? dayjs(`${view.period}-01`) : null}
              onChange={(d) => setPeriod(d ? d.format('YYYY-MM') : undefined)}
              cellRender={(current, info) => {
                if (info.type !== 'month' || typeof current === 'number' || typeof current === 'string') return info.originNode;
                const open = view?.openPeriods.includes(current.format('YYYY-MM'));
                return (
                  <div className="ant-picker-cell-inner" title={open ? t('statistics.cockpit.inProgress') : undefined}>
                    {current.month() + 1}
                    {lang.startsWith('zh') ? '月' : ''}
                    {open && <div style={{ fontSize: 10, lineHeight: '12px', color: '#d46b08' }}>{t('statistics.cockpit.inProgress')}</div>}
                  </div>
                );
              }}
            />
          </Space>
        }
      />
      {cockpit.error && <LoadError error={cockpit.error} onRetry={cockpit.reload} />}
      <Typography.Paragraph type="secondary">{t('statistics.cockpit.drillHint')}</Typography.Paragraph>
      {view && view.openPeriods.includes(view.period) && view.closedPeriod && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('statistics.cockpit.inProgressNote', { period: view.period, closed: view.closedPeriod, day: view.monthCloseDay })} />
      )}
      {goals.data && goals.data.goals.length > 0 && (
        <div style={{ marginBottom: 16 }}>
          <GoalCards goals={goals.data.goals} zone={goals.data.scope.kind === 'zone'} badge={(metric) => <WarningBadge count={goalCount(warnings.data, metric)} filter={{}} />} />
          {goals.data.scope.kind === 'district' && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="goals-basis">
              {t('statistics.cockpit.goalsNote', { baseline: goals.data.baselineYear, firstTarget: goals.data.goals[0]!.targets[0]?.year ?? '' })}
            </Typography.Paragraph>
          )}
        </div>
      )}
      {!view ? (
        cockpit.loading ? <Card loading /> : !cockpit.error && <Empty />
      ) : (
        <Spin spinning={cockpit.loading}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={16}>
              <Card size="small" title={`${t(`statistics.indicators.${indicator}`)} · ${t('statistics.cockpit.trend')}`}>
                <Space size="large" style={{ marginBottom: 8 }}>
                  <span data-testid="headline-ytd">
                    {view.scope.kind === 'zone' ? t('statistics.cockpit.ytdZone') : t('statistics.cockpit.ytdDistrict')}:{' '}
                    <b>{clickable(`${yi(view.total.nominalYtd)} ${t('statistics.unitYi')}`, 'total', 'all', groupName(view.total, lang))}</b>
                  </span>
                  <Tooltip title={t('statistics.cockpit.comparableNote')}>
                    <span data-testid="headline-comparable">
                      {t('statistics.columns.yoy')} <InfoCircleOutlined style={{ color: '#8c8c8c' }} />: <b style={{ color: growthColor(view.total.yoy) }}>{fmtPct(view.total.yoy)}</b>
                    </span>
                  </Tooltip>
                  <span title={t('statistics.nominalHint')}>
                    {t('statistics.columns.nominalYoy')}: {fmtPct(view.total.nominalYoy)}
                  </span>
                </Space>
                <IncompleteMonthNotice view={view} />
                <TrendChart trend={view.trend} />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('statistics.cockpit.map')}>
                <ZoneBubbleMap zones={zones} onSelect={(z) => open('zone', z.code, groupName(z, lang))} language={lang} />
              </Card>
            </Col>
            <Col span={24}>
              <Card size="small" title={`${t('statistics.cockpit.domainZone')}（${t('statistics.unitYi')}）`}>
                <Table<(typeof domainRows)[number]>
                  size="small"
                  rowKey="code"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={domainRows}
                  columns={[
                    {
                      title: t('statistics.dims.domain'),
                      dataIndex: 'key',
                      fixed: 'left' as const,
                      render: (_: string, r: BreakdownRowView) => (
                        <>
                          {groupName(r, lang)}
                          <WarningBadge count={countOf(warnings.data?.domains, r.code)} filter={{ domain: r.code }} />
                        </>
                      ),
                    },
                    ...zones.map((z) => ({
                      title: (
                        <>
                          {groupName(z, lang)}
                          <WarningBadge count={countOf(warnings.data?.zones, z.code)} filter={{ zone: z.code }} />
                        </>
                      ),
                      key: z.code,
                      align: 'right' as const,
                      render: (_: unknown, row: (typeof domainRows)[number]) => {
                        const cell = row.cells[z.code];
                        if (!cell) return '—';
                        return (
                          <span>
                            {clickable(yi(cell.ytd), 'domain-zone', cell.code, groupName(cell, lang))}
                            <br />
                            <small style={{ color: growthColor(cell.yoy) }}>{fmtPct(cell.yoy)}</small>
                          </span>
                        );
                      },
                    })),
                    { title: t('statistics.columns.ytd'), key: 'ytd', align: 'right' as const, render: (_: unknown, r: BreakdownRowView) => clickable(yi(r.ytd), 'domain', r.code, groupName(r, lang)) },
                    { title: t('statistics.columns.yoy'), dataIndex: 'yoy', align: 'right' as const, render: (v: number | null) => <span style={{ color: growthColor(v) }}>{fmtPct(v)}</span> },
                    { title: rel('contributionOfScope', { scope: scopeWord }), dataIndex: 'contribution', align: 'right' as const, render: (v: number | null) => fmtPct(v) },
                    { title: rel('pullOfScope', { scope: scopeWord }), dataIndex: 'pull', align: 'right' as const, render: (v: number | null) => fmtPp(v) },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t('statistics.total')}</Table.Summary.Cell>
                      {zones.map((z, i) => (
                        <Table.Summary.Cell index={i + 1} key={z.code} align="right">
                          {clickable(yi(z.ytd), 'zone', z.code, groupName(z, lang))}
                          <br />
                          <small style={{ color: growthColor(z.yoy) }}>{fmtPct(z.yoy)}</small>
                        </Table.Summary.Cell>
                      ))}
                      <Table.Summary.Cell index={zones.length + 1} align="right">{clickable(yi(view.total.ytd), 'total', 'all', groupName(view.total, lang))}</Table.Summary.Cell>
                      <Table.Summary.Cell index={zones.length + 2} align="right">{fmtPct(view.total.yoy)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={zones.length + 3} align="right">{fmtPct(view.total.contribution)}</Table.Summary.Cell>
                      <Table.Summary.Cell index={zones.length + 4} align="right">{fmtPp(view.total.pull)}</Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
                <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('statistics.nominalHint')} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>{movers(view.topContributors, t('statistics.cockpit.topContributors'), true)}</Col>
            <Col xs={24} xl={12}>{movers(view.topDecliners, t('statistics.cockpit.topDecliners'), false)}</Col>
          </Row>
        </Spin>
      )}
      <DrillModal target={drill} period={view?.period ?? period ?? ''} indicator={indicator} onClose={() => setDrill(null)} />
    </>
  );
}

/** The month the view shows, and its entry in the trend (which runs January to December). */
function shownMonthOf(view: CockpitView) {
  const month = Number(view.period.slice(5, 7));
  return { month, entry: view.trend[month - 1] };
}

/**
 * The latest month's reports arrive over weeks: until they are in, its bar and the year to date read low and
 * look like a slump. Said plainly when the month has clearly fewer reporters (under 90%) than the month before.
 */
function IncompleteMonthNotice({ view }: { view: CockpitView }) {
  const { t } = useTranslation();
  const { month, entry: current } = shownMonthOf(view);
  const previous = month > 1 ? view.trend[month - 2]?.reporters : view.trend[month - 1]?.lastYearReporters;
  if (!current || !previous || current.reporters >= previous * 0.9) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 8 }} data-testid="incomplete-month" message={t('statistics.cockpit.incomplete', { period: view.period, count: current.reporters, previous })} />;
}
