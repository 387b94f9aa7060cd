import { App, Button, Descriptions, Drawer, Input, InputNumber, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { z } from 'zod';
import { chainNodeListsSchema, type ChainNodeLists } from '../../../../contracts/chain-map.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { api } from '../../app/api.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { fmtPct, fmtYi } from './chain-format.ts';
import { NodeTargets } from '../attraction/node-targets.tsx';
import { PlatformGapTable } from './platform-gap-table.tsx';

const LEVEL_COLOR: Record<string, string> = { blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };

type Member = ChainNodeLists['leading'][number];

/** A node's page: the gap formula with every input, the commission's weight, and the node's N lists. */
export function NodeDrawer(props: { nodeId: string | null; zone?: string; role: Role | null; onClose: () => void; onChanged: () => void; onExport: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [weight, setWeight] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const { data, reload } = useAsync(
    (signal) => (props.nodeId ? api.get(`/api/chain-map/nodes/${props.nodeId}`, chainNodeListsSchema, { signal, query: props.zone ? { zone: props.zone } : {} }) : Promise.resolve(null)),
    [props.nodeId, props.zone],
  );
  const node = data?.node;
  const saveWeight = async () => {
    if (!node || weight === null) return;
    try {
      await api.put(`/api/chain-map/nodes/${node.id}/importance`, z.object({ importance: z.number() }), { body: { importance: weight, reason: reason || undefined, version: node.importanceVersion } });
      void message.success(t('chainMap.weightSaved'));
      setWeight(null);
      setReason('');
      reload();
      props.onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  const members = (rows: Member[]) => (
    <Table<Member>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('chainMap.name'), render: (_v, m) => <Link to={`/enterprises/${m.id}`}>{m.name}</Link> },
        { title: t('chainMap.aboveScale'), dataIndex: 'aboveScale', width: 90, render: (v: boolean) => (v ? t('chainMap.yes') : t('chainMap.no')) },
        ...(data?.node.outputYtd !== null ? [{ title: t('chainMap.outputWan'), dataIndex: 'outputYtd', width: 140, render: (v: number | null) => (v === null ? '—' : v.toLocaleString(i18n.language, { maximumFractionDigits: 1 })) }] : []),
      ]}
    />
  );
  return (
    <Drawer open={!!props.nodeId} width={760} onClose={props.onClose} title={node ? (english ? node.nameEn : node.nameZh) : ''} extra={node && <Button onClick={() => props.onExport(node.id)}>{t('chainMap.exportNode')}</Button>}>
      {node && data && (
        <>
          <Typography.Paragraph>
            <Tag data-testid="node-formula" color={node.red ? 'red' : 'default'}>{t('chainMap.formula', { importance: node.importance.toFixed(2), strength: node.strength.toFixed(3), gap: node.gap.toFixed(3) })}</Tag>
            {node.red && <Tag color="red">{t('chainMap.redBand')}</Tag>}
          </Typography.Paragraph>
          {(node.committed.enterprises > 0 || (node.committed.outputYtd ?? 0) > 0) && (
            <Typography.Paragraph type="secondary" data-testid="node-committed">
              {node.committed.outputYtd === null
                ? t('chainMap.committedNoFigures', { enterprises: node.committed.enterprises, aboveScale: node.committed.aboveScale })
                : t('chainMap.committed', { enterprises: node.committed.enterprises, aboveScale: node.committed.aboveScale, output: `${fmtYi(node.committed.outputYtd, i18n.language)} ${t('chainMap.unitYi')}` })}
            </Typography.Paragraph>
          )}
          <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('chainMap.enterprises')}>{node.enterprises}</Descriptions.Item>
            <Descriptions.Item label={t('chainMap.leaders')}>{node.leaders}</Descriptions.Item>
            <Descriptions.Item label={t('chainMap.aboveScale')}>{node.aboveScale}</Descriptions.Item>
            <Descriptions.Item label={t('chainMap.output')}>{node.outputYtd === null ? '—' : `${fmtYi(node.outputYtd, i18n.language)} ${t('chainMap.unitYi')}`}</Descriptions.Item>
            <Descriptions.Item label={t('chainMap.share')}>{fmtPct(node.share)}</Descriptions.Item>
            <Descriptions.Item label={t('chainMap.growth')}>{fmtPct(node.growth)}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{t('chainMap.strengthFormula')}</Typography.Text>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            style={{ margin: '8px 0 12px' }}
            dataSource={node.components}
            columns={[
              { title: t('chainMap.component'), dataIndex: 'key', render: (k: string) => t(`chainMap.components.${k}` as 'chainMap.components.share') },
              { title: t('chainMap.input'), dataIndex: 'input', width: 110, render: (v: number | null, c) => (v === null ? t('chainMap.noData') : c.key === 'share' || c.key === 'growth' || c.key === 'localSupply' ? fmtPct(v) : v) },
              { title: t('chainMap.score'), dataIndex: 'score', width: 90, render: (v: number | null) => (v === null ? '—' : v.toFixed(3)) },
              { title: t('chainMap.weight'), dataIndex: 'weight', width: 80 },
            ]}
          />
          {props.role === 'commission' && (
            <Space style={{ marginBottom: 12 }} wrap>
              <span>
                {t('chainMap.importance')}: {node.importance.toFixed(2)} {node.importanceSet ? '' : `(${t('chainMap.defaultWeight')})`}
              </span>
              <InputNumber aria-label={t('chainMap.importance')} min={0} max={1} step={0.05} value={weight ?? node.importance} onChange={(v) => setWeight(v)} />
              <Input style={{ width: 220 }} placeholder={t('chainMap.weightReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
              <Button type="primary" disabled={weight === null} onClick={() => void saveWeight()}>
                {t('chainMap.setWeight')}
              </Button>
            </Space>
          )}
          <Tabs
            items={[
              { key: 'leading', label: `${t('chainMap.lists.leading')} (${data.leading.length})`, children: members(data.leading) },
              { key: 'suppliers', label: `${t('chainMap.lists.suppliers')} (${data.suppliers.length})`, children: members(data.suppliers) },
              {
                key: 'pipeline',
                label: `${t('chainMap.lists.pipeline')} (${data.pipeline.length})`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={data.pipeline}
                    columns={[
                      { title: t('chainMap.name'), render: (_v, p) => <Link to={`/projects/${p.id}`}>{p.name}</Link> },
                      { title: t('chainMap.projectStage'), dataIndex: 'stage', width: 90, render: (s: string) => t(`chainMap.projectStages.${s}` as 'chainMap.projectStages.lead') },
                      { title: t('chainMap.expectedOutput'), dataIndex: 'expectedAnnualOutput', width: 160, render: (v: number | null) => v ?? '—' },
                    ]}
                  />
                ),
              },
              {
                key: 'platforms',
                label: `${t('chainMap.lists.platforms')} (${data.platforms.length})`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={data.platforms}
                    columns={[
                      { title: t('chainMap.name'), dataIndex: 'name' },
                      { title: t('chainMap.kind'), dataIndex: 'kind', width: 120, render: (k: string) => t(`registries.options.platformKind.${k}` as 'registries.options.platformKind.rd') },
                      { title: t('chainMap.zone'), width: 160, render: (_v, p) => (english ? p.zoneEn : p.zone) ?? '—' },
                    ]}
                  />
                ),
              },
              {
                key: 'experts',
                label: `${t('chainMap.lists.experts')} (${data.experts.length})`,
                children: <Table rowKey="id" size="small" pagination={false} dataSource={data.experts} columns={[{ title: t('chainMap.name'), dataIndex: 'name' }, { title: t('chainMap.affiliation'), dataIndex: 'affiliation' }]} />,
              },
              {
                key: 'warnings',
                label: `${t('chainMap.lists.warnings')} (${data.warnings.length})`,
                children: (
                  <Table
                    rowKey="id"
                    size="small"
                    pagination={false}
                    dataSource={data.warnings}
                    columns={[
                      { title: t('chainMap.level'), dataIndex: 'level', width: 80, render: (l: string) => <Tag color={LEVEL_COLOR[l] ?? 'default'}>{t(`warnings.level.${l}` as 'warnings.level.red')}</Tag> },
                      { title: t('chainMap.subject'), render: (_v, w) => <Link to={`/warnings?id=${w.id}`}>{w.subject}</Link> },
                      { title: t('chainMap.rule'), render: (_v, w) => (english ? w.ruleEn : w.ruleZh) },
                      { title: t('chainMap.openedAt'), dataIndex: 'openedAt', width: 110, render: (v: string) => v.slice(0, 10) },
                    ]}
                  />
                ),
              },
              {
                key: 'platformGaps',
                label: `${t('chainMap.lists.platformGaps')} (${data.platformGaps.length})`,
                children: <PlatformGapTable items={data.platformGaps} showNodes={false} />,
              },
              {
                key: 'candidates',
                label: `${t('chainMap.lists.candidates')} (${data.candidates.length})`,
                children: <NodeTargets nodeId={node.id} domain={node.domain} zone={props.zone ?? null} role={props.role} onChanged={props.onChanged} />,
              },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
