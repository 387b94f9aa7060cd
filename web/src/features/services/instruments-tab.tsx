import { App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { BookingView } from '../../../../contracts/services.ts';
import { useFormat } from '../../app/i18n/format.ts';
import { FilterTags } from '../../app/pages/filter-tags.tsx';
import { LoadError } from '../../app/pages/load-error.tsx';
import { useAsync } from '../../app/use-async.ts';
import { useNotifyError } from '../../app/use-error-text.ts';
import { busySlots, createBooking, decideBooking, downloadMyCalendar, listBookings, listInstruments, loadUtilisation } from './services.api.ts';
import { addDays, cellBusy, instantOf, mondayOf, shanghaiDay, shanghaiTime } from './week-grid.ts';
import { joinWaitlist } from './services-ops.api.ts';

type Instrument = NonNullable<Awaited<ReturnType<typeof listInstruments>>>['items'][number];
const STATUS_COLOR: Record<string, string> = { requested: 'gold', approved: 'green', declined: 'red', cancelled: 'default', completed: 'blue', 'no-show': 'volcano' };

/** Catalogue, a week grid of the chosen instrument (Shanghai time), bookings with approvals, utilisation. */
export function InstrumentsTab({ role }: { role: string }) {
  const { data, error, reload } = useAsync((signal) => listInstruments(signal), []);
  const [selected, setSelected] = useState<Instrument | null>(null);
  const [bookingsVersion, setBookingsVersion] = useState(0);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const items = data?.items ?? [];
  const current = selected ?? items.find((i) => i.myTrainingExpiresOn) ?? items[0] ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Catalogue items={items} loading={!data} selectedId={current?.id ?? null} onSelect={setSelected} showTraining={role === 'enterprise'} />
      {current && <WeekGrid instrument={current} canBook={role === 'enterprise'} key={`${current.id}:${bookingsVersion}`} onBooked={() => setBookingsVersion((v) => v + 1)} />}
      {['leader', 'commission', 'enterprise', 'platform'].includes(role) && <Bookings role={role} version={bookingsVersion} onChanged={() => setBookingsVersion((v) => v + 1)} />}
      {['leader', 'commission', 'platform'].includes(role) && <UtilisationCard />}
    </Space>
  );
}

function Catalogue({ items, loading, selectedId, onSelect, showTraining }: { items: Instrument[]; loading: boolean; selectedId: string | null; onSelect: (i: Instrument) => void; showTraining: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  return (
    <Table<Instrument>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 8, showSizeChanger: false }}
      rowClassName={(r) => (r.id === selectedId ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onSelect(r), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('services.instrument'), dataIndex: 'name' },
        { title: t('services.platform'), dataIndex: 'platformName' },
        { title: t('services.price'), render: (_, r) => `${r.prices.inDistrict} / ${r.prices.outside} / ${r.prices.academic}` },
        { title: t('services.openHours'), render: (_, r) => `${r.opensAt}–${r.closesAt}` },
        ...(showTraining
          ? [
              {
                title: t('services.training'),
                render: (_: unknown, r: Instrument) =>
                  !r.requiresTraining ? <Tag>{t('services.noTrainingNeeded')}</Tag> : r.myTrainingExpiresOn ? <Tag color="green">{t('services.trainedUntil', { date: fmt.date(r.myTrainingExpiresOn) })}</Tag> : <Tag>{t('services.notTrained')}</Tag>,
              },
            ]
          : []),
      ]}
    />
  );
}

function WeekGrid({ instrument, canBook, onBooked }: { instrument: Instrument; canBook: boolean; onBooked: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [week, setWeek] = useState(0);
  // a taken slot can be wait-listed: it is offered (held) to the first in line when it frees up
  const waitFor = (day: string, hour: number) =>
    modal.confirm({
      title: instrument.name,
      content: t('servicesOps.joinWaitlist'),
      onOk: async () => {
        try {
          await joinWaitlist({ instrumentId: instrument.id, start: instantOf(day, hour), end: instantOf(day, hour + 1) });
          void message.success(t('servicesOps.joined'));
        } catch (e) {
          notifyError(e);
        }
      },
    });
  const monday = mondayOf(shanghaiDay(new Date()), week);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const busy = useAsync((signal) => busySlots(instrument.id, instantOf(monday, 0), instantOf(addDays(monday, 7), 0), signal), [instrument.id, monday]);
  const opens = Number(instrument.opensAt.slice(0, 2));
  const closes = Number(instrument.closesAt.slice(0, 2));
  const hours = Array.from({ length: closes - opens }, (_, i) => opens + i);
  const [draft, setDraft] = useState<{ day: string; hour: number } | null>(null);
  const [form] = Form.useForm();
  const book = async (values: { hours: number; purpose?: string }) => {
    if (!draft) return;
    try {
      await createBooking({ instrumentId: instrument.id, start: instantOf(draft.day, draft.hour), end: instantOf(draft.day, draft.hour + values.hours), ...(values.purpose ? { purpose: values.purpose } : {}) });
      void message.success(t('services.booked'));
      setDraft(null);
      busy.reload();
      onBooked();
    } catch (e) {
      notifyError(e);
    }
  };
  const slots = busy.data?.items ?? [];
  return (
    <Card
      size="small"
      title={`${instrument.name} · ${t('services.weekOf', { date: fmt.date(monday) })}`}
      extra={
        <Space>
          <Button size="small" onClick={() => setWeek((w) => w - 1)}>{t('services.prevWeek')}</Button>
          <Button size="small" onClick={() => setWeek((w) => w + 1)}>{t('services.nextWeek')}</Button>
        </Space>
      }
    >
      <table className="services-week-grid" style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', fontSize: 12 }}>
        <thead>
          <tr>
            <th style={{ width: 56 }} />
            {days.map((d) => (
              <th key={d} style={{ padding: 4 }}>{fmt.date(d)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((h) => (
            <tr key={h}>
              <td style={{ padding: '2px 4px', color: '#888' }}>{`${String(h).padStart(2, '0')}:00`}</td>
              {days.map((d) => {
                const taken = cellBusy(d, h, slots);
                const past = Date.parse(instantOf(d, h)) < Date.now();
                const clickable = canBook && !taken && !past;
                const waitable = canBook && taken && !past;
                return (
                  <td
                    key={d}
                    onClick={clickable ? () => setDraft({ day: d, hour: h }) : waitable ? () => waitFor(d, h) : undefined}
                    style={{ border: '1px solid #f0f0f0', height: 22, textAlign: 'center', cursor: clickable || waitable ? 'pointer' : 'default', background: taken ? '#ffd8bf' : past ? '#fafafa' : '#f6ffed' }}
                    title={taken ? t('services.taken') : t('services.free')}
                  >
                    {taken ? t('services.taken') : ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <Modal open={draft !== null} title={t('services.bookTitle', { name: instrument.name })} onCancel={() => setDraft(null)} onOk={() => form.submit()} destroyOnHidden>
        {draft && (
          <Form form={form} layout="vertical" onFinish={book} initialValues={{ hours: 1 }}>
            <Form.Item label={t('services.from')}>{`${fmt.date(draft.day)} ${String(draft.hour).padStart(2, '0')}:00`}</Form.Item>
            <Form.Item name="hours" label={t('services.to')}>
              <Select options={Array.from({ length: Math.max(1, Math.min(4, closes - draft.hour)) }, (_, i) => ({ value: i + 1, label: `${String(draft.hour + i + 1).padStart(2, '0')}:00` }))} />
            </Form.Item>
            <Form.Item name="purpose" label={t('services.purpose')}>
              <Input maxLength={500} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}

function Bookings({ role, version, onChanged }: { role: string; version: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const notifyError = useNotifyError();
  const approver = role === 'commission' || role === 'platform';
  // ?bookingStatus=: the workbench's link to the bookings awaiting a decision or coming up.
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('bookingStatus');
  const [status, setStatus] = useState<string | undefined>(fromUrl ?? (approver ? 'requested' : undefined));
  const clearStatus = () => {
    const next = new URLSearchParams(params);
    next.delete('bookingStatus');
    setParams(next);
    setStatus(undefined);
  };
  const { data, error, reload } = useAsync((signal) => listBookings(status ? { status } : {}, signal), [status, version]);
  const act = async (b: BookingView, verb: 'approve' | 'decline' | 'cancel') => {
    try {
      await decideBooking(b.id, verb, { version: b.version });
      reload();
      onChanged();
    } catch (e) {
      notifyError(e);
    }
  };
  if (error) return <LoadError error={error} onRetry={reload} />;
  return (
    <Card
      size="small"
      title={approver && status === 'requested' ? t('services.approvals') : t('services.myBookings')}
      extra={
        <Space>
          <Select
            size="small"
            allowClear
            style={{ width: 120 }}
            value={status}
            onChange={setStatus}
            options={(['requested', 'approved', 'declined', 'cancelled', 'completed', 'no-show'] as const).map((s) => ({ value: s, label: t(`services.booking_${s}`) }))}
          />
          <Button size="small" onClick={() => void downloadMyCalendar().catch(notifyError)}>{t('services.exportIcs')}</Button>
        </Space>
      }
    >
      <FilterTags filters={status ? [{ key: 'bookingStatus', label: t('services.status'), value: t(`services.booking_${status as 'requested'}`), onClear: clearStatus }] : []} />
      <Table<BookingView>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: t('services.instrument'), dataIndex: 'instrumentName' },
          ...(role === 'enterprise' ? [] : [{ title: t('services.enterprise'), dataIndex: 'enterpriseName' }]),
          { title: t('services.from'), render: (_: unknown, b: BookingView) => `${fmt.date(shanghaiDay(new Date(b.start)))} ${shanghaiTime(b.start)}–${shanghaiTime(b.end)}` },
          { title: t('services.amount'), dataIndex: 'amount', align: 'right' as const },
          { title: t('services.status'), render: (_: unknown, b: BookingView) => <Tag color={STATUS_COLOR[b.status]}>{t(`services.booking_${b.status}`)}</Tag> },
          {
            title: '',
            render: (_: unknown, b: BookingView) => (
              <Space>
                {approver && b.status === 'requested' && (
                  <>
                    <Button size="small" type="primary" onClick={() => void act(b, 'approve')}>{t('services.approve')}</Button>
                    <Button size="small" danger onClick={() => void act(b, 'decline')}>{t('services.decline')}</Button>
                  </>
                )}
                {role === 'enterprise' && (b.status === 'requested' || b.status === 'approved') && Date.parse(b.start) > Date.now() && (
                  <Button size="small" onClick={() => void act(b, 'cancel')}>{t('services.cancel')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function UtilisationCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [month, setMonth] = useState(shanghaiDay(new Date()).slice(0, 7));
  const { data, error, reload } = useAsync((signal) => loadUtilisation(month, signal), [month]);
  if (error) return <LoadError error={error} onRetry={reload} />;
  const pct = (v: number | null) => (v === null ? '—' : `${fmt.number(v * 100, 1)}%`);
  return (
    <Card size="small" title={t('services.utilisation')} extra={<DatePicker picker="month" size="small" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} />}>
      <Table
        rowKey="instrumentId"
        size="small"
        loading={!data}
        dataSource={data?.items}
        pagination={{ pageSize: 10, showSizeChanger: false }}
        columns={[
          { title: t('services.instrument'), dataIndex: 'instrumentName' },
          { title: t('services.platform'), dataIndex: 'platformName' },
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
