import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Select, Skeleton, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { chainMapSchema, RED_GAP, type ChainMapNode } from '../../../../contracts/chain-map.ts';
import { api, saveBlob } from '../../app/api.ts';
import { PageHeader } from '../../app/layout/page-header.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { loadReferenceData, localName, type ReferenceData } from '../registries/shared/reference.ts';
import { ChainGraph } from './chain-graph.tsx';
import { GapTable } from './gap-table.tsx';
import { NodeDrawer } from './node-drawer.tsx';
import { PlatformGapTable } from './platform-gap-table.tsx';

/** 产业链图谱: the chain graph per domain, the gap ranking, and a node's page (its formula and N lists). */
export function ChainMapPage() {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const role = useSession().session?.user.role;
  const notifyError = useNotifyError();
  const [params, setParams] = useSearchParams();
  const domain = params.get('domain') ?? undefined;
  const zone = params.get('zone') ?? undefined;
  const [openNode, setOpenNode] = useState<string | null>(params.get('node'));
  const [reference, setReference] = useState<ReferenceData | null>(null);
  useEffect(() => void loadReferenceData().then(setReference, () => {}), []);
  const query = { ...(domain ? { domain } : {}), ...(zone ? { zone } : {}) };
  const { data, error, reload } = useAsync((signal) => api.get('/api/chain-map', chainMapSchema, { signal, query }), [domain, zone]);
  // The domains the current zone is designated for (a park's zone, or the zone filter): learnt from an unfiltered answer.
  const [zoneDomains, setZoneDomains] = useState<string[] | null>(null);
  useEffect(() => {
    if (data && !domain) setZoneDomains(data.zone ? data.domains.map((d) => d.code) : null);
  }, [data, domain]);
  if (error) return <LoadError error={error} onRetry={reload} />;

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const open = (node: ChainMapNode | null) => {
    setOpenNode(node?.id ?? null);
    set('node', node?.id);
  };
  const exportLists = async (nodeId?: string) => {
    try {
      const { blob, filename } = await api.download('/api/chain-map/export', { ...query, ...(nodeId ? { node: nodeId } : {}) });
      saveBlob(blob, filename ?? 'chain-map.xlsx');
    } catch (e) {
      notifyError(e);
    }
  };
  const domainOptions = [{ value: '', label: t('chainMap.allDomains') }, ...(reference?.domains ?? []).filter((d) => !zoneDomains || zoneDomains.includes(d.code)).map((d) => ({ value: d.code, label: localName(d, english) }))];
  return (
    <>
      <PageHeader
        title={t('chainMap.title')}
        subtitle={t('chainMap.subtitle')}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => void exportLists()}>
            {t('chainMap.export')}
          </Button>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={domain ?? ''} options={domainOptions} onChange={(v) => set('domain', String(v) || undefined)} />
        {role !== 'park' && (
          <Select
            style={{ width: 200 }}
            aria-label={t('chainMap.zone')}
            value={zone ?? ''}
            onChange={(v: string) => set('zone', v || undefined)}
            options={[{ value: '', label: t('chainMap.allZones') }, ...(reference?.zones ?? []).map((z) => ({ value: z.code, label: localName(z, english) }))]}
          />
        )}
        {data && (
          <Typography.Text type="secondary">
            {data.period ? t('chainMap.period', { period: data.period }) : t('chainMap.noPeriod')} · {t('chainMap.legendStrength', { red: RED_GAP })}
          </Typography.Text>
        )}
      </Space>
      {data && !data.figuresVisible && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('chainMap.figuresHidden')} />}
      {!data && (
        <Card size="small" data-testid="chain-map-loading">
          <Spin tip={t('chainMap.loading')}>
            <Skeleton active paragraph={{ rows: 10 }} />
          </Spin>
        </Card>
      )}
      {data && (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <ChainGraph view={data} onOpen={open} />
          </Card>
          <Card size="small" title={t('chainMap.gapRanking')} extra={<Typography.Text type="secondary">{t('chainMap.computeMs', { ms: data.computeMs })}</Typography.Text>}>
            <GapTable view={data} onOpen={open} />
          </Card>
          <Card size="small" title={t('chainMap.platformGapList')} style={{ marginTop: 16 }}>
            <PlatformGapTable items={data.platformGaps} onOpenNode={(id) => open(data.gaps.find((n) => n.id === id) ?? null)} />
          </Card>
        </>
      )}
      <NodeDrawer nodeId={openNode} zone={zone} role={role ?? null} onClose={() => open(null)} onChanged={reload} onExport={(id) => void exportLists(id)} />
    </>
  );
}
