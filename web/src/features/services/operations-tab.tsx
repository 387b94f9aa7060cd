import { App, Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/i18n/format.ts';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { loadUtilisation } from './services.api.ts';
import { answerOffer, downloadStatement, listDemands, listWaitlist, loadStanding, loadStatement, submitDemand } from './services-ops.api.ts';
import { shanghaiDay, shanghaiTime } from './week-grid.ts';

const WL_COLOR: Record<string, string> = { waiting: 'gold', offered: 'green', booked: 'blue', expired: 'default', withdrawn: 'default' };

/** Waitlist and offers, booking standing, monthly statement, utilisation per platform, requests for missing instruments. */
export function OperationsTab({ role }: { role: string }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Waitlist role={role} />
      {role === 'enterprise' && <Standing />}
      <Statement />
      {role !== 'enterprise' && <PlatformUtilisation />}
      {role === 'enterprise' && <MissingInstrument />}
    </Space>
  );
}

function Waitlist({ role }: { role: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const { data, error, reload } = useAsync((signal) => listWaitlist(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  type Entry = NonNullable<typeof data>['items'][number];
  const act = async (e: Entry, verb: 'accept' | 'withdraw') => {
    try {
      await answerOffer(e.id, verb, e.version);
      reload();
    } catch (err) {
      notifyError(err);
    }
  };
  return (
    <Card size="small" title={t('servicesOps.waitlist')}>
      <Table<Entry>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 8, showSizeChanger: false }}
        columns={[
          { title: t('services.instrument'), dataIndex: 'instrumentName' },
          ...(role === 'enterprise' ? [] : [{ title: t('services.enterprise'), dataIndex: 'enterpriseName' }]),
          { title: t('services.from'), render: (_: unknown, e: Entry) => `${fmt.date(shanghaiDay(new Date(e.start)))} ${shanghaiTime(e.start)}–${shanghaiTime(e.end)}` },
          {
            title: t('services.status'),
            render: (_: unknown, e: Entry) => (
              <Space>
                <Tag color={WL_COLOR[e.status]}>{t(`servicesOps.wl_${e.status}`)}</Tag>
                {e.offerExpiresAt && <span>{t('servicesOps.offeredUntil', { time: `${fmt.date(shanghaiDay(new Date(e.offerExpiresAt)))} ${shanghaiTime(e.offerExpiresAt)}` })}</span>}
              </Space>
            ),
          },
          {
            title: '',
            render: (_: unknown, e: Entry) =>
              role === 'enterprise' && (e.status === 'offered' || e.status === 'waiting') ? (
                <Space>
                  {e.status === 'offered' && <Button size="small" type="primary" onClick={() => void act(e, 'accept')}>{t('servicesOps.accept')}</Button>}
                  <Button size="small" onClick={() => void act(e, 'withdraw')}>{t('servicesOps.withdraw')}</Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function Standing() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { data, error, reload } = useAsync((signal) => loadStanding(signal), []);
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Card size="small" title={t('servicesOps.standing')}>
      <Table
        rowKey="platformId"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={false}
        columns={[
          { title: t('servicesOps.platform'), dataIndex: 'platformName' },
          { title: t('servicesOps.noShows'), dataIndex: 'noShows', align: 'right' },
          { title: t('servicesOps.lateCancels'), dataIndex: 'lateCancels', align: 'right' },
          { title: t('servicesOps.strikes'), render: (_, s) => `${s.strikes} / ${s.limit}`, align: 'right' },
          { title: t('servicesOps.suspendedUntil'), render: (_, s) => (s.suspendedUntil ? <Tag color="red">{fmt.date(shanghaiDay(new Date(s.suspendedUntil)))}</Tag> : <Tag color="green">{t('servicesOps.notSuspended')}</Tag>) },
        ]}
      />
    </Card>
  );
}

function MonthPicker({ month, onChange }: { month: string; onChange: (m: string) => void }) {
  return <DatePicker picker="month" size="small" value={dayjs(`${month}-01`)} onChange={(d) => d && onChange(d.format('YYYY-MM'))} allowClear={false} />;
}

function Statement() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const [month, setMonth] = useState(shanghaiDay(new Date()).slice(0, 7));
  const { data, error, reload } = useAsync((signal) => loadStatement(month, signal), [month]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  type Item = NonNullable<typeof data>['items'][number];
  return (
    <Card
      size="small"
      title={t('servicesOps.statement')}
      extra={
        <Space>
          <MonthPicker month={month} onChange={setMonth} />
          <Button size="small" onClick={() => void downloadStatement(month).catch(notifyError)}>{t('servicesOps.exportExcel')}</Button>
        </Space>
      }
    >
      <Table<Item>
        rowKey="enterpriseId"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        expandable={{
          expandedRowRender: (e) => (
            <Table
              rowKey="bookingId"
              size="small"
              pagination={false}
              dataSource={e.lines}
              columns={[
                { title: t('services.instrument'), dataIndex: 'instrumentName' },
                { title: t('services.from'), render: (_, l) => `${fmt.date(shanghaiDay(new Date(l.start)))} ${shanghaiTime(l.start)}–${shanghaiTime(l.end)}` },
                { title: t('services.status'), render: (_, l) => t(`services.booking_${l.status}` as 'services.booking_completed') },
                { title: t('servicesOps.hours'), dataIndex: 'hours', align: 'right' },
                { title: t('services.price'), dataIndex: 'pricePerHour', align: 'right' },
                { title: t('servicesOps.amount'), dataIndex: 'amount', align: 'right' },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('services.enterprise'), dataIndex: 'enterpriseName' },
          { title: 'USCC', dataIndex: 'uscc' },
          { title: t('servicesOps.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('servicesOps.amount'), dataIndex: 'amount', align: 'right' },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>{t('servicesOps.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{data.totalHours}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{data.totalAmount}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}

function PlatformUtilisation() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [month, setMonth] = useState(shanghaiDay(new Date()).slice(0, 7));
  const { data, error, reload } = useAsync((signal) => loadUtilisation(month, signal), [month]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const pct = (v: number | null) => (v === null ? '—' : `${fmt.number(v * 100, 1)}%`);
  return (
    <Card size="small" title={t('servicesOps.platformUtilisation')} extra={<MonthPicker month={month} onChange={setMonth} />}>
      <Table
        rowKey="platformName"
        size="small"
        loading={!data}
        dataSource={data?.platforms}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: t('servicesOps.platform'), dataIndex: 'platformName' },
          { title: t('servicesOps.instruments'), dataIndex: 'instruments', align: 'right' },
          { title: t('services.availableHours'), dataIndex: 'availableHours', align: 'right' },
          { title: t('services.bookedHours'), dataIndex: 'bookedHours', align: 'right' },
          { title: t('services.usedHours'), dataIndex: 'usedHours', align: 'right' },
          { title: t('services.utilisation'), align: 'right', render: (_, r) => pct(r.utilisation) },
          { title: t('services.inDistrictShare'), align: 'right', render: (_, r) => pct(r.inDistrictShare) },
          { title: t('services.refused'), dataIndex: 'refused', align: 'right' },
        ]}
      />
    </Card>
  );
}

function MissingInstrument() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm();
  const { data, reload } = useAsync((signal) => listDemands(signal), []);
  const submit = async (v: { kind: string; description: string; hoursPerMonth?: number }) => {
    try {
      await submitDemand({ kind: v.kind, description: v.description, ...(v.hoursPerMonth ? { hoursPerMonth: v.hoursPerMonth } : {}) });
      void message.success(t('servicesOps.submitted'));
      form.resetFields();
      reload();
    } catch (e) {
      notifyError(e);
    }
  };
  return (
    <Card size="small" title={t('servicesOps.missingInstrument')}>
      <Form form={form} layout="inline" onFinish={submit}>
        <Form.Item name="kind" label={t('servicesOps.kind')} rules={[{ required: true, max: 60 }]}><Input style={{ width: 180 }} /></Form.Item>
        <Form.Item name="description" label={t('servicesOps.description')} rules={[{ required: true, max: 2000 }]}><Input style={{ width: 280 }} /></Form.Item>
        <Form.Item name="hoursPerMonth" label={t('servicesOps.hoursPerMonth')}><InputNumber min={1} max={744} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">{t('servicesOps.submit')}</Button></Form.Item>
      </Form>
      {(data?.items.length ?? 0) > 0 && (
        <Table
          style={{ marginTop: 12 }}
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data?.items}
          columns={[
            { title: t('servicesOps.kind'), dataIndex: 'kind' },
            { title: t('servicesOps.description'), dataIndex: 'description' },
            { title: t('servicesOps.hoursPerMonth'), dataIndex: 'hoursPerMonth', align: 'right' },
          ]}
        />
      )}
    </Card>
  );
}
