import { Card, Col, Empty, List, Row, Spin, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanDomain, PlanZone } from '../../../../contracts/plan.ts';

// The map (ECharts and the district outline) loads only when the layout tab is opened.
const ZonesMap = lazy(() => import('./zones-map.tsx').then((m) => ({ default: m.ZonesMap })));

/** 重点领域: the key domains and the sub-fields the text names. */
export function PlanDomainsTab({ domains }: { domains: readonly PlanDomain[] }) {
  const { t } = useTranslation();
  if (!domains.length) return <Empty description={t('plan.domains.empty')} />;
  return (
    <Row gutter={[16, 16]}>
      {domains.map((d) => (
        <Col key={d.id} xs={24} md={12}>
          <Card size="small" title={d.name} className="plan-domain" extra={d.domainCode ? null : <Tag>{t('plan.domains.unlinked')}</Tag>}>
            <div className="muted plan-domain__label">{t('plan.domains.subfields')}</div>
            {d.subfields.length ? d.subfields.map((s) => <Tag key={s} className="plan-subfield">{s}</Tag>) : <span className="muted">{t('plan.domains.noSubfields')}</span>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** 产业布局: the zones as labelled markers on the district outline, with their bases and carriers. */
export function PlanZonesTab({ zones }: { zones: readonly PlanZone[] }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string | null>(null);
  if (!zones.length) return <Empty description={t('plan.zones.empty')} />;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('plan.zones.map')} data-testid="zones-map">
          <Suspense fallback={<Spin className="plan-map-loading" />}>
            <ZonesMap zones={zones} selectedKey={selected} onSelect={setSelected} />
          </Suspense>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <List
          bordered
          dataSource={[...zones]}
          renderItem={(z) => (
            <List.Item className={z.key === selected ? 'plan-zone plan-zone--selected' : 'plan-zone'} onClick={() => setSelected(z.key)}>
              <List.Item.Meta
                title={
                  <span>
                    {z.name} {z.alias && <Tag color="green">{z.alias}</Tag>}
                    {z.lon === null && <Tag>{t('plan.zones.noPosition')}</Tag>}
                  </span>
                }
                description={
                  <>
                    <div>
                      {t('plan.zones.base')}: {z.base || '—'}
                    </div>
                    <div>
                      {t('plan.zones.carriers')}: {z.carriers.length ? z.carriers.join('、') : t('plan.zones.noCarriers')}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
}
