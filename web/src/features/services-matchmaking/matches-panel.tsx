import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MatchView } from '../../../../contracts/matchmaking.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { answerMatch, listMatches, recordOutcome, revealContacts } from './matchmaking.api.ts';
import { ReasonTags } from './reason-tags.tsx';

const STATUS_COLOR: Record<string, string> = { proposed: 'gold', agreed: 'green', declined: 'default', contacted: 'blue', deal: 'purple', 'no-deal': 'volcano' };
const SHARED = new Set(['agreed', 'contacted', 'deal', 'no-deal']);

/** Matches: each side agrees for itself; once both agree the contacts can be shown; the outcome closes the match. */
export function MatchesPanel({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { modal } = App.useApp();
  const notifyError = useNotifyError();
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const [outcomeOf, setOutcomeOf] = useState<MatchView | null>(null);
  const [form] = Form.useForm<{ outcome: 'contacted' | 'deal' | 'no-deal'; amount?: string; note?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const { data, error, loading, reload } = useAsync((signal) => listMatches({ page, pageSize: 20, ...(status ? { status } : {}) }, signal), [page, status]);

  const run = async (work: () => Promise<unknown>) => {
    try {
      await work();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const showContacts = async (m: MatchView) => {
    try {
      const c = await revealContacts(m.id);
      modal.info({
        title: t('matchmaking.contactsOf', { name: c.enterpriseName }),
        content: (
          <>
            <Descriptions column={1} size="small" data-testid="match-contacts">
              <Descriptions.Item label={t('matchmaking.contactName')}>{c.contactName}</Descriptions.Item>
              <Descriptions.Item label={t('matchmaking.contactPhone')}>{c.contactPhone}</Descriptions.Item>
            </Descriptions>
            <Typography.Text type="secondary">{t('matchmaking.contactsNote')}</Typography.Text>
          </>
        ),
      });
    } catch (e) {
      notifyError(e);
    }
  };
  const saveOutcome = async (values: { outcome: 'contacted' | 'deal' | 'no-deal'; amount?: string; note?: string }) => {
    if (!outcomeOf) return;
    await run(() => recordOutcome(outcomeOf.id, { outcome: values.outcome, ...(values.outcome === 'deal' && values.amount ? { amount: values.amount.trim() } : {}), ...(values.note ? { note: values.note } : {}), version: outcomeOf.version }));
    setOutcomeOf(null);
    form.resetFields();
  };

  if (error) return <LoadError error={error} onRetry={reload} />;
  const side = (m: MatchView, which: 'need' | 'offer') => {
    const p = m[which];
    const consent = which === 'need' ? m.needConsent : m.offerConsent;
    return (
      <Space direction="vertical" size={0}>
        <span>{p.title}</span>
        <Typography.Text type="secondary">{p.enterpriseName}</Typography.Text>
        <Tag color={consent === 'agreed' ? 'green' : consent === 'declined' ? 'red' : 'default'}>{t(`matchmaking.consent_${consent}` as never)}</Tag>
      </Space>
    );
  };
  return (
    <Card size="small">
      <Space style={{ marginBottom: 12 }}>
        <Select
          value={status}
          onChange={(v) => (setStatus(v), setPage(1))}
          style={{ width: 160 }}
          options={[{ value: '', label: t('matchmaking.all') }, ...Object.keys(STATUS_COLOR).map((s) => ({ value: s, label: t(`matchmaking.mstatus_${s}` as never) }))]}
        />
      </Space>
      <Table<MatchView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description={t('matchmaking.emptyMatches')} /> }}
        scroll={{ x: 1080 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('matchmaking.need'), key: 'need', width: 200, render: (_: unknown, m) => side(m, 'need') },
          { title: t('matchmaking.offer'), key: 'offer', width: 200, render: (_: unknown, m) => side(m, 'offer') },
          { title: t('matchmaking.score'), dataIndex: 'score', width: 80, render: (s: number) => fmt.number(s * 100, 0) },
          { title: t('matchmaking.reason'), key: 'reason', width: 220, render: (_: unknown, m) => <ReasonTags reason={m.reason} /> },
          {
            title: t('matchmaking.status'),
            key: 'status',
            width: 180,
            render: (_: unknown, m) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[m.status]}>{t(`matchmaking.mstatus_${m.status}` as never)}</Tag>
                {m.dealAmount && <span style={{ whiteSpace: 'nowrap' }}>{`${m.dealAmount} ${fmt.isEnglish ? '×10k yuan' : '万元'}`}</span>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 200,
            fixed: 'right' as const,
            render: (_: unknown, m) => {
              const myConsent = m.side === 'need' ? m.needConsent : m.side === 'offer' ? m.offerConsent : null;
              const canOutcome = (m.side !== null || role === 'commission') && (m.status === 'agreed' || m.status === 'contacted');
              return (
                <Space size="small" wrap>
                  {m.status === 'proposed' && myConsent === 'pending' && (
                    <>
                      <Button size="small" type="primary" onClick={() => void run(() => answerMatch(m.id, true, m.version))}>
                        {t('matchmaking.agree')}
                      </Button>
                      <Button size="small" onClick={() => void run(() => answerMatch(m.id, false, m.version))}>
                        {t('matchmaking.decline')}
                      </Button>
                    </>
                  )}
                  {m.side !== null && SHARED.has(m.status) && (
                    <Button size="small" type="link" onClick={() => void showContacts(m)}>
                      {t('matchmaking.showContacts')}
                    </Button>
                  )}
                  {canOutcome && (
                    <Button size="small" type="link" onClick={() => setOutcomeOf(m)}>
                      {t('matchmaking.outcome')}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Modal open={outcomeOf !== null} title={t('matchmaking.outcome')} okText={t('matchmaking.save')} cancelText={t('matchmaking.cancel')} onCancel={() => setOutcomeOf(null)} onOk={() => form.submit()} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={saveOutcome} initialValues={{ outcome: 'deal' }}>
          <Form.Item name="outcome" rules={[{ required: true }]}>
            <Radio.Group
              options={(['contacted', 'deal', 'no-deal'] as const)
                .filter((o) => !(o === 'contacted' && outcomeOf?.status === 'contacted'))
                .map((o) => ({ value: o, label: t(`matchmaking.outcome_${o}` as never) }))}
            />
          </Form.Item>
          {outcome === 'deal' && (
            <Form.Item name="amount" label={t('matchmaking.amount')} rules={[{ pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t('matchmaking.amount') }]}>
              <Input inputMode="decimal" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('matchmaking.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
