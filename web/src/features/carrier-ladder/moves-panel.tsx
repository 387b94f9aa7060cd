import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { MoveEvent } from '../../../../contracts/carrier-ladder.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { useSession } from '../auth/session.tsx';
import { listMoves, renewLease } from './carrier-ladder.api.ts';
import { MoveForm } from './move-form.tsx';
import { DateInput } from '../../app/forms/date-input.tsx';

const OUTCOME_COLOUR: Record<string, string> = { up: 'green', 'own-premises': 'green', lateral: 'blue', down: 'gold', 'left-district': 'orange', closed: 'default', unknown: 'default' };

/** 迁移记录 of one carrier or one enterprise (一企一档), newest first, with recording and lease renewal for writers. */
export function MovesPanel({ carrierId, enterpriseId, enterpriseUscc, canWrite }: { carrierId?: string; enterpriseId?: string; enterpriseUscc?: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  // An enterprise reads its own moves but not the carriers' pages: carriers are named, not linked.
  const linkCarriers = useSession().session?.user.role !== 'enterprise';
  const [recording, setRecording] = useState(false);
  const [renewTo, setRenewTo] = useState('');
  const { data, error, loading, reload } = useAsync((signal) => listMoves({ carrier: carrierId, enterprise: enterpriseId }, signal), [carrierId, enterpriseId]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const carrierText = (c: MoveEvent['from']) => {
    if (!c) return '—';
    const type = t(`registries.options.carrierType.${c.type}`);
    if (c.id && c.name) return linkCarriers ? <Link to={`/carriers/${c.id}`}>{c.name}</Link> : c.name;
    return <span className="muted">{t('carrierLadder.moves.otherCarrier', { type })}</span>;
  };
  const columns: TableColumnsType<MoveEvent> = [
    { title: t('carrierLadder.moves.date'), dataIndex: 'movedOn', width: 110 },
    { title: t('carrierLadder.moves.kind'), key: 'kind', width: 120, render: (_, m) => t(`carrierLadder.kinds.${m.kind}`) },
    ...(enterpriseId ? [] : [{ title: t('carrierLadder.moves.enterprise'), key: 'enterprise', width: 240, render: (_: unknown, m: MoveEvent) => <Link to={`/enterprises/${m.enterprise.id}`}>{m.enterprise.name}</Link> }]),
    { title: t('carrierLadder.moves.from'), key: 'from', width: 200, render: (_, m) => carrierText(m.from) },
    {
      title: t('carrierLadder.moves.to'),
      key: 'to',
      width: 220,
      render: (_, m) =>
        m.to ? (
          <Space size={4}>
            {carrierText(m.to)}
            {m.overlapReason && (
              <Tooltip title={t('carrierLadder.moves.overlap', { reason: m.overlapReason })}>
                <Tag color="purple">⇄</Tag>
              </Tooltip>
            )}
          </Space>
        ) : m.exitKind ? (
          t(`carrierLadder.exitKinds.${m.exitKind}`)
        ) : (
          '—'
        ),
    },
    { title: t('carrierLadder.moves.area'), dataIndex: 'leasedArea', width: 110, align: 'right', render: (v: number) => fmt.number(v) },
    {
      title: t('carrierLadder.moves.leaseEnd'),
      key: 'lease',
      width: 190,
      render: (_, m) =>
        m.kind === 'move-out' ? (
          '—'
        ) : (
          <Space size={4}>
            {m.leaseEndOn ?? '—'}
            {m.isCurrent && <Tag color="green">{t('carrierLadder.moves.current')}</Tag>}
            {canWrite && m.isCurrent && (
              <Popconfirm
                title={t('carrierLadder.moves.renewTitle')}
                description={<DateInput value={renewTo} onChange={setRenewTo} />}
                onConfirm={async () => {
                  try {
                    await renewLease(m.tenancyId, renewTo);
                    void message.success(t('registries.actions.saved'));
                    reload();
                  } catch (e) {
                    notifyError(e);
                  }
                }}
              >
                <Button size="small" type="link">
                  {t('carrierLadder.moves.renew')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
    { title: t('carrierLadder.moves.outcome'), key: 'outcome', width: 130, render: (_, m) => (m.outcome ? <Tag color={OUTCOME_COLOUR[m.outcome]}>{t(`carrierLadder.outcomes.${m.outcome}`)}</Tag> : '—') },
  ];
  return (
    <>
      {canWrite && (
        <Button className="form-alert" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
          {t('carrierLadder.moves.record')}
        </Button>
      )}
      <Table<MoveEvent> rowKey="id" size="small" columns={columns} dataSource={data?.items} loading={loading} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1100 }} locale={{ emptyText: t('carrierLadder.moves.empty') }} />
      <MoveForm
        open={recording}
        {...(carrierId ? { carrierId } : {})}
        {...(enterpriseUscc ? { enterpriseUscc } : {})}
        onClose={() => setRecording(false)}
        onSaved={() => {
          setRecording(false);
          reload();
        }}
      />
    </>
  );
}
