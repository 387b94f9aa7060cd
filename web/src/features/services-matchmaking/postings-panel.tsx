import { App, Button, Card, Checkbox, Drawer, Empty, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PostingView } from '../../../../contracts/matchmaking.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { closePosting, createPosting, listCandidates, listChains, listPostings, proposeMatch } from './matchmaking.api.ts';
import { PostingForm, type PostingFormValues } from './posting-form.tsx';
import { ReasonTags } from './reason-tags.tsx';

/** Needs and offers: an enterprise posts and finds matches for its own; the commission reads all and proposes. */
export function PostingsPanel({ role, onProposed }: { role: string; onProposed: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [kind, setKind] = useState<string>('');
  const [q, setQ] = useState('');
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const [formOpen, setFormOpen] = useState(false);
  const [candidatesFor, setCandidatesFor] = useState<PostingView | null>(null);
  const isEnterprise = role === 'enterprise';
  const canManage = isEnterprise || role === 'commission';
  const { data, error, loading, reload } = useAsync(
    (signal) => listPostings({ page, pageSize: 20, ...(kind ? { kind } : {}), ...(q ? { q } : {}), ...(mine ? { mine: 'true' as const } : {}) }, signal),
    [page, kind, q, mine],
  );
  const chains = useAsync((signal) => (isEnterprise ? listChains(signal) : Promise.resolve({ items: [] })), [isEnterprise]);
  const candidates = useAsync((signal) => (candidatesFor ? listCandidates(candidatesFor.id, signal) : Promise.resolve({ items: [] })), [candidatesFor?.id]);

  const submit = async (values: PostingFormValues) => {
    try {
      await createPosting({
        kind: values.kind,
        subject: values.subject,
        nodeId: values.nodeId ?? null,
        title: values.title,
        description: values.description,
        ...(values.specification ? { specification: values.specification } : {}),
        ...(values.quantity ? { quantity: values.quantity } : {}),
        ...(values.period ? { periodFrom: values.period[0].format('YYYY-MM-DD'), periodTo: values.period[1].format('YYYY-MM-DD') } : {}),
        validUntil: values.validUntil.format('YYYY-MM-DD'),
        ...(values.kind === 'need' && values.currentSource ? { currentSource: values.currentSource } : {}),
        contactName: values.contactName,
        contactPhone: values.contactPhone,
      });
      void message.success(t('matchmaking.posted'));
      setFormOpen(false);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const propose = async (other: PostingView) => {
    if (!candidatesFor) return;
    const [needId, offerId] = candidatesFor.kind === 'need' ? [candidatesFor.id, other.id] : [other.id, candidatesFor.id];
    try {
      await proposeMatch(needId, offerId);
      void message.success(t('matchmaking.proposed'));
      candidates.reload();
      onProposed();
    } catch (e) {
      notifyError(e);
    }
  };
  const close = async (p: PostingView) => {
    try {
      await closePosting(p.id, p.version);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };

  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select value={kind} onChange={(v) => (setKind(v), setPage(1))} style={{ width: 120 }} options={[{ value: '', label: t('matchmaking.all') }, ...(['need', 'offer'] as const).map((k) => ({ value: k, label: t(`matchmaking.kind_${k}` as never) }))]} />
        <Input.Search allowClear placeholder={t('matchmaking.search')} onSearch={(v) => (setQ(v.trim()), setPage(1))} style={{ width: 280 }} />
        {isEnterprise && (
          <Checkbox checked={mine} onChange={(e) => (setMine(e.target.checked), setPage(1))}>
            {t('matchmaking.onlyMine')}
          </Checkbox>
        )}
        {isEnterprise && (
          <Button type="primary" onClick={() => setFormOpen(true)}>
            {t('matchmaking.newPosting')}
          </Button>
        )}
      </Space>
      <Table<PostingView>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items}
        locale={{ emptyText: <Empty description={t('matchmaking.empty')} /> }}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (p) => <Typography.Paragraph style={{ margin: 0 }}>{p.description}{p.specification ? ` — ${p.specification}` : ''}</Typography.Paragraph> }}
        columns={[
          { title: t('matchmaking.kind'), dataIndex: 'kind', width: 70, render: (k: string) => <Tag color={k === 'need' ? 'orange' : 'cyan'}>{t(`matchmaking.kind_${k}` as never)}</Tag> },
          { title: t('matchmaking.title'), dataIndex: 'title', width: 240 },
          { title: t('matchmaking.enterprise'), dataIndex: 'enterpriseName', width: 200 },
          { title: t('matchmaking.node'), key: 'node', width: 140, render: (_: unknown, p) => (p.node ? (fmt.isEnglish ? p.node.nameEn : p.node.nameZh) : '—') },
          { title: t('matchmaking.quantity'), dataIndex: 'quantity', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('matchmaking.validUntil'), dataIndex: 'validUntil', width: 110, render: (v: string) => fmt.date(v) },
          { title: t('matchmaking.status'), dataIndex: 'status', width: 80, render: (s: string) => <Tag color={s === 'open' ? 'green' : 'default'}>{t(`matchmaking.status_${s}` as never)}</Tag> },
          {
            title: t('matchmaking.contact'),
            key: 'contact',
            width: 150,
            render: (_: unknown, p) => (p.contact ? `${p.contact.name} ${p.contact.phone}` : <Typography.Text type="secondary">{t('matchmaking.contactHidden')}</Typography.Text>),
          },
          {
            title: '',
            key: 'actions',
            width: 170,
            fixed: 'right' as const,
            render: (_: unknown, p) =>
              canManage && p.status === 'open' && (p.isOwn || role === 'commission') ? (
                <Space size="small">
                  <Button size="small" type="link" onClick={() => setCandidatesFor(p)}>
                    {t('matchmaking.findMatches')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => void close(p)}>
                    {t('matchmaking.close')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {isEnterprise && <PostingForm open={formOpen} chains={chains.data?.items ?? []} onCancel={() => setFormOpen(false)} onSubmit={submit} />}
      <Drawer open={candidatesFor !== null} width={640} title={candidatesFor ? t('matchmaking.candidatesOf', { title: candidatesFor.title }) : ''} onClose={() => setCandidatesFor(null)} destroyOnHidden>
        {candidates.error ? (
          <LoadError error={candidates.error} onRetry={candidates.reload} />
        ) : (
          <List
            loading={candidates.loading}
            dataSource={candidates.data?.items}
            locale={{ emptyText: <Empty description={t('matchmaking.noCandidates')} /> }}
            renderItem={(c) => (
              <List.Item
                actions={[
                  c.matchId ? (
                    <Tag key="done">{t('matchmaking.alreadyMatched')}</Tag>
                  ) : (
                    <Button key="propose" type="primary" size="small" onClick={() => void propose(c.posting)}>
                      {t('matchmaking.propose')}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      <span>{c.posting.title}</span>
                      <Tag>{`${t('matchmaking.score')} ${fmt.number(c.score * 100, 0)}`}</Tag>
                    </Space>
                  }
                  description={
                    <Space direction="vertical" size={4}>
                      <Typography.Text type="secondary">{`${c.posting.enterpriseName} · ${c.posting.node ? (fmt.isEnglish ? c.posting.node.nameEn : c.posting.node.nameZh) : '—'}`}</Typography.Text>
                      <ReasonTags reason={c.reason} />
                    </Space>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </Card>
  );
}
