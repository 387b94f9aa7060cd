import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { confirmAwards, listPolicies, myPolicies, policyEligibility } from './services.api.ts';

/** The policy registry with each policy's eligible enterprises (the commission confirms 免申即享 awards); an enterprise sees "my policies". */
export function PoliciesTab({ role }: { role: string }) {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync((signal) => listPolicies(signal), []);
  const [selected, setSelected] = useState<string | null>(null);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const current = selected ?? data?.items[0]?.code ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {role === 'enterprise' && <MyPolicies />}
      <Table
        rowKey="code"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={false}
        rowClassName={(r) => (r.code === current ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => setSelected(r.code), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('services.policy'), dataIndex: 'title' },
          { title: t('services.clause'), dataIndex: 'clause', width: 80 },
          { title: t('services.mode'), width: 170, render: (_, r) => <Tag color={r.mode === 'auto' ? 'green' : 'blue'}>{t(`services.mode_${r.mode}`)}</Tag> },
          { title: t('services.amountWan'), dataIndex: 'amount', width: 110, align: 'right', render: (v: string | null) => v ?? '—' },
          { title: t('services.conditions'), render: (_, r) => r.conditions.map((c) => <Tag key={c}>{c}</Tag>) },
        ]}
      />
      {current && role !== 'enterprise' && <Eligibility code={current} canConfirm={role === 'commission'} key={current} />}
    </Space>
  );
}

function Eligibility({ code, canConfirm }: { code: string; canConfirm: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { data, error, reload } = useAsync((signal) => policyEligibility(code, signal), [code]);
  const [picked, setPicked] = useState<string[]>([]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const confirm = async () => {
    try {
      const r = await confirmAwards(code, picked);
      void message.success(t('services.confirmed', { count: r.confirmed, skipped: r.skipped.length }));
      setPicked([]);
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  const auto = data?.mode === 'auto';
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${t('services.eligible')} (${data?.eligible.length ?? 0})`}
        extra={canConfirm && auto ? <Button type="primary" size="small" disabled={picked.length === 0} onClick={() => void confirm()}>{t('services.confirm')}</Button> : null}
      >
        <Table
          rowKey="uscc"
          size="small"
          loading={!data}
          dataSource={data?.eligible}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          rowSelection={canConfirm && auto ? { selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.awarded }) } : undefined}
          columns={[
            { title: 'USCC', dataIndex: 'uscc', width: 200 },
            { title: t('services.enterprise'), dataIndex: 'name' },
            { title: t('services.awarded'), width: 100, render: (_, r) => (r.awarded ? <Tag color="green">{t('services.awarded')}</Tag> : null) },
          ]}
        />
      </Card>
      <Card size="small" title={`${t('services.missing')} (${data?.missing.length ?? 0})`}>
        <Table
          rowKey="uscc"
          size="small"
          loading={!data}
          dataSource={data?.missing}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          columns={[
            { title: 'USCC', dataIndex: 'uscc', width: 200 },
            { title: t('services.enterprise'), dataIndex: 'name' },
            { title: t('services.lacks'), render: (_, r) => r.lacks.map((l) => <Tag key={l} color="orange">{l}</Tag>) },
          ]}
        />
      </Card>
    </Space>
  );
}

function MyPolicies() {
  const { t } = useTranslation();
  const { data, error, reload } = useAsync((signal) => myPolicies(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Card size="small" title={t('services.myPolicies')}>
      <Table
        rowKey="code"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: t('services.policy'), dataIndex: 'title' },
          { title: t('services.mode'), render: (_, r) => <Tag>{t(`services.mode_${r.mode}`)}</Tag> },
          { title: t('services.status'), render: (_, r) => (r.awarded ? <Tag color="green">{t('services.awarded')}</Tag> : r.eligible ? <Tag color="green">{t('services.yes')}</Tag> : <Tag>{t('services.no')}</Tag>) },
          { title: t('services.lacks'), render: (_, r) => r.lacks.map((l) => <Tag key={l} color="orange">{l}</Tag>) },
        ]}
      />
    </Card>
  );
}
