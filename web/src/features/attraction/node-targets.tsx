import { App, Button, Popover, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { nodeCandidatesSchema, targetViewSchema, type NodeCandidates } from '../../../../contracts/attraction.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { api } from '../../app/api.ts';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useOwnerName, useRefName } from './labels.ts';

type Item = NodeCandidates['items'][number];

/** The zone each domain is first designated for (一城一港一湾一园一谷): where a target heads unless a zone is chosen. */
const HOME_ZONE: Record<string, string> = { biomedicine: 'medicine-port', biomaterials: 'materials-bay', 'bioagri-food': 'agri-park', 'bioenergy-env': 'energy-valley' };

/**
 * 招商目标清单 of a chain node: the candidate pool ranked by fit for a designated zone (the zone filter, else the
 * 生物医药港 for biomedicine … — the first zone designated for the node's domain), each fit with its inputs; the
 * commission assigns a candidate to the zone's park committee or keeps it with its own team.
 */
export function NodeTargets(props: { nodeId: string; domain: string; zone: string | null; role: Role | null; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language.startsWith('en');
  const refName = useRefName();
  const ownerName = useOwnerName();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  // A park's own zone is applied by the server; the others get the zone filter or the domain's home zone.
  const zone = props.role === 'park' ? null : (props.zone ?? HOME_ZONE[props.domain] ?? null);
  const { data, reload } = useAsync(
    (signal) => api.get(`/api/attraction/nodes/${props.nodeId}/candidates`, nodeCandidatesSchema, { signal, query: zone ? { zone } : {} }),
    [props.nodeId, zone],
  );
  const assign = async (item: Item, toPark: boolean) => {
    if (!data) return;
    try {
      const zone = data.zone?.code ?? null;
      await api.post('/api/attraction/targets', targetViewSchema, {
        body: { candidateId: item.candidate.id, node: data.node.code, zone, owner: toPark && zone ? { kind: 'zone', zone } : { kind: 'commission' }, nextStep: english ? 'First visit' : '首次走访' },
      });
      void message.success(t('attraction.assigned'));
      reload();
      props.onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  if (!data) return null;
  const canAssign = props.role === 'commission';
  return (
    <>
      {data.zone && <Typography.Text type="secondary">{t('attraction.fitZone', { zone: refName.zone(data.zone) })}</Typography.Text>}
      <Table<Item>
        rowKey={(r) => r.candidate.id}
        size="small"
        data-testid="node-targets"
        locale={{ emptyText: t('attraction.none') }}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        dataSource={data.items}
        columns={[
          { title: t('attraction.candidate'), render: (_v, r) => r.candidate.name },
          { title: t('attraction.city'), width: 80, render: (_v, r) => r.candidate.city ?? '—' },
          { title: t('attraction.size'), width: 70, render: (_v, r) => (r.candidate.sizeTier ? t(`attraction.sizes.${r.candidate.sizeTier}`) : '—') },
          {
            title: t('attraction.fit'),
            width: 80,
            render: (_v, r) => (
              <Popover
                title={t('attraction.fitInputs')}
                content={
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={r.fit.components}
                    columns={[
                      { title: '', dataIndex: 'key', render: (k: string) => t(`attraction.components.${k}` as 'attraction.components.gap') },
                      { title: '', dataIndex: 'input', render: (v: unknown) => (v === null ? '—' : typeof v === 'number' ? v.toLocaleString(i18n.language, { maximumFractionDigits: 3 }) : String(v)) },
                      { title: '', dataIndex: 'score', render: (v: number | null) => (v === null ? '—' : v.toFixed(2)) },
                      { title: '', dataIndex: 'weight' },
                    ]}
                  />
                }
              >
                <b>{r.fit.fit.toFixed(2)}</b>
              </Popover>
            ),
          },
          {
            title: t('attraction.status'),
            width: 220,
            render: (_v, r) =>
              r.target ? (
                <Space size={4} wrap>
                  <Tag color="blue">{t(`attraction.statuses.${r.target.status}`)}</Tag>
                  <span>{ownerName(r.target.owner)}</span>
                </Space>
              ) : canAssign ? (
                <Space size={4}>
                  {data.zone && (
                    <Button size="small" type="primary" data-testid="assign-to-park" onClick={() => void assign(r, true)}>
                      {t('attraction.assignToPark')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => void assign(r, false)}>
                    {t('attraction.assignToCommission')}
                  </Button>
                </Space>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </>
  );
}
